import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { nextAuthProviderId, oidcProviders } from "./providers";

type Claims = Record<string, unknown> & { sub: string };

/**
 * The configured OpenID providers as next-auth providers: discovery, authorization code with PKCE, state and
 * nonce, ID token verified by next-auth (openid-client). The ID token's claims are the profile: the e-mail,
 * the role claim and `amr` must be in it (docs/decisions/017-single-sign-on.md).
 */
export function nextAuthOidcProviders(): OAuthConfig<Claims>[] {
  return oidcProviders().map((provider) => ({
    id: nextAuthProviderId(provider),
    name: provider.label,
    type: "oauth",
    wellKnown: `${provider.issuer}/.well-known/openid-configuration`,
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    authorization: { params: { scope: provider.scope } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    profile: (claims) => ({
      id: claims.sub,
      email: typeof claims.email === "string" ? claims.email : null,
      name: typeof claims.name === "string" ? claims.name : null,
    }),
  }));
}
