import "server-only";
import type { JobDefinition } from "./job-context";
import { deliverOutbox } from "../notifications/deliver-outbox";
import { watchExpiry } from "../notifications/watch-expiry";
import { sendDigests } from "../notifications/send-digests";
import { recheckEndpoints } from "../probes/recheck-endpoints";
import { retireVersions } from "../assets/retire-versions";
import { remindCampaigns } from "../campaigns/remind-campaigns";

const MINUTE = 60_000;

/**
 * Every background job of the portal: one entry each. The in-process scheduler of every instance and
 * `npm run jobs -- --once` run exactly this table; the database lease decides which instance runs a job.
 * To add a job (e.g. the daily endpoint re-check), add one entry here.
 */
export const JOBS: readonly JobDefinition[] = [
  {
    name: "expiry-watch",
    description: "Expiry notices at 90/60/30/14/7/1 days and on expiry.",
    everyMs: 60 * MINUTE,
    leaseMs: 15 * MINUTE,
    run: watchExpiry,
  },
  {
    name: "daily-digest",
    description: "One e-mail a day to users who chose the digest.",
    everyMs: 60 * MINUTE,
    leaseMs: 15 * MINUTE,
    run: sendDigests,
  },
  {
    name: "endpoint-recheck",
    description: "Daily endpoint check of every host in force; both sides told when the result changes.",
    everyMs: 60 * MINUTE,
    leaseMs: 30 * MINUTE,
    run: async ({ db, now }) => {
      const { changedConnections: _changed, ...counts } = await recheckEndpoints({ db, now });
      return counts;
    },
  },
  {
    name: "retire-versions",
    description: "Supersedes versions in force beside their renewal once their cut-over has come.",
    everyMs: 5 * MINUTE,
    leaseMs: 10 * MINUTE,
    run: retireVersions,
  },
  {
    name: "campaign-reminders",
    description:
      "Reminds customers who have not acknowledged a rotation campaign's new CA, 14/7/1 days before its cut-over.",
    everyMs: 60 * MINUTE,
    leaseMs: 15 * MINUTE,
    run: remindCampaigns,
  },
  {
    name: "deliver-outbox",
    description: "Sends pending e-mails and webhooks, with retries.",
    everyMs: 0,
    leaseMs: 10 * MINUTE,
    run: deliverOutbox,
  },
];
