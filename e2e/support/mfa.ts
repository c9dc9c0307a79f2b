import { createHmac } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/**
 * A test's authenticator app: TOTP codes (RFC 6238, SHA-1, 30 s, 6 digits) computed independently of the
 * portal's code, with the secrets kept in a file per e2e server so a restarted worker still has them.
 * The portal accepts each time step once, within ±1 step, so codes are handed out step by step.
 */
function stateFile(): string {
  const port = new URL(process.env.E2E_BASE_URL ?? "http://x:0").port;
  return path.join(os.tmpdir(), `portal-e2e-mfa-${port}.json`);
}
type State = Record<string, { secret: string; lastStep: number }>;
const load = (): State => (existsSync(stateFile()) ? JSON.parse(readFileSync(stateFile(), "utf8")) : {});
const save = (state: State) => writeFileSync(stateFile(), JSON.stringify(state));

function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/=+$/, "")) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function code(secret: string, step: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(step));
  const hash = createHmac("sha1", base32Decode(secret)).update(message).digest();
  const offset = hash[hash.length - 1]! & 0x0f;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/**
 * The next code the portal will accept for this user (waits for the next step when two were used). Never a code
 * of a past step: it would stay valid only until the current step ends, possibly a second later, and on a loaded
 * machine the form's round trip took longer than that (refused as "not right"). The current or next step's code
 * stays valid for 30 to 60 s.
 */
export async function nextCode(email: string): Promise<string> {
  for (;;) {
    const state = load();
    const entry = state[email];
    if (!entry) throw new Error(`no authenticator enrolled for ${email} in this run`);
    const current = Math.floor(Date.now() / 30_000);
    const step = Math.max(current, entry.lastStep + 1);
    if (step <= current + 1) {
      entry.lastStep = step;
      save(state);
      return code(entry.secret, step);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Keeps a secret enrolled outside the browser (support/enrol-mfa.ts), with the step it last used. */
export function rememberAuthenticator(email: string, secret: string, lastStep: number): void {
  const state = load();
  state[email] = { secret, lastStep };
  save(state);
}

export function hasAuthenticator(email: string): boolean {
  return !!load()[email];
}

/** On /account/mfa: read the key shown under the QR code, prove it with a code, keep the secret. */
export async function enrolAuthenticator(page: Page, email: string): Promise<string[]> {
  const secret = (await page.getByTestId("mfa-secret").textContent())!.trim();
  const state = load();
  state[email] = { secret, lastStep: 0 };
  save(state);
  await page.getByLabel("6-digit code from the app").fill(await nextCode(email));
  await page.getByRole("button", { name: "Turn on" }).click();
  const codes = (await page.getByTestId("recovery-codes").textContent())!.trim().split("\n");
  expect(codes).toHaveLength(10);
  return codes;
}
