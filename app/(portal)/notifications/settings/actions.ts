"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { requireUser } from "@/lib/server/auth/session";
import { addContact, removeContact } from "@/lib/server/notifications/manage-contacts";
import { createWebhook, sendTestEvent, setWebhookEnabled } from "@/lib/server/notifications/manage-webhooks";
import { updateNotificationSettings } from "@/lib/server/notifications/update-notification-settings";
import { actionFailure, refusedQuietly, requestOrigin, type ActionState } from "@/app/_lib/request";

const PATH = "/notifications/settings";
const Id = z.string().min(1).max(100);

export async function saveSettingsAction(_p: ActionState, form: FormData): Promise<ActionState> {
  try {
    const off = form.getAll("emailOff").map(String);
    await updateNotificationSettings({
      db: getDb(),
      actor: await requireUser(),
      emailOffTopics: off,
      digest: form.get("digest") === "on",
    });
    revalidatePath(PATH);
    return { ok: true, message: "Saved." };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function addContactAction(_p: ActionState, form: FormData): Promise<ActionState> {
  try {
    await addContact({
      db: getDb(),
      actor: await requireUser(),
      email: String(form.get("email") ?? ""),
      topics: form.getAll("topics").map(String),
      origin: await requestOrigin(),
    });
    revalidatePath(PATH);
    return { ok: true, message: "Contact added." };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function removeContactAction(form: FormData): Promise<void> {
  const id = Id.safeParse(form.get("contactId"));
  if (!id.success) return;
  await refusedQuietly(async () =>
    removeContact({ db: getDb(), actor: await requireUser(), contactId: id.data, origin: await requestOrigin() }),
  );
  revalidatePath(PATH);
}

export async function createWebhookAction(_p: ActionState, form: FormData): Promise<ActionState> {
  try {
    const { secret } = await createWebhook({
      db: getDb(),
      actor: await requireUser(),
      url: String(form.get("url") ?? ""),
      events: form.getAll("events").map(String),
      origin: await requestOrigin(),
    });
    revalidatePath(PATH);
    return {
      ok: true,
      message: "Webhook added. Copy the signing secret now: it is shown only once.",
      data: { secret },
    };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function webhookCommandAction(form: FormData): Promise<void> {
  const id = Id.safeParse(form.get("webhookId"));
  const command = z.enum(["enable", "disable", "test"]).safeParse(form.get("command"));
  if (!id.success || !command.success) return;
  await refusedQuietly(async () => {
    const actor = await requireUser();
    const origin = await requestOrigin();
    if (command.data === "test") await sendTestEvent({ db: getDb(), actor, webhookId: id.data, origin });
    else
      await setWebhookEnabled({ db: getDb(), actor, webhookId: id.data, enabled: command.data === "enable", origin });
  });
  revalidatePath(PATH);
}
