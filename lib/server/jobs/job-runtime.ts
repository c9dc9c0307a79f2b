import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "../db/client";
import { notificationConfig } from "../notifications/config";
import { createMailer } from "../notifications/mailer";
import type { JobContext } from "./job-context";

/** The context jobs run with in production: configuration from the environment, one mailer per process. */
export function productionJobContext(
  db: Db,
  env: NodeJS.ProcessEnv = process.env,
): Omit<JobContext, "now" | "owner"> & { newOwner: () => string } {
  const config = notificationConfig(env);
  const mailer = config.smtpUrl ? createMailer(config.smtpUrl) : undefined;
  return { db, config, mailer, newOwner: () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}` };
}
