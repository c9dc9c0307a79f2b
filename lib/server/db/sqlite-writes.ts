import "server-only";
import type Database from "better-sqlite3";
import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;

/**
 * Several server processes on one SQLite file (one worker per core, scripts/cluster.mjs): each process has its own
 * connection and SQLite lets one of them write at a time. Two things stop that from failing requests or freezing a
 * process (decision 033):
 *
 * - Transactions take the write lock when they begin (`BEGIN IMMEDIATE`). Prisma's adapter begins them deferred, so
 *   a transaction that read first and then wrote, while another process had written since its read, was refused at
 *   once with SQLITE_BUSY_SNAPSHOT: waiting cannot help a snapshot that is already stale (measured: 14 of 30
 *   concurrent uploads on two workers failed).
 * - A busy lock is waited for between turns of the event loop, not inside SQLite. better-sqlite3's busy timeout
 *   sleeps in the calling thread, so a worker waiting for another's upload would answer nobody meanwhile. Here the
 *   connection's busy timeout is 0: BEGIN IMMEDIATE, or a statement outside a transaction, that finds the lock taken
 *   fails at once having done nothing, and is tried again after a short timer, until WRITE_WAIT_MS have passed.
 *
 * Inside a transaction nothing can be busy any more: it holds the write lock, and in WAL mode readers never wait.
 */
export const WRITE_WAIT_MS = 10_000;

const busy = (error: unknown) => {
  const code = (error as { cause?: { originalCode?: unknown } })?.cause?.originalCode;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` again while SQLite says another connection holds the lock, for up to `waitMs`. */
export async function whileBusy<T>(attempt: () => Promise<T>, waitMs = WRITE_WAIT_MS): Promise<T> {
  const deadline = Date.now() + waitMs;
  // Short pauses: the process holding the lock begins its next transaction right after a commit, so a long pause
  // here would mostly lose the race for the lock again (SQLite grants it to whoever asks first, not in turn).
  for (let pause = 1; ; pause = Math.min(pause * 2, 5)) {
    try {
      return await attempt();
    } catch (error) {
      if (!busy(error) || Date.now() >= deadline) throw error;
    }
    // Jitter, so that processes that found the lock taken together do not all try again together.
    await sleep(pause * (0.5 + Math.random()));
  }
}

/** The adapter's own BEGIN (adapter-better-sqlite3 7.x runs `prepare("BEGIN").run()`), made to do nothing. */
const ADAPTER_BEGIN = "BEGIN";
const NOTHING = { reader: false, run: () => ({ changes: 0, lastInsertRowid: 0 }) };

/**
 * Makes `adapter` (Prisma's better-sqlite3 adapter, connected to `db`) begin its transactions with BEGIN IMMEDIATE
 * and wait for a busy lock asynchronously, as described above.
 */
export function immediateTransactions(adapter: SqlDriverAdapter, db: Database.Database, waitMs = WRITE_WAIT_MS) {
  db.pragma("busy_timeout = 0");
  const prepare = db.prepare.bind(db) as (sql: string) => unknown;
  (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql) =>
    sql === ADAPTER_BEGIN ? NOTHING : prepare(sql);

  const begin = { sql: "BEGIN IMMEDIATE", args: [], argTypes: [] };
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    // The adapter's start waits for this process's turn (its own mutex) and returns without a SQLite transaction.
    const transaction = await startTransaction(isolationLevel);
    // The adapter's commit() and rollback() only give the process's turn back: Prisma sends COMMIT or ROLLBACK
    // itself first. If that failed (a COMMIT refused for an I/O error, say), the transaction would stay open on the
    // connection and, begun IMMEDIATE, keep every other process from writing: end it before giving the turn back.
    for (const end of ["commit", "rollback"] as const) {
      const release = transaction[end].bind(transaction);
      transaction[end] = () => {
        if (db.inTransaction) db.exec("ROLLBACK");
        return release();
      };
    }
    try {
      await whileBusy(() => transaction.executeRaw(begin), waitMs);
    } catch (error) {
      await transaction.rollback(); // gives the turn back; nothing began
      throw error;
    }
    return transaction;
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = (query) => whileBusy(() => queryRaw(query), waitMs);
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = (query) => whileBusy(() => executeRaw(query), waitMs);
}
