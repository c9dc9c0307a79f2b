import { ROLES, rolesForSide, type Role } from "./permissions";

/**
 * Single sign-on rules, pure (docs/decisions/017-single-sign-on.md): which OpenID providers exist (from the
 * environment given as a parameter), which portal role an IdP claim maps to, whether the IdP's `amr`
 * satisfies the second-factor requirement, and the e-mail domain an account is provisioned by.
 */
export type OidcProviderConfig = {
  /** The provider's id in PORTAL_OIDC_PROVIDERS (lower-case); next-auth's provider id is `oidc-<id>`. */
  id: string;
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Scopes asked for; the ID token must carry the e-mail, the role claim and `amr`. */
  scope: string;
  /** The organization (by name) whose users sign in here. */
  organization: string;
  /** The claim whose value(s) map to roles, e.g. "groups" or "roles". */
  roleClaim: string;
  /** IdP claim value → portal role, in priority order (the first match wins). */
  roleMap: { value: string; role: Role }[];
  /** `amr` values (RFC 8176) that count as a second factor. */
  mfaAmr: string[];
};

export const DEFAULT_MFA_AMR = ["mfa", "otp", "hwk", "sc", "fpt"];

export class SsoConfigError extends Error {}

/** Reads PORTAL_OIDC_PROVIDERS and PORTAL_OIDC_<ID>_* from `env`; throws SsoConfigError naming what is wrong. */
export function parseOidcProviders(env: Record<string, string | undefined>): OidcProviderConfig[] {
  const ids = (env.PORTAL_OIDC_PROVIDERS ?? "")
    .split(/[\s,]+/)
    .map((id) => id.trim().toLowerCase())
    .filter(Boolean);
  return ids.map((id) => {
    if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(id))
      throw new SsoConfigError(`PORTAL_OIDC_PROVIDERS: "${id}" is not a valid id (a-z, 0-9, -).`);
    const prefix = `PORTAL_OIDC_${id.toUpperCase().replaceAll("-", "_")}_`;
    const read = (name: string, fallback?: string): string => {
      const value = env[prefix + name]?.trim() || fallback;
      if (!value) throw new SsoConfigError(`${prefix}${name} is required for the OpenID provider "${id}".`);
      return value;
    };
    const issuer = read("ISSUER").replace(/\/+$/, "");
    if (!/^https?:\/\//.test(issuer)) throw new SsoConfigError(`${prefix}ISSUER must be an http(s) URL.`);
    return {
      id,
      label: read("LABEL", `Sign in with ${id}`),
      issuer,
      clientId: read("CLIENT_ID"),
      clientSecret: read("CLIENT_SECRET"),
      scope: read("SCOPE", "openid email profile"),
      organization: read("ORGANIZATION"),
      roleClaim: read("ROLE_CLAIM", "groups"),
      roleMap: parseRoleMap(read("ROLES"), `${prefix}ROLES`),
      mfaAmr: read("MFA_AMR", DEFAULT_MFA_AMR.join(","))
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean),
    };
  });
}

/** "portal-admins=ADMIN,portal-delivery=THALES_DELIVERY" → ordered mapping. */
export function parseRoleMap(text: string, name: string): { value: string; role: Role }[] {
  return text
    .split(",")
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.lastIndexOf("=");
      const value = pair.slice(0, at).trim();
      const role = pair.slice(at + 1).trim();
      if (at <= 0 || !value || !(ROLES as readonly string[]).includes(role)) {
        throw new SsoConfigError(`${name}: "${pair}" is not <claim value>=<${ROLES.join("|")}>.`);
      }
      return { value, role: role as Role };
    });
}

/** Roles an organization of this kind may hold: staff roles only on the Thales side. */
export function rolesForOrganizationKind(kind: string): readonly Role[] {
  return rolesForSide(kind);
}

/** The portal role a set of claims maps to (first mapping entry the claim holds), or null for none. */
export function mapRole(
  claims: Record<string, unknown>,
  config: Pick<OidcProviderConfig, "roleClaim" | "roleMap">,
  organizationKind: string,
): Role | null {
  const raw = claims[config.roleClaim];
  const held = new Set(
    (Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(/[\s,]+/) : []).filter(
      (v): v is string => typeof v === "string",
    ),
  );
  const allowed = rolesForOrganizationKind(organizationKind);
  return config.roleMap.find((entry) => held.has(entry.value) && allowed.includes(entry.role))?.role ?? null;
}

/** Whether the IdP says it checked a second factor (RFC 8176 `amr` values). */
export function amrSatisfiesMfa(amr: unknown, accepted: readonly string[]): boolean {
  return Array.isArray(amr) && amr.some((value) => typeof value === "string" && accepted.includes(value));
}

/** The lower-case domain of an e-mail address, or null when it is not one. */
export function emailDomain(email: string): string | null {
  const match = /^[^\s@]+@([a-z0-9.-]+\.[a-z]{2,63})$/i.exec(email.trim());
  return match ? match[1]!.toLowerCase() : null;
}

/** A domain as an admin types it ("@Acme.test " → "acme.test"), or null when it is not one. */
export function normalizeDomain(input: string): string | null {
  const domain = input.trim().replace(/^@/, "").toLowerCase();
  return /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain) ? domain : null;
}
