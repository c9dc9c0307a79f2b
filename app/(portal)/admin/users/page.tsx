import type { Metadata } from "next";
import { ROLE_LABELS, isRole, roleSide, rolesForSide, type Role } from "@/lib/assets/permissions";
import { isRaise, isStaffRole } from "@/lib/assets/separation";
import { getDb } from "@/lib/server/db/client";
import { listUsers, usersFilter } from "@/lib/server/users/list-users";
import { listOrganizationChoices } from "@/lib/server/organizations/list-organization-choices";
import { filledIn, pageUserWho, type SearchParams } from "@/app/_lib/request";
import { CreateUserForm } from "./create-user-form";
import { listStaffGrants } from "@/lib/server/grants/list-staff-grants";
import { GrantDecision } from "./grant-forms";
import { UserRow } from "./user-row";
import { DateTime } from "@/components/date-time";
import { DataTable, Row } from "@/components/data-table";
import { PageSection } from "@/components/page-section";
import { FilterForm, FilterText } from "@/components/filter-select";
import { ListTotal, Pager, pageHref, pageNumber, pageSpan } from "@/components/pager";

export const metadata: Metadata = { title: "Users" };

/** Users per page: thousands of customer accounts stay quick to render; the filter finds one. */
const PAGE_SIZE = 50;

/** The roles a user may be moved to: the others of its side, a raise into a staff role marked (it needs approval). */
function roleTargets(role: Role): { role: Role; raise: boolean }[] {
  return rolesForSide(roleSide(role))
    .filter((target) => target !== role)
    .map((target) => ({ role: target, raise: isRaise(role, target) && isStaffRole(target) }));
}

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageUserWho("user:manage");
  const cleaned = await filledIn(searchParams);
  const parsed = usersFilter.safeParse(cleaned);
  const filter = parsed.success ? parsed.data : {};
  const page = pageNumber(cleaned.page);
  const db = getDb();
  const [{ items: users, total }, organizations, grants] = await Promise.all([
    listUsers({ db, actor, filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    listOrganizationChoices({ db, actor }),
    listStaffGrants({ db, actor, take: 10 }),
  ]);
  const { first, last, hasNext } = pageSpan(page, PAGE_SIZE, users.length, total);
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
      <FilterForm>
        <FilterText name="q" label="Find users" value={filter.q} placeholder="E-mail or name contains" />
      </FilterForm>
      <ListTotal total={total} first={first} last={last} testId="users-total">
        {filter.q ? `user(s) whose e-mail or name contains “${filter.q}”` : "user(s)"}, by organization and e-mail
      </ListTotal>
      <DataTable
        label="Users"
        collapse
        columns={["E-mail", "Name", "Organization", "Role", "Status", ""]}
        empty={users.length === 0 && (total === 0 ? "No user matches." : "No users on this page.")}
      >
        {users.map((user) => (
          <UserRow
            key={user.id}
            user={user}
            changes={
              user.id === actor.id || user.grantPending ? undefined : isRole(user.role) ? roleTargets(user.role) : []
            }
          />
        ))}
      </DataTable>
      {(page > 1 || hasNext) && (
        <Pager page={page} hasNext={hasNext} href={(n) => pageHref("/admin/users", filter, n)} />
      )}
    </PageSection>
  );
}
