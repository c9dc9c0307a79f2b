import { X509Certificate } from "node:crypto";
import {
  test,
  expect,
  USERS,
  createIdentifier,
  readinessItem,
  uploadOnPage,
  versionIdFromUrl,
  type ConnectionIds,
} from "./support/fixtures";
import { Workdir, pemBlocks, uniqueIdentifier } from "./support/pki";
import type { Page } from "@playwright/test";
import { confirmAction } from "./support/confirm";
import { tickOnly } from "./support/publish";
import { retireJob } from "./support/jobs";

/** On /publish: one kind, one environment, only the given identifier's connection ticked. */
async function publish(
  page: Page,
  kind: string,
  env: "PPR" | "PRD",
  identifier: string,
  content: { pasted: string } | { host: string; basePath: string },
) {
  await page.goto("/publish");
  await page.getByLabel("What").selectOption(kind);
  await page.getByLabel("Environment").selectOption(env);
  await tickOnly(page, identifier);
  if ("pasted" in content) await page.getByLabel("…or paste PEM").fill(content.pasted);
  else {
    await page.getByLabel("Host name").fill(content.host);
    await page.getByLabel("API base path").fill(content.basePath);
  }
  // A confirmation step shows what each target's trust store gains and loses before anything is published.
  await page.getByRole("button", { name: "Preview changes" }).click();
  await confirmAction(page.getByTestId("publish-confirmation"), /^Publish to 1 connection/, "Publish");
}

const fingerprints = (pems: string[]) => pems.map((pem) => new X509Certificate(pem).fingerprint256).sort();

test("TSH PPR: client certificate and server chain uploaded, Thales assets published, trust stores exported both ways", async ({
  signedIn,
}) => {
  test.setTimeout(240_000);
  const pki = new Workdir();
  const id = uniqueIdentifier("E2ETSH");
  const expectedCn = (env: string) => `${id}.${env}.TLS-CLIENT`;
  const admin = await signedIn(USERS.admin);
  const ids: ConnectionIds = await createIdentifier(admin, {
    organization: "Acme Bank",
    program: "tsh",
    value: id,
    expectedCn,
  });
  const ppr = ids.PPR;

  const ops = await signedIn(USERS.acme);
  await ops.goto(`/connections/${ppr}`);
  await expect(ops.getByTestId("expected-cn")).toContainText(expectedCn("PPR"));
  // The Thales assets in force for TSH PreProd (the seed's, on ACME-TSH) came with the new identifier (issue 15):
  // the customer has them to acknowledge, Thales owes nothing yet. Thales publishes this customer's own below.
  for (const kind of ["TSH_TLS_CLIENT_CERTIFICATE", "TSH_TLS_SERVER_CERTIFICATE_CHAIN", "TSH_INBOUND_HOST"]) {
    await expect(readinessItem(ops, kind)).toHaveAttribute("data-waiting", "customer");
  }

  // 1. The self-signed client certificate: EC P-256, the CN Thales set, 2 years.
  const clientPem = pki.selfSigned("tsh-client", expectedCn("PPR"), 730);
  await uploadOnPage(ops, ppr, "CUSTOMER_TLS_CLIENT_CERTIFICATE", {
    file: { name: "tsh-client.pem", mimeType: "application/x-pem-file", buffer: Buffer.from(clientPem) },
  });
  await expect(ops).toHaveURL(/\/versions\/[^/?]+\?uploaded=1$/);
  const clientVersion = versionIdFromUrl(ops);
  await expect(ops.locator("header").getByTestId("state")).toHaveAttribute("data-state", "SUBMITTED");
  await expect(ops.getByTestId("certificate").first()).toContainText(`CN=${expectedCn("PPR")}`);

  // 2. The server chain from a private PKI: a warning (not Mozilla-trusted) that must be confirmed.
  const server = pki.serverChain("AcmeTsh", `tsh-callback.${id.toLowerCase()}.acme-bank.example`);
  await uploadOnPage(ops, ppr, "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN", { pasted: server.chain });
  await expect(ops.getByTestId("validation-report")).toHaveAttribute("data-status", "needs-confirmation");
  await expect(ops.locator('[data-testid="finding"][data-code="CHAIN_NOT_MOZILLA_TRUSTED"]')).toHaveAttribute(
    "data-severity",
    "warning",
  );
  await ops.getByTestId("confirm-warnings").check();
  await ops.getByRole("button", { name: "Submit to Thales" }).click();
  await expect(ops).toHaveURL(/\/versions\/[^/?]+\?uploaded=1$/);
  const chainVersion = versionIdFromUrl(ops);
  await expect(ops.getByTestId("certificate")).toHaveCount(3);

  // Before approval the backend export holds nothing of the customer's.
  const delivery = await signedIn(USERS.delivery1);
  await delivery.goto(`/connections/${ppr}`);
  const backendLink = delivery.getByTestId("trust-store-link");
  await expect(backendLink).toHaveText("Export customer trust store for the backend (PEM)");
  const emptyExport = await delivery.request.get((await backendLink.getAttribute("href"))!);
  expect(emptyExport.status()).toBe(200);
  expect(pemBlocks(await emptyExport.text())).toHaveLength(0);

  // 3. Thales publishes its assets for PPR, to this connection only.
  const tshClientCa = pki.serverChain("ThalesTshClient", "unused.thales.example").root;
  const tshServer = pki.serverChain("ThalesTshServer", `tsh.${id.toLowerCase()}.thales.example`);
  await publish(delivery, "TSH_TLS_CLIENT_CERTIFICATE", "PPR", id, { pasted: tshClientCa });
  await expect(delivery.getByTestId("form-message")).toHaveText("Published to 1 connection(s).");
  // The TSH server chain is published with its leaf (a note, not an error): trust stores must leave it out.
  await publish(delivery, "TSH_TLS_SERVER_CERTIFICATE_CHAIN", "PPR", id, { pasted: tshServer.chain });
  await expect(delivery.getByTestId("form-message")).toHaveText("Published to 1 connection(s).");
  await expect(delivery.locator('[data-testid="finding"][data-code="LEAF_INCLUDED"]')).toHaveAttribute(
    "data-severity",
    "info",
  );
  await publish(delivery, "TSH_INBOUND_HOST", "PPR", id, {
    host: `tsh.${id.toLowerCase()}.thales.example`,
    basePath: "/tsh/v1",
  });
  await expect(delivery.getByTestId("form-message")).toHaveText("Published to 1 connection(s).");

  // 4. The customer sees them as new. v1 came with the identifier: the CAs stay in force beside their renewal until
  // the cut-over (issue 12), the host is replaced at once (a connection calls one host).
  await ops.goto(`/connections/${ppr}`);
  for (const [kind, before] of [
    ["TSH_TLS_CLIENT_CERTIFICATE", "RETIRING"],
    ["TSH_TLS_SERVER_CERTIFICATE_CHAIN", "RETIRING"],
    ["TSH_INBOUND_HOST", "SUPERSEDED"],
  ] as const) {
    const slot = `[data-testid="asset-slot"][data-kind="${kind}"]`;
    await expect(
      ops.locator(`${slot} [data-testid="version-row"][data-version="2"] [data-testid="state"]`),
    ).toHaveAttribute("data-state", "PUBLISHED");
    await expect(
      ops.locator(`${slot} [data-testid="version-row"][data-version="1"] [data-testid="state"]`),
    ).toHaveAttribute("data-state", before);
    await expect(readinessItem(ops, kind)).toHaveAttribute("data-waiting", "customer");
  }
  const hostSlot = ops.locator('[data-testid="asset-slot"][data-kind="TSH_INBOUND_HOST"]');
  const hostFile = await ops.request.get((await hostSlot.getByTestId("download-txt").getAttribute("href"))!);
  expect(await hostFile.text()).toBe(`tsh.${id.toLowerCase()}.thales.example/tsh/v1\n`);

  const chainSlot = ops.locator('[data-testid="asset-slot"][data-kind="TSH_TLS_SERVER_CERTIFICATE_CHAIN"]');
  // v1 is still in force beside it (overlap): v2's own download.
  const publishedChain = await ops.request.get(
    (await chainSlot
      .locator('[data-testid="version-row"][data-version="2"]')
      .getByTestId("download-pem")
      .getAttribute("href"))!,
  );
  expect(fingerprints(pemBlocks(await publishedChain.text()).map((b) => b.pem))).toEqual(
    fingerprints([tshServer.leaf, tshServer.intermediate, tshServer.root]),
  );

  // During the overlap the trust store holds the new CAs beside the ones they renew, never a leaf.
  const customerLink = ops.getByTestId("trust-store-link");
  await expect(customerLink).toHaveText("Download trust store (PEM)");
  const overlapping = pemBlocks(await (await ops.request.get((await customerLink.getAttribute("href"))!)).text());
  const during = fingerprints(overlapping.map((b) => b.pem));
  for (const pem of [tshClientCa, tshServer.intermediate, tshServer.root])
    expect(during).toContain(new X509Certificate(pem).fingerprint256);
  expect(during.length).toBeGreaterThan(3);
  expect(during).not.toContain(new X509Certificate(tshServer.leaf).fingerprint256);
  // After the default cut-over (30 days) the retire job leaves exactly the published CAs.
  expect(await retireJob(new Date(Date.now() + 31 * 86_400_000))).toMatch(/"retired":[1-9]/);
  const trustStore = await ops.request.get((await customerLink.getAttribute("href"))!);
  expect(trustStore.status()).toBe(200);
  expect(trustStore.headers()["content-disposition"]).toContain(`trust-store-${id}-PPR.pem`);
  const text = await trustStore.text();
  expect(text.startsWith("# Trust store for ")).toBe(true);
  expect(text).toContain("# 3 CA certificate(s)");
  const blocks = pemBlocks(text);
  expect(blocks.map((b) => b.label)).toEqual(["CERTIFICATE", "CERTIFICATE", "CERTIFICATE"]);
  expect(fingerprints(blocks.map((b) => b.pem))).toEqual(
    fingerprints([tshClientCa, tshServer.intermediate, tshServer.root]),
  );
  for (const block of blocks) expect(new X509Certificate(block.pem).ca).toBe(true);
  expect(fingerprints(blocks.map((b) => b.pem))).not.toContain(new X509Certificate(tshServer.leaf).fingerprint256);
  // Every certificate has its own comment header.
  const commentsBeforeEach = text
    .split("-----BEGIN CERTIFICATE-----")
    .slice(0, -1)
    .map((before) => before.trimEnd().split("\n").pop() ?? "");
  for (const line of commentsBeforeEach) expect(line.startsWith("#")).toBe(true);

  // 5. The customer acknowledges each Thales asset.
  for (const kind of ["TSH_TLS_CLIENT_CERTIFICATE", "TSH_TLS_SERVER_CERTIFICATE_CHAIN", "TSH_INBOUND_HOST"]) {
    const slot = ops.locator(`[data-testid="asset-slot"][data-kind="${kind}"]`);
    await slot.getByRole("button", { name: "Acknowledge receipt" }).click();
    await expect(slot.locator('[data-testid="version-row"][data-version="2"]').getByTestId("state")).toHaveAttribute(
      "data-state",
      "ACKNOWLEDGED",
    );
    await expect(readinessItem(ops, kind)).toHaveAttribute("data-done", "true");
  }

  // 6. Delivery approves both customer assets (PreProd: one approval) and exports the backend trust store.
  for (const version of [clientVersion, chainVersion]) {
    await delivery.goto(`/versions/${version}`);
    await expect(delivery.getByTestId("approvals")).toHaveText("Approvals: 0 of 1");
    await confirmAction(delivery, "Approve", "Approve");
    await expect(delivery.locator("header").getByTestId("state")).toHaveAttribute("data-state", "APPROVED");
  }
  await delivery.goto(`/connections/${ppr}`);
  const backend = await delivery.request.get((await backendLink.getAttribute("href"))!);
  expect(backend.status()).toBe(200);
  expect(backend.headers()["content-disposition"]).toContain(`trust-store-${id}-PPR-backend.pem`);
  const backendText = await backend.text();
  expect(backendText).toContain("what the Thales backend must trust");
  // The customer's server-chain CAs, never its leaf, and nothing of Thales'.
  expect(fingerprints(pemBlocks(backendText).map((b) => b.pem))).toEqual(
    fingerprints([server.intermediate, server.root]),
  );

  await ops.goto(`/connections/${ppr}`);
  await expect(readinessItem(ops, "CUSTOMER_TLS_CLIENT_CERTIFICATE")).toHaveAttribute("data-done", "true");
  await expect(readinessItem(ops, "CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN")).toHaveAttribute("data-done", "true");
  // The chain is not Mozilla-trusted but carries its own root, which the backend export above trusts already:
  // the board agrees with that export and asks for no trust store (issue 15).
  await expect(readinessItem(ops, "CUSTOMER_TRUST_STORE")).toHaveAttribute("data-waiting", "nobody");
});
