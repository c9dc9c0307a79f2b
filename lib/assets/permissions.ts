/**
 * The one permission table (STYLE.md §6): every action a user can attempt, and which roles may.
 * Services call `can()` through `requirePermission()`; pages use it only to hide what would be refused.
 */
export const ROLES = ["CUSTOMER", "THALES_DELIVERY", "ADMIN"] as const;
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

const PERMISSIONS: Record<Role, readonly Action[]> = {
  CUSTOMER: [
    "connection:read-own",
    "asset:upload",
    "asset:withdraw",
    "asset:acknowledge",
    "asset:request-revocation",
    "asset:export-trust-store",
    "notification:configure",
    "connection:probe",
  ],
  THALES_DELIVERY: [
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
  ADMIN: [
    "connection:read-any",
    "asset:export-trust-store",
    "audit:read",
    "user:manage",
    "organization:manage",
    "ca:read",
    "asset:publish",
    "notification:configure",
  ],
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role].includes(action);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS: Record<Role, string> = {
  CUSTOMER: "Customer",
  THALES_DELIVERY: "Thales delivery",
  ADMIN: "Administrator",
};

/** Roles that must sign in with a second factor (TOTP): everyone who can approve, sign or administer. */
export function requiresMfa(role: Role): boolean {
  return role === "THALES_DELIVERY" || role === "ADMIN";
}
