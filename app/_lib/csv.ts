import "server-only";
import { csvCell } from "@/lib/server/audit/audit-csv";
import { fileResponse } from "./responses";

/** Every CSV download quotes every cell and neutralizes formula starts the same way (lib/server/audit/audit-csv.ts). */
export { csvCell };

/** A dated CSV download: a header of the column names, then one line per row, each cell through csvCell. */
export function csvDownload<C extends string>(
  stem: string,
  columns: readonly C[],
  rows: readonly Record<C, unknown>[],
): Response {
  const body =
    [columns.join(","), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(","))].join("\r\n") + "\r\n";
  return fileResponse({
    filename: `${stem}-${new Date().toISOString().slice(0, 10)}.csv`,
    contentType: "text/csv; charset=utf-8",
    body,
  });
}
