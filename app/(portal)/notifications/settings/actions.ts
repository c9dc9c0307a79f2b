"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addContact, removeContact } from "@/lib/server/notifications/manage-contacts";
import { createWebhook, sendTestEvent, setWebhookEnabled } from "@/lib/server/notifications/manage-webhooks";
import { updateNotificationSettings } from "@/lib/server/notifications/update-notification-settings";
import { refusedQuietly, type ActionState } from "@/app/_lib/request";
import { audited, revalidatedAfter, signedIn } from "@/app/_lib/action";

const PATH = "/notifications/settings";
const Id = z.string().min(1).max(100);

export async function saveSettingsAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return revalidatedAfter([PATH], async () => {
    const off = form.getAll("emailOff").map(String);
    await updateNotificationSettings({
      ...(await signedIn()),
      emailOffTopics: off,
      digest: form.get("digest") === "on",
    });
    return "Saved.";
  });
}

export async function addContactAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return revalidatedAfter([PATH], async () => {
    await addContact({
      ...(await audited()),
      email: String(form.get("email") ?? ""),
      topics: form.getAll("topics").map(String),
    });
    return "Contact added.";
  });
}

export async function removeContactAction(form: FormData): Promise<void> {
  const id = Id.safeParse(form.get("contactId"));
  if (!id.success) return;
  await refusedQuietly(async () => removeContact({ ...(await audited()), contactId: id.data }));
  revalidatePath(PATH);
}

export async function createWebhookAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return revalidatedAfter([PATH], async () => {
    const { secret } = await createWebhook({
      ...(await audited()),
      url: String(form.get("url") ?? ""),
      events: form.getAll("events").map(String),
    });
    return { message: "Webhook added. Copy the signing secret now: it is shown only once.", data: { secret } };
  });
}

export async function webhookCommandAction(form: FormData): Promise<void> {
  const id = Id.safeParse(form.get("webhookId"));
  const command = z.enum(["enable", "disable", "test"]).safeParse(form.get("command"));
  if (!id.success || !command.success) return;
  await refusedQuietly(async () => {
    const context = { ...(await audited()), webhookId: id.data };
    if (command.data === "test") await sendTestEvent(context);
    else await setWebhookEnabled({ ...context, enabled: command.data === "enable" });
  });
  revalidatePath(PATH);
}
