import { getDb } from "@/lib/server/db/client";
import { auditFilter, listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { auditCsv } from "@/lib/server/audit/audit-csv";
import { AppError } from "@/lib/server/errors";
import { csvFile, csvRoute } from "@/app/_lib/csv-route";

export const GET = csvRoute(async (request, actor) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = auditFilter.safeParse({ ...params, take: params.take ?? 5000 });
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Invalid filter.");
  const events = await listAuditEvents({ db: getDb(), actor, filter: parsed.data });
  return csvFile("audit", auditCsv(events));
});
