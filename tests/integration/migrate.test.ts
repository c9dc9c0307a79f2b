import { afterEach, describe, expect, it } from "vitest";
import { loadMigrations, migrate, migrationsDir, MigrationChecksumError } from "@/lib/server/db/migrate";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";

describe.each(PROVIDERS)("migrator on %s", (provider) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it("applies every committed migration once and records it like Prisma Migrate", async () => {
    database = await freshDatabase(provider, { migrate: false });
    const expected = loadMigrations(migrationsDir(provider)).map((m) => m.name);
    expect(await migrate(database.config)).toEqual({ applied: expected, alreadyApplied: [] });
    expect(await migrate(database.config)).toEqual({ applied: [], alreadyApplied: expected });
    const rows = await database.db.$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(expected);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
  });

  it("refuses to run when an applied migration's file changed", async () => {
    database = await freshDatabase(provider);
    const changed = loadMigrations(migrationsDir(provider)).map((m, i) =>
      i === 0 ? { ...m, sql: m.sql + "\n-- edited", checksum: "0".repeat(64) } : m,
    );
    await expect(migrate(database.config, changed)).rejects.toBeInstanceOf(MigrationChecksumError);
  });

  it("rolls back a failing migration whole and records nothing for it", async () => {
    database = await freshDatabase(provider);
    const broken = [
      ...loadMigrations(migrationsDir(provider)),
      {
        name: "9999_broken",
        sql: `CREATE TABLE "Half" ("id" TEXT PRIMARY KEY);\nTHIS IS NOT SQL;`,
        checksum: "f".repeat(64),
      },
    ];
    await expect(migrate(database.config, broken)).rejects.toThrow();
    const half = await database.db.$queryRawUnsafe<unknown[]>(
      provider === "sqlite"
        ? `SELECT name FROM sqlite_master WHERE name = 'Half'`
        : `SELECT tablename FROM pg_tables WHERE tablename = 'Half'`,
    );
    expect(half).toHaveLength(0);
    const recorded = await database.db.$queryRawUnsafe<unknown[]>(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '9999_broken'`,
    );
    expect(recorded).toHaveLength(0);
  });

  it("lets two migrators race without applying anything twice", async () => {
    database = await freshDatabase(provider, { migrate: false });
    const [a, b] = await Promise.all([migrate(database.config), migrate(database.config)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(loadMigrations(migrationsDir(provider)).map((m) => m.name));
  });
});
