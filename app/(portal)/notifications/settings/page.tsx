import type { Metadata } from "next";
import { NOTIFICATION_EVENTS, TOPICS, TOPIC_CODES, isEventCode } from "@/lib/assets/notification-events";
import { can } from "@/lib/assets/permissions";
import { getDb } from "@/lib/server/db/client";
import { listContacts } from "@/lib/server/notifications/manage-contacts";
import { listWebhookDeliveries, listWebhooks, webhookEventsFor } from "@/lib/server/notifications/manage-webhooks";
import { getNotificationSettings } from "@/lib/server/notifications/update-notification-settings";
import { emailEnabled } from "@/lib/server/notifications/config";
import { pageUser } from "@/app/_lib/request";
import { removeContactAction, webhookCommandAction } from "./actions";
import { AddContactForm, AddWebhookForm, EmailSettingsForm } from "./forms";
import { DateTime } from "@/components/date-time";
import { ScrollBox } from "@/components/scroll-box";
import { Row } from "@/components/data-table";

export const metadata: Metadata = { title: "Notification settings" };
export default async function NotificationSettingsPage() {
  const actor = await pageUser();
  const db = getDb();
  const settings = await getNotificationSettings({ db, actor });
  const topics = TOPIC_CODES.map((code) => ({
    code,
    label: TOPICS[code].label,
    note: code === "expiry" ? "Expiry of a Production certificate in force is always e-mailed." : undefined,
  }));
  const configure = can(actor.role, "notification:configure");
  const contacts = configure ? await listContacts({ db, actor }) : [];
  const webhooks = configure ? await listWebhooks({ db, actor }) : [];
  const logs = await Promise.all(webhooks.map((w) => listWebhookDeliveries({ db, actor, webhookId: w.id, limit: 10 })));
  const events = configure
    ? webhookEventsFor(actor).map((code) => ({ code, label: NOTIFICATION_EVENTS[code].title }))
    : [];
  return (
    <section className="max-w-5xl space-y-6">
      <h1 className="text-2xl font-semibold">Notification settings</h1>
      <div className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
        <h2 className="text-lg font-semibold">Your e-mails</h2>
        {!emailEnabled() && (
          <p className="text-sm text-amber-800">
            E-mail is not configured on this portal (no SMTP_URL): notices reach the inbox only.
          </p>
        )}
        <EmailSettingsForm topics={topics} off={settings.emailOffTopics} digest={settings.digest} />
      </div>
      {configure && (
        <>
          <div className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
            <h2 className="text-lg font-semibold">Notification contacts of {actor.organizationName}</h2>
            <p className="text-sm text-slate-700">
              Mailboxes without a portal account (a team mailbox, a security officer) that get the topics they chose by
              e-mail.
            </p>
            <ul className="divide-y divide-slate-100 text-sm">
              {contacts.map((c) => (
                <li key={c.id} data-testid="contact-row" className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                  <span className="min-w-0 font-medium break-all">{c.email}</span>
                  <span className="text-slate-600">{c.topics.map((t) => TOPICS[t].label).join(", ")}</span>
                  <form action={removeContactAction} className="ml-auto">
                    <input type="hidden" name="contactId" value={c.id} />
                    <button className="rounded border border-slate-300 px-2 py-1 text-xs">Remove</button>
                  </form>
                </li>
              ))}
            </ul>
            <AddContactForm topics={topics} />
          </div>
          <div className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
            <h2 className="text-lg font-semibold">Webhooks of {actor.organizationName}</h2>
            <p className="text-sm text-slate-700">
              Each event is POSTed as JSON with <code>X-Portal-Event-Id</code> (use it to drop repeats) and
              <code>
                {" "}
                X-Portal-Signature: t=&lt;unix time&gt;,v1=&lt;HMAC-SHA256 of &quot;t.body&quot; with your secret&gt;
              </code>
              . Failed deliveries are retried with growing delays; after 10 failures in a row the webhook is disabled
              and you are told by e-mail.
            </p>
            {webhooks.map((w, i) => (
              <div key={w.id} data-testid="webhook-row" className="space-y-2 rounded border border-slate-200 p-3">
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="min-w-0 font-mono text-xs break-all">{w.url}</span>
                  <span className={w.enabled ? "text-green-800" : "text-red-700"}>
                    {w.enabled ? "Enabled" : <>Disabled {w.disabledAt ? <DateTime at={w.disabledAt} /> : ""}</>}
                  </span>
                  <span className="text-slate-600">{w.events.map((e) => NOTIFICATION_EVENTS[e].title).join(", ")}</span>
                  <span className="ml-auto flex gap-2">
                    {(["test", w.enabled ? "disable" : "enable"] as const).map((command) => (
                      <form key={command} action={webhookCommandAction}>
                        <input type="hidden" name="webhookId" value={w.id} />
                        <input type="hidden" name="command" value={command} />
                        <button className="rounded border border-slate-300 px-2 py-1 text-xs">
                          {command === "test" ? "Send test event" : command === "enable" ? "Enable" : "Disable"}
                        </button>
                      </form>
                    ))}
                  </span>
                </div>
                <ScrollBox label="Delivery log">
                  <table className="w-full text-xs" data-testid="delivery-log">
                    <thead className="text-left text-slate-600">
                      <tr>
                        <th>Event</th>
                        <th>State</th>
                        <th>Attempts</th>
                        <th>Last answer</th>
                        <th>Created</th>
                        <th>Sent</th>
                      </tr>
                    </thead>
                    <tbody>
                      {logs[i]!.map((d) => (
                        <Row key={d.id}>
                          <td>{isEventCode(d.eventType) ? NOTIFICATION_EVENTS[d.eventType].title : d.eventType}</td>
                          <td>{d.state}</td>
                          <td>{d.attempts}</td>
                          <td>{d.lastStatus ?? d.lastError ?? "—"}</td>
                          <td>
                            <DateTime at={d.createdAt} relative={false} />
                          </td>
                          <td>{d.sentAt ? <DateTime at={d.sentAt} relative={false} /> : "—"}</td>
                        </Row>
                      ))}
                    </tbody>
                  </table>
                </ScrollBox>
              </div>
            ))}
            <AddWebhookForm events={events} />
          </div>
        </>
      )}
    </section>
  );
}
