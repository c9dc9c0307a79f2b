import { X509Certificate } from "node:crypto";
import {
  test,
  expect,
  USERS,
  createIdentifier,
  readinessItem,
  uploadOnPage,
  versionIdFromUrl,
} from "./support/fixtures";
import { query } from "./support/db";
import { api, apiToken } from "./api/support";
import { Workdir, uniqueIdentifier } from "./support/pki";
import { confirmAction } from "./support/confirm";

const fingerprints = (pem: string) =>
  (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [])
    .map((block) => new X509Certificate(block).fingerprint256)
    .sort();

/**
 * Issue 15: a private server chain's CAs become the connection's trust store in one click, through the normal
 * upload (checked, reviewed, audited with `derivedFrom`), and the board stops waiting on the customer for it.
 */
test("a customer submits the CAs of an uploaded chain as the trust store in one click", async ({
  signedIn,
  request,
}) => {
  test.setTimeout(180_000);
  const pki = new Workdir();
  const id = uniqueIdentifier("E2EDTS");
  const admin = await signedIn(USERS.admin);
  const { PPR: ppr } = await createIdentifier(admin, { organization: "Acme Bank", program: "d1", value: id });
  const server = pki.serverChain("Derive", "d1-callback.derive.acme-bank.example");
  const customer = await signedIn(USERS.acme);

  await uploadOnPage(customer, ppr, "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN", { pasted: server.chain });
  await customer.getByTestId("confirm-warnings").check();
  await customer.getByRole("button", { name: "Submit to Thales" }).click();
  await expect(customer).toHaveURL(/\?uploaded=1$/);
  const chainVersion = versionIdFromUrl(customer);
  // The finding's hint names the button the page offers.
  await expect(customer.locator('[data-testid="finding"][data-code="CHAIN_NOT_MOZILLA_TRUSTED"]')).toContainText(
    "Submit its CAs as the trust store",
  );

  await customer.goto(`/connections/${ppr}`);
  await expect(readinessItem(customer, "CUSTOMER_TRUST_STORE")).toHaveAttribute("data-waiting", "customer");

  await customer.goto(`/versions/${chainVersion}`);
  await confirmAction(customer, "Submit its CAs as the trust store", "Submit as the trust store", async (dialog) => {
    await expect(dialog.getByTestId("derived-cas").locator("li")).toHaveCount(2);
    await expect(dialog).toContainText("Derive Root CA");
    await expect(dialog).toContainText("Derive Issuing CA");
  });
  await expect(customer).toHaveURL(/\?uploaded=1$/);
  const storeVersion = versionIdFromUrl(customer);
  expect(storeVersion).not.toBe(chainVersion);
  await expect(customer.locator("h1")).toContainText("Server trust store");

  // Exactly the chain's two CAs, never its leaf.
  const [row] = await query<{ normalizedPem: string; kind: string; state: string }>(
    `SELECT v."normalizedPem", a.kind, v.state FROM "AssetVersion" v JOIN "Asset" a ON a.id = v."assetId" WHERE v.id = $1`,
    [storeVersion],
  );
  expect(row!.kind).toBe("CUSTOMER_TRUST_STORE");
  expect(row!.state).toBe("SUBMITTED");
  expect(fingerprints(row!.normalizedPem)).toEqual(fingerprints(server.root + server.intermediate));
  const [audit] = await query<{ details: string }>(
    `SELECT details FROM "AuditEvent" WHERE action = 'asset.uploaded' AND "targetId" = $1`,
    [storeVersion],
  );
  expect(JSON.parse(audit!.details).derivedFrom).toBe(chainVersion);

  await customer.goto(`/connections/${ppr}`);
  await expect(readinessItem(customer, "CUSTOMER_TRUST_STORE")).toHaveAttribute("data-waiting", "thales");

  // The same over the API: a new version (the pending one is replaced), and a clear 422 for a non-chain.
  const acme = api(request, apiToken(USERS.acme, "derive"));
  const again = await acme.post(`/api/v1/versions/${chainVersion}/derive-trust-store`);
  expect(again.status()).toBe(201);
  const created = await again.json();
  expect(created.asset.kind).toBe("CUSTOMER_TRUST_STORE");
  expect(created.version.id).not.toBe(storeVersion);
  const refused = await acme.post(`/api/v1/versions/${storeVersion}/derive-trust-store`);
  expect(refused.status()).toBe(422);
  expect((await refused.json()).message).toContain("derived from a server certificate chain");
  // Another organization's chain is not found; the read-only viewer may not upload.
  expect(
    (
      await api(request, apiToken(USERS.globex, "derive")).post(`/api/v1/versions/${chainVersion}/derive-trust-store`)
    ).status(),
  ).toBe(404);
  expect(
    (
      await api(request, apiToken(USERS.acmeViewer, "derive")).post(
        `/api/v1/versions/${chainVersion}/derive-trust-store`,
      )
    ).status(),
  ).toBe(403);
});
