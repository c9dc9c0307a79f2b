import { AppHeader } from "@/components/app-header";
import { navigationFor } from "@/lib/assets/navigation";
import { getDb } from "@/lib/server/db/client";
import { countUnread } from "@/lib/server/notifications/list-notifications";
import { pageUser } from "@/app/_lib/request";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  // Every page runs the same guard itself (the layout renders in parallel with it, not before it).
  const actor = await pageUser();
  const unread = await countUnread(getDb(), actor);
  return (
    <>
      <AppHeader user={actor} nav={navigationFor(actor.role)} unread={unread} />
      <main className="mx-auto max-w-7xl px-4 py-6 break-words">{children}</main>
    </>
  );
}
