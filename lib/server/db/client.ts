import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client";
import { PrismaClient as PostgresClient } from "../generated/postgresql/client";
import { databaseConfig, type DatabaseConfig } from "./config";
import { secureSqliteFiles } from "./data-files";
import { statementNamer } from "./pg-statement-names";
import { PortalSqlite } from "./sqlite-adapter";
import { WRITE_WAIT_MS } from "./sqlite-writes";

/**
 * The one Prisma client of the app. Both generated clients come from the same schema, so their model
 * APIs are identical; we type everything against the SQLite one and hide which provider is in use.
 */
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * `options` are for the few tests that need a client unlike the app's in one respect (a short default transaction
 * time, one PostgreSQL connection); everything else about the client stays the app's.
 */
export function createDb(
  config: DatabaseConfig,
  options: { transactionTimeoutMs?: number; poolSize?: number } = {},
): Db {
  const timeout = options.transactionTimeoutMs === undefined ? {} : { timeout: options.transactionTimeoutMs };
  if (config.provider === "sqlite") {
    secureSqliteFiles(config.file);
    const adapter = new PortalSqlite({ url: config.file });
    // A transaction may wait up to WRITE_WAIT_MS for another process's write lock (decision 033); Prisma's own
    // limit on starting one (maxWait, 2 s by default) must not cut that short with an error of its own.
    return new SqliteClient({ adapter, transactionOptions: { maxWait: WRITE_WAIT_MS + 2_000, ...timeout } });
  }
  const adapter = new PrismaPg(
    { connectionString: config.url, max: options.poolSize ?? Number(process.env.DATABASE_POOL_SIZE ?? 10) },
    // Typed as always naming; node-postgres leaves a statement unnamed when the name is undefined.
    { statementNameGenerator: statementNamer() as (query: { sql: string }) => string },
  );
  return new PostgresClient({ adapter, transactionOptions: timeout }) as unknown as Db;
}

const globalForDb = globalThis as unknown as { portalDb?: Db };

/** Lazily created so that `next build` never opens a database. */
export function getDb(): Db {
  globalForDb.portalDb ??= createDb(databaseConfig());
  return globalForDb.portalDb;
}
