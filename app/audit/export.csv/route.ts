import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { auditFilter, listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { auditCsv } from "@/lib/server/audit/audit-csv";
import { AppError } from "@/lib/server/errors";
import { fileErrorResponse, fileResponse } from "@/app/_lib/responses";

export async function GET(request: Request) {
  try {
    const actor = await requireUser();
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const parsed = auditFilter.safeParse({ ...params, take: params.take ?? 5000 });
    if (!parsed.success) throw new AppError("INVALID_INPUT", "Invalid filter.");
    const events = await listAuditEvents({ db: getDb(), actor, filter: parsed.data });
    return fileResponse({
      filename: `audit-${new Date().toISOString().slice(0, 10)}.csv`,
      contentType: "text/csv; charset=utf-8",
      body: auditCsv(events),
    });
  } catch (error) {
    return fileErrorResponse(request, error);
  }
}
