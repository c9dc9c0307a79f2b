import type { Metadata } from "next";
import Link from "next/link";
import { TOPICS, TOPIC_CODES, type Topic } from "@/lib/assets/notification-events";
import { getDb } from "@/lib/server/db/client";
import { listNotifications } from "@/lib/server/notifications/list-notifications";
import { pageUser } from "@/app/_lib/request";
import { markReadAction } from "./actions";
import { DateTime } from "@/components/date-time";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<{ topic?: string; unread?: string }>;
}) {
  const actor = await pageUser();
  const params = await searchParams;
  const topic = TOPIC_CODES.includes(params.topic as Topic) ? (params.topic as Topic) : undefined;
  const unread = params.unread === "1";
  const items = await listNotifications({ db: getDb(), actor, filter: { topic, unread } });
  const href = (next: { topic?: Topic; unread?: boolean }) => {
    const q = new URLSearchParams();
    if (next.topic) q.set("topic", next.topic);
    if (next.unread) q.set("unread", "1");
    return `/notifications${q.size ? `?${q}` : ""}`;
  };
  const chip = (active: boolean) =>
    `rounded-full border px-3 py-1 text-xs ${active ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white text-slate-700"}`;
  return (
    <section className="max-w-5xl space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Notifications</h1>
        <Link href="/notifications/settings" className="text-sm underline">
          E-mail settings, contacts and webhooks
        </Link>
        <form action={markReadAction} className="ml-auto">
          <input type="hidden" name="all" value="1" />
          <button className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm">Mark all read</button>
        </form>
      </div>
      <nav aria-label="Filter" className="flex flex-wrap gap-2">
        <Link href={href({ unread })} className={chip(!topic)}>
          All topics
        </Link>
        {TOPIC_CODES.map((code) => (
          <Link key={code} href={href({ topic: code, unread })} className={chip(topic === code)}>
            {TOPICS[code].label}
          </Link>
        ))}
        <Link href={href({ topic, unread: !unread })} className={chip(unread)}>
          Unread only
        </Link>
      </nav>
      {items.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-sm text-slate-600 shadow-sm">
          Nothing here{unread || topic ? " for this filter" : " yet"}.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm">
          {items.map((n) => (
            <li
              key={n.id}
              data-testid="notification"
              data-read={n.readAt ? "true" : "false"}
              className={`flex gap-3 p-3 ${n.readAt ? "" : "bg-sky-50"}`}
            >
              <div className="min-w-0 flex-1">
                <a
                  href={`/notifications/${n.id}/open`}
                  className={`block ${n.readAt ? "" : "font-semibold"} underline-offset-2 hover:underline`}
                >
                  {n.subject}
                </a>
                <p className="text-sm text-slate-700">{n.text}</p>
                <p className="text-sm text-slate-600">
                  <span className="font-medium">What to do:</span> {n.action}
                </p>
                <p className="text-xs text-slate-600">
                  <DateTime at={n.createdAt} /> · {TOPICS[n.topic as Topic]?.label ?? n.topic}
                </p>
              </div>
              {!n.readAt && (
                <form action={markReadAction}>
                  <input type="hidden" name="notificationId" value={n.id} />
                  <button className="rounded border border-slate-300 px-2 py-1 text-xs">Mark read</button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
