import "server-only";
import { Prisma } from "../generated/sqlite/client";
import type { Db, Tx } from "./client";

/**
 * A row as Prisma's `CreateManyInput` types it, with its times as `Date` only: Prisma turns a date given as a string
 * into its own format, while a raw statement stores the string as given ("…Z" beside the "…+00:00" of every other row
 * on SQLite, which sorts and compares wrongly).
 */
type Row<T> = { [K in keyof T]: Date extends T[K] ? Exclude<T[K], string> : T[K] };

/**
 * The rows written on every upload and every lifecycle move, by table. A time column with a default must be given:
 * Prisma fills `@default(now())` in its own client, while the column's SQL default (CURRENT_TIMESTAMP) would store
 * another format on SQLite.
 */
type Rows = {
  AuditEvent: Row<Prisma.AuditEventCreateManyInput> & { createdAt: Date };
  AssetVersion: Row<Prisma.AssetVersionCreateManyInput> & { createdAt: Date; stateChangedAt: Date };
  OutboxEvent: Row<Prisma.OutboxEventCreateManyInput> & { createdAt: Date };
  Notification: Row<Prisma.NotificationCreateManyInput> & { createdAt: Date };
  Delivery: Row<Prisma.DeliveryCreateManyInput> & { createdAt: Date };
};

/**
 * Values bound by one statement, at most: raw statements may bind 32,766 on SQLite and 65,535 on PostgreSQL, but a
 * notice to every user of a large organization should not become one statement of that size.
 */
const MAX_PARAMETERS = 900;

/**
 * INSERT of whole rows as one raw statement per chunk, on SQLite and PostgreSQL alike (decision 036). Prisma's
 * `create` costs ~0.36 ms of its own JavaScript per row inside a transaction, against ~0.15 ms for the same INSERT
 * sent raw (measured in process, SQLite); an upload writes five such rows while it holds SQLite's one write lock,
 * so every other upload of every process waits for that JavaScript. Every row of one call must set the same
 * columns; a missing column would silently become NULL or its SQL default, so it is refused instead. Values go as
 * parameters (never spliced); table and column names come from the types above, never from input. A unique
 * violation raises Prisma's P2010 whose message says "unique constraint", which `retryOnUniqueConflict` and
 * `toAppError` recognise as a lost race.
 */
export async function insertRows<T extends keyof Rows>(db: Db | Tx, table: T, rows: readonly Rows[T][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).filter((c) => rows[0]![c as keyof Rows[T]] !== undefined);
  for (const row of rows) {
    const set = Object.keys(row).filter((c) => row[c as keyof Rows[T]] !== undefined);
    if (set.length !== columns.length || set.some((c) => !columns.includes(c)))
      throw new Error(`insertRows(${table}): every row must set the same columns`);
  }
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const names = Prisma.raw(columns.map((c) => `"${c}"`).join(", "));
  for (let start = 0; start < rows.length; start += perStatement) {
    const values = rows
      .slice(start, start + perStatement)
      .map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => row[c as keyof Rows[T]] as unknown))})`);
    await db.$executeRaw`INSERT INTO ${Prisma.raw(`"${table}"`)} (${names}) VALUES ${Prisma.join(values)}`;
  }
}
