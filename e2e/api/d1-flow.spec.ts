import { execFileSync } from "node:child_process";
import { X509Certificate, createPublicKey } from "node:crypto";
import { writeFileSync } from "node:fs";
import { test, expect, asUser, createIdentifier, USERS } from "../support/fixtures";
import { Workdir, esc, uniqueIdentifier } from "../support/pki";
import { api, apiToken } from "./support";

/**
 * The whole D1 exchange by API alone, as a renewal pipeline would run it: upload → two approvals on PRD →
 * issue → download → verify with node:crypto. Every refusal on the way is checked too.
 */
test.describe.configure({ mode: "serial" });

const pki = new Workdir();
const identifier = uniqueIdentifier("APID1");
let connections: { PPR: string; PRD: string };
let tokens: Record<"acme" | "globex" | "delivery1" | "delivery2", string>;
let csrAssetId: string;
let certificateAssetId: string;
let csr: { csrPem: string; publicKeyPem: string };

test.beforeAll(async ({ browser, baseURL }) => {
  connections = await asUser(browser, baseURL, USERS.admin, (admin) =>
    createIdentifier(admin, { organization: "Acme Bank", program: "d1", value: identifier }),
  );
  tokens = {
    acme: apiToken(USERS.acme),
    globex: apiToken(USERS.globex),
    delivery1: apiToken(USERS.delivery1),
    delivery2: apiToken(USERS.delivery2),
  };
  csr = pki.csr("prd", `/C=FR/ST=IDF/L=Paris/O=Acme Bank/OU=Payments/CN=${esc(`TLSMA-ECDSA/${identifier}/D1.PRD`)}`);
});

test("without a valid token every data route answers 401 and nothing else", async ({ request }) => {
  const routes: [string, string][] = [
    ["get", "/api/v1/connections"],
    ["get", `/api/v1/connections/${connections.PRD}/assets`],
    ["post", `/api/v1/connections/${connections.PRD}/assets`],
    ["get", `/api/v1/connections/${connections.PRD}/trust-store.pem`],
    ["get", `/api/v1/connections/${connections.PRD}/trust-store?format=p12`],
    ["get", "/api/v1/assets/x"],
    ["post", "/api/v1/assets/x/approve"],
    ["post", "/api/v1/assets/x/reject"],
    ["post", "/api/v1/assets/x/issue"],
    ["get", "/api/v1/assets/x/download"],
    ["post", "/api/v1/check"],
  ];
  for (const token of [undefined, "tlsp_not-a-real-token", "Basic abc"]) {
    const client = api(request, token);
    for (const [method, url] of routes) {
      const response = method === "get" ? await client.get(url) : await client.post(url, {});
      expect(response.status(), `${method} ${url} with ${token}`).toBe(401);
      expect((await response.json()).error).toBe("UNAUTHENTICATED");
    }
  }
});

test("a customer lists its connections with readiness, never another organization's", async ({ request }) => {
  const acme = await (await api(request, tokens.acme).get("/api/v1/connections")).json();
  expect(acme.map((c: { identifier: string }) => c.identifier)).toContain(identifier);
  expect(acme.every((c: { organization: string }) => c.organization === "Acme Bank")).toBe(true);
  const prd = acme.find((c: { id: string }) => c.id === connections.PRD);
  expect(prd).toMatchObject({ program: "d1", environment: "PRD", readiness: { done: 0 } });
  const globex = await (await api(request, tokens.globex).get("/api/v1/connections")).json();
  expect(globex.some((c: { id: string }) => c.id === connections.PRD)).toBe(false);
});

/** The connection's assets the customer sends (the Thales assets in force came with the identifier: decision 029). */
async function customerAssets(client: ReturnType<typeof api>, connectionId: string) {
  const assets = (await (await client.get(`/api/v1/connections/${connectionId}/assets`)).json()) as {
    direction: string;
  }[];
  return assets.filter((asset) => asset.direction === "CUSTOMER_TO_THALES");
}

test("a bad CSR is refused with 422 and its findings, and nothing is stored", async ({ request }) => {
  const client = api(request, tokens.acme);
  const bad = pki.csr("bad", `/C=FR/O=Acme Bank/CN=${esc(`TLSMA-ECDSA/${identifier}/D1.PPR`)}`);
  const response = await client.post(`/api/v1/connections/${connections.PRD}/assets`, {
    kind: "CUSTOMER_CSR",
    content: bad.csrPem,
  });
  expect(response.status()).toBe(422);
  const body = await response.json();
  expect(body.verdict).toBe("rejected");
  expect(
    body.findings.some(
      (f: { severity: string; hint?: string }) => f.severity === "error" && f.hint?.includes(`D1.PRD`),
    ),
  ).toBe(true);
  // One command for both findings (PPR CN on PRD, ST/L/OU missing): one -subj, the customer's C and O kept.
  expect(body.fix.command).toContain(
    `-subj "/C=FR/ST=<state>/L=<locality>/O=Acme Bank/OU=<organization unit>/CN=TLSMA-ECDSA\\/${identifier}\\/D1.PRD"`,
  );
  expect(body.fix.notes).toContain("Then upload request.csr again.");
  expect(await customerAssets(client, connections.PRD)).toEqual([]);

  const key = pki.key("leak.key");
  const leaked = await client.post(`/api/v1/connections/${connections.PRD}/assets`, {
    kind: "CUSTOMER_CSR",
    content: csr.csrPem + key,
  });
  expect(leaked.status()).toBe(422);
  const leakedBody = await leaked.text();
  expect(leakedBody).toContain("PRIVATE_KEY_DETECTED");
  expect(leakedBody).not.toContain(key.split("\n")[1]!);
  expect(await customerAssets(client, connections.PRD)).toEqual([]);
});

test("malformed, oversized and wrong-kind bodies get clear 4xx answers", async ({ request }) => {
  const client = api(request, tokens.acme);
  const url = `/api/v1/connections/${connections.PRD}/assets`;
  expect((await client.postRaw(url, "{not json")).status()).toBe(422);
  expect((await client.post(url, { kind: "THALES_CLIENT_CA", content: csr.csrPem })).status()).toBe(422);
  expect((await client.post(url, { kind: "CUSTOMER_CSR" })).status()).toBe(422);
  const huge = await client.postRaw(url, JSON.stringify({ kind: "CUSTOMER_CSR", content: "A".repeat(2_000_000) }));
  expect(huge.status()).toBe(413);
  expect((await huge.json()).error).toBe("PAYLOAD_TOO_LARGE");
  // Delivery does not upload customer assets; Globex cannot even see Acme's connection.
  expect((await api(request, tokens.delivery1).post(url, { kind: "CUSTOMER_CSR", content: csr.csrPem })).status()).toBe(
    403,
  );
  expect((await api(request, tokens.globex).post(url, { kind: "CUSTOMER_CSR", content: csr.csrPem })).status()).toBe(
    404,
  );
  expect(await customerAssets(client, connections.PRD)).toEqual([]);
});

test("the full D1 flow: upload, two approvals on PRD, issue, download, verify", async ({ request }) => {
  const acme = api(request, tokens.acme);
  const d1 = api(request, tokens.delivery1);
  const d2 = api(request, tokens.delivery2);

  const created = await acme.post(`/api/v1/connections/${connections.PRD}/assets`, {
    kind: "CUSTOMER_CSR",
    content: csr.csrPem,
    filename: "prd.csr",
  });
  expect(created.status()).toBe(201);
  const upload = await created.json();
  expect(upload).toMatchObject({
    asset: { kind: "CUSTOMER_CSR", direction: "CUSTOMER_TO_THALES", state: "SUBMITTED" },
    version: { seq: 1, state: "SUBMITTED" },
  });
  csrAssetId = upload.asset.id;

  expect((await acme.post(`/api/v1/assets/${csrAssetId}/approve`)).status()).toBe(403);
  expect((await api(request, tokens.globex).get(`/api/v1/assets/${csrAssetId}`)).status()).toBe(404);
  expect((await d1.post(`/api/v1/assets/${csrAssetId}/issue`)).status()).toBe(409);

  const first = await d1.post(`/api/v1/assets/${csrAssetId}/approve`);
  expect(first.status()).toBe(200);
  expect((await first.json()).state).toBe("IN_REVIEW");
  const again = await d1.post(`/api/v1/assets/${csrAssetId}/approve`);
  expect(again.status()).toBe(409);
  const second = await d2.post(`/api/v1/assets/${csrAssetId}/approve`);
  expect((await second.json()).state).toBe("APPROVED");
  expect((await d2.post(`/api/v1/assets/${csrAssetId}/approve`)).status()).toBe(409);

  const issued = await d1.post(`/api/v1/assets/${csrAssetId}/issue`);
  expect(issued.status()).toBe(200);
  const issue = await issued.json();
  expect(issue.state).toBe("ISSUED");
  expect((await d1.post(`/api/v1/assets/${csrAssetId}/issue`)).status()).toBe(409);

  const detail = await (await acme.get(`/api/v1/assets/${csrAssetId}`)).json();
  expect(detail.versions[0].reviews.map((r: { reviewer: string }) => r.reviewer)).toEqual([
    USERS.delivery1,
    USERS.delivery2,
  ]);
  expect(detail.history.map((h: { action: string }) => h.action)).toEqual([
    "asset.uploaded",
    "asset.approve_partial",
    "asset.approve_final",
    "asset.issue",
  ]);

  certificateAssetId = issue.certificateAssetId;
  const pem = await acme.get(`/api/v1/assets/${issue.certificateAssetId}/download?format=pem`);
  expect(pem.status()).toBe(200);
  expect(pem.headers()["content-disposition"]).toContain(`client-certificate-${identifier}-PRD-v1.pem`);
  const der = await acme.get(`/api/v1/assets/${issue.certificateAssetId}/download?format=der`);
  const chain = await (await acme.get(`/api/v1/assets/${issue.certificateAssetId}/download?format=pem-chain`)).text();
  const leaf = new X509Certificate(await pem.text());
  expect(new X509Certificate(await der.body()).fingerprint256).toBe(leaf.fingerprint256);
  const ca = new X509Certificate(chain.slice(chain.lastIndexOf("-----BEGIN CERTIFICATE-----")));
  expect(ca.ca).toBe(true);
  expect(leaf.verify(ca.publicKey)).toBe(true);
  expect(leaf.checkIssued(ca)).toBe(true);
  expect(
    leaf.publicKey
      .export({ type: "spki", format: "der" })
      .equals(createPublicKey(csr.publicKeyPem).export({ type: "spki", format: "der" })),
  ).toBe(true);
  expect(leaf.subject).toContain(`CN=TLSMA-ECDSA/${identifier}/D1.PRD`);
  expect(leaf.keyUsage).toContain("1.3.6.1.5.5.7.3.2");
  const years = (Date.parse(leaf.validTo) - Date.parse(leaf.validFrom)) / (365.25 * 86_400_000);
  expect(years).toBeGreaterThan(4.99);
  expect(years).toBeLessThan(5.01);

  const connectionsAfter = await (await acme.get("/api/v1/connections")).json();
  const readiness = connectionsAfter.find((c: { id: string }) => c.id === connections.PRD).readiness;
  expect(readiness.items.find((i: { kind: string }) => i.kind === "CUSTOMER_CSR")).toMatchObject({ done: true });
  expect(readiness.items.find((i: { kind: string }) => i.kind === "ISSUED_TLS_CLIENT_CERTIFICATE")).toMatchObject({
    waitingOn: "customer",
    state: "PUBLISHED",
  });
});

test("reject needs a reason; the customer reads it", async ({ request }) => {
  const acme = api(request, tokens.acme);
  const host = await acme.post(`/api/v1/connections/${connections.PPR}/assets`, {
    kind: "ISSUER_HOST",
    host: "d1.api-e2e.acme-bank.example",
    port: 8443,
  });
  expect(host.status()).toBe(201);
  const assetId = (await host.json()).asset.id;
  expect((await api(request, tokens.delivery1).post(`/api/v1/assets/${assetId}/reject`, {})).status()).toBe(422);
  const rejected = await api(request, tokens.delivery1).post(`/api/v1/assets/${assetId}/reject`, {
    reason: "Use port 443: 8443 is not open on our side.",
  });
  expect((await rejected.json()).state).toBe("REJECTED");
  const detail = await (await acme.get(`/api/v1/assets/${assetId}`)).json();
  expect(detail.versions[0]).toMatchObject({
    state: "REJECTED",
    rejectionReason: "Use port 443: 8443 is not open on our side.",
    host: "d1.api-e2e.acme-bank.example",
    port: 8443,
  });
  expect(
    (await api(request, tokens.delivery1).post(`/api/v1/assets/${assetId}/reject`, { reason: "again" })).status(),
  ).toBe(409);
});

test("trust stores: each caller gets what it must trust, foreign organizations get 404", async ({ request }) => {
  const customer = await api(request, tokens.acme).get(`/api/v1/connections/${connections.PRD}/trust-store.pem`);
  expect(customer.status()).toBe(200);
  expect(await customer.text()).toContain("what you must trust");
  const backend = await api(request, tokens.delivery1).get(`/api/v1/connections/${connections.PRD}/trust-store.pem`);
  expect(await backend.text()).toContain("what the Thales backend must trust");
  expect(
    (await api(request, tokens.globex).get(`/api/v1/connections/${connections.PRD}/trust-store.pem`)).status(),
  ).toBe(404);
  expect((await api(request, tokens.globex).get(`/api/v1/assets/${csrAssetId}/download`)).status()).toBe(404);
});

test("trust stores and certificates come as PKCS#12 and JKS that keytool lists as trusted entries", async ({
  request,
}) => {
  const acme = api(request, tokens.acme);
  const keytool = (file: Buffer, type: string, password: string) => {
    const name = pki.path(`store-${type}-${password}`);
    writeFileSync(name, file);
    return execFileSync("keytool", ["-list", "-keystore", name, "-storetype", type, "-storepass", password], {
      encoding: "utf8",
    });
  };
  const p12 = await acme.get(`/api/v1/assets/${certificateAssetId}/download?format=p12`);
  expect(p12.status()).toBe(200);
  expect(p12.headers()["content-type"]).toBe("application/x-pkcs12");
  expect(p12.headers()["content-disposition"]).toContain(`client-certificate-${identifier}-PRD-v1.p12`);
  const listed = keytool(await p12.body(), "PKCS12", "changeit");
  expect(listed).toContain("Your keystore contains 2 entries");
  expect(listed.match(/trustedCertEntry/g)).toHaveLength(2);

  const backend = await api(request, tokens.delivery1).get(
    `/api/v1/connections/${connections.PRD}/trust-store?format=jks&password=s3cret-pw`,
  );
  expect(backend.status()).toBe(200);
  expect(backend.headers()["content-disposition"]).toContain(`trust-store-${identifier}-PRD-backend.jks`);
  expect(keytool(await backend.body(), "JKS", "s3cret-pw")).toContain("Keystore type: JKS");
  const pem = await acme.get(`/api/v1/connections/${connections.PRD}/trust-store?format=pem`);
  expect(await pem.text()).toContain("what you must trust");

  expect((await acme.get(`/api/v1/connections/${connections.PRD}/trust-store?format=pfx`)).status()).toBe(422);
  expect(
    (await acme.get(`/api/v1/connections/${connections.PRD}/trust-store?format=p12&password=short`)).status(),
  ).toBe(422);
  expect((await acme.get(`/api/v1/connections/${connections.PRD}/trust-store?audience=thales-backend`)).status()).toBe(
    404,
  );
  expect(
    (await api(request, tokens.globex).get(`/api/v1/connections/${connections.PRD}/trust-store?format=p12`)).status(),
  ).toBe(404);
});
