import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabaseConfig } from "@/lib/server/db/config";
import { migrate } from "@/lib/server/db/migrate";
import { createDb, type Db } from "@/lib/server/db/client";
import { dropDatabase } from "../../support/drop-database";

/**
 * The databases every integration test runs against: a fresh SQLite file always, and a fresh PostgreSQL
 * database when TEST_DATABASE_URL points at a server (CI always sets it; scripts/test-all.mjs says when
 * a local run had none). Each call makes a new, empty database, so test files never share state.
 */
export const PROVIDERS: DatabaseConfig["provider"][] = process.env.TEST_DATABASE_URL
  ? ["sqlite", "postgresql"]
  : ["sqlite"];

if (process.env.CI && !process.env.TEST_DATABASE_URL) {
  throw new Error("CI must run the integration tests on PostgreSQL too: set TEST_DATABASE_URL (see .ci/run).");
}

export type TestDatabase = { config: DatabaseConfig; db: Db; drop: () => Promise<void> };

export async function freshDatabase(
  provider: DatabaseConfig["provider"],
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  let config: DatabaseConfig;
  let cleanup: () => Promise<void>;
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "portal-test-"));
    config = { provider, file: path.join(dir, "portal.db") };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const admin = process.env.TEST_DATABASE_URL!;
    const name = `portal_test_${randomBytes(6).toString("hex")}`;
    await withClient(admin, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = new URL(admin);
    url.pathname = `/${name}`;
    config = { provider, url: url.toString() };
    cleanup = () => dropDatabase(admin, name);
  }
  if (options.migrate !== false) await migrate(config);
  const db = createDb(config);
  return {
    config,
    db,
    drop: async () => {
      await db.$disconnect();
      await cleanup();
    },
  };
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
