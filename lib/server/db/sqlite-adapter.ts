import "server-only";
import type Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { immediateTransactions, WRITE_WAIT_MS } from "./sqlite-writes";
import { cacheStatements } from "./statement-cache";

/**
 * Prisma's better-sqlite3 adapter factory, with each connection's statements cached (decision 032) and its
 * transactions taking the write lock at BEGIN, waiting for it without blocking the process (decision 033).
 */
export class PortalSqlite extends PrismaBetterSqlite3 {
  constructor(
    config: ConstructorParameters<typeof PrismaBetterSqlite3>[0],
    /** How long a write waits for another process's lock before it is refused (tests shorten it). */
    private readonly writeWaitMs = WRITE_WAIT_MS,
  ) {
    super(config);
  }

  override async connect(): Promise<Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>> {
    const adapter = await super.connect();
    // The adapter keeps its better-sqlite3 connection in `client` (7.x). If an upgrade renames it, refuse to start
    // rather than quietly compile every statement again and begin transactions deferred.
    const db = (adapter as unknown as { client?: Database.Database }).client;
    if (typeof db?.prepare !== "function")
      throw new Error(
        "@prisma/adapter-better-sqlite3 no longer exposes its connection as `client`: see sqlite-adapter.ts",
      );
    cacheStatements(db);
    immediateTransactions(adapter, db, this.writeWaitMs);
    return adapter;
  }
}
