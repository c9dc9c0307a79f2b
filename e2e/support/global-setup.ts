import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * Starts the real app for the e2e run: a fresh database (a temporary SQLite file, or a new PostgreSQL
 * database when E2E_DATABASE_URL names a server), migrated and seeded with the demo data through the same
 * scripts an operator runs, then the production server (scripts/serve.mjs, as `npm start`) on a free port.
 * The production build must exist (scripts/test-all.mjs builds it first).
 */
export const ROOT = path.resolve(import.meta.dirname, "../..");
/** Shared with scripts the specs run against the same database (e.g. `npm run token`). */
export const E2E_AUTH_SECRET = "e2e-secret-not-for-production-0123456789";
/** The key protecting secrets at rest (CA key, TOTP secrets) on the e2e server: 32 bytes, base64. */
export const E2E_SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");
export const STATE_FILE = path.join(os.tmpdir(), `portal-e2e-${process.pid}.json`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function runScript(script: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`${script} failed:\n${result.stdout}\n${result.stderr}`);
}

async function createPostgresDatabase(adminUrl: string): Promise<string> {
  const { default: pg } = await import("pg");
  const name = `portal_e2e_${Date.now()}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));
  const databaseUrl = process.env.E2E_DATABASE_URL
    ? await createPostgresDatabase(process.env.E2E_DATABASE_URL)
    : `file:${path.join(dir, "portal.db")}`;
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: baseURL,
    // Issued certificates then carry the CRL distribution point, as in production (the signing preview shows it).
    PORTAL_PUBLIC_URL: baseURL,
    NEXTAUTH_SECRET: E2E_AUTH_SECRET,
    PORTAL_CA_ENCRYPTION_KEY: E2E_SECRETS_KEY,
    PORTAL_ADMIN_EMAIL: "root@portal.test",
    PORTAL_ADMIN_PASSWORD: "root password for e2e",
    NEXT_TELEMETRY_DISABLED: "1",
    // No background jobs in the e2e server: a webhook a spec registers would otherwise be looked up in DNS
    // (traffic off this machine). The jobs are proven through `npm run jobs` in tests/integration/.
    PORTAL_JOBS: "off",
    // Request lines would drown the test report; warnings and errors still show.
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // The specs stand in for a reverse proxy on 127.0.0.1: each test picks its client address with
    // X-Forwarded-For. A client on any other loopback address (127.0.0.2) is not believed.
    PORTAL_TRUSTED_PROXIES: "127.0.0.1",
    // The endpoint check's lab mode: loopback TLS servers started by the specs may be probed (docs/decisions/014).
    PORTAL_PROBE_ALLOW: "127.0.0.0/8,::1/128",
    PORTAL_PROBE_TIMEOUT_MS: "2000",
  };
  runScript("scripts/prepare.ts", env);
  runScript("scripts/seed-demo.ts", env);

  const server = spawn(
    process.execPath,
    [path.join(ROOT, "scripts/serve.mjs"), "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      env,
      stdio: ["ignore", "inherit", "inherit"],
      detached: true,
    },
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`${baseURL}/login`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("The app did not answer on /login within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  writeFileSync(STATE_FILE, JSON.stringify({ pid: server.pid, dir, databaseUrl, baseURL }));
  process.env.E2E_BASE_URL = baseURL;
  process.env.E2E_DATABASE_URL_IN_USE = databaseUrl;
}
