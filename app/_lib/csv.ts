import "server-only";

/** Every CSV download quotes every cell and neutralizes formula starts the same way (lib/server/audit/audit-csv.ts). */
export { csvCell } from "@/lib/server/audit/audit-csv";
