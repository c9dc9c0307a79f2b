"use client";
import { ActionForm, SubmitButton } from "@/components/action-form";
import { ShownOnce } from "@/components/form-message";
import { addContactAction, createWebhookAction, saveSettingsAction } from "./actions";
import { CheckboxChoices } from "@/components/form-fields";

type Option = { code: string; label: string; note?: string };

export function EmailSettingsForm({ topics, off, digest }: { topics: Option[]; off: string[]; digest: boolean }) {
  return (
    <ActionForm action={saveSettingsAction}>
      {(pending) => (
        <>
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
            <input type="checkbox" name="digest" defaultChecked={digest} /> One daily digest instead of one e-mail per
            event
          </label>
          <SubmitButton pending={pending}>Save e-mail settings</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

/**
 * Who else hears of the organization's events, and about what: an address (`address`, named by `aria-label`) and
 * the codes it subscribes to (`choices`, one `name` value each).
 */
function SubscriberForm({
  action,
  address: { width, ...address },
  choices,
  submit,
  shownOnce,
}: {
  action: React.ComponentProps<typeof ActionForm>["action"];
  address: { name: string; "aria-label": string; placeholder: string; inputMode?: "email"; width: string };
  choices: { name: string; options: Option[] };
  submit: string;
  shownOnce?: React.ComponentProps<typeof ActionForm>["shownOnce"];
}) {
  return (
    <ActionForm action={action} shownOnce={shownOnce}>
      {(pending) => (
        <>
          <input {...address} className={`${width} rounded border border-slate-300 px-2 py-1.5 text-sm`} />
          <CheckboxChoices {...choices} />
          <SubmitButton pending={pending}>{submit}</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

export function AddContactForm({ topics }: { topics: Option[] }) {
  return (
    <SubscriberForm
      action={addContactAction}
      address={{
        name: "email",
        inputMode: "email",
        "aria-label": "Contact e-mail",
        placeholder: "security-team@bank.example",
        width: "w-80",
      }}
      choices={{ name: "topics", options: topics }}
      submit="Add contact"
    />
  );
}

export function AddWebhookForm({ events }: { events: Option[] }) {
  return (
    <SubscriberForm
      action={createWebhookAction}
      address={{
        name: "url",
        "aria-label": "Webhook URL",
        placeholder: "https://hooks.bank.example/portal",
        width: "w-[32rem] max-w-full",
      }}
      choices={{ name: "events", options: events }}
      submit="Add webhook"
      shownOnce={(data) => <ShownOnce value={data?.secret} testId="webhook-secret" />}
    />
  );
}
