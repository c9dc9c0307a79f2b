import "server-only";
import type { Actor } from "@/lib/server/actor";
import { requireUser } from "@/lib/server/auth/session";
import { csvCell } from "@/lib/server/audit/audit-csv";
import { fileErrorResponse, fileResponse } from "./responses";

/**
 * A CSV export route: signed-in users only (the service then scopes and authorizes what it lists), and any error
 * answered as for every file route (`fileErrorResponse`: the branded page in a browser, JSON otherwise).
 */
export function csvRoute(build: (request: Request, actor: Actor) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    try {
      return await build(request, await requireUser());
    } catch (error) {
      return fileErrorResponse(request, error);
    }
  };
}

/** The columns naming the version a row is about, in every export of versions: where it stands, then which one. */
export const VERSION_COLUMNS = ["organization", "program", "identifier", "environment", "kind", "seq"] as const;

/** A CSV body as a dated download: `<stem>-YYYY-MM-DD.csv`. */
export function csvFile(stem: string, body: string): Response {
  return fileResponse({
    filename: `${stem}-${new Date().toISOString().slice(0, 10)}.csv`,
    contentType: "text/csv; charset=utf-8",
    body,
  });
}

/** A dated CSV download: a header of the column names, then one line per row, each cell through csvCell. */
export function csvDownload<C extends string>(
  stem: string,
  columns: readonly C[],
  rows: readonly Record<C, unknown>[],
): Response {
  return csvFile(
    stem,
    [columns.join(","), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(","))].join("\r\n") + "\r\n",
  );
}
