import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { test, expect, USERS, DEMO_PASSWORD } from "../support/fixtures";
import { Workdir } from "../support/pki";
import { api, apiToken } from "../api/support";
import { countRows, tableFingerprint, openTestDb, q, type TestDb } from "../support/db";
import {
  HOSTILE_STRINGS,
  WRONG_TYPES,
  derOf,
  expectNoProblems,
  hostileString,
  mutateDer,
  mutatePem,
  outcome,
  pool,
  problemsOf,
  rng,
  type Outcome,
} from "./hostile";

/**
 * Hostile input over HTTP (issue 6, "Hostile input"): a fixed corpus plus a seeded fuzzer against the upload,
 * check, reject, read and download routes and the sign-in endpoint. Every answer must be a clear 4xx (JSON
 * `{ error, message }`, or an upload verdict with findings), never a 5xx, never a stack or driver message,
 * never private key material; and the database must hold exactly the rows it held before — apart from what
 * reads legitimately write, checked exactly: `asset.downloaded` audit events (one per 200 download),
 * `auth.login.*` audit events and LoginAttempt rows (failed sign-ins are recorded for throttling), and
 * ApiToken.lastUsedAt (refreshed at most once a minute on use).
 */

/** encodeURIComponent of any string (lone surrogates become U+FFFD first, as a browser would send them). */
// NUL in an id answers 500 on PostgreSQL today (found-bugs.spec.ts): ids here carry every hostile character but NUL.
const enc = (value: string) =>
  encodeURIComponent(
    value
      .replace(/\u0000/g, "")
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"),
  );

const SEED = Number(process.env.FUZZ_SEED ?? 20260601);
const CONCURRENCY = 6;
const pki = new Workdir();
let db: TestDb;
let tokens: Record<"acme" | "globex" | "delivery1", string>;
/** Demo connections by "IDENTIFIER/ENV", and one asset id per kind there. */
const connections: Record<string, string> = {};
const assets: Record<string, string> = {};
let versionIds: string[] = [];
let sent = 0;

type Material = {
  csrPem: string;
  certPem: string;
  chainPem: string;
  rootPem: string;
  bundle101: string;
  keys: Record<string, string>;
  p12Base64: string;
};
let m: Material;
/** Base64 lines of every private key used: none may appear in any response. */
let secrets: string[] = [];

function makeMaterial(): Material {
  const csr = pki.csr("fuzz", "/C=FR/O=Fuzz Bank/CN=fuzz.example");
  const certPem = pki.selfSigned("client", "fuzz-client", 365);
  const chain = pki.serverChain("fz", "fuzz.bank.example");
  const keys: Record<string, string> = {
    pkcs8Ec: csr.keyPem,
    pkcs8Rsa: pki.key("rsa.key", "rsa-2048"),
    rsaTraditional: pki.openssl("rsa", "-in", "rsa.key", "-traditional"),
    ecTraditional: pki.openssl("ec", "-in", "fuzz.key"),
    encrypted: pki.openssl("pkcs8", "-topk8", "-in", "fuzz.key", "-v2", "aes-256-cbc", "-passout", "pass:fuzz-pass"),
    ed25519: (pki.openssl("genpkey", "-algorithm", "ed25519", "-out", "ed.key"), pki.read("ed.key")),
  };
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "fuzz", "-f", pki.path("id_fuzz")]);
  keys.openssh = pki.read("id_fuzz");
  pki.openssl(
    "pkcs12",
    "-export",
    "-in",
    pki.path("client.pem"),
    "-inkey",
    pki.path("client.key"),
    "-out",
    pki.path("client.p12"),
    "-passout",
    "pass:p12-pass",
  );
  const p12Base64 = readFileSync(pki.path("client.p12")).toString("base64");
  // 101 certificates (one over the portal's limit of 100): distinct self-signed leaves.
  const many: string[] = [];
  for (let i = 0; i < 101; i++) {
    pki.openssl(
      "req",
      "-x509",
      "-new",
      "-key",
      "fuzz.key",
      "-sha256",
      "-days",
      "30",
      "-subj",
      `/CN=many-${i}`,
      "-out",
      `many-${i}.pem`,
    );
    many.push(pki.read(`many-${i}.pem`));
  }
  return {
    csrPem: csr.csrPem,
    certPem,
    chainPem: chain.chain,
    rootPem: chain.root,
    bundle101: many.join(""),
    keys,
    p12Base64,
  };
}

function secretFragments(material: Material): string[] {
  const lines = new Set<string>();
  for (const pem of Object.values(material.keys))
    for (const line of pem.split("\n")) if (/^[A-Za-z0-9+/=]{40,}$/.test(line.trim())) lines.add(line.trim());
  // The PKCS#12 holds the (encrypted) key: no 48-character window of it may come back either.
  for (let i = 0; i + 48 <= material.p12Base64.length; i += 200) lines.add(material.p12Base64.slice(i, i + 48));
  for (const pem of Object.values(material.keys)) lines.add(derOf(pem).toString("base64").slice(10, 58));
  return [...lines];
}

/** What a sign-in writes (attempts, throttle buckets, the server-side session): checked by count, not content. */
const SIGN_IN_TABLES = ["LoginAttempt", "ThrottleBucket", "Session"];

/** Everything in the database, as counts and content fingerprints (ApiToken.lastUsedAt left out). */
async function snapshot() {
  const counts = await countRows(db);
  const prints: Record<string, string> = {};
  for (const table of Object.keys(counts)) {
    if (table === "AuditEvent" || SIGN_IN_TABLES.includes(table)) continue;
    prints[table] = await tableFingerprint(db, table, table === "ApiToken" ? ["lastUsedAt"] : []);
  }
  const auditIds = new Set((await db.all(`SELECT id FROM "AuditEvent"`)).map((r) => String(r.id)));
  const attemptIds = new Set((await db.all(`SELECT id FROM "LoginAttempt"`)).map((r) => String(r.id)));
  return { counts, prints, auditIds, attemptIds };
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** A 2.6 MB body streamed without a Content-Length (40 chunks of 64 KiB). */
function chunkedBody(): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode("A".repeat(64 * 1024));
  let n = 0;
  return new ReadableStream({
    pull(controller) {
      if (n++ < 40) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

/** Asserts nothing was written between two snapshots, except the listed audit actions (with exact counts) and sign-in attempts. */
async function expectUnchanged(
  before: Snapshot,
  allowed: { audit?: Record<string, number | "any">; loginAttempts?: boolean } = {},
) {
  const after = await snapshot();
  expect(after.prints, "content of every table but AuditEvent and the sign-in tables").toEqual(before.prints);
  const { AuditEvent: auditBefore, LoginAttempt: attemptsBefore, ...restBefore } = before.counts;
  const { AuditEvent: auditAfter, LoginAttempt: attemptsAfter, ...restAfter } = after.counts;
  // A sign-in may add buckets and one session; without one, their counts must not move either.
  if (allowed.loginAttempts) {
    for (const table of SIGN_IN_TABLES) {
      delete restBefore[table];
      delete restAfter[table];
    }
  }
  expect(restAfter, "row counts").toEqual(restBefore);
  // Audit events are append-only: every old one is still there; new ones only of the allowed actions.
  expect([...before.auditIds].filter((id) => !after.auditIds.has(id))).toEqual([]);
  const fresh = (await db.all(`SELECT id, action FROM "AuditEvent"`)).filter((r) => !before.auditIds.has(String(r.id)));
  const byAction: Record<string, number> = {};
  for (const row of fresh) byAction[String(row.action)] = (byAction[String(row.action)] ?? 0) + 1;
  for (const [action, count] of Object.entries(byAction)) {
    expect(allowed.audit?.[action], `unexpected audit events ${action} × ${count}`).toBeDefined();
    if (allowed.audit?.[action] !== "any") expect(count, `audit events ${action}`).toBe(allowed.audit?.[action]);
  }
  for (const [action, count] of Object.entries(allowed.audit ?? {}))
    if (count !== "any" && count > 0) expect(byAction[action] ?? 0, `audit events ${action}`).toBe(count);
  expect(auditAfter! - auditBefore!).toBe(fresh.length);
  if (!allowed.loginAttempts) expect(attemptsAfter, "LoginAttempt rows").toBe(attemptsBefore);
  else {
    const added = (await db.all(`SELECT id, bucket FROM "LoginAttempt"`)).filter(
      (r) => !before.attemptIds.has(String(r.id)),
    );
    for (const row of added) expect(String(row.bucket)).toMatch(/^(email|ip):/);
  }
}

test.beforeAll(async ({ request }) => {
  db = await openTestDb(process.env.E2E_DATABASE_URL_IN_USE);
  tokens = {
    acme: apiToken(USERS.acme, "fuzz"),
    globex: apiToken(USERS.globex, "fuzz"),
    delivery1: apiToken(USERS.delivery1, "fuzz"),
  };
  m = makeMaterial();
  secrets = secretFragments(m);
  const list = await (await api(request, tokens.acme).get("/api/v1/connections")).json();
  for (const c of list as { id: string; identifier: string; environment: string }[])
    connections[`${c.identifier}/${c.environment}`] = c.id;
  expect(Object.keys(connections)).toEqual(expect.arrayContaining(["ACME01/PPR", "ACME01/PRD", "ACME-TSH/PPR"]));
  for (const key of ["ACME01/PPR", "ACME01/PRD", "ACME-TSH/PPR"]) {
    const rows = await (await api(request, tokens.acme).get(`/api/v1/connections/${connections[key]}/assets`)).json();
    for (const a of rows as { id: string; kind: string; currentVersion: { id: string } | null }[]) {
      assets[`${key}/${a.kind}`] = a.id;
      if (a.currentVersion) versionIds.push(a.currentVersion.id);
    }
  }
  expect(
    assets["ACME-TSH/PPR/CUSTOMER_TLS_CLIENT_CERTIFICATE"],
    "the demo's TSH client certificate waiting for review",
  ).toBeDefined();
  versionIds = [...new Set(versionIds)];
  expect(versionIds.length).toBeGreaterThan(3);
});

test.afterAll(async () => {
  await db?.close();
  console.log(`[hostile-input] seed ${SEED}: ${sent} requests`);
});

/** Upload bodies: corpus first (every private-key form, PKCS#12, 101 certificates…), then seeded fuzz. */
function uploadCases(): { label: string; connection: string; body: unknown; raw?: string }[] {
  const r = rng(SEED);
  const cases: { label: string; connection: string; body: unknown; raw?: string }[] = [];
  const ppr = connections["ACME01/PPR"]!;
  const tsh = connections["ACME-TSH/PPR"]!;
  const prd = connections["ACME01/PRD"]!;
  // Private keys, alone, after a CSR, before a certificate, as DER, with warnings "accepted": always refused whole.
  for (const [name, key] of Object.entries(m.keys)) {
    for (const acceptWarnings of [false, true]) {
      cases.push({
        label: `key ${name} alone`,
        connection: ppr,
        body: { kind: "CUSTOMER_CSR", content: key, acceptWarnings },
      });
      cases.push({
        label: `CSR + key ${name}`,
        connection: ppr,
        body: { kind: "CUSTOMER_CSR", content: m.csrPem + key, acceptWarnings },
      });
      cases.push({
        label: `key ${name} + cert`,
        connection: tsh,
        body: { kind: "CUSTOMER_TLS_CLIENT_CERTIFICATE", content: key + m.certPem, acceptWarnings },
      });
      cases.push({
        label: `chain + key ${name}`,
        connection: ppr,
        body: {
          kind: "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN",
          content: m.chainPem + key.replace(/\n/g, "\r\n"),
          acceptWarnings,
        },
      });
      cases.push({
        label: `trust store + key ${name}`,
        connection: ppr,
        body: { kind: "CUSTOMER_TRUST_STORE", content: m.rootPem + key, acceptWarnings },
      });
      cases.push({
        label: `key ${name} as base64 DER`,
        connection: ppr,
        body: { kind: "CUSTOMER_TRUST_STORE", content: derOf(key).toString("base64"), acceptWarnings },
      });
    }
    cases.push({
      label: `key ${name} in filename`,
      connection: ppr,
      body: { kind: "CUSTOMER_CSR", content: "not a csr", filename: key },
    });
  }
  for (const kind of ["CUSTOMER_CSR", "CUSTOMER_TRUST_STORE", "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN"]) {
    cases.push({
      label: `PKCS#12 as ${kind}`,
      connection: ppr,
      body: { kind, content: m.p12Base64, acceptWarnings: true },
    });
    cases.push({
      label: `101 certificates as ${kind}`,
      connection: ppr,
      body: { kind, content: m.bundle101, acceptWarnings: false },
    });
    cases.push({
      label: `101 certificates + key as ${kind}`,
      connection: ppr,
      body: { kind, content: m.bundle101 + m.keys.pkcs8Rsa, acceptWarnings: true },
    });
  }
  cases.push({
    label: "101 certificates as client certificate",
    connection: tsh,
    body: { kind: "CUSTOMER_TLS_CLIENT_CERTIFICATE", content: m.bundle101 },
  });
  // Malformed JSON, wrong envelope.
  for (const raw of [
    "",
    "{",
    "{not json",
    "[]",
    "null",
    "0",
    '"str"',
    '{"kind":',
    '{"kind":"CUSTOMER_CSR","content":"x"',
    "\u0000",
    "\uFEFF{}",
    '{"kind":"CUSTOMER_CSR","content":"\\ud800"}',
    '{"__proto__":{"kind":"ISSUER_HOST"}}',
    "{}".repeat(1000),
  ]) {
    cases.push({ label: `raw ${JSON.stringify(raw.slice(0, 20))}`, connection: ppr, body: undefined, raw });
  }
  const kinds = [
    "CUSTOMER_CSR",
    "CUSTOMER_TLS_CLIENT_CERTIFICATE",
    "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN",
    "CUSTOMER_TRUST_STORE",
    "ISSUER_HOST",
    "THALES_CLIENT_CA",
    "ISSUED_TLS_CLIENT_CERTIFICATE",
    "customer_csr",
  ];
  const invalidHosts = HOSTILE_STRINGS.filter((s) => !/^[a-z0-9.-]*$/i.test(s.trim()) || s.trim() === "");
  for (let i = 0; i < 650; i++) {
    const shape = r.int(0, 9);
    const connection = r.pick([ppr, ppr, tsh, prd, hostileString(r, 80).replace(/\u0000/g, "")]);
    let body: Record<string, unknown>;
    if (shape <= 2) {
      // Damaged real material as the kinds it could be confused with. The CSR's and certificate's CNs never
      // match the demo connections, so even an undamaged file is refused.
      const source = r.pick([
        ["CUSTOMER_CSR", m.csrPem],
        ["CUSTOMER_TLS_CLIENT_CERTIFICATE", m.certPem],
        ["CUSTOMER_CSR", m.chainPem],
      ] as const);
      const content = r.next() < 0.5 ? mutatePem(r, source[1]) : mutateDer(r, derOf(source[1]));
      body = { kind: source[0], content, filename: r.next() < 0.5 ? hostileString(r, 300) : undefined };
    } else if (shape === 3) {
      body = {
        kind: r.pick(kinds),
        content: r.bytes(r.int(1, 3000)).toString(r.pick(["base64", "latin1", "hex"] as const)),
      };
    } else if (shape === 4) {
      body = {
        kind: "ISSUER_HOST",
        host: r.next() < 0.7 ? r.pick(invalidHosts) + r.pick(["", ".example", "_x.example"]) : "fuzz.example",
        port: r.pick([0, 80, -443, 443.5, "443", "8443", null, 1e9, [443], { p: 443 }]),
      };
      if (
        typeof body.host === "string" &&
        /^[a-z0-9.-]+$/i.test((body.host as string).trim()) &&
        (body.host as string).trim() !== ""
      )
        body.port = "443"; // never a valid host with a valid port
    } else if (shape === 5) {
      body = {
        kind: r.pick(kinds),
        content: r.pick(WRONG_TYPES),
        filename: r.pick(WRONG_TYPES),
        acceptWarnings: r.pick(WRONG_TYPES),
      };
      if (typeof body.content === "string") body.content = 42;
    } else if (shape === 6) {
      body = { kind: hostileString(r, 100), content: m.csrPem, host: hostileString(r), port: 443 };
    } else if (shape === 7) {
      body = {
        kind: "CUSTOMER_CSR",
        content:
          hostileString(r, 2000) +
          "\n-----BEGIN CERTIFICATE REQUEST-----\n" +
          hostileString(r, 300) +
          "\n-----END CERTIFICATE REQUEST-----\n",
        filename: hostileString(r, 400),
        acceptWarnings: false,
      };
    } else if (shape === 8) {
      body = {
        kind: "CUSTOMER_TRUST_STORE",
        content:
          mutatePem(r, m.rootPem)
            .replace(/BEGIN CERTIFICATE/, "BEGIN CERTIFICATE")
            .slice(0, 200) + r.pick(["", m.keys.ecTraditional]),
      };
    } else {
      body = { kind: "CUSTOMER_CSR", content: "A".repeat(r.int(200_000, 1_100_000)), filename: "big.csr" };
    }
    cases.push({ label: `fuzz#${i} shape ${shape}`, connection, body });
  }
  return cases;
}

test("uploads: private keys, PKCS#12, 101 certificates, damaged PEM/DER, malformed JSON, wrong types — all refused, nothing written", async ({
  request,
}) => {
  test.setTimeout(150_000);
  const before = await snapshot();
  const cases = uploadCases();
  const problems: string[] = [];
  const results = await pool(
    cases.map((c) => async () => {
      const url = `/api/v1/connections/${enc(c.connection)}/assets`;
      const headers = { authorization: `Bearer ${tokens.acme}`, "content-type": "application/json" };
      const response = await request.post(url, {
        headers,
        data: c.raw !== undefined ? c.raw : JSON.stringify(c.body),
        failOnStatusCode: false,
      });
      sent++;
      const o = await outcome(`POST upload ${c.label}`, response);
      problems.push(
        ...problemsOf(o, {
          allowed: [404, 409, 413, 422],
          secrets,
          uploadVerdictAllowed: true,
          hostilePath: !Object.values(connections).includes(c.connection),
        }),
      );
      return o;
    }),
    CONCURRENCY,
  );
  // A refused private key says so (the finding), without echoing it (checked above).
  const keyVerdicts = results.filter((o) => o.label.includes(" key ") && o.label.startsWith("POST upload CSR + key"));
  expect(keyVerdicts.length).toBeGreaterThan(5);
  for (const o of keyVerdicts) expect(o.body, o.label).toContain("PRIVATE_KEY_DETECTED");
  // Every corpus form of a private key is recognised as one (not merely "unparseable").
  for (const o of results.filter((x) => / key \w+ alone$/.test(x.label)))
    expect(o.body, o.label).toContain("PRIVATE_KEY_DETECTED");
  expect(results.filter((o) => o.status === 422).length).toBeGreaterThan(cases.length / 2);
  expectNoProblems(problems, "upload responses");
  // Delivery and foreign customers are refused before the body is even judged.
  for (const [token, status] of [
    [tokens.delivery1, 403],
    [tokens.globex, 404],
  ] as const) {
    const response = await api(request, token).post(`/api/v1/connections/${connections["ACME01/PPR"]}/assets`, {
      kind: "CUSTOMER_CSR",
      content: m.csrPem + m.keys.pkcs8Ec,
    });
    sent++;
    expectNoProblems(
      problemsOf(await outcome("upload by wrong role", response), { allowed: [status], secrets }),
      "wrong role",
    );
  }
  // Each refused private key is audited (asset.upload-refused, without the key); nothing else is written.
  const refusedKeys = results.filter((o) => o.body.includes("PRIVATE_KEY_DETECTED")).length;
  await expectUnchanged(before, { audit: { "asset.upload-refused": refusedKeys } });
});

test("oversized bodies get 413 on every body-reading route (declared or chunked), nothing written", async ({
  request,
  baseURL,
}) => {
  const before = await snapshot();
  const problems: string[] = [];
  const targets = [
    { url: `/api/v1/connections/${connections["ACME01/PPR"]}/assets`, token: tokens.acme },
    { url: "/api/v1/check", token: tokens.acme },
    { url: `/api/v1/assets/${assets["ACME-TSH/PPR/CUSTOMER_TLS_CLIENT_CERTIFICATE"]}/reject`, token: tokens.delivery1 },
  ];
  for (const { url, token } of targets) {
    for (const size of [1_600_000, 4_000_000, 12_000_000]) {
      const body = JSON.stringify({
        kind: "CUSTOMER_CSR",
        program: "d1",
        environment: "PPR",
        identifier: "ACME01",
        reason: "x".repeat(size),
        content: "A".repeat(size) + m.keys.pkcs8Ec,
      });
      const response = await request.post(url, {
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        data: body,
      });
      sent++;
      const o = await outcome(`POST ${url} ${size} bytes`, response);
      problems.push(...problemsOf(o, { allowed: [413], secrets }));
    }
    // Chunked, no Content-Length: the limit holds while streaming.
    const response = await fetch(new URL(url, baseURL), {
      method: "POST",
      body: chunkedBody(),
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      duplex: "half",
    } as RequestInit);
    sent++;
    const o: Outcome = {
      label: `POST ${url} chunked 2.6 MB`,
      status: response.status,
      body: await response.text(),
      contentType: response.headers.get("content-type") ?? "",
    };
    problems.push(...problemsOf(o, { allowed: [413], secrets }));
  }
  expectNoProblems(problems, "oversized bodies");
  await expectUnchanged(before);
});

test("form posts (server actions) past 2 MiB get 413, without a length 411, never Next's 500; nothing written", async ({
  signedIn,
  baseURL,
}) => {
  // The upload form's own server action, as the browser sends it: its id, the router state and the session.
  const page = await signedIn(USERS.acme);
  await page.goto(`/connections/${connections["ACME01/PPR"]}/upload/CUSTOMER_CSR`);
  const posted = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await page.getByLabel("…or paste PEM text").fill("not a CSR");
  await page.getByRole("button", { name: "Check" }).click();
  const sent = await (await posted).allHeaders();
  await expect(page.getByTestId("validation-report")).toBeVisible();
  const headers = Object.fromEntries(
    Object.entries(sent).filter(
      ([name]) => !name.startsWith(":") && !["content-length", "content-type", "host", "connection"].includes(name),
    ),
  );
  headers["content-type"] = "multipart/form-data; boundary=hostile";
  const part = (size: number) =>
    `--hostile\r\nContent-Disposition: form-data; name="1_pasted"\r\n\r\n${"A".repeat(size)}\r\n--hostile--\r\n`;
  const url = new URL(page.url(), baseURL);
  const before = await snapshot();
  const problems: string[] = [];
  for (const size of [2_200_000, 12_000_000]) {
    const response = await fetch(url, { method: "POST", headers, body: part(size) });
    const o: Outcome = {
      label: `server action ${size} bytes`,
      status: response.status,
      body: await response.text(),
      contentType: response.headers.get("content-type") ?? "",
    };
    problems.push(...problemsOf(o, { allowed: [413], secrets: [] }));
  }
  // Chunked, no Content-Length: a browser never posts a form so; Next would read it up to its limit, then 500.
  const chunked = await fetch(url, { method: "POST", headers, body: chunkedBody(), duplex: "half" } as RequestInit);
  problems.push(
    ...problemsOf(
      {
        label: "server action chunked 2.6 MB",
        status: chunked.status,
        body: await chunked.text(),
        contentType: chunked.headers.get("content-type") ?? "",
      },
      { allowed: [411], secrets: [] },
    ),
  );
  expectNoProblems(problems, "oversized form posts");
  await expectUnchanged(before);
  // The form still works for what fits.
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByTestId("validation-report")).toBeVisible();
});

test("pre-flight check: hostile fields and damaged material answer 200 with a verdict or a clear 4xx, never a key", async ({
  request,
}) => {
  test.setTimeout(90_000);
  const before = await snapshot();
  const r = rng(SEED + 1);
  const problems: string[] = [];
  const bodies: { label: string; raw: string }[] = [];
  const contents = [m.csrPem, m.certPem, m.chainPem, m.bundle101, m.p12Base64, ...Object.values(m.keys)];
  for (let i = 0; i < 300; i++) {
    const valid = {
      program: "d1",
      environment: "PPR",
      identifier: "ACME01",
      kind: "CUSTOMER_CSR",
      content: m.csrPem,
      expectedCn: undefined as unknown,
    };
    const body: Record<string, unknown> = { ...valid };
    const field = r.pick([
      "program",
      "environment",
      "identifier",
      "kind",
      "content",
      "expectedCn",
      "content",
      "content",
    ]);
    const base = r.pick(contents);
    body[field] = r.pick([
      () => hostileString(r),
      () => r.pick(WRONG_TYPES),
      () => (field === "content" ? mutatePem(r, base) : hostileString(r, 64)),
      () => (field === "content" ? mutateDer(r, derOf(base)) : "x".repeat(r.int(60, 400))),
      () => (field === "content" ? base + r.pick(Object.values(m.keys)) : r.pick(HOSTILE_STRINGS)),
    ])();
    if (r.next() < 0.2) body.program = r.pick(["tsh", "d1-ecom", "D1", "d1\u0000"]);
    bodies.push({ label: `check#${i} ${field}`, raw: JSON.stringify(body) });
  }
  await pool(
    bodies.map((b) => async () => {
      const response = await request.post("/api/v1/check", {
        headers: { authorization: `Bearer ${tokens.acme}`, "content-type": "application/json" },
        data: b.raw,
      });
      sent++;
      const o = await outcome(`POST check ${b.label}`, response);
      problems.push(...problemsOf(o, { allowed: [200, 413, 422], secrets }));
      if (o.status === 200) {
        const json = JSON.parse(o.body);
        if (!["accepted", "rejected"].includes(json.verdict)) problems.push(`${o.label}: 200 without a verdict`);
        if (
          json.verdict === "rejected" &&
          !json.findings?.some((f: { severity: string; message: string }) => f.severity === "error" && f.message)
        )
          problems.push(`${o.label}: rejected without an error finding`);
      }
    }),
    CONCURRENCY,
  );
  expectNoProblems(problems, "check responses");
  await expectUnchanged(before);
});

test("reject: hostile reasons and ids, approve/issue with hostile ids — refused, nothing written", async ({
  request,
}) => {
  const before = await snapshot();
  const r = rng(SEED + 2);
  const realAsset = assets["ACME-TSH/PPR/CUSTOMER_TLS_CLIENT_CERTIFICATE"]!;
  const problems: string[] = [];
  const calls: { label: string; url: string; raw: string; token: string; allowed: number[] }[] = [];
  // Invalid reasons on a real, reviewable asset: 422 every time (a valid reason would reject it for real).
  const badReasons: unknown[] = [
    "",
    "ab",
    "\u0000\u0000",
    "é",
    "x".repeat(2001),
    "😀".repeat(1001),
    "\u0000".repeat(2001),
    ...WRONG_TYPES.filter((v) => typeof v !== "string"),
  ];
  for (let i = 0; i < 120; i++) {
    const reason =
      i < badReasons.length
        ? badReasons[i]
        : r.pick([
            r.pick(WRONG_TYPES.filter((v) => typeof v !== "string")),
            hostileString(r, 2).slice(0, 2),
            "y".repeat(r.int(2001, 100_000)),
          ]);
    const body =
      r.next() < 0.1
        ? r.pick(["{", "[]", "null", '{"reason":', '"reason"'])
        : JSON.stringify(
            r.next() < 0.2 ? { reason, extra: hostileString(r) } : { reason: reason === undefined ? null : reason },
          );
    calls.push({
      label: `reject real asset reason#${i}`,
      url: `/api/v1/assets/${realAsset}/reject`,
      raw: body,
      token: tokens.delivery1,
      allowed: [422],
    });
  }
  // Valid reasons (and private keys as reasons) on hostile ids: 404, nothing found, nothing written.
  for (let i = 0; i < 100; i++) {
    const id = r.pick([
      hostileString(r, 120),
      r.pick(HOSTILE_STRINGS),
      `${realAsset}'--`,
      `${realAsset}%`,
      realAsset.toUpperCase() === realAsset ? `${realAsset}x` : realAsset.toUpperCase(),
    ]);
    const reason = r.next() < 0.3 ? m.keys.pkcs8Rsa : `Rejected by fuzz ${hostileString(r, 200)} ok`;
    const action = r.pick(["reject", "reject", "approve", "issue"]);
    calls.push({
      label: `${action} hostile id#${i}`,
      url: `/api/v1/assets/${enc(id)}/${action}`,
      raw: JSON.stringify({ reason }),
      token: tokens.delivery1,
      allowed: [404, 409, 422],
    });
  }
  // A customer may not review at all.
  calls.push({
    label: "reject by customer",
    url: `/api/v1/assets/${realAsset}/reject`,
    raw: JSON.stringify({ reason: "customers cannot reject" }),
    token: tokens.acme,
    allowed: [403],
  });
  calls.push({
    label: "approve by customer",
    url: `/api/v1/assets/${realAsset}/approve`,
    raw: "{}",
    token: tokens.acme,
    allowed: [403],
  });
  await pool(
    calls.map((c) => async () => {
      const response = await request.post(c.url, {
        headers: { authorization: `Bearer ${c.token}`, "content-type": "application/json" },
        data: c.raw,
      });
      sent++;
      problems.push(...problemsOf(await outcome(`POST ${c.label}`, response), { allowed: c.allowed, secrets }));
    }),
    CONCURRENCY,
  );
  expectNoProblems(problems, "reject/approve/issue responses");
  await expectUnchanged(before);
});

/** Ids as they reach a path segment: encoded hostile strings and raw percent sequences the router must survive. */
function hostileIds(r: ReturnType<typeof rng>, count: number): { label: string; segment: string }[] {
  // Malformed percent-encoding (%ff, %c3%28, a lone "%"…) answers 500 today: see found-bugs.spec.ts.
  // "%2e%2e" segments are resolved by Next's router (308 to the parent path) before any handler: left out.
  const raw = [
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "..%2F..%2Fapi%2Fv1%2Fconnections",
    "%252e%252e%252f",
    "a%0d%0aSet-Cookie:x=1",
    "'%20OR%20'1'='1",
    "1%3B%20DROP%20TABLE%20%22Asset%22",
    "%F0%9F%98%80",
    "con",
    "*",
    "~",
    "x".repeat(3000),
    "%7B%7B7*7%7D%7D",
  ];
  const ids = raw.map((segment) => ({ label: `raw ${segment.slice(0, 30)}`, segment }));
  for (let i = 0; ids.length < count; i++) {
    const value = r.next() < 0.5 ? hostileString(r, 200) : r.pick(HOSTILE_STRINGS);
    ids.push({ label: `encoded#${i}`, segment: enc(value) || "%20" });
  }
  return ids;
}

test("reads and downloads: hostile ids and query strings answer 4xx JSON; valid downloads are the only writes (one audit event each)", async ({
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const before = await snapshot();
  const r = rng(SEED + 3);
  const problems: string[] = [];
  // A browser session for the session-authenticated routes (/download/versions, /connections/…/trust-store.pem).
  const session = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": "203.0.113.250" },
  });
  const csrf = (await (await session.get("/api/auth/csrf")).json()).csrfToken as string;
  const signedIn = await session.post("/api/auth/callback/credentials", {
    form: { email: USERS.acme, password: DEMO_PASSWORD, csrfToken: csrf, json: "true", callbackUrl: "/" },
  });
  expect(signedIn.status()).toBe(200);
  expect((await (await session.get("/api/auth/session")).json()).user?.email).toBe(USERS.acme);

  const calls: {
    label: string;
    client: APIRequestContext;
    url: string;
    token?: string;
    allowed: number[];
    download?: boolean;
    hostilePath?: boolean;
  }[] = [];
  // Query strings on real versions: clearly invalid formats must be 422; the rest may fall back to a valid
  // format (first or default value) and download, which is then counted as a download. A NUL or malformed
  // percent-encoding anywhere in the URL is refused by proxy.ts with 400 JSON before routing.
  const strict = [
    "format=",
    "format=PEM",
    "format=pem%00",
    "format=../../etc/passwd",
    "format=%ff",
    `format=${"x".repeat(5000)}`,
    "format=p7b%27--",
    "format=%F0%9F%98%80",
    "format",
    "format=pem%0d%0aX:1",
  ];
  const lenient = ["format=pem&format=der", "format[]=pem", "&&&==&", "%00=%00", "format=txt", "format=der&x=%00"];
  for (const { label, segment } of hostileIds(r, 70)) {
    const token = tokens.acme;
    calls.push({
      label: `GET connection assets ${label}`,
      client: request,
      url: `/api/v1/connections/${segment}/assets`,
      token,
      allowed: [400, 404],
      hostilePath: true,
    });
    calls.push({
      label: `GET asset ${label}`,
      client: request,
      url: `/api/v1/assets/${segment}`,
      token,
      allowed: [400, 404],
      hostilePath: true,
    });
    calls.push({
      label: `GET asset download ${label}`,
      client: request,
      url: `/api/v1/assets/${segment}/download?format=${r.pick(["pem", "der", "p7b", "pem-chain"])}`,
      token,
      allowed: [400, 404],
      hostilePath: true,
    });
    calls.push({
      label: `GET trust store ${label}`,
      client: request,
      url: `/api/v1/connections/${segment}/trust-store.pem`,
      token,
      allowed: [400, 404],
      hostilePath: true,
    });
    calls.push({
      label: `GET /download/versions ${label}`,
      client: session,
      url: `/download/versions/${segment}?format=${r.pick(["pem", "der"])}`,
      allowed: [400, 404],
      hostilePath: true,
    });
  }
  for (const versionId of versionIds) {
    for (const query of strict)
      calls.push({
        label: `GET /download/versions real ?${query.slice(0, 40)}`,
        client: session,
        url: `/download/versions/${versionId}?${query}`,
        allowed: [400, 422],
      });
    for (const query of lenient)
      calls.push({
        label: `GET /download/versions real ?${query.slice(0, 40)}`,
        client: session,
        url: `/download/versions/${versionId}?${query}`,
        allowed: [200, 400, 422],
        download: true,
      });
  }
  for (const [key, assetId] of Object.entries(assets)) {
    for (const query of strict)
      calls.push({
        label: `GET api download ${key} ?${query.slice(0, 30)}`,
        client: request,
        url: `/api/v1/assets/${assetId}/download?${query}`,
        token: tokens.acme,
        allowed: [400, 422],
      });
    for (const query of lenient)
      calls.push({
        label: `GET api download ${key} ?${query.slice(0, 30)}`,
        client: request,
        url: `/api/v1/assets/${assetId}/download?${query}`,
        token: tokens.acme,
        allowed: [200, 400, 422],
        download: true,
      });
    // Another organization's asset: 404, like a missing one, and no audit event.
    calls.push({
      label: `GET api download ${key} by globex`,
      client: request,
      url: `/api/v1/assets/${assetId}/download?format=pem`,
      token: tokens.globex,
      allowed: [404],
    });
  }
  for (const query of [...strict, ...lenient])
    calls.push({
      label: `GET connections ?${query.slice(0, 30)}`,
      client: request,
      url: `/api/v1/connections?${query}`,
      token: tokens.acme,
      allowed: [200, 400],
    });
  // Hostile Authorization headers: 401 JSON.
  for (const header of [
    "Bearer",
    "Bearer ",
    "Bearer tlsp_",
    `Bearer tlsp_${"A".repeat(5000)}`,
    "Bearer tlsp_' OR 1=1 --",
    `Bearer ${tokens.acme}x`,
    `Basic ${Buffer.from("a:b").toString("base64")}`,
    `bearer  ${tokens.acme.slice(0, -1)}`,
    "Bearer tlsp_%00",
    "Bearer tlsp_\\x00 \\u0000",
  ]) {
    calls.push({
      label: `GET connections auth ${header.slice(0, 24)}`,
      client: request,
      url: "/api/v1/connections",
      token: `RAW:${header}`,
      allowed: [401],
    });
  }
  let downloads = 0;
  await pool(
    calls.map((c) => async () => {
      const headers =
        c.token === undefined
          ? undefined
          : { authorization: c.token.startsWith("RAW:") ? c.token.slice(4) : `Bearer ${c.token}` };
      const response = await c.client.get(c.url, { headers, maxRedirects: 0 });
      sent++;
      const o = await outcome(c.label, response);
      problems.push(...problemsOf(o, { allowed: c.allowed, secrets, hostilePath: c.hostilePath }));
      if (c.download && o.status === 200) {
        downloads++;
        if (!response.headers()["content-disposition"]?.startsWith("attachment;"))
          problems.push(`${c.label}: download without attachment disposition`);
      }
    }),
    CONCURRENCY,
  );
  await session.dispose();
  expectNoProblems(problems, "read/download responses");
  // Sign-in success writes one audit event and clears the e-mail's failures; each 200 download writes one.
  expect(downloads).toBeGreaterThan(0);
  await expectUnchanged(before, {
    audit: { "asset.downloaded": downloads, "auth.login.success": 1 },
    loginAttempts: true,
  });
});

test("sign-in endpoint: hostile credentials never 5xx, never leak, only record failures", async ({ baseURL }) => {
  test.setTimeout(90_000);
  const before = await snapshot();
  const r = rng(SEED + 4);
  const problems: string[] = [];
  const KNOWN_ERRORS = ["CredentialsSignin", "THROTTLED", "MFA_REQUIRED", "MFA_INVALID"];
  let attempts = 0;
  const work: (() => Promise<void>)[] = [];
  for (let worker = 0; worker < 4; worker++) {
    work.push(async () => {
      const client = await playwrightRequest.newContext({ baseURL });
      try {
        for (let i = 0; i < 30; i++) {
          const csrf = (await (await client.get("/api/auth/csrf")).json()).csrfToken as string;
          sent++;
          // Fake accounts only: failures must never throttle the demo users other specs sign in as.
          const email = r.pick([
            () => `fuzz${worker}-${i}@fuzz.test`,
            () => `${hostileString(r, 80)}@fuzz.test`,
            () => hostileString(r, 120).replace(/@/g, "") || "x",
            () => `fuzz@${"a".repeat(400)}.test`,
            () => `' OR 1=1 --@fuzz.test`,
          ])();
          const password = r.pick([
            () => hostileString(r, 200),
            () => "p".repeat(1001),
            () => "",
            () => "\u0000",
            () => "portal-demo-2026",
          ])();
          const otp = r.pick(["", "000000", hostileString(r, 60), "\u0000\u0000\u0000\u0000\u0000\u0000"]);
          const ip = `203.0.113.${(worker * 30 + i) % 240}`;
          // NUL in the e-mail leaks a Prisma error on PostgreSQL today (found-bugs.spec.ts): left out here.
          const form = new URLSearchParams({
            email: email.replace(/\u0000/g, ""),
            password,
            otp,
            csrfToken: r.next() < 0.1 ? hostileString(r, 40) : csrf,
            json: "true",
            callbackUrl: r.pick([
              "/",
              "/connections",
              "https://evil.example/",
              "javascript:alert(1)",
              "//evil.example/x",
              "/%2e%2e/%00",
            ]),
          });
          let data = form.toString();
          if (r.next() < 0.1) data += `&email=${enc(email)}2&password[]=x`;
          const response = await client.post("/api/auth/callback/credentials", {
            headers: {
              "content-type": r.next() < 0.05 ? "application/json" : "application/x-www-form-urlencoded",
              "x-forwarded-for": ip,
            },
            data,
            maxRedirects: 0,
          });
          sent++;
          attempts++;
          const o = await outcome(`POST sign-in #${worker}.${i} ${JSON.stringify(email.slice(0, 30))}`, response);
          // next-auth's contract for `json: true`: 200 { url } on success, 401 { url: …?error=CODE } on failure.
          problems.push(
            ...problemsOf(
              { ...o, status: o.status === 401 || (o.status >= 300 && o.status < 400) ? 200 : o.status },
              { allowed: [200], secrets },
            ),
          );
          const target =
            o.status === 200 && o.contentType.includes("json")
              ? String(JSON.parse(o.body).url ?? "")
              : (response.headers().location ?? "");
          const error = /[?&]error=([^&]*)/.exec(target)?.[1];
          if (error !== undefined && !KNOWN_ERRORS.includes(decodeURIComponent(error)) && !/csrf=true/.test(target))
            problems.push(`${o.label}: sign-in error is not one of ours: ${decodeURIComponent(error).slice(0, 200)}`);
          if (target && /^(https?:)?\/\/(?!127\.0\.0\.1)/.test(target))
            problems.push(`${o.label}: redirects off-site to ${target}`);
          if (o.status === 200 && error === undefined && !target.includes("csrf=true"))
            problems.push(`${o.label}: a fuzz sign-in succeeded (${target})`);
        }
      } finally {
        await client.dispose();
      }
    });
  }
  await pool(work, 4);
  expect(attempts).toBe(120);
  expectNoProblems(problems, "sign-in responses");
  await expectUnchanged(before, {
    audit: { "auth.login.failure": "any", "auth.login.throttled": "any" },
    loginAttempts: true,
  });
  // Failed attempts are recorded only against the fuzz's own (fake) accounts and addresses.
  const demoEmails = Object.values(USERS).map((e) => `email:${e}`);
  const demoBuckets = (
    await db.all(
      q(db, `SELECT id FROM "LoginAttempt" WHERE bucket IN (${demoEmails.map(() => "?").join(", ")})`),
      demoEmails,
    )
  ).filter((row) => !before.attemptIds.has(String(row.id)));
  expect(demoBuckets).toEqual([]);
});
