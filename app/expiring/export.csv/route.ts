import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { expiringFilter, listExpiring } from "@/lib/server/notifications/list-expiring";
import { AppError } from "@/lib/server/errors";
import { fileErrorResponse, fileResponse } from "@/app/_lib/responses";
import { csvCell } from "@/app/_lib/csv";

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
    const body =
      [COLUMNS.join(","), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(","))].join("\r\n") + "\r\n";
    return fileResponse({
      filename: `expiring-${new Date().toISOString().slice(0, 10)}.csv`,
      contentType: "text/csv; charset=utf-8",
      body,
    });
  } catch (error) {
    return fileErrorResponse(request, error);
  }
}
