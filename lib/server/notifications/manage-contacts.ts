import "server-only";
import { z } from "zod";
import { TOPIC_CODES, type Topic } from "@/lib/assets/notification-events";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";

export type ContactDto = { id: string; email: string; topics: Topic[]; createdAt: Date };
const Email = z.string().trim().toLowerCase().max(254).email();

const parseTopics = (json: string) =>
  (JSON.parse(json) as string[]).filter((t): t is Topic => (TOPIC_CODES as string[]).includes(t));

/** Notification contacts of the actor's organization: mailboxes without an account, each with its topics. */
export async function listContacts({ db, actor }: { db: Db; actor: Actor }): Promise<ContactDto[]> {
  requirePermission(actor, "notification:configure");
  const rows = await db.notificationContact.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: { email: "asc" },
    select: { id: true, email: true, topics: true, createdAt: true },
  });
  return rows.map((row) => ({ ...row, topics: parseTopics(row.topics) }));
}

export async function addContact({
  db,
  actor,
  email,
  topics,
  origin,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  email: string;
  topics: string[];
  origin?: RequestOrigin;
  now?: Date;
}) {
  requirePermission(actor, "notification:configure");
  const parsed = Email.safeParse(email);
  if (!parsed.success || /[\r\n]/.test(email)) throw new AppError("INVALID_INPUT", "Enter one e-mail address.");
  const chosen = [...new Set(topics)].filter((t): t is Topic => (TOPIC_CODES as string[]).includes(t));
  if (chosen.length === 0 || chosen.length !== new Set(topics).size)
    throw new AppError("INVALID_INPUT", "Choose at least one topic, from the list shown.");
  if ((await db.notificationContact.count({ where: { organizationId: actor.organizationId } })) >= 50)
    throw new AppError("INVALID_INPUT", "An organization has at most 50 contacts.");
  const id = newId();
  await db
    .$transaction(async (tx) => {
      await tx.notificationContact.create({
        data: {
          id,
          organizationId: actor.organizationId,
          email: parsed.data,
          topics: JSON.stringify(chosen),
          createdAt: now,
        },
      });
      await recordAudit(tx, {
        action: "notification_contact.added",
        actor,
        target: { type: "NotificationContact", id },
        after: { email: parsed.data, topics: chosen },
        origin,
      });
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === "P2002")
        throw new AppError("CONFLICT", "This address is already a contact.");
      throw error;
    });
  return { id };
}

export async function removeContact({
  db,
  actor,
  contactId,
  origin,
}: {
  db: Db;
  actor: Actor;
  contactId: string;
  origin?: RequestOrigin;
}) {
  requirePermission(actor, "notification:configure");
  await db.$transaction(async (tx) => {
    const contact = await tx.notificationContact.findFirst({
      where: { id: contactId, organizationId: actor.organizationId },
      select: { id: true, email: true },
    });
    if (!contact) throw new AppError("NOT_FOUND");
    await tx.notificationContact.delete({ where: { id: contact.id } });
    await recordAudit(tx, {
      action: "notification_contact.removed",
      actor,
      target: { type: "NotificationContact", id: contact.id },
      before: { email: contact.email },
      origin,
    });
  });
}
