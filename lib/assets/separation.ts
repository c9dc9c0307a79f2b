import { ROLE_TABLE, type Role } from "./permissions";

/**
 * Separation of duties (DESIGN.md §7 "Nobody acts alone on Production trust"; docs/decisions/010). Pure rules,
 * shared by the staff-grant, Production review and publication services. A person is known by the account and by
 * who put that account in its staff role: an account someone created or raised alone is, for these rules, still
 * in that person's hands.
 */
export type StaffPerson = {
  id: string;
  /** Who created or raised the account into its staff role (null: customer, seeded or first admin). */
  grantedById: string | null;
  /** The second admin who approved that grant (null with grantedById set: granted alone, at bootstrap). */
  grantApprovedById: string | null;
  /** A new account whose grant waits for a second admin: it may not act, and nothing it did counts. */
  grantPending: boolean;
};

/** Roles that are staff roles: granting one (new account or raise) needs a second admin. */
export function isStaffRole(role: Role): boolean {
  return ROLE_TABLE[role].staff;
}

/** A change of role that adds powers (delivery → admin): a grant. Lowering takes effect at once. */
export function isRaise(from: Role, to: Role): boolean {
  return ROLE_TABLE[to].rank > ROLE_TABLE[from].rank;
}

/** Below two active admins nobody could approve, so the first admin grants alone (audited as a bootstrap). */
export function grantNeedsApproval(activeAdmins: number): boolean {
  return activeAdmins >= 2;
}

/** Why a second person does not count as a second person, as data (code, message for the user). */
export const SEPARATION_RULES = {
  SAME_PERSON: "It is your own request: a second, different person must decide.",
  OWN_ACCOUNT: "Nobody approves a role granted to their own account.",
  CREATED_BY_REQUESTER:
    "The requester created or raised your account, so your decision cannot count as a second person's.",
  CREATED_THE_REQUESTER:
    "You created or raised the requester's account, so your decision cannot count as a second person's.",
  SAME_GRANTER:
    "Both accounts were given their role by the same person alone (bootstrap), so they count as one person.",
  GRANT_PENDING: "Your own role waits for a second administrator's approval.",
} as const;
export type SeparationRule = keyof typeof SEPARATION_RULES;

function bootstrapped(person: StaffPerson): boolean {
  return person.grantedById !== null && person.grantApprovedById === null && !person.grantPending;
}

/**
 * Whether `second` may count as a second person beside `first` (a requester, or a first approver), for
 * Production trust: Production reviews and publication requests. Symmetric, since either may be the puppet.
 */
export function secondPersonProblem(first: StaffPerson, second: StaffPerson): SeparationRule | null {
  if (second.grantPending) return "GRANT_PENDING";
  if (first.id === second.id) return "SAME_PERSON";
  if (second.grantedById === first.id) return "CREATED_BY_REQUESTER";
  if (first.grantedById === second.id) return "CREATED_THE_REQUESTER";
  if (bootstrapped(first) && bootstrapped(second) && first.grantedById === second.grantedById) return "SAME_GRANTER";
  return null;
}

/**
 * Whether `approver` may approve a staff grant `requester` asked for `grantee`. One-way on purpose: the person
 * who created an account cannot use its approvals, but the bootstrap's second admin, created by the first,
 * must be able to have the first approve its grants, or a portal's first two admins could never grant again.
 */
export function grantApprovalProblem(
  requester: StaffPerson,
  approver: StaffPerson,
  granteeId: string,
): SeparationRule | null {
  if (approver.grantPending) return "GRANT_PENDING";
  if (approver.id === requester.id) return "SAME_PERSON";
  if (approver.id === granteeId) return "OWN_ACCOUNT";
  if (approver.grantedById === requester.id) return "CREATED_BY_REQUESTER";
  return null;
}
