import { getDb } from "@/lib/server/db/client";
import { expiringFilter, listAllExpiring } from "@/lib/server/notifications/list-expiring";
import { AppError } from "@/lib/server/errors";
import { csvDownload, csvRoute, VERSION_COLUMNS } from "@/app/_lib/csv-route";

const COLUMNS = [
  "notAfter",
  "daysLeft",
  "threshold",
  ...VERSION_COLUMNS,
  "subject",
  "sha256",
  "versionId",
  "connectionId",
] as const;

/** The Thales "expiring" view as CSV, with the same filter as the page: every page of it. */
export const GET = csvRoute(async (request, actor) => {
  const parsed = expiringFilter.safeParse(
    Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v)),
  );
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Invalid filter.");
  const rows = await listAllExpiring({ db: getDb(), actor, filter: parsed.data });
  return csvDownload("expiring", COLUMNS, rows);
});
