import type { Metadata } from "next";
import { ROLE_LABELS, isRole, roleSide, rolesForSide, type Role } from "@/lib/assets/permissions";
import { isRaise, isStaffRole } from "@/lib/assets/separation";
import { getDb } from "@/lib/server/db/client";
import { listUsers } from "@/lib/server/users/list-users";
import { listOrganizations } from "@/lib/server/organizations/list-organizations";
import { pageUserWho } from "@/app/_lib/request";
import { setUserDisabledAction } from "./actions";
import { CreateUserForm } from "./create-user-form";
import { listStaffGrants } from "@/lib/server/grants/list-staff-grants";
import { GrantDecision, RoleChange } from "./grant-forms";
import { DateTime } from "@/components/date-time";
import { DataTable, Row } from "@/components/data-table";
import { PageSection } from "@/components/page-section";

export const metadata: Metadata = { title: "Users" };

/** The roles a user may be moved to: the others of its side, a raise into a staff role marked (it needs approval). */
function roleTargets(role: Role): { role: Role; raise: boolean }[] {
  return rolesForSide(roleSide(role))
    .filter((target) => target !== role)
    .map((target) => ({ role: target, raise: isRaise(role, target) && isStaffRole(target) }));
}

export default async function UsersPage() {
  const actor = await pageUserWho("user:manage");
  const [users, organizations, grants] = await Promise.all([
    listUsers({ db: getDb(), actor }),
    listOrganizations({ db: getDb(), actor }),
    listStaffGrants({ db: getDb(), actor, take: 10 }),
  ]);
  return (
    <PageSection title="Users">
      <CreateUserForm organizations={organizations} />
      <section id="staff-grants" className="space-y-2" data-testid="staff-grants">
        <h2 className="text-lg font-semibold">
          Staff grants waiting for a second administrator ({grants.pending.length})
        </h2>
        <p className="text-sm text-slate-700">
          A new delivery or admin account, or a raise to admin, acts only after a second administrator approves it: not
          the one who asked, and not with an account that one created. While the portal has fewer than two active
          administrators, grants apply at once and are audited as a bootstrap.
        </p>
        {grants.pending.length > 0 && (
          <DataTable
            label="Staff grants waiting for a second administrator"
            collapse
            columns={["Account", "Role", "Asked by", ""]}
          >
            {grants.pending.map((g) => (
              <Row key={g.id} className="align-top" data-testid={`grant-row-${g.user.email}`}>
                <td className="p-2 font-mono">{g.user.email}</td>
                <td className="p-2">
                  {g.previousRole && isRole(g.previousRole) ? `${ROLE_LABELS[g.previousRole]} → ` : ""}
                  {isRole(g.role) ? ROLE_LABELS[g.role] : g.role}
                </td>
                <td className="p-2">
                  {g.requestedBy} · <DateTime at={g.createdAt} />
                </td>
                <td className="p-2">
                  <GrantDecision grantId={g.id} blockedBecause={g.blockedBecause} />
                </td>
              </Row>
            ))}
          </DataTable>
        )}
      </section>
      <DataTable label="Users" collapse columns={["E-mail", "Name", "Organization", "Role", "Status", ""]}>
        {users.map((user) => (
          <Row key={user.id} data-testid={`user-row-${user.email}`}>
            <td className="p-2 font-mono">{user.email}</td>
            <td className="p-2">{user.name}</td>
            <td className="p-2">{user.organization.name}</td>
            <td className="p-2">{isRole(user.role) ? ROLE_LABELS[user.role] : user.role}</td>
            <td className="p-2">
              {user.grantPending ? (
                <span className="text-amber-800">Waiting for a second admin (or refused)</span>
              ) : user.disabled ? (
                <span className="text-red-700">Disabled</span>
              ) : user.mustChangePassword ? (
                "Invited"
              ) : (
                "Active"
              )}
            </td>
            <td className="p-2 text-right">
              {user.id !== actor.id && isRole(user.role) && !user.grantPending && (
                <RoleChange userId={user.id} targets={roleTargets(user.role)} />
              )}
              {user.id !== actor.id && !user.grantPending && (
                <form action={setUserDisabledAction} className="inline">
                  <input type="hidden" name="userId" value={user.id} />
                  <input type="hidden" name="disabled" value={String(!user.disabled)} />
                  <button className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">
                    {user.disabled ? "Enable" : "Disable"}
                  </button>
                </form>
              )}
            </td>
          </Row>
        ))}
      </DataTable>
    </PageSection>
  );
}
