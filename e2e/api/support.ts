import { execFileSync } from "node:child_process";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { E2E_AUTH_SECRET, E2E_SECRETS_KEY } from "../support/global-setup";
import { hasAuthenticator, rememberAuthenticator } from "../support/mfa";

const ROOT = path.resolve(import.meta.dirname, "../..");

const scriptEnv = () => ({
  ...process.env,
  DATABASE_URL: process.env.E2E_DATABASE_URL_IN_USE,
  NEXTAUTH_SECRET: E2E_AUTH_SECRET,
  PORTAL_CA_ENCRYPTION_KEY: E2E_SECRETS_KEY,
});

/** Runs one of the repository's TypeScript scripts against the e2e database: the last line it printed. */
function lastLineOf(script: string, ...args: string[]): string {
  const out = execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
    cwd: ROOT,
    env: scriptEnv(),
    encoding: "utf8",
  });
  return out.trim().split("\n").pop()!;
}

/**
 * A fresh API token for a user, made by the operator command `npm run token` against the e2e database.
 * Staff tokens work only once their user has a second factor: one is enrolled first if needed.
 */
export function apiToken(email: string, name = "e2e"): string {
  if (/@(thales|portal)\.test$/.test(email) && !hasAuthenticator(email)) {
    const enrolled = lastLineOf("e2e/support/enrol-mfa.ts", email);
    for (const [who, { secret, step }] of Object.entries(
      JSON.parse(enrolled) as Record<string, { secret: string; step: number }>,
    )) {
      rememberAuthenticator(who, secret, step);
    }
  }
  const token = lastLineOf("scripts/token.ts", "--email", email, "--name", name);
  if (!token.startsWith("tlsp_")) throw new Error(`npm run token printed no token: ${token}`);
  return token;
}

/**
 * Setup for API-only specs: an identifier with its PPR and PRD connections, added by an administrator through the
 * portal's service (no REST route creates identifiers). Returns the connection ids.
 */
export function createIdentifierAsAdmin(
  organization: string,
  program: "d1" | "d1-ecom" | "tsh",
  value: string,
  admin = "admin@portal.test",
): { PPR: string; PRD: string } {
  const ids = lastLineOf("e2e/support/create-identifier.ts", admin, organization, program, value);
  return JSON.parse(ids) as { PPR: string; PRD: string };
}

/** Setup for the admin list spec: customer organizations added by an administrator through the portal's service. */
export function createOrganizationsAsAdmin(names: string[], admin = "admin@portal.test"): void {
  lastLineOf("e2e/support/create-organizations.ts", admin, ...names);
}

/** A small client for /api/v1 with one caller's token. */
export function api(request: APIRequestContext, token: string | undefined) {
  const headers = token ? { authorization: `Bearer ${token}` } : undefined;
  return {
    get: (url: string): Promise<APIResponse> => request.get(url, { headers }),
    post: (url: string, data?: unknown): Promise<APIResponse> => request.post(url, { headers, data: data ?? {} }),
    postRaw: (url: string, body: string | Buffer): Promise<APIResponse> =>
      request.post(url, { headers: { ...headers, "content-type": "application/json" }, data: body }),
  };
}
