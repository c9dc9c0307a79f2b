import type { Db } from "@/lib/server/db/client";
import type { DatabaseConfig } from "@/lib/server/db/config";

/** What the Prisma schema says must exist in the database: tables and scalar columns with nullability. */
export type ExpectedTable = { table: string; columns: { name: string; nullable: boolean }[] };

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]);

/** A deliberately small reader of prisma/schema.prisma: models, @map/@@map, scalar fields, `?`. */
export function expectedTables(schema: string): ExpectedTable[] {
  const enums = new Set([...schema.matchAll(/^enum\s+(\w+)\s*\{/gm)].map((m) => m[1]!));
  const tables: ExpectedTable[] = [];
  for (const match of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, model, body] = match as unknown as [string, string, string];
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? model;
    const columns: ExpectedTable["columns"] = [];
    for (const raw of body.split("\n")) {
      const line = raw.replace(/\/\/.*$/, "").trim();
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!field || line.startsWith("@@")) continue;
      const [, name, type, list, optional, rest] = field as unknown as [
        string,
        string,
        string,
        string | undefined,
        string | undefined,
        string,
      ];
      if (list || (!SCALARS.has(type) && !enums.has(type))) continue; // relation fields have no column
      columns.push({ name: /@map\("([^"]+)"\)/.exec(rest)?.[1] ?? name, nullable: optional === "?" });
    }
    tables.push({ table, columns });
  }
  return tables;
}

type Column = { table: string; name: string; nullable: boolean };

export async function actualColumns(db: Db, provider: DatabaseConfig["provider"]): Promise<Column[]> {
  if (provider === "postgresql") {
    const rows = await db.$queryRawUnsafe<{ table_name: string; column_name: string; is_nullable: string }[]>(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema()`,
    );
    return rows.map((r) => ({ table: r.table_name, name: r.column_name, nullable: r.is_nullable === "YES" }));
  }
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
  );
  const columns: Column[] = [];
  for (const { name: table } of tables) {
    const info = await db.$queryRawUnsafe<{ name: string; notnull: number | bigint; pk: number | bigint }[]>(
      `PRAGMA table_info("${table}")`,
    );
    for (const c of info)
      columns.push({ table, name: c.name, nullable: Number(c.notnull) === 0 && Number(c.pk) === 0 });
  }
  return columns;
}

/** Every difference between the schema and the migrated database, as readable lines (empty = no drift). */
export function driftBetween(expected: ExpectedTable[], actual: Column[]): string[] {
  const problems: string[] = [];
  const key = (table: string, column: string) => `${table}.${column}`;
  const actualByKey = new Map(
    actual.filter((c) => c.table !== "_prisma_migrations").map((c) => [key(c.table, c.name), c]),
  );
  const expectedKeys = new Set<string>();
  for (const { table, columns } of expected) {
    if (!actual.some((c) => c.table === table))
      problems.push(`table ${table} is in the schema but not in the migrations`);
    for (const column of columns) {
      expectedKeys.add(key(table, column.name));
      const found = actualByKey.get(key(table, column.name));
      if (!found) problems.push(`column ${key(table, column.name)} is in the schema but not in the migrations`);
      else if (found.nullable !== column.nullable)
        problems.push(
          `column ${key(table, column.name)} is ${column.nullable ? "optional" : "required"} in the schema but ${found.nullable ? "nullable" : "NOT NULL"} in the database`,
        );
    }
  }
  for (const k of actualByKey.keys())
    if (!expectedKeys.has(k)) problems.push(`column ${k} is in the database but not in the schema`);
  return problems;
}
