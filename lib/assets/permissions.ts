/**
 * The one permission and role table (STYLE.md §6): every action a user can attempt, and which roles may.
 * Services call `can()` through `requirePermission()`; pages use it only to hide what would be refused.
 * Everything else about a role (its side, label, second factor, whether granting it needs a second admin,
 * its rank for raises) is read from ROLE_TABLE below: no code compares role names.
 */
export const ROLES = ["CUSTOMER", "CUSTOMER_READ_ONLY", "THALES_DELIVERY", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  "connection:read-own",
  "connection:read-any",
  "asset:upload",
  "asset:withdraw",
  "asset:review",
  "asset:issue",
  "asset:publish",
  "asset:acknowledge",
  "asset:request-revocation",
  "asset:revoke",
  "asset:export-trust-store",
  "connection:probe",
  "audit:read",
  "user:manage",
  "organization:manage",
  "ca:read",
  "notification:configure",
] as const;
export type Action = (typeof ACTIONS)[number];

/** Which side of the exchange a role works on: its organization kind, its wording, its notifications. */
export type Side = "CUSTOMER" | "THALES";

type RoleEntry = {
  label: string;
  side: Side;
  /** Granting it (new account or raise) needs a second admin (decision 010). */
  staff: boolean;
  /** Must sign in with a second factor (TOTP): everyone who can approve, sign or administer. */
  mfa: boolean;
  /** Order of powers: moving to a higher rank is a raise. */
  rank: number;
  permissions: readonly Action[];
};

export const ROLE_TABLE: Record<Role, RoleEntry> = {
  CUSTOMER: {
    label: "Customer",
    side: "CUSTOMER",
    staff: false,
    mfa: false,
    rank: 1,
    permissions: [
      "connection:read-own",
      "asset:upload",
      "asset:withdraw",
      "asset:acknowledge",
      "asset:request-revocation",
      "asset:export-trust-store",
      "notification:configure",
      "connection:probe",
    ],
  },
  // Sees and downloads its organization's connections (auditors, monitoring, a deployment pipeline's token);
  // changes nothing the other side relies on: no uploads, withdrawals, acknowledgements, revocation requests,
  // endpoint checks or organization-wide notification settings.
  CUSTOMER_READ_ONLY: {
    label: "Customer (read-only)",
    side: "CUSTOMER",
    staff: false,
    mfa: false,
    rank: 0,
    permissions: ["connection:read-own", "asset:export-trust-store"],
  },
  THALES_DELIVERY: {
    label: "Thales delivery",
    side: "THALES",
    staff: true,
    mfa: true,
    rank: 2,
    permissions: [
      "connection:read-any",
      "asset:review",
      "asset:issue",
      "asset:revoke",
      "asset:publish",
      "asset:export-trust-store",
      "connection:probe",
      "audit:read",
      "ca:read",
    ],
  },
  ADMIN: {
    label: "Administrator",
    side: "THALES",
    staff: true,
    mfa: true,
    rank: 3,
    permissions: [
      "connection:read-any",
      "asset:export-trust-store",
      "audit:read",
      "user:manage",
      "organization:manage",
      "ca:read",
      "asset:publish",
      "notification:configure",
    ],
  },
};

export function can(role: Role, action: Action): boolean {
  return ROLE_TABLE[role].permissions.includes(action);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS = Object.fromEntries(ROLES.map((role) => [role, ROLE_TABLE[role].label])) as Record<
  Role,
  string
>;

/** The side a role works on (customer wording, customer notifications, the customer's trust store). */
export function roleSide(role: Role): Side {
  return ROLE_TABLE[role].side;
}

/** Roles an organization of this kind may hold ("THALES" or "CUSTOMER"): staff roles only on the Thales side. */
export function rolesForSide(side: string): readonly Role[] {
  return ROLES.filter((role) => ROLE_TABLE[role].side === (side === "THALES" ? "THALES" : "CUSTOMER"));
}

/** Roles that must sign in with a second factor (TOTP): everyone who can approve, sign or administer. */
export function requiresMfa(role: Role): boolean {
  return ROLE_TABLE[role].mfa;
}
