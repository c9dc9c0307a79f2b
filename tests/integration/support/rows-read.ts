import Database from "better-sqlite3";

/**
 * Rows SQLite hands back while `work` runs, counted under the app's adapter (its reads go through better-sqlite3's
 * Statement#all): a read that loads an asset's whole history shows here whatever its answer looks like.
 */
export async function sqliteRowsRead<T>(work: () => Promise<T>): Promise<{ result: T; rows: number }> {
  const probe = new Database(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as { all(...args: unknown[]): unknown[] };
  probe.close();
  const all = proto.all;
  let rows = 0;
  proto.all = function (this: unknown, ...args: unknown[]) {
    const result = all.apply(this, args);
    rows += result.length;
    return result;
  };
  try {
    return { result: await work(), rows };
  } finally {
    proto.all = all;
  }
}
