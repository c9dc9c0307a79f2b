import { execFileSync } from "node:child_process";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { E2E_AUTH_SECRET } from "../support/global-setup";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A fresh API token for a user, made by the operator command `npm run token` against the e2e database. */
export function apiToken(email: string, name = "e2e"): string {
  const out = execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/token.ts", "--email", email, "--name", name], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL_IN_USE, NEXTAUTH_SECRET: E2E_AUTH_SECRET },
    encoding: "utf8",
  });
  const token = out.trim().split("\n").pop()!;
  if (!token.startsWith("tlsp_")) throw new Error(`npm run token printed no token: ${out}`);
  return token;
}

/** A small client for /api/v1 with one caller's token. */
export function api(request: APIRequestContext, token: string | undefined) {
  const headers = token ? { authorization: `Bearer ${token}` } : undefined;
  return {
    get: (url: string): Promise<APIResponse> => request.get(url, { headers }),
    post: (url: string, data?: unknown): Promise<APIResponse> => request.post(url, { headers, data: data ?? {} }),
    postRaw: (url: string, body: string | Buffer): Promise<APIResponse> => request.post(url, { headers: { ...headers, "content-type": "application/json" }, data: body }),
  };
}
