import "server-only";
import { TOPIC_CODES, type Topic } from "@/lib/assets/notification-events";
import type { Db } from "../db/client";
import type { Actor } from "../actor";
import { AppError } from "../errors";

export type NotificationSettingsDto = { emailOffTopics: Topic[]; digest: boolean };

export async function getNotificationSettings({
  db,
  actor,
}: {
  db: Db;
  actor: Actor;
}): Promise<NotificationSettingsDto> {
  const row = await db.notificationSetting.findUnique({
    where: { userId: actor.id },
    select: { emailOffTopics: true, digest: true },
  });
  return { emailOffTopics: row ? (JSON.parse(row.emailOffTopics) as Topic[]) : [], digest: row?.digest ?? false };
}

/**
 * A user's own e-mail choices. Turning off "expiry" is allowed, but expiry of a Production certificate in
 * force is still e-mailed (isMandatoryEmail in the catalogue): the settings page says so.
 */
export async function updateNotificationSettings({
  db,
  actor,
  emailOffTopics,
  digest,
}: {
  db: Db;
  actor: Actor;
  emailOffTopics: string[];
  digest: boolean;
}): Promise<NotificationSettingsDto> {
  const topics = [...new Set(emailOffTopics)];
  if (!topics.every((t) => (TOPIC_CODES as string[]).includes(t)))
    throw new AppError("INVALID_INPUT", "Unknown topic.");
  const data = { emailOffTopics: JSON.stringify(topics), digest };
  await db.notificationSetting.upsert({
    where: { userId: actor.id },
    create: { userId: actor.id, ...data },
    update: data,
  });
  return { emailOffTopics: topics as Topic[], digest };
}
