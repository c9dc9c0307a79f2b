import "server-only";
import {
  NOTIFICATION_EVENTS,
  isMandatoryEmail,
  thalesRolesFor,
  type EventCode,
  type EventPayload,
  type Recipient,
} from "@/lib/assets/notification-events";
import type { Tx } from "../db/client";
import { newId } from "../ids";
import { insertRows } from "../db/insert-rows";
import { Prisma } from "../generated/sqlite/client";
import { emailEnabled } from "./config";

export type EmitEventInput = {
  type: EventCode;
  /** The organization concerned: its users and contacts get customer-facing events. */
  organizationId?: string | null;
  payload: EventPayload;
  /** Set for events that must happen once whoever emits them (the expiry watch). */
  dedupeKey?: string;
  now: Date;
  /** Tests and the delivery job pass it; otherwise SMTP_URL decides. */
  email?: boolean;
  /**
   * Users who must not get it although their role would: a request waiting for a second person is not sent to
   * the requester, nor to anyone the separation rules bar from deciding it (lib/assets/separation.ts).
   */
  exceptUserIds?: readonly string[];
};

type Row = { side: Recipient; channel: "EMAIL" | "WEBHOOK"; target: string };

const parseList = (json: string): string[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
};

/**
 * Writes one event into the outbox, in the caller's transaction: the event, an inbox row for every user
 * concerned, and a pending delivery for every e-mail and webhook it must reach. The change and its notices
 * commit together or not at all; the delivery job sends the rest (docs/decisions/011-…).
 * Who receives: customer-facing events every active user and the contacts (by topic) of the organization;
 * Thales-facing events every active user of the Thales roles in the catalogue; webhooks by chosen events.
 */
export async function emitEvent(tx: Tx, input: EmitEventInput): Promise<string> {
  const info = NOTIFICATION_EVENTS[input.type];
  const sides: Recipient[] = info.audience === "BOTH" ? ["CUSTOMER", "THALES"] : [info.audience];
  const eventId = newId();
  await insertRows(tx, "OutboxEvent", [
    {
      id: eventId,
      type: input.type,
      organizationId: input.organizationId ?? null,
      payload: JSON.stringify(input.payload),
      dedupeKey: input.dedupeKey ?? null,
      createdAt: input.now,
    },
  ]);
  const email = input.email ?? emailEnabled();
  const mandatory = isMandatoryEmail(input.type, input.payload);
  const users: { id: string; email: string; side: Recipient }[] = [];
  const deliveries = new Map<string, Row>();
  const webhookOrgs: string[] = [];
  // The reads here run under SQLite's write lock on every upload: raw, for the reason in db/insert-rows.ts.
  // (`NOT disabled`: a boolean on PostgreSQL, 0 or 1 on SQLite.)
  const selectUsers = async (who: Prisma.Sql, side: Recipient) => {
    for (const user of await tx.$queryRaw<{ id: string; email: string }[]>`
      SELECT id, email FROM "User" WHERE ${who} AND NOT disabled`)
      users.push({ ...user, side });
  };
  for (const side of sides) {
    if (side === "CUSTOMER") {
      if (!input.organizationId) continue;
      await selectUsers(Prisma.sql`"organizationId" = ${input.organizationId}`, side);
      webhookOrgs.push(input.organizationId);
      if (email) {
        const contacts = await tx.$queryRaw<{ email: string; topics: string }[]>`
          SELECT email, topics FROM "NotificationContact" WHERE "organizationId" = ${input.organizationId}`;
        for (const contact of contacts)
          if (parseList(contact.topics).includes(info.topic))
            deliveries.set(`EMAIL:${contact.email.toLowerCase()}`, { side, channel: "EMAIL", target: contact.email });
      }
    } else {
      const roles = thalesRolesFor(input.type);
      const except = input.exceptUserIds ?? [];
      if (roles.length > 0)
        await selectUsers(
          Prisma.sql`role IN (${Prisma.join(roles)})
            ${except.length ? Prisma.sql`AND id NOT IN (${Prisma.join(except)})` : Prisma.empty}`,
          side,
        );
      const [thales] = await tx.$queryRaw<
        { id: string }[]
      >`SELECT id FROM "Organization" WHERE kind = 'THALES' LIMIT 1`;
      if (thales) webhookOrgs.push(thales.id);
    }
  }
  if (users.length > 0) {
    await insertRows(
      tx,
      "Notification",
      users.map((u) => ({
        id: newId(),
        userId: u.id,
        eventId,
        type: input.type,
        topic: info.topic,
        createdAt: input.now,
      })),
    );
  }
  if (email && users.length > 0) {
    // `digest` is a boolean on PostgreSQL, 0 or 1 (a number or a bigint) on SQLite.
    const settings = await tx.$queryRaw<{ userId: string; emailOffTopics: string; digest: unknown }[]>`
      SELECT "userId", "emailOffTopics", digest FROM "NotificationSetting"
      WHERE "userId" IN (${Prisma.join(users.map((u) => u.id))})`;
    const byUser = new Map(settings.map((s) => [s.userId, s]));
    for (const user of users) {
      const setting = byUser.get(user.id);
      // A mandatory notice is always sent at once; otherwise a digest user reads it in tomorrow's digest.
      const off =
        setting &&
        !mandatory &&
        (Number(setting.digest) === 1 || parseList(setting.emailOffTopics).includes(info.topic));
      if (!off)
        deliveries.set(`EMAIL:${user.email.toLowerCase()}`, { side: user.side, channel: "EMAIL", target: user.email });
    }
  }
  if (webhookOrgs.length > 0) {
    const hooks = await tx.$queryRaw<{ id: string; organizationId: string; events: string }[]>`
      SELECT id, "organizationId", events FROM "Webhook" WHERE "organizationId" IN (${Prisma.join(webhookOrgs)}) AND enabled`;
    for (const hook of hooks) {
      if (!parseList(hook.events).includes(input.type)) continue;
      const side: Recipient =
        hook.organizationId === input.organizationId && sides.includes("CUSTOMER") ? "CUSTOMER" : "THALES";
      deliveries.set(`WEBHOOK:${hook.id}`, { side, channel: "WEBHOOK", target: hook.id });
    }
  }
  if (deliveries.size > 0) {
    await insertRows(
      tx,
      "Delivery",
      [...deliveries.values()].map((d) => ({
        id: newId(),
        eventId,
        channel: d.channel,
        target: d.target,
        side: d.side,
        state: "PENDING",
        nextAttemptAt: input.now,
        createdAt: input.now,
      })),
    );
  }
  return eventId;
}
