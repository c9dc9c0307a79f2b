"use client";
import { ROLE_LABELS, isRole, type Role } from "@/lib/assets/permissions";
import type { UserRow as User } from "@/lib/server/users/list-users";
import { Row } from "@/components/data-table";
import { setUserDisabledAction } from "./actions";
import { RoleChange } from "./grant-forms";

/**
 * One account of the users table. A client component rendering plain data (as the organization cards): repeated
 * a page's worth of times, its element tree would otherwise travel twice (HTML and RSC payload). `changes`: the
 * roles it may be moved to, absent when the signed-in admin may not change it here (its own account, a grant
 * waiting).
 */
export function UserRow({ user, changes }: { user: User; changes?: { role: Role; raise: boolean }[] }) {
  return (
    <Row data-testid={`user-row-${user.email}`}>
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
        {changes && (
          <>
            {changes.length > 0 && <RoleChange userId={user.id} targets={changes} />}
            <form action={setUserDisabledAction} className="inline">
              <input type="hidden" name="userId" value={user.id} />
              <input type="hidden" name="disabled" value={String(!user.disabled)} />
              <button className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">
                {user.disabled ? "Enable" : "Disable"}
              </button>
            </form>
          </>
        )}
      </td>
    </Row>
  );
}
