"use client";
import { ActionForm, UntilDecided } from "@/components/action-form";
import { ActionOutcome } from "@/components/form-message";
import { ROLE_LABELS, type Role } from "@/lib/assets/permissions";
import { changeRoleAction, decideGrantAction } from "./actions";

const button = "rounded px-2 py-1 text-sm font-medium disabled:opacity-60";

/** Approve or refuse one pending staff grant (the service refuses the requester and accounts they made). */
export function GrantDecision({ grantId, blockedBecause }: { grantId: string; blockedBecause: string | null }) {
  return (
    <UntilDecided action={decideGrantAction}>
      {({ action, pending, state }) => (
        <div className="space-y-1">
          <form action={action} className="flex flex-wrap items-center gap-2">
            <input type="hidden" name="grantId" value={grantId} />
            <button
              name="decision"
              value="APPROVE"
              disabled={pending || !!blockedBecause}
              className={`${button} bg-green-700 text-white`}
            >
              Approve
            </button>
            <input
              name="reason"
              aria-label="Reason for refusing"
              placeholder="reason to refuse"
              className="rounded border border-slate-300 px-2 py-1 text-sm"
            />
            <button name="decision" value="REFUSE" disabled={pending} className={`${button} bg-red-700 text-white`}>
              Refuse
            </button>
          </form>
          {blockedBecause && (
            <p className="text-xs text-slate-600" data-testid="grant-blocked">
              {blockedBecause}
            </p>
          )}
          <ActionOutcome state={state} />
        </div>
      )}
    </UntilDecided>
  );
}

/**
 * Change a user's role to another of its side (the role table says which): raising into a staff role needs a
 * second admin, anything else is at once.
 */
export function RoleChange({ userId, targets }: { userId: string; targets: { role: Role; raise: boolean }[] }) {
  return (
    <ActionForm action={changeRoleAction} className="inline-flex items-center gap-2" hidden={{ userId }}>
      {(pending) =>
        targets.map(({ role, raise }) => (
          <button
            key={role}
            name="role"
            value={role}
            disabled={pending}
            className={`${button} border border-slate-300`}
          >
            Make {ROLE_LABELS[role]}
            {raise ? "…" : ""}
          </button>
        ))
      }
    </ActionForm>
  );
}
