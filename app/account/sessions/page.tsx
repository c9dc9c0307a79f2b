import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/server/db/client";
import { listSessions } from "@/lib/server/auth/list-sessions";
import { pageUser } from "@/app/_lib/request";
import { signOutEverywhereAction } from "./actions";
import { DateTime } from "@/components/date-time";
import { ScrollBox } from "@/components/scroll-box";
import { Row } from "@/components/data-table";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage() {
  const actor = await pageUser({ allowMfaEnrolment: true, allowPasswordChange: true });
  const sessions = await listSessions({ db: getDb(), actor });
  const now = new Date();
  return (
    <main className="mx-auto mt-12 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">Where you are signed in</h1>
      <p className="text-sm text-slate-700">
        Every browser signed in as {actor.email}. Lost a laptop, or signed in on a shared computer? Sign out everywhere:
        every session ends at once, this one included (API tokens are revoked on their own page).
      </p>
      <ScrollBox label="Sessions">
        <table className="w-full text-sm">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th className="p-2">Signed in</th>
              <th className="p-2">Address</th>
              <th className="p-2">Browser</th>
              <th className="p-2" />
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <Row key={s.id} data-testid="session-row">
                <td className="whitespace-nowrap p-2 font-mono">
                  <DateTime at={s.createdAt} now={now} />
                </td>
                <td className="p-2 font-mono text-xs">{s.ip ?? "—"}</td>
                <td className="max-w-xs truncate p-2 text-xs" title={s.userAgent ?? ""}>
                  {s.userAgent ?? "—"}
                </td>
                <td className="p-2 text-xs">{s.current ? <strong>this session</strong> : ""}</td>
              </Row>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <form action={signOutEverywhereAction} className="flex items-center gap-4">
        <button className="rounded bg-red-700 px-4 py-2 text-sm font-medium text-white">Sign out everywhere</button>
        <Link href="/" className="text-sm underline">
          Back
        </Link>
      </form>
    </main>
  );
}
