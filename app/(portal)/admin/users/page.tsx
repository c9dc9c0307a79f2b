import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { ROLE_LABELS, isRole } from "@/lib/assets/permissions";
import { getDb } from "@/lib/server/db/client";
import { listUsers } from "@/lib/server/users/list-users";
import { listOrganizations } from "@/lib/server/organizations/list-organizations";
import { pageUser } from "../../../_lib/request";
import { can } from "@/lib/assets/permissions";
import { setUserDisabledAction } from "./actions";
import { CreateUserForm } from "./create-user-form";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await pageUser();
  if (!can(actor.role, "user:manage")) forbidden();
  const [users, organizations] = await Promise.all([listUsers({ db: getDb(), actor }), listOrganizations({ db: getDb(), actor })]);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Users</h1>
      <CreateUserForm organizations={organizations} />
      <table className="w-full border-collapse overflow-hidden rounded-lg bg-white text-sm shadow-sm">
        <thead className="bg-slate-100 text-left">
          <tr><th className="p-2">E-mail</th><th className="p-2">Name</th><th className="p-2">Organization</th><th className="p-2">Role</th><th className="p-2">Status</th><th className="p-2" /></tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className="border-t border-slate-100" data-testid={`user-row-${user.email}`}>
              <td className="p-2 font-mono">{user.email}</td>
              <td className="p-2">{user.name}</td>
              <td className="p-2">{user.organization.name}</td>
              <td className="p-2">{isRole(user.role) ? ROLE_LABELS[user.role] : user.role}</td>
              <td className="p-2">{user.disabled ? <span className="text-red-700">Disabled</span> : user.mustChangePassword ? "Invited" : "Active"}</td>
              <td className="p-2 text-right">
                {user.id !== actor.id && (
                  <form action={setUserDisabledAction}>
                    <input type="hidden" name="userId" value={user.id} />
                    <input type="hidden" name="disabled" value={String(!user.disabled)} />
                    <button className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">{user.disabled ? "Enable" : "Disable"}</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
