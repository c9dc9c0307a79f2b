import { createHash } from "node:crypto";
import { test, expect, asUser, createIdentifier, USERS } from "../support/fixtures";
import { Workdir, esc, uniqueIdentifier } from "../support/pki";
import { query } from "../support/db";
import { api, apiToken } from "../api/support";
import { hugeExponentTrustStore, unterminatedBegins } from "../../lib/pki/test-hostile";

/**
 * Issue #10 items 1, 2 and 7 over HTTP against the built app: private keys hidden beside valid material are
 * refused whole (PRIVATE_KEY_DETECTED, "compromised"), the upload itself is never stored (digest, size, name
 * only), hostile inputs end with findings instead of stalling the server, and control/bidi characters in file
 * names and subjects are shown as ⟨U+XXXX⟩ with a warning.
 */
test.describe.configure({ mode: "serial" });

const pki = new Workdir();
const identifier = uniqueIdentifier("HARD");
let connections: { PPR: string; PRD: string };
let token: string;
const subj = (ou = "Payments") =>
  `/C=FR/ST=IDF/L=Paris/O=Acme Bank/OU=${ou}/CN=${esc(`TLSMA-ECDSA/${identifier}/D1.PPR`)}`;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const wrap = (s: string) => s.match(/.{1,64}/g)!.join("\n");

test.beforeAll(async ({ browser, baseURL }) => {
  connections = await asUser(browser, baseURL, USERS.admin, (admin) =>
    createIdentifier(admin, { organization: "Acme Bank", program: "d1", value: identifier }),
  );
  token = apiToken(USERS.acme);
});

test("a private key hidden beside a valid CSR is refused whole, in every encoding, and nothing of it is stored", async ({
  request,
}) => {
  const client = api(request, token);
  const { csrPem } = pki.csr("hidden", subj());
  pki.key("leak.key", "rsa-2048");
  pki.openssl("pkcs8", "-topk8", "-nocrypt", "-in", "leak.key", "-outform", "DER", "-out", "leak.der");
  const keyDer = Buffer.from(pki.openssl("base64", "-A", "-in", "leak.der"), "base64");
  const b64 = keyDer.toString("base64");
  const [begin, ...rest] = csrPem.split("\n");
  const hiding = {
    "bare base64 above": wrap(b64) + "\n" + csrPem,
    "PEM header line": [begin, `X-Backup-Key: ${b64}`, "", ...rest].join("\n"),
    "four-dash armour": `----BEGIN PRIVATE KEY----\n${wrap(b64)}\n----END PRIVATE KEY----\n${csrPem}`,
    "hex dump after": csrPem + wrap(keyDer.toString("hex")),
    "base64url after": csrPem + keyDer.toString("base64url"),
  };
  const versionsBefore = await query(`SELECT id FROM "AssetVersion"`);
  for (const [how, content] of Object.entries(hiding)) {
    const response = await client.post(`/api/v1/connections/${connections.PPR}/assets`, {
      kind: "CUSTOMER_CSR",
      content,
      filename: "client.csr",
      acceptWarnings: true,
    });
    expect(response.status(), how).toBe(422);
    const body = await response.json();
    expect(
      body.findings.map((f: { code: string }) => f.code),
      how,
    ).toEqual(["PRIVATE_KEY_DETECTED"]);
    expect(body.findings[0].message, how).toMatch(/private key was found.*compromised.*replaced/);
    expect(JSON.stringify(body), how).not.toContain(b64.slice(40, 80));
  }
  expect(await query(`SELECT id FROM "AssetVersion"`)).toEqual(versionsBefore);
  const refusals = await query<{ details: string }>(
    `SELECT details FROM "AuditEvent" WHERE action = 'asset.upload-refused'`,
  );
  expect(refusals.length).toBeGreaterThanOrEqual(Object.keys(hiding).length);
  const audit = JSON.stringify(await query(`SELECT * FROM "AuditEvent"`));
  expect(audit).not.toContain(b64.slice(40, 80));
  expect(audit).not.toContain(keyDer.toString("hex").slice(80, 140));

  // A clean upload keeps the re-encoded CSR and the digest, size and name of the file, never the file.
  const clean = `Generated on the HSM host\n${csrPem}`;
  const stored = await client.post(`/api/v1/connections/${connections.PPR}/assets`, {
    kind: "CUSTOMER_CSR",
    content: clean,
    filename: "client.csr",
    acceptWarnings: true,
  });
  expect(stored.status()).toBe(201);
  const [row] = await query<Record<string, unknown>>(`SELECT * FROM "AssetVersion" WHERE "originalSha256" = $1`, [
    sha256(clean),
  ]);
  expect(row).toMatchObject({ originalSize: Buffer.byteLength(clean), originalFilename: "client.csr" });
  expect(Object.keys(row!)).not.toContain("originalBytes");
  expect(String(row!.normalizedPem)).not.toContain("HSM host");
});

test("hostile inputs end with findings, and other requests are answered meanwhile", async ({ request }) => {
  const client = api(request, token);
  const check = (content: string) =>
    client.post("/api/v1/check", {
      program: "d1",
      environment: "PPR",
      identifier,
      kind: "CUSTOMER_TRUST_STORE",
      content,
    });
  const hostile = [
    check(hugeExponentTrustStore(100)),
    check(unterminatedBegins(1000)),
    check(hugeExponentTrustStore(100)),
    check(unterminatedBegins(1000)),
  ];
  // While four hostile checks run in the pool, the sign-in page still answers (timing is measured in bench/, not here).
  const login = await request.get("/login");
  expect(login.status()).toBe(200);
  const [store, begins] = await Promise.all(hostile);
  expect(store!.status()).toBe(200);
  const storeCodes = (await store!.json()).findings.map((f: { code: string }) => f.code);
  expect(storeCodes.filter((c: string) => c === "RSA_EXPONENT_TOO_LARGE")).toHaveLength(100);
  expect(begins!.status()).toBe(200);
  expect((await begins!.json()).findings.map((f: { code: string }) => f.code)).toContain("PEM_TRUNCATED");
});

test("control and bidi characters in a file name and a subject are shown as ⟨U+202E⟩ and flagged", async ({
  request,
  signedIn,
}) => {
  const client = api(request, token);
  pki.key("bidi.key");
  pki.openssl(
    "req",
    "-new",
    "-utf8",
    "-key",
    "bidi.key",
    "-sha256",
    "-subj",
    subj("Pay\u202Estnem"),
    "-out",
    "bidi.csr",
  );
  const response = await client.post(`/api/v1/connections/${connections.PPR}/assets`, {
    kind: "CUSTOMER_CSR",
    content: pki.read("bidi.csr"),
    filename: "client\u202Emep.csr",
    acceptWarnings: true,
  });
  expect(response.status()).toBe(201);
  const body = await response.json();
  const unsafe = body.findings.filter((f: { code: string }) => f.code === "UNSAFE_CHARACTERS");
  expect(unsafe.map((f: { message: string }) => f.message).join(" ")).toMatch(/file name.*U\+202E/);
  expect(unsafe.length).toBe(2);
  const page = await signedIn(USERS.acme);
  await page.goto(`/versions/${body.version.id}`);
  await expect(page.getByTestId("original-upload")).toContainText("client⟨U+202E⟩mep.csr");
  await expect(page.locator("main")).toContainText("OU=Pay⟨U+202E⟩stnem");
  expect(await page.content()).not.toContain("\u202E");
});
