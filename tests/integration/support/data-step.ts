import { DATA_STEPS } from "@/lib/server/db/data-steps";
import type { TestDatabase } from "./databases";

/**
 * Runs one migration data step (lib/server/db/data-steps.ts) against a test database, as the migrator would: its
 * `?` parameters rewritten to `$1, $2…` on PostgreSQL. For tests that empty a filled column and fill it again.
 */
export async function runDataStep(database: TestDatabase, name: string): Promise<void> {
  const provider = database.config.provider;
  const run = async (sql: string, params: unknown[] = []) => {
    let n = 0;
    const text = provider === "postgresql" ? sql.replace(/\?/g, () => `$${++n}`) : sql;
    return database.db.$queryRawUnsafe(text, ...params);
  };
  await DATA_STEPS[name]!(
    {
      provider,
      all: async <T>(sql: string, params?: unknown[]) => (await run(sql, params)) as T[],
      run: async (sql, params) => {
        await run(sql, params);
      },
    },
    new Date(),
  );
}
