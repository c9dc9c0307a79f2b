import { runJobOnce } from "../../tests/support/jobs-cli";
import { E2E_AUTH_SECRET, E2E_SECRETS_KEY } from "./global-setup";

/**
 * A job of the job table as an operator runs it out of turn (`npm run jobs -- --once --force --job <name>`), on the
 * e2e database, as of `now`. Forced: specs share one database and drill different `now`s, and a run as of next
 * month (another spec's cut-over) must not leave this one "not due".
 */
export async function runJob(job: string, now: Date): Promise<string> {
  const env = { NEXTAUTH_SECRET: E2E_AUTH_SECRET, PORTAL_CA_ENCRYPTION_KEY: E2E_SECRETS_KEY, PORTAL_JOBS: "off" };
  const result = await runJobOnce({ databaseUrl: process.env.E2E_DATABASE_URL_IN_USE!, job, now, env, force: true });
  if (result.code !== 0) throw new Error(`jobs failed:\n${result.output}`);
  return result.output;
}

/** The retire-versions job as of `now`: versions RETIRING beside their renewal leave once their cut-over is past. */
export function retireJob(now: Date): Promise<string> {
  return runJob("retire-versions", now);
}
