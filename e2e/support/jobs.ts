import { runJobOnce } from "../../tests/support/jobs-cli";
import { E2E_AUTH_SECRET, E2E_SECRETS_KEY } from "./global-setup";

/** A job of the job table as an operator or cron runs it (`npm run jobs -- --once`), on the e2e database, as of `now`. */
export async function runJob(job: string, now: Date): Promise<string> {
  const env = { NEXTAUTH_SECRET: E2E_AUTH_SECRET, PORTAL_CA_ENCRYPTION_KEY: E2E_SECRETS_KEY, PORTAL_JOBS: "off" };
  const result = await runJobOnce({ databaseUrl: process.env.E2E_DATABASE_URL_IN_USE!, job, now, env });
  if (result.code !== 0) throw new Error(`jobs failed:\n${result.output}`);
  return result.output;
}

/** The retire-versions job as of `now`: versions RETIRING beside their renewal leave once their cut-over is past. */
export function retireJob(now: Date): Promise<string> {
  return runJob("retire-versions", now);
}
