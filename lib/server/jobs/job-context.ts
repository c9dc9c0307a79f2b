import "server-only";
import type { Db } from "../db/client";
import type { NotificationConfig } from "../notifications/config";
import type { Mailer } from "../notifications/mailer";

/** What every job gets: the database, the time it runs at (tests pass it, no sleeping), who runs it. */
export type JobContext = {
  db: Db;
  now: Date;
  /** A unique id of this run: the lease owner of every row it claims. */
  owner: string;
  config: NotificationConfig;
  /** undefined = e-mail off (no SMTP_URL). */
  mailer?: Mailer;
  /** Extra CAs trusted for outbound HTTPS (tests; production uses the system store or NODE_EXTRA_CA_CERTS). */
  outboundCa?: string[];
};

export type JobResult = Record<string, number>;

export type JobDefinition = {
  name: string;
  /** What it does, for logs and the README. */
  description: string;
  /** How often it is due. */
  everyMs: number;
  /** How long a claim holds: a run that crashed is taken over after this. Longer than any honest run. */
  leaseMs: number;
  run: (context: JobContext) => Promise<JobResult>;
};
