import "server-only";

/**
 * Why a single sign-on was refused: one table for the audit trail (reason), the sign-in page (message) and the
 * tests. The page receives only the code (`/login?error=<code>`), never IdP details.
 */
export const SSO_REFUSALS = {
  SSO_UNKNOWN_ORGANIZATION: "Single sign-on is not set up for this organization yet. Ask a portal administrator.",
  SSO_NO_EMAIL: "Your identity provider did not send a verified e-mail address.",
  SSO_WRONG_DOMAIN: "Your e-mail domain is not registered for this organization. Ask a portal administrator to add it.",
  SSO_NO_ROLE: "Your identity provider gives you no role in this portal. Ask your administrator for access.",
  SSO_OTHER_ORGANIZATION: "This e-mail address belongs to an account of another organization.",
  SSO_SUBJECT_MISMATCH: "This account is linked to another identity. Ask a portal administrator.",
  SSO_DISABLED: "This account is disabled.",
  SSO_PENDING_APPROVAL: "Your account waits for a portal administrator's approval of its staff role.",
} as const;
export type SsoRefusal = keyof typeof SSO_REFUSALS;

export function isSsoRefusal(code: string | undefined): code is SsoRefusal {
  return !!code && code in SSO_REFUSALS;
}
