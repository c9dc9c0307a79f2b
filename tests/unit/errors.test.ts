import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { toAppError } from "@/lib/server/errors";

/**
 * SQLite's own "database is locked", raised outside the adapter's wait (decision 033), is BUSY (503, try again), not
 * CONFLICT ("reload"): nothing changed in between, the database was only busy. The error is a real one, from a second
 * connection that tries to write while the first holds the write lock.
 */
describe("toAppError", () => {
  it("maps SQLite's busy error to BUSY", () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-errors-"));
    const holder = new Database(join(dir, "db.sqlite"));
    const other = new Database(join(dir, "db.sqlite"), { timeout: 0 });
    try {
      holder.exec("CREATE TABLE t (x INTEGER)");
      holder.exec("BEGIN IMMEDIATE");
      let busy: unknown;
      try {
        other.exec("INSERT INTO t VALUES (1)");
      } catch (error) {
        busy = error;
      }
      expect((busy as { code?: string }).code).toBe("SQLITE_BUSY");
      expect(toAppError(busy)?.code).toBe("BUSY");
      expect(toAppError(busy)?.status).toBe(503);
    } finally {
      holder.close();
      other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
