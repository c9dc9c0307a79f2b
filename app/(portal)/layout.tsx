import { redirect } from "next/navigation";
import { AppHeader } from "@/components/app-header";
import { navigationFor } from "@/lib/assets/navigation";
import { getDb } from "@/lib/server/db/client";
import { countUnread } from "@/lib/server/notifications/list-notifications";
import { pageUser } from "../_lib/request";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await pageUser();
  const { mustChangePassword } = (await getDb().user.findUnique({ where: { id: actor.id }, select: { mustChangePassword: true } })) ?? {};
  if (mustChangePassword) redirect("/account/password");
  if (actor.mfaEnrolmentRequired) redirect("/account/mfa");
  const unread = await countUnread(getDb(), actor);
  return (
    <>
      <AppHeader user={actor} nav={navigationFor(actor.role)} unread={unread} />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
