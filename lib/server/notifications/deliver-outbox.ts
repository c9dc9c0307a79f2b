import "server-only";
import { createHash } from "node:crypto";
import { isEventCode, renderEvent, type EventPayload, type Recipient } from "@/lib/assets/notification-events";
import { renderEmail } from "@/lib/assets/notification-email";
import { WEBHOOK_DISABLE_AFTER, nextAttempt } from "@/lib/assets/delivery-policy";
import type { JobContext, JobResult } from "../jobs/job-context";
import { decryptKey } from "../ca/key-encryption";
import { emitEvent } from "./emit-event";
import { sendWebhook } from "./send-webhook";

const BATCH = 200;
/** Longer than a delivery can take (10 s webhook timeout, SMTP timeouts): a lease past this is a crashed run. */
const LEASE_MS = 2 * 60_000;

type Loaded = {
  id: string;
  channel: string;
  target: string;
  side: string;
  attempts: number;
  event: { id: string; type: string; organizationId: string | null; payload: string; createdAt: Date };
};

/**
 * The delivery job: claims each due delivery with a lease (one conditional UPDATE: only one instance wins),
 * sends it, and marks it SENT only under its own lease. A run killed mid-send leaves the lease to expire and
 * the next run retries it with the same event id (webhooks) and Message-ID (e-mail), so receivers can drop
 * the repeat: at-least-once sending, exactly-once effect (docs/decisions/011-…).
 */
export async function deliverOutbox(context: JobContext): Promise<JobResult> {
  const { db, now, owner } = context;
  const claimable = {
    state: "PENDING",
    nextAttemptAt: { lte: now },
    OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
  };
  const channels = context.mailer ? ["EMAIL", "WEBHOOK"] : ["WEBHOOK"];
  const due = await db.delivery.findMany({
    where: { ...claimable, channel: { in: channels } },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  const result = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  for (const { id } of due) {
    const claimed = await db.delivery.updateMany({
      where: { id, ...claimable },
      data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
    });
    if (claimed.count !== 1) {
      result.skipped++;
      continue;
    }
    const delivery = await db.delivery.findUniqueOrThrow({
      where: { id },
      select: {
        id: true,
        channel: true,
        target: true,
        side: true,
        attempts: true,
        event: { select: { id: true, type: true, organizationId: true, payload: true, createdAt: true } },
      },
    });
    try {
      const status = await send(context, delivery);
      await db.delivery.updateMany({
        where: { id, leaseOwner: owner },
        data: {
          state: "SENT",
          sentAt: new Date(),
          lastStatus: status ?? null,
          lastError: null,
          leaseOwner: null,
          leaseUntil: null,
        },
      });
      if (delivery.channel === "WEBHOOK")
        await db.webhook.updateMany({ where: { id: delivery.target }, data: { consecutiveFailures: 0 } });
      result.sent++;
    } catch (error) {
      const next = error instanceof PermanentFailure ? undefined : nextAttempt(now, delivery.attempts);
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      await db.delivery.updateMany({
        where: { id, leaseOwner: owner },
        data: {
          state: next ? "PENDING" : "FAILED",
          nextAttemptAt: next ?? now,
          lastError: message,
          lastStatus: (error as { status?: number }).status ?? null,
          leaseOwner: null,
          leaseUntil: null,
        },
      });
      if (next) result.retrying++;
      else result.failed++;
      if (delivery.channel === "WEBHOOK" && !(error instanceof PermanentFailure))
        await countWebhookFailure(context, delivery.target);
    }
  }
  return result;
}

class PermanentFailure extends Error {}

async function send(context: JobContext, delivery: Loaded): Promise<number | undefined> {
  const { event } = delivery;
  if (!isEventCode(event.type)) throw new PermanentFailure(`unknown event ${event.type}`);
  const payload = JSON.parse(event.payload) as EventPayload;
  const side = (delivery.side === "THALES" ? "THALES" : "CUSTOMER") satisfies Recipient;
  if (delivery.channel === "EMAIL") {
    if (!context.mailer) throw new Error("e-mail is off (SMTP_URL unset)");
    const email = renderEmail(event.type, payload, side, context.config.publicUrl);
    // One Message-ID per event and address, the same on every retry, so a repeat is recognizable.
    const tag = createHash("sha256").update(delivery.target.toLowerCase()).digest("hex").slice(0, 16);
    await context.mailer.send({
      from: context.config.mailFrom,
      to: delivery.target,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: `<${event.id}.${tag}@tls-onboarding-portal>`,
      headers: { "X-Portal-Event-Id": event.id, "X-Portal-Event-Type": event.type },
    });
    return undefined;
  }
  const hook = await context.db.webhook.findUnique({
    where: { id: delivery.target },
    select: { url: true, encryptedSecret: true, enabled: true },
  });
  if (!hook || !hook.enabled) throw new PermanentFailure("webhook disabled or deleted");
  const rendered = renderEvent(event.type, payload, side);
  const body = JSON.stringify({
    id: event.id,
    type: event.type,
    createdAt: event.createdAt.toISOString(),
    organizationId: event.organizationId,
    subject: rendered.subject,
    text: rendered.text,
    action: rendered.action,
    link: `${context.config.publicUrl}${rendered.link}`,
    data: payload,
  });
  return sendWebhook({
    url: hook.url,
    secret: decryptKey(hook.encryptedSecret),
    eventId: event.id,
    eventType: event.type,
    body,
    attempt: delivery.attempts,
    allow: context.config.outboundAllow,
    ca: context.outboundCa,
  });
}

/** After WEBHOOK_DISABLE_AFTER failures in a row the webhook is turned off and its organization told by e-mail. */
async function countWebhookFailure(context: JobContext, webhookId: string): Promise<void> {
  const { db, now } = context;
  await db.webhook.updateMany({ where: { id: webhookId }, data: { consecutiveFailures: { increment: 1 } } });
  await db.$transaction(async (tx) => {
    const disabled = await tx.webhook.updateMany({
      where: { id: webhookId, enabled: true, consecutiveFailures: { gte: WEBHOOK_DISABLE_AFTER } },
      data: { enabled: false, disabledAt: now },
    });
    if (disabled.count !== 1) return;
    const hook = await tx.webhook.findUniqueOrThrow({
      where: { id: webhookId },
      select: { organizationId: true, url: true, consecutiveFailures: true },
    });
    await tx.delivery.updateMany({
      where: { channel: "WEBHOOK", target: webhookId, state: "PENDING" },
      data: { state: "FAILED", lastError: "webhook disabled" },
    });
    await emitEvent(tx, {
      type: "webhook.disabled",
      organizationId: hook.organizationId,
      now,
      email: Boolean(context.mailer),
      payload: { webhookUrl: hook.url, failures: hook.consecutiveFailures },
    });
  });
}
