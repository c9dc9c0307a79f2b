import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { test, expect, USERS } from "../support/fixtures";
import { Workdir, esc, uniqueIdentifier } from "../support/pki";
import { api, apiToken, createIdentifierAsAdmin } from "./support";

/**
 * A whole D1 Production flow with API tokens only, over real HTTP against the built app: upload → two approvals
 * → issue → acknowledge → renewal by the README's own script (a second CSR while the first certificate is in
 * force) → revocation of the old certificate → the public CRL lists it (checked by openssl). Requests, confirms
 * and declines of revocation, and the new routes' refusals, are checked on the way.
 */
test.describe.configure({ mode: "serial" });

const README = path.resolve(import.meta.dirname, "../../README.md");
const pki = new Workdir();
const identifier = uniqueIdentifier("RENEW");
let connection: string;
let tokens: Record<"acme" | "globex" | "delivery1" | "delivery2" | "admin", string>;
let csrAsset: string;
let certAsset: string;
let first: string;
let second: string;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies, checked field by field below
type Json = Record<string, any>;

/** The renewal script exactly as the README shows it (the block after the `renewal-pipeline` marker). */
function readmePipeline(): string {
  const text = readFileSync(README, "utf8");
  const match = /<!-- renewal-pipeline -->\n```bash\n([\s\S]*?)\n```/.exec(text);
  if (!match) throw new Error("README.md has no renewal-pipeline block");
  return match[1]!;
}

const subject = () => `/C=FR/ST=IDF/L=Paris/O=Acme Bank/OU=Payments/CN=${esc(`TLSMA-ECDSA/${identifier}/D1.PRD`)}`;

async function json(response: Awaited<ReturnType<APIRequestContext["get"]>>, status: number): Promise<Json> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as Json;
}

/** Thales' side of a PRD review by API: the queue shows the version; two different people approve; one signs. */
async function thalesApprovesAndIssues(request: APIRequestContext, assetId: string): Promise<Json> {
  const d1 = api(request, tokens.delivery1);
  const queueResponse = await d1.get(`/api/v1/review-queue?environment=PRD&program=d1`);
  const queue = await json(queueResponse, 200);
  // The whole count; the answer holds 500 rows at most.
  const total = Number(queueResponse.headers()["x-total-count"]);
  const shown = (queue as unknown as Json[]).length;
  expect(shown < 500 ? total === shown : total >= shown).toBe(true);
  const item = (queue as unknown as Json[]).find((q) => q.assetId === assetId);
  expect(item).toMatchObject({
    kind: "CUSTOMER_CSR",
    state: "SUBMITTED",
    identifier,
    connectionId: connection,
    organization: { name: "Acme Bank" },
    approvals: [],
  });
  expect((await json(await d1.post(`/api/v1/assets/${assetId}/approve`), 200)).state).toBe("IN_REVIEW");
  const partly = (await json(await d1.get(`/api/v1/review-queue?state=IN_REVIEW`), 200)) as unknown as Json[];
  expect(partly.find((q) => q.assetId === assetId)?.approvals).toEqual([USERS.delivery1]);
  expect((await json(await api(request, tokens.delivery2).post(`/api/v1/assets/${assetId}/approve`), 200)).state).toBe(
    "APPROVED",
  );
  const toSign = (await json(await d1.get(`/api/v1/review-queue?state=APPROVED`), 200)) as unknown as Json[];
  expect(toSign.some((q) => q.assetId === assetId)).toBe(true);
  return json(await d1.post(`/api/v1/assets/${assetId}/issue`), 200);
}

test.beforeAll(() => {
  // Setup only: an identifier of its own, added as an administrator would (no REST route creates identifiers).
  connection = createIdentifierAsAdmin("Acme Bank", "d1", identifier).PRD;
  tokens = {
    acme: apiToken(USERS.acme, "pipeline"),
    globex: apiToken(USERS.globex, "pipeline"),
    delivery1: apiToken(USERS.delivery1, "pipeline"),
    delivery2: apiToken(USERS.delivery2, "pipeline"),
    admin: apiToken(USERS.admin, "pipeline"),
  };
});

test("first certificate: upload, review queue, two approvals, issue, acknowledge; withdraw before that", async ({
  request,
}) => {
  const acme = api(request, tokens.acme);
  const csr1 = pki.csr("first", subject());
  // A first upload taken back by the customer (the asset answers 409 once nothing is left to withdraw).
  const taken = await json(
    await acme.post(`/api/v1/connections/${connection}/assets`, { kind: "CUSTOMER_CSR", content: csr1.csrPem }),
    201,
  );
  csrAsset = taken.asset.id;
  expect((await api(request, tokens.delivery1).post(`/api/v1/assets/${csrAsset}/withdraw`)).status()).toBe(403);
  expect((await api(request, tokens.globex).post(`/api/v1/assets/${csrAsset}/withdraw`)).status()).toBe(404);
  const withdrawn = await json(await acme.post(`/api/v1/assets/${csrAsset}/withdraw`), 200);
  expect(withdrawn).toMatchObject({ versionId: taken.version.id, state: "WITHDRAWN", asset: { state: "WITHDRAWN" } });
  expect((await acme.post(`/api/v1/assets/${csrAsset}/withdraw`)).status()).toBe(409);

  expect(
    (
      await json(
        await acme.post(`/api/v1/connections/${connection}/assets`, { kind: "CUSTOMER_CSR", content: csr1.csrPem }),
        201,
      )
    ).version.seq,
  ).toBe(2);
  expect((await acme.get("/api/v1/review-queue")).status()).toBe(403);
  expect((await api(request, tokens.admin).get("/api/v1/review-queue")).status()).toBe(403);
  expect((await api(request, tokens.delivery1).get("/api/v1/review-queue?state=PUBLISHED")).status()).toBe(422);
  const issued = await thalesApprovesAndIssues(request, csrAsset);
  certAsset = issued.certificateAssetId;
  first = issued.certificateVersionId;

  expect((await api(request, tokens.delivery1).post(`/api/v1/assets/${certAsset}/acknowledge`)).status()).toBe(403);
  expect((await api(request, tokens.globex).post(`/api/v1/assets/${certAsset}/acknowledge`)).status()).toBe(404);
  expect((await acme.post(`/api/v1/assets/${csrAsset}/acknowledge`)).status()).toBe(409);
  const acknowledged = await json(await acme.post(`/api/v1/assets/${certAsset}/acknowledge`), 200);
  expect(acknowledged).toMatchObject({
    versionId: first,
    state: "ACKNOWLEDGED",
    asset: { currentVersion: { id: first } },
  });
  expect((await acme.post(`/api/v1/assets/${certAsset}/acknowledge`)).status()).toBe(409);
  const detail = await json(await acme.get(`/api/v1/assets/${certAsset}`), 200);
  expect(detail.inForce).toEqual([{ id: first, notAfter: expect.any(String), retireAt: null }]);
});

test("renewal by the README's script while the first certificate is in force; Thales approves meanwhile", async ({
  request,
  baseURL,
}) => {
  pki.csr("second", subject()); // second.csr, which the script uploads
  // A cut-over in the past is refused whole (422, nothing stored): the version count stays at 2.
  const late = await api(request, tokens.acme).post(`/api/v1/connections/${connection}/assets`, {
    kind: "CUSTOMER_CSR",
    content: readFileSync(pki.path("second.csr"), "utf8"),
    cutOverAt: "2020-01-01T00:00:00Z",
  });
  expect(late.status(), await late.text()).toBe(422);
  expect(((await late.json()) as Json).message).toMatch(/cut-over/i);
  // The customer's own cut-over, 20 days out (whole seconds, as the API answers them).
  const cutOver = new Date(Math.floor(Date.now() / 1000) * 1000 + 20 * 86_400_000).toISOString();
  const script = readmePipeline();
  const run = spawn("bash", ["-c", script], {
    cwd: pki.dir,
    env: {
      ...process.env,
      BASE: baseURL!,
      TOKEN: tokens.acme,
      CONNECTION: connection,
      CSR: pki.path("second.csr"),
      POLL_SECONDS: "1",
      CUT_OVER: cutOver,
    },
  });
  let out = "";
  let err = "";
  run.stdout.on("data", (d) => (out += d));
  run.stderr.on("data", (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => run.on("close", resolve));

  // Thales, through the API, while the customer's script waits.
  await expect
    .poll(
      async () =>
        ((await (await api(request, tokens.acme).get(`/api/v1/assets/${csrAsset}`)).json()) as Json).versions[0].seq,
      { timeout: 30_000 },
    )
    .toBe(3);
  // The first certificate is still the one in force, and downloadable by version id.
  const during = await json(await api(request, tokens.acme).get(`/api/v1/assets/${certAsset}`), 200);
  expect(during.inForce.map((v: Json) => v.id)).toEqual([first]);
  expect((await api(request, tokens.acme).get(`/api/v1/assets/${certAsset}/download?version=${first}`)).status()).toBe(
    200,
  );
  const issued = await thalesApprovesAndIssues(request, csrAsset);
  second = issued.certificateVersionId;

  expect(await exited, `script failed:\n${out}\n${err}`).toBe(0);
  expect(out).toContain(`certificate in force meanwhile: ${first}`);
  expect(out).toMatch(new RegExp(`subject=.*CN = TLSMA-ECDSA/${identifier}/D1\\.PRD`));
  expect(out).toContain(`acknowledged: ${second} ACKNOWLEDGED`);
  const chain = readFileSync(pki.path("client-chain.pem"), "utf8");
  expect(chain.match(/BEGIN CERTIFICATE/g)?.length).toBeGreaterThanOrEqual(2);

  const after = await json(await api(request, tokens.acme).get(`/api/v1/assets/${certAsset}`), 200);
  // Renewal with overlap (decision 021): both are in force until the cut-over the script asked for.
  expect(after.inForce).toEqual([
    { id: second, notAfter: expect.any(String), retireAt: null },
    { id: first, notAfter: expect.any(String), retireAt: cutOver },
  ]);
  expect(after.versions.map((v: Json) => [v.id, v.state])).toEqual([
    [second, "ACKNOWLEDGED"],
    [first, "RETIRING"],
  ]);
  // Any version the caller sees is downloadable by id; another asset's version, or another organization, is not found.
  expect(
    (await api(request, tokens.acme).get(`/api/v1/assets/${certAsset}/download?version=${first}&format=der`)).status(),
  ).toBe(200);
  expect((await api(request, tokens.acme).get(`/api/v1/assets/${csrAsset}/download?version=${first}`)).status()).toBe(
    404,
  );
  expect(
    (await api(request, tokens.acme).get(`/api/v1/assets/${certAsset}/download?version=no-such-version`)).status(),
  ).toBe(404);
  expect(
    (await api(request, tokens.globex).get(`/api/v1/assets/${certAsset}/download?version=${first}`)).status(),
  ).toBe(404);
  expect(
    (await api(request, tokens.acme).get(`/api/v1/assets/${certAsset}/download?version=${first}&format=pfx`)).status(),
  ).toBe(422);
});

test("the customer's inbox over the API: own notifications only, filters, marked read one by one or all", async ({
  request,
}) => {
  const acme = api(request, tokens.acme);
  const inbox = (await json(await acme.get("/api/v1/notifications?unread=true&limit=500"), 200)) as unknown as Json[];
  // The second certificate's signing reached Acme's users, linked to the version.
  const issued = inbox.find((n) => n.link === `/versions/${second}`);
  expect(issued, JSON.stringify(inbox.slice(0, 5))).toMatchObject({
    topic: expect.any(String),
    subject: expect.stringContaining(identifier),
    readAt: null,
  });
  expect(inbox.every((n) => n.readAt === null)).toBe(true);
  const decisions = (await json(await acme.get("/api/v1/notifications?topic=decisions"), 200)) as unknown as Json[];
  expect(decisions.length).toBeGreaterThan(0);
  expect(decisions.every((n) => n.topic === "decisions")).toBe(true);
  expect((await acme.get("/api/v1/notifications?topic=nonsense")).status()).toBe(422);
  expect((await acme.get("/api/v1/notifications?limit=0")).status()).toBe(422);
  // Another user's notification is not found, and stays unread.
  expect((await api(request, tokens.globex).post(`/api/v1/notifications/${issued!.id}/read`)).status()).toBe(404);
  expect(
    ((await json(await api(request, tokens.globex).get("/api/v1/notifications?limit=500"), 200)) as unknown as Json[])
      .map((n) => n.id)
      .includes(issued!.id),
  ).toBe(false);
  expect(await json(await acme.post(`/api/v1/notifications/${issued!.id}/read`), 200)).toEqual({ count: 1 });
  expect(await json(await acme.post(`/api/v1/notifications/${issued!.id}/read`), 200)).toEqual({ count: 0 });
  expect((await acme.post("/api/v1/notifications/no-such-id/read")).status()).toBe(404);
  const unreadIds = (
    (await json(await acme.get("/api/v1/notifications?unread=true&limit=500"), 200)) as unknown as Json[]
  ).map((n) => n.id);
  expect(unreadIds).not.toContain(issued!.id);
  expect((await json(await acme.post("/api/v1/notifications/read-all"), 200)).count).toBeGreaterThanOrEqual(
    unreadIds.length,
  );
  expect(await json(await acme.get("/api/v1/notifications?unread=true"), 200)).toEqual([]);
});

test("a customer's revocation request: Thales declines it with a reason, the certificate stays in force", async ({
  request,
}) => {
  const acme = api(request, tokens.acme);
  const d1 = api(request, tokens.delivery1);
  expect((await acme.post(`/api/v1/versions/${second}/revoke`, { reason: "cACompromise" })).status()).toBe(422);
  expect(
    (await api(request, tokens.globex).post(`/api/v1/versions/${second}/revoke`, { reason: "keyCompromise" })).status(),
  ).toBe(404);
  expect(
    (await d1.post(`/api/v1/versions/${second}/decline-revocation`, { explanation: "Nothing was asked." })).status(),
  ).toBe(409);
  const requested = await json(
    await acme.post(`/api/v1/versions/${second}/revoke`, { reason: "affiliationChanged" }),
    200,
  );
  expect(requested).toMatchObject({ versionId: second, state: "REVOCATION_REQUESTED", reason: "affiliationChanged" });
  // A requested revocation keeps the certificate in force (beside the old one, still overlapping).
  expect((await json(await acme.get(`/api/v1/assets/${certAsset}`), 200)).inForce.map((v: Json) => v.id)).toEqual([
    second,
    first,
  ]);

  expect((await acme.post(`/api/v1/versions/${second}/decline-revocation`, { explanation: "Please." })).status()).toBe(
    403,
  );
  expect((await d1.post(`/api/v1/versions/${second}/decline-revocation`, {})).status()).toBe(422);
  expect((await d1.postRaw(`/api/v1/versions/${second}/decline-revocation`, "{not json")).status()).toBe(422);
  const declined = await json(
    await d1.post(`/api/v1/versions/${second}/decline-revocation`, {
      explanation: "Acme Bank is still the holder: keep it.",
    }),
    200,
  );
  expect(declined).toEqual({
    versionId: second,
    state: "ACKNOWLEDGED",
    explanation: "Acme Bank is still the holder: keep it.",
  });
  const history = (await json(await acme.get(`/api/v1/assets/${certAsset}`), 200)).history as Json[];
  // Published by the signing, downloaded and acknowledged by the README's script, then the request and its decline.
  expect(history.filter((h) => h.versionId === second).map((h) => h.action)).toEqual([
    "asset.published",
    "asset.downloaded",
    "asset.acknowledge",
    "asset.request_revocation",
    "asset.decline_revocation",
  ]);
  expect((await acme.get(`/api/v1/assets/${certAsset}/download?version=${second}`)).status()).toBe(200);
});

test("Thales revokes the old certificate: the public CRL lists it, openssl refuses it and accepts the new one", async ({
  request,
  playwright,
  baseURL,
}) => {
  const d1 = api(request, tokens.delivery1);
  const acme = api(request, tokens.acme);
  // The old certificate as the customer installed it, fetched while it is still downloadable.
  const firstPem = pki.write(
    "first.pem",
    await (await acme.get(`/api/v1/assets/${certAsset}/download?version=${first}&format=pem`)).text(),
  );
  expect(
    (await api(request, tokens.admin).post(`/api/v1/versions/${first}/revoke`, { reason: "superseded" })).status(),
  ).toBe(403);
  expect((await d1.post(`/api/v1/versions/${first}/revoke`, { reason: "nonsense" })).status()).toBe(422);
  const revoked = await json(await d1.post(`/api/v1/versions/${first}/revoke`, { reason: "superseded" }), 200);
  expect(revoked).toMatchObject({
    versionId: first,
    state: "REVOKED",
    reason: "superseded",
    crl: expect.stringMatching(/^\/crl\/portal-ca-[0-9a-f]{16}\.crl$/),
  });
  expect((await d1.post(`/api/v1/versions/${first}/revoke`, { reason: "superseded" })).status()).toBe(409);
  expect((await acme.get(`/api/v1/assets/${certAsset}/download?version=${first}`)).status()).toBe(409);
  expect((await json(await acme.get(`/api/v1/assets/${certAsset}`), 200)).inForce.map((v: Json) => v.id)).toEqual([
    second,
  ]);

  // The CRL needs no credential at all.
  const anonymous = await playwright.request.newContext({ baseURL });
  const der = await anonymous.get(revoked.crl);
  expect(der.status()).toBe(200);
  expect(der.headers()["content-type"]).toBe("application/pkix-crl");
  const pem = await anonymous.get(revoked.crl.replace(/\.crl$/, ".pem"));
  expect(pem.headers()["content-type"]).toBe("application/x-pem-file");
  const crlBytes = await der.body();
  const crlPem = await pem.text();
  await anonymous.dispose();

  const chain = await (
    await acme.get(`/api/v1/assets/${certAsset}/download?version=${second}&format=pem-chain`)
  ).text();
  const ca = pki.write("portal-ca.pem", chain.slice(chain.lastIndexOf("-----BEGIN CERTIFICATE-----")));
  const crlDer = pki.path("portal.crl");
  writeFileSync(crlDer, crlBytes);
  pki.write("portal.crl.pem", crlPem);
  const listed = spawnSync("openssl", ["crl", "-in", crlDer, "-inform", "DER", "-CAfile", ca, "-noout", "-text"], {
    encoding: "utf8",
  });
  expect(listed.status, listed.stderr).toBe(0);
  expect(listed.stderr + listed.stdout).toContain("verify OK");
  expect(listed.stdout).toContain(`Serial Number: ${revoked.serialNumber}`);
  expect(listed.stdout).toContain("Superseded");
  const verify = (file: string) =>
    spawnSync("openssl", ["verify", "-crl_check", "-CAfile", ca, "-CRLfile", pki.path("portal.crl.pem"), file], {
      encoding: "utf8",
    });
  const bad = verify(firstPem);
  expect(bad.status).not.toBe(0);
  expect(bad.stdout + bad.stderr).toContain("certificate revoked");
  // The new certificate, as the README's script saved it (leaf first, then the chain).
  const secondPem = pki.write(
    "second.pem",
    /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n/.exec(
      readFileSync(pki.path("client-chain.pem"), "utf8"),
    )![0],
  );
  const good = verify(secondPem);
  expect(good.stdout + good.stderr).toContain(": OK");
});
