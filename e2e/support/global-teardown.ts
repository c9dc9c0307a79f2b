import { readFileSync, rmSync } from "node:fs";
import { STATE_FILE } from "./global-setup";

export default async function globalTeardown(): Promise<void> {
  const state = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { pid: number; dir: string; databaseUrl: string };
  try {
    process.kill(-state.pid, "SIGTERM");
  } catch {
    // already gone
  }
  rmSync(state.dir, { recursive: true, force: true });
  rmSync(STATE_FILE, { force: true });
  if (state.databaseUrl.startsWith("postgres") && process.env.E2E_DATABASE_URL) {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${new URL(state.databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
    await client.end();
  }
}
