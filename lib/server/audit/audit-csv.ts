import "server-only";

/**
 * The audit log as CSV for spreadsheets, safe against formula injection (OWASP "CSV Injection"): every
 * cell is quoted (RFC 4180), and any text that a spreadsheet could read as a formula — a cell or a
 * `;`-separated piece of one (locales where `;` is the list separator split there) starting with
 * = + - @ tab or CR, after optional spaces — gets a leading apostrophe, which spreadsheets show as text.
 */
export const AUDIT_CSV_COLUMNS = [
  "createdAt",
  "action",
  "actorEmail",
  "actorRole",
  "organizationId",
  "targetType",
  "targetId",
  "before",
  "after",
  "details",
  "ip",
  "userAgent",
] as const;

const FORMULA_START = /(^|;)([ ]*)(?=[=+\-@\t\r])/g;

export function csvCell(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : value == null ? "" : String(value);
  return `"${text.replace(FORMULA_START, "$1$2'").replace(/"/g, '""')}"`;
}

export function auditCsv(events: Record<(typeof AUDIT_CSV_COLUMNS)[number], unknown>[]): string {
  const lines = [
    AUDIT_CSV_COLUMNS.map(csvCell).join(","),
    ...events.map((event) => AUDIT_CSV_COLUMNS.map((column) => csvCell(event[column])).join(",")),
  ];
  return lines.join("\r\n") + "\r\n";
}
