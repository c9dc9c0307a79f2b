import type { Metadata } from "next";
import { can } from "@/lib/assets/permissions";
import { getDb } from "@/lib/server/db/client";
import { listOrganizations } from "@/lib/server/organizations/list-organizations";
import { ForbiddenNotice } from "@/components/forbidden-notice";
import { pageUser } from "../../../_lib/request";

export const metadata: Metadata = { title: "Organizations" };

export default async function OrganizationsPage() {
  const actor = await pageUser();
  if (!can(actor.role, "organization:manage")) return <ForbiddenNotice />;
  const organizations = await listOrganizations({ db: getDb(), actor });
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Organizations</h1>
      <table className="w-full rounded-lg bg-white text-sm shadow-sm">
        <thead className="bg-slate-100 text-left"><tr><th className="p-2">Name</th><th className="p-2">Kind</th><th className="p-2">Users</th></tr></thead>
        <tbody>
          {organizations.map((org) => (
            <tr key={org.id} className="border-t border-slate-100"><td className="p-2">{org.name}</td><td className="p-2">{org.kind === "THALES" ? "Thales" : "Customer"}</td><td className="p-2">{org._count.users}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
