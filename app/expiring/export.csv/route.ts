import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { expiringFilter, listExpiring } from "@/lib/server/notifications/list-expiring";
import { AppError } from "@/lib/server/errors";
import { fileErrorResponse } from "@/app/_lib/responses";
import { csvDownload } from "@/app/_lib/csv";

const COLUMNS = [
  "notAfter",
  "daysLeft",
  "threshold",
  "organization",
  "program",
  "identifier",
  "environment",
  "kind",
  "seq",
  "subject",
  "sha256",
  "versionId",
  "connectionId",
] as const;

/** The Thales "expiring" view as CSV, with the same filter as the page. */
export async function GET(request: Request) {
  try {
    const actor = await requireUser();
    const parsed = expiringFilter.safeParse(
      Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v)),
    );
    if (!parsed.success) throw new AppError("INVALID_INPUT", "Invalid filter.");
    const rows = await listExpiring({ db: getDb(), actor, filter: parsed.data });
    return csvDownload("expiring", COLUMNS, rows);
  } catch (error) {
    return fileErrorResponse(request, error);
  }
}
