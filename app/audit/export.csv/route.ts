import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { auditFilter, listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { AppError } from "@/lib/server/errors";
import { errorResponse, fileResponse } from "../../_lib/responses";
import { csvCell as cell } from "../../_lib/csv";

const COLUMNS = ["createdAt", "action", "actorEmail", "actorRole", "organizationId", "targetType", "targetId", "before", "after", "details", "ip", "userAgent"] as const;


export async function GET(request: Request) {
  try {
    const actor = await requireUser();
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const parsed = auditFilter.safeParse({ ...params, take: params.take ?? 5000 });
    if (!parsed.success) throw new AppError("INVALID_INPUT", "Invalid filter.");
    const events = await listAuditEvents({ db: getDb(), actor, filter: parsed.data });
    const body = [COLUMNS.join(","), ...events.map((e) => COLUMNS.map((c) => cell(e[c])).join(","))].join("\r\n") + "\r\n";
    return fileResponse({ filename: `audit-${new Date().toISOString().slice(0, 10)}.csv`, contentType: "text/csv; charset=utf-8", body });
  } catch (error) {
    return errorResponse(error);
  }
}
