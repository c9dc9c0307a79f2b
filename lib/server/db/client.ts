import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client";
import { PrismaClient as PostgresClient } from "../generated/postgresql/client";
import { databaseConfig, type DatabaseConfig } from "./config";
import { secureSqliteFiles } from "./data-files";
import { PortalSqlite } from "./sqlite-adapter";

/**
 * The one Prisma client of the app. Both generated clients come from the same schema, so their model
 * APIs are identical; we type everything against the SQLite one and hide which provider is in use.
 */
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function createDb(config: DatabaseConfig): Db {
  if (config.provider === "sqlite") {
    secureSqliteFiles(config.file);
    const adapter = new PortalSqlite({ url: config.file });
    return new SqliteClient({ adapter });
  }
  const adapter = new PrismaPg({ connectionString: config.url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return new PostgresClient({ adapter }) as unknown as Db;
}

const globalForDb = globalThis as unknown as { portalDb?: Db };

/** Lazily created so that `next build` never opens a database. */
export function getDb(): Db {
  globalForDb.portalDb ??= createDb(databaseConfig());
  return globalForDb.portalDb;
}
