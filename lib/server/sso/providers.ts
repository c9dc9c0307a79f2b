import "server-only";
import { parseOidcProviders, type OidcProviderConfig } from "@/lib/assets/sso";

let cached: OidcProviderConfig[] | undefined;

/** The OpenID providers this instance is configured with (PORTAL_OIDC_*), read once per process. */
export function oidcProviders(): OidcProviderConfig[] {
  cached ??= parseOidcProviders(process.env);
  return cached;
}

/** next-auth's id for a provider; the login page and the callback URL use it (`/api/auth/callback/<id>`). */
export function nextAuthProviderId(provider: Pick<OidcProviderConfig, "id">): string {
  return `oidc-${provider.id}`;
}

export function providerByNextAuthId(id: string | undefined): OidcProviderConfig | undefined {
  return oidcProviders().find((provider) => nextAuthProviderId(provider) === id);
}
