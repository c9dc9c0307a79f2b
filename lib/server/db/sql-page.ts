import "server-only";
import { Prisma } from "../generated/sqlite/client";
import type { Db } from "./client";

/**
 * `column` contains `text`, ignoring case, on SQLite and PostgreSQL alike: Prisma's `contains` is case-sensitive on
 * PostgreSQL, and its `mode: "insensitive"` does not exist on SQLite. LIKE's own wildcards in `text` match
 * themselves. (SQLite's LOWER folds ASCII letters only: "é" does not find "É" there.)
 */
export function containsText(column: Prisma.Sql, text: string): Prisma.Sql {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return Prisma.sql`LOWER(${column}) LIKE ${pattern} ESCAPE '\\'`;
}

/** `WHERE a AND b …` of the conditions given, nothing when there are none. */
export function whereAll(conditions: (Prisma.Sql | undefined)[]): Prisma.Sql {
  const present = conditions.filter((c): c is Prisma.Sql => c !== undefined);
  return present.length ? Prisma.sql`WHERE ${Prisma.join(present, " AND ")}` : Prisma.empty;
}

/**
 * One page of a filtered list, as ids in `orderBy` order, and how many rows match in all, read in one transaction:
 * on SQLite one snapshot; on PostgreSQL (READ COMMITTED) a write committed between the two statements can make the
 * count differ from the page by that write. The caller reads the page's records by id (`inOrder`).
 */
export async function pageOfIds(
  db: Db,
  query: { id: Prisma.Sql; from: Prisma.Sql; where: Prisma.Sql; orderBy: Prisma.Sql; limit: number; offset: number },
): Promise<{ ids: string[]; total: number }> {
  const { id, from, where, orderBy, limit, offset } = query;
  const [rows, counted] = await db.$transaction([
    db.$queryRaw<
      { id: string }[]
    >`SELECT ${id} AS id FROM ${from} ${where} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`,
    db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS n FROM ${from} ${where}`,
  ]);
  return { ids: rows.map((r) => r.id), total: Number(counted[0]?.n ?? 0) };
}

/** Records read by id (`WHERE id IN …`, in no order) put back in the page's order; an id since gone is left out. */
export function inOrder<T extends { id: string }>(ids: string[], records: T[]): T[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
