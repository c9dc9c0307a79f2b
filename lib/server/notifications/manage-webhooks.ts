import "server-only";
import { randomBytes } from "node:crypto";
import { eventsFor, isEventCode, type EventCode } from "@/lib/assets/notification-events";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";
import { encryptKey } from "../ca/key-encryption";
import { notificationConfig } from "./config";
import { sideOf } from "./side";
import { checkWebhookUrl } from "./webhook-url";

export type WebhookDto = {
  id: string;
  url: string;
  events: EventCode[];
  enabled: boolean;
  consecutiveFailures: number;
  disabledAt: Date | null;
  createdAt: Date;
};
export type DeliveryLogDto = {
  id: string;
  eventType: string;
  state: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
  nextAttemptAt: Date;
};

const parseEvents = (json: string): EventCode[] => (JSON.parse(json) as string[]).filter(isEventCode);

/** The events a webhook of the actor's organization may subscribe to (its side of the catalogue). */
export function webhookEventsFor(actor: Actor): EventCode[] {
  return eventsFor(sideOf(actor));
}

function checkEvents(actor: Actor, events: string[]): EventCode[] {
  const allowed = webhookEventsFor(actor);
  const chosen = [...new Set(events)].filter((e): e is EventCode => isEventCode(e) && allowed.includes(e));
  if (chosen.length === 0 || chosen.length !== new Set(events).size)
    throw new AppError("INVALID_INPUT", "Choose at least one event, from the list shown.");
  return chosen;
}

/** Webhooks of the actor's own organization (tenancy in the where). The secret is never selected. */
export async function listWebhooks({ db, actor }: { db: Db; actor: Actor }): Promise<WebhookDto[]> {
  requirePermission(actor, "notification:configure");
  const rows = await db.webhook.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      url: true,
      events: true,
      enabled: true,
      consecutiveFailures: true,
      disabledAt: true,
      createdAt: true,
    },
  });
  return rows.map((row) => ({ ...row, events: parseEvents(row.events) }));
}

/** Creates a webhook; the signing secret is returned once and stored encrypted. */
export async function createWebhook({
  db,
  actor,
  url,
  events,
  origin,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  url: string;
  events: string[];
  origin?: RequestOrigin;
  now?: Date;
}) {
  requirePermission(actor, "notification:configure");
  const checkedUrl = checkWebhookUrl(url, notificationConfig().outboundAllow);
  const chosen = checkEvents(actor, events);
  if ((await db.webhook.count({ where: { organizationId: actor.organizationId } })) >= 20)
    throw new AppError("INVALID_INPUT", "An organization has at most 20 webhooks.");
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const id = newId();
  await db.$transaction(async (tx) => {
    await tx.webhook.create({
      data: {
        id,
        organizationId: actor.organizationId,
        url: checkedUrl,
        encryptedSecret: encryptKey(secret),
        events: JSON.stringify(chosen),
        createdById: actor.id,
        createdAt: now,
      },
    });
    await recordAudit(tx, {
      action: "webhook.created",
      actor,
      target: { type: "Webhook", id },
      after: { url: checkedUrl, events: chosen },
      origin,
    });
  });
  return { id, secret };
}

async function ownWebhook(db: Db, actor: Actor, webhookId: string) {
  requirePermission(actor, "notification:configure");
  const hook = await db.webhook.findFirst({
    where: { id: webhookId, organizationId: actor.organizationId },
    select: { id: true, url: true, enabled: true },
  });
  if (!hook) throw new AppError("NOT_FOUND");
  return hook;
}

/** Turns a webhook on (resetting its failure count) or off. */
export async function setWebhookEnabled({
  db,
  actor,
  webhookId,
  enabled,
  origin,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  webhookId: string;
  enabled: boolean;
  origin?: RequestOrigin;
  now?: Date;
}) {
  const hook = await ownWebhook(db, actor, webhookId);
  await db.$transaction(async (tx) => {
    await tx.webhook.update({
      where: { id: hook.id },
      data: enabled ? { enabled: true, consecutiveFailures: 0, disabledAt: null } : { enabled: false, disabledAt: now },
    });
    await recordAudit(tx, {
      action: enabled ? "webhook.enabled" : "webhook.disabled",
      actor,
      target: { type: "Webhook", id: hook.id },
      before: { enabled: hook.enabled },
      after: { enabled },
      origin,
    });
  });
}

/** "Send test event": one webhook.test event delivered to this webhook only, through the same outbox. */
export async function sendTestEvent({
  db,
  actor,
  webhookId,
  origin,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  webhookId: string;
  origin?: RequestOrigin;
  now?: Date;
}) {
  const hook = await ownWebhook(db, actor, webhookId);
  if (!hook.enabled) throw new AppError("CONFLICT", "Enable the webhook first.");
  const eventId = newId();
  await db.$transaction(async (tx) => {
    await tx.outboxEvent.create({
      data: {
        id: eventId,
        type: "webhook.test",
        organizationId: actor.organizationId,
        payload: JSON.stringify({ webhookUrl: hook.url }),
        createdAt: now,
      },
    });
    await tx.delivery.create({
      data: {
        id: newId(),
        eventId,
        channel: "WEBHOOK",
        target: hook.id,
        side: sideOf(actor),
        state: "PENDING",
        nextAttemptAt: now,
        createdAt: now,
      },
    });
    await recordAudit(tx, {
      action: "webhook.test_sent",
      actor,
      target: { type: "Webhook", id: hook.id },
      details: { eventId },
      origin,
    });
  });
  return { eventId };
}

/** The delivery log of one webhook of the actor's organization, newest first. */
export async function listWebhookDeliveries({
  db,
  actor,
  webhookId,
  limit = 50,
}: {
  db: Db;
  actor: Actor;
  webhookId: string;
  limit?: number;
}): Promise<DeliveryLogDto[]> {
  const hook = await ownWebhook(db, actor, webhookId);
  const rows = await db.delivery.findMany({
    where: { channel: "WEBHOOK", target: hook.id },
    orderBy: { createdAt: "desc" },
    take: Math.min(limit, 200),
    select: {
      id: true,
      state: true,
      attempts: true,
      lastStatus: true,
      lastError: true,
      sentAt: true,
      createdAt: true,
      nextAttemptAt: true,
      event: { select: { type: true } },
    },
  });
  return rows.map(({ event, ...row }) => ({ ...row, eventType: event.type }));
}
