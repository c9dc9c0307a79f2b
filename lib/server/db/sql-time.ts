import "server-only";
/**
 * A time read by raw SQL: PostgreSQL gives a Date; SQLite gives what it stored, an ISO string or epoch
 * milliseconds (as a number, a bigint, or a numeric string where an aggregate such as MAX() lost the column type).
 */
export function sqlTime(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const raw =
    typeof value === "bigint"
      ? Number(value)
      : typeof value === "string" && /^\d+$/.test(value)
        ? Number(value)
        : value;
  const date = new Date(raw as string | number);
  return Number.isNaN(date.getTime()) ? null : date;
}
