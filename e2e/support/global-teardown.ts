import { readFileSync, rmSync } from "node:fs";
import { dropDatabase } from "../../tests/support/drop-database";
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
    await dropDatabase(process.env.E2E_DATABASE_URL, new URL(state.databaseUrl).pathname.slice(1));
  }
}
