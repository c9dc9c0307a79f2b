import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { expect, test } from "../support/fixtures";
import { E2E_AUTH_SECRET, ROOT } from "../support/global-setup";
import { runPortalScript, startServer } from "../support/extra-server";

const run = promisify(execFile);

/** `npm run backup` as an operator runs it, without blocking this process (the write load keeps going). */
async function npmBackup(databaseUrl: string, file: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run("npm", ["run", "--silent", "backup", "--", file], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

function rows(file: string, sql: string): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

function rowCounts(file: string): Record<string, number> {
  const tables = rows(
    file,
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  ).map((t) => String(t.name));
  return Object.fromEntries(
    tables.map((table) => [table, Number(rows(file, `SELECT count(*) AS n FROM "${table}"`)[0]!.n)]),
  );
}

const AUDIT = `SELECT * FROM "AuditEvent" ORDER BY id`;

// `npm run backup/restore` are the SQLite commands (PostgreSQL is backed up with pg_dump, README recipe). The
// spec serves its own SQLite file whichever database the suite's server uses.
test.describe("backup and restore (SQLite)", () => {
  test("backup under write load, restore into a fresh folder: same rows, same audit trail; refusals", async () => {
    test.setTimeout(180_000);
    const dir = mkdtempSync(path.join(os.tmpdir(), "portal-backup-"));
    const live = path.join(dir, "live", "portal.db");
    const liveUrl = `file:${live}`;
    const prepared = runPortalScript("scripts/prepare.ts", [], {
      DATABASE_URL: liveUrl,
      PORTAL_ADMIN_EMAIL: "root@backup.test",
      PORTAL_ADMIN_PASSWORD: "root password for backup",
    });
    expect(prepared.status, prepared.stderr).toBe(0);
    const server = await startServer({ DATABASE_URL: liveUrl });
    try {
      // Write load: failed sign-ins through the real form post, each one an audit row and throttle rows.
      let stop = false;
      let attempts = 0;
      const signInFailures = async (worker: number) => {
        while (!stop) {
          const csrf = await fetch(`${server.baseURL}/api/auth/csrf`, {
            headers: { "x-forwarded-for": `203.0.113.${worker}` },
          });
          const cookie = csrf.headers
            .getSetCookie()
            .map((c) => c.split(";")[0])
            .join("; ");
          const { csrfToken } = (await csrf.json()) as { csrfToken: string };
          await fetch(`${server.baseURL}/api/auth/callback/credentials`, {
            method: "POST",
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              cookie,
              "x-forwarded-for": `203.0.113.${worker}`,
            },
            body: new URLSearchParams({
              email: `load${worker}-${attempts++}@backup.test`,
              password: "wrong password",
              csrfToken,
              json: "true",
            }),
            redirect: "manual",
          });
        }
      };
      const load = Promise.all([1, 2, 3].map(signInFailures));
      await expect
        .poll(() => Number(rows(live, `SELECT count(*) AS n FROM "AuditEvent"`)[0]!.n), { timeout: 30_000 })
        .toBeGreaterThan(20);
      const auditBefore = Number(rows(live, `SELECT count(*) AS n FROM "AuditEvent"`)[0]!.n);

      const backupFile = path.join(dir, "portal-backup.db");
      const backup = await npmBackup(liveUrl, backupFile);
      expect(backup.code, backup.out).toBe(0);
      expect(backup.out).toContain("integrity ok");
      // The load goes on after the copy; then it stops.
      const inBackup = Number(rows(backupFile, `SELECT count(*) AS n FROM "AuditEvent"`)[0]!.n);
      await expect
        .poll(() => Number(rows(live, `SELECT count(*) AS n FROM "AuditEvent"`)[0]!.n))
        .toBeGreaterThan(inBackup);
      stop = true;
      await load;
      expect(inBackup).toBeGreaterThanOrEqual(auditBefore);

      // Restore onto a database a portal is serving: refused, the live database untouched.
      const liveCountsBefore = rowCounts(live);
      const refused = runPortalScript("scripts/restore.ts", [backupFile], { DATABASE_URL: liveUrl });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/is serving .*stop it first/);
      expect(rowCounts(live)).toEqual(liveCountsBefore);

      // Restore into a fresh folder: the same rows as the backup, and an audit trail every row of which is
      // in the live database unchanged (a consistent copy of one instant, not a torn one).
      const fresh = path.join(dir, "fresh", "portal.db");
      const restored = runPortalScript("scripts/restore.ts", [backupFile], { DATABASE_URL: `file:${fresh}` });
      expect(restored.status, restored.stderr).toBe(0);
      expect(rowCounts(fresh)).toEqual(rowCounts(backupFile));
      const restoredAudit = rows(fresh, AUDIT);
      const liveAudit = new Map(rows(live, AUDIT).map((row) => [row.id, JSON.stringify(row)]));
      expect(restoredAudit.length).toBe(inBackup);
      for (const row of restoredAudit) expect(liveAudit.get(row.id)).toBe(JSON.stringify(row));
      expect(rows(fresh, `PRAGMA integrity_check`)[0]).toEqual({ integrity_check: "ok" });

      // A backup from a newer schema is refused and the target left as it was.
      const newer = path.join(dir, "newer.db");
      copyFileSync(backupFile, newer);
      const db = new Database(newer);
      db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ('x', 'y', CURRENT_TIMESTAMP, '9999_from_the_future', 1)`,
      ).run();
      db.close();
      const freshCounts = rowCounts(fresh);
      const tooNew = runPortalScript("scripts/restore.ts", [newer], { DATABASE_URL: `file:${fresh}` });
      expect(tooNew.status).toBe(1);
      expect(tooNew.stderr).toContain("newer version of the portal");
      expect(rowCounts(fresh)).toEqual(freshCounts);
    } finally {
      await server.stop();
    }

    // The restored database serves: the portal on it is ready.
    const fresh = path.join(dir, "fresh", "portal.db");
    const again = await startServer({ DATABASE_URL: `file:${fresh}`, NEXTAUTH_SECRET: E2E_AUTH_SECRET });
    try {
      expect((await fetch(`${again.baseURL}/api/health/ready`)).status).toBe(200);
    } finally {
      await again.stop();
    }
    expect(existsSync(`${fresh}.serving`)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
