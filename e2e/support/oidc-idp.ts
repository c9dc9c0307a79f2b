import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/** What the test IdP asserts about one person: changed between sign-ins to play a change at the IdP. */
export type IdpAccount = { email: string; name?: string; groups: string[]; amr: string[]; emailVerified?: boolean };

export type TestIdp = { issuer: string; accounts: Map<string, IdpAccount>; close: () => Promise<void> };

/**
 * A real OpenID provider (the `oidc-provider` package) on a loopback port, for the single sign-on specs: one
 * confidential client, authorization code with PKCE, RS256 ID tokens that carry the e-mail, `groups` and the
 * `amr` of each account. Its sign-in page is a one-field form (the account name); submitting it also grants
 * consent. Nothing here is the portal's code: the portal sees only the protocol.
 */
export async function startIdp(options: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}): Promise<TestIdp> {
  const accounts = new Map<string, IdpAccount>();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    claims: { openid: ["sub", "amr", "auth_time"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    // The claims go into the ID token itself (next-auth reads the profile from it); amr is declared so it is issued.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ["test-idp-cookie-key-0123456789"] },
    findAccount: async (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          name: account.name ?? id,
          groups: account.groups,
        }),
      };
    },
  });
  const callback = provider.callback();

  server.on("request", async (req, res) => {
    const match = /^\/interaction\/([^/?]+)/.exec(req.url ?? "");
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === "GET") {
        res.writeHead(200, { "content-type": "text/html" });
        res.end(
          `<!doctype html><title>Test IdP</title><h1>Test IdP sign-in</h1><form method="post"><label>Account <input name="login" autofocus></label><button>Continue</button></form>`,
        );
        return;
      }
      const body = await new Promise<string>((resolve) => {
        let text = "";
        req.on("data", (chunk) => (text += chunk));
        req.on("end", () => resolve(text));
      });
      const accountId = new URLSearchParams(body).get("login") ?? "";
      const account = accounts.get(accountId);
      if (!account) {
        res.writeHead(400, { "content-type": "text/html" });
        res.end("unknown account");
        return;
      }
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId, amr: account.amr }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    }
  });

  return {
    issuer,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
