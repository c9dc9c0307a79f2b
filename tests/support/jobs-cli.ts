import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * `npm run jobs -- --once --job <name> --now <time>` as cron or an operator runs it: a separate Node process on the
 * database at `databaseUrl`, as of `now` (no sleeping). Shared by the integration tests and the e2e specs.
 */
export function runJobOnce(options: {
  databaseUrl: string;
  job: string;
  now: Date;
  env?: Record<string, string>;
  /** Run it even if not due (`--force`): e2e specs drill different `now`s on one shared database. */
  force?: boolean;
}): Promise<{ code: number | null; output: string }> {
  const args = [
    "--conditions=react-server",
    "--import",
    "tsx",
    "scripts/jobs.ts",
    "--once",
    "--job",
    options.job,
    "--now",
    options.now.toISOString(),
    ...(options.force ? ["--force"] : []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env, DATABASE_URL: options.databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}
