"use client";
import { useActionState } from "react";
import { ActionOutcome, ShownOnce } from "@/components/form-message";
import type { ActionState } from "@/app/_lib/request";
import { addContactAction, createWebhookAction, saveSettingsAction } from "./actions";
import { CheckboxChoices } from "@/components/form-fields";

type Option = { code: string; label: string; note?: string };

export function EmailSettingsForm({ topics, off, digest }: { topics: Option[]; off: string[]; digest: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveSettingsAction, { ok: false });
  return (
    <form action={action} className="space-y-2">
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Do not e-mail me about</legend>
        {topics.map((t) => (
          <label key={t.code} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="emailOff"
              value={t.code}
              defaultChecked={off.includes(t.code)}
              className="mt-1"
            />
            <span>
              {t.label}
              {t.note && <span className="block text-xs text-slate-600">{t.note}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="digest" defaultChecked={digest} /> One daily digest instead of one e-mail per event
      </label>
      <button disabled={pending} className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-60">
        Save e-mail settings
      </button>
      <ActionOutcome state={state} />
    </form>
  );
}

export function AddContactForm({ topics }: { topics: Option[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(addContactAction, { ok: false });
  return (
    <form action={action} className="space-y-2">
      <input
        name="email"
        inputMode="email"
        aria-label="Contact e-mail"
        placeholder="security-team@bank.example"
        className="w-80 rounded border border-slate-300 px-2 py-1.5 text-sm"
      />
      <CheckboxChoices name="topics" options={topics} />
      <button disabled={pending} className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-60">
        Add contact
      </button>
      <ActionOutcome state={state} />
    </form>
  );
}

export function AddWebhookForm({ events }: { events: Option[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createWebhookAction, { ok: false });
  return (
    <form action={action} className="space-y-2">
      <input
        name="url"
        aria-label="Webhook URL"
        placeholder="https://hooks.bank.example/portal"
        className="w-[32rem] max-w-full rounded border border-slate-300 px-2 py-1.5 text-sm"
      />
      <CheckboxChoices name="events" options={events} />
      <button disabled={pending} className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-60">
        Add webhook
      </button>
      <ActionOutcome state={state}>
        <ShownOnce value={state.data?.secret} testId="webhook-secret" />
      </ActionOutcome>
    </form>
  );
}
