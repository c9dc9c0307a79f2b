import { X509Certificate, createPublicKey } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
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
import { Workdir, esc, pemBlocks, uniqueIdentifier } from "./support/pki";
import { confirmAction } from "./support/confirm";

/** The signing preview's fields (app/(portal)/versions/[id]/signing-preview.tsx), compared with the result. */
const PREVIEW_FIELDS = [
  "subject",
  "public-key",
  "not-before",
  "not-after",
  "basic-constraints",
  "key-usage",
  "extended-key-usage",
  "subject-alt-names",
  "crl",
  "issuer",
] as const;

const SCREENSHOTS = path.resolve(import.meta.dirname, "../docs/screenshots");
const DAY = 86_400_000;
const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

/**
 * Issue 4, D1 journey on Production: a bad CSR is refused with its fix, a good one goes through four-eyes
 * review, Thales signs it, and the certificate the customer downloads is proven with node:crypto.
 */
test("D1 PRD: bad CSR refused with the fix, good CSR approved by two reviewers, signed, downloaded and verified", async ({
  signedIn,
}) => {
  test.setTimeout(240_000);
  const pki = new Workdir();
  const id = uniqueIdentifier("E2ED1");
  const admin = await signedIn(USERS.admin);
  const ids: ConnectionIds = await createIdentifier(admin, { organization: "Acme Bank", program: "d1", value: id });
  const prd = ids.PRD;
  const dn = "/C=FR/ST=Ile-de-France/L=Paris/O=Acme Bank/OU=Card Payments";

  const ops = await signedIn(USERS.acme);
  // The board before anything: the CSR waits on the customer, the certificate on Thales.
  await ops.goto("/");
  const card = ops.locator(
    `[data-testid="identifier-group"][data-identifier="${id}"] [data-testid="readiness-card"][data-env="PRD"]`,
  );
  await expect(readinessItem(ops, "CUSTOMER_CSR", card)).toHaveAttribute("data-waiting", "customer");
  await expect(readinessItem(ops, "CUSTOMER_CSR", card)).toHaveAttribute("data-done", "false");
  await expect(readinessItem(ops, "ISSUED_TLS_CLIENT_CERTIFICATE", card)).toHaveAttribute("data-waiting", "thales");

  // 1. A CSR made for PreProd, uploaded on Production (as a file): refused, with the corrected -subj.
  const wrong = pki.csr("wrong-env", `${dn}/CN=${esc(`TLSMA-ECDSA/${id}/D1.PPR`)}`);
  await ops.goto(`/connections/${prd}/upload/CUSTOMER_CSR`);
  await expect(ops.getByTestId("expected-cn")).toContainText(`TLSMA-ECDSA/${id}/D1.PRD`);
  await ops
    .getByTestId("file-input")
    .setInputFiles({ name: "wrong-env.csr", mimeType: "application/pkcs10", buffer: Buffer.from(wrong.csrPem) });
  await expect(ops.getByTestId("chosen-file")).toHaveText("wrong-env.csr");
  await ops.getByRole("button", { name: "Submit to Thales" }).click();
  const report = ops.getByTestId("validation-report");
  await expect(report).toHaveAttribute("data-status", "rejected");
  const cnFinding = report.locator('[data-testid="finding"][data-code="CN_ENVIRONMENT_MISMATCH"]');
  await expect(cnFinding).toHaveAttribute("data-severity", "error");
  await expect(cnFinding).toContainText(`expected "TLSMA-ECDSA/${id}/D1.PRD"`);
  await expect(cnFinding.getByTestId("finding-hint")).toContainText(`Use CN=TLSMA-ECDSA/${id}/D1.PRD`);
  // The corrected command is one, below the findings, in its own box.
  await expect(report.getByTestId("fix-command-text")).toHaveText(
    "openssl req -new -key <your-private-key.pem> -sha256 -out request.csr \\\n" +
      `  -subj "/C=FR/ST=Ile-de-France/L=Paris/O=Acme Bank/OU=Card Payments/CN=TLSMA-ECDSA\\/${id}\\/D1.PRD"`,
  );
  await expect(ops).toHaveURL(new RegExp(`/connections/${prd}/upload/CUSTOMER_CSR$`));
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ops.screenshot({ path: path.join(SCREENSHOTS, "upload-report.png"), fullPage: true });

  // 2. An RSA 2048 CSR with the right CN: refused for its key.
  const rsa = pki.csr("rsa2048", `${dn}/CN=${esc(`TLSMA-RSA/${id}/D1.PRD`)}`, "rsa-2048");
  await uploadOnPage(ops, prd, "CUSTOMER_CSR", { pasted: rsa.csrPem });
  await expect(ops.getByTestId("validation-report")).toHaveAttribute("data-status", "rejected");
  await expect(ops.locator('[data-testid="finding"][data-code="KEY_RSA_2048_REFUSED"]')).toHaveAttribute(
    "data-severity",
    "error",
  );

  // Nothing was stored: the slot is still empty and the board still waits on the customer.
  await ops.goto(`/connections/${prd}`);
  const csrSlot = ops.locator('[data-testid="asset-slot"][data-kind="CUSTOMER_CSR"]');
  await expect(csrSlot).toContainText("Nothing yet.");
  await expect(csrSlot.getByTestId("version-row")).toHaveCount(0);
  await expect(csrSlot.getByTestId("upload-link")).toHaveText("Upload");
  await expect(readinessItem(ops, "CUSTOMER_CSR")).toHaveAttribute("data-waiting", "customer");

  // 3. The good CSR (P-256, right CN, full DN), pasted: stored as SUBMITTED, now waiting on Thales.
  const good = pki.csr("good", `${dn}/CN=${esc(`TLSMA-ECDSA/${id}/D1.PRD`)}`);
  await csrSlot.getByTestId("upload-link").click();
  await ops.getByLabel("…or paste PEM text").fill(good.csrPem);
  await ops.getByRole("button", { name: "Check" }).click();
  await expect(ops.getByTestId("validation-report")).toHaveAttribute("data-status", "checked");
  await expect(
    ops.getByTestId("validation-report").locator('[data-severity="error"], [data-severity="warning"]'),
  ).toHaveCount(0);
  await ops.getByRole("button", { name: "Submit to Thales" }).click();
  await expect(ops).toHaveURL(/\/versions\/[^/?]+\?uploaded=1$/);
  const csrVersion = versionIdFromUrl(ops);
  await expect(ops.getByTestId("flash")).toContainText("Submitted to Thales");
  await expect(ops.locator("header").getByTestId("state")).toHaveAttribute("data-state", "SUBMITTED");
  await expect(ops.getByTestId("csr")).toContainText(`CN=TLSMA-ECDSA/${id}/D1.PRD`);
  await ops.goto(`/connections/${prd}`);
  await expect(csrSlot.getByTestId("version-row")).toHaveCount(1);
  await expect(csrSlot.getByTestId("version-row").getByTestId("state")).toHaveAttribute("data-state", "SUBMITTED");
  await expect(readinessItem(ops, "CUSTOMER_CSR")).toHaveAttribute("data-waiting", "thales");
  await expect(readinessItem(ops, "CUSTOMER_CSR")).toContainText("Waiting on Thales");
  await ops.goto("/");
  await expect(readinessItem(ops, "CUSTOMER_CSR", card)).toHaveAttribute("data-waiting", "thales");
  await expect(readinessItem(ops, "CUSTOMER_CSR", card)).toHaveAttribute("data-done", "false");

  // 4. First approval (PRD): in review, a second approver is required; the same reviewer cannot approve again.
  const delivery1 = await signedIn(USERS.delivery1);
  await delivery1.goto(`/versions/${csrVersion}`);
  await expect(delivery1.getByTestId("approvals")).toHaveText("Approvals: 0 of 2");
  // Approve asks first, in a modal dialog that names the version and the count; Escape and Cancel change nothing.
  const approve = delivery1.getByRole("button", { name: "Approve", exact: true });
  await approve.click();
  const dialog = delivery1.getByRole("dialog", { name: new RegExp(`^Approve .* v1 for ${id} PRD$`) });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("approval-count")).toContainText("This is approval 1 of 2.");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  // Tab goes from Cancel to the dialog's own Approve, not to the page behind (inert while the dialog is open).
  await delivery1.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Approve" })).toBeFocused();
  await delivery1.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(approve).toBeFocused();
  await approve.click();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await delivery1.reload();
  await expect(delivery1.getByTestId("approvals")).toHaveText("Approvals: 0 of 2");
  await expect(delivery1.locator("header").getByTestId("state")).not.toHaveAttribute("data-state", "APPROVED");
  await confirmAction(delivery1, "Approve", "Approve");
  await expect(delivery1.getByTestId("flash")).toHaveText(
    "Approval recorded: Production needs a second, different Thales reviewer.",
  );
  await expect(delivery1.locator("header").getByTestId("state")).toHaveAttribute("data-state", "IN_REVIEW");
  await expect(delivery1.getByTestId("approvals")).toHaveText(`Approvals: 1 of 2 (${USERS.delivery1})`);
  const approveAgain = delivery1.getByRole("button", { name: "Approve" });
  await expect(approveAgain).toBeDisabled();
  await expect(
    delivery1.getByText("You already approved: a second, different Thales reviewer must approve."),
  ).toBeVisible();
  // The server refuses it too, even if the form is submitted past the disabled button and its dialog.
  await approveAgain.evaluate((button) => button.closest("form")!.requestSubmit());
  await expect(delivery1.getByTestId("form-message")).toHaveText(
    "You already approved this version: Production needs a second, different approver.",
  );
  await delivery1.reload();
  await expect(delivery1.getByTestId("approvals")).toHaveText(`Approvals: 1 of 2 (${USERS.delivery1})`);
  await expect(delivery1.locator("header").getByTestId("state")).toHaveAttribute("data-state", "IN_REVIEW");

  await ops.goto("/");
  await expect(readinessItem(ops, "CUSTOMER_CSR", card)).toHaveAttribute("data-waiting", "thales");
  await expect(readinessItem(ops, "CUSTOMER_CSR", card)).toContainText("In review (1 of 2 approvals)");

  // 5. Second approver: approved.
  const delivery2 = await signedIn(USERS.delivery2);
  await delivery2.goto(`/versions/${csrVersion}`);
  await expect(delivery2.getByTestId("approvals")).toHaveText(`Approvals: 1 of 2 (${USERS.delivery1})`);
  await expect(delivery2.getByRole("button", { name: "Approve" })).toBeEnabled();
  await delivery2.screenshot({ path: path.join(SCREENSHOTS, "review.png"), fullPage: true });
  await confirmAction(delivery2, "Approve", "Approve", async (second) => {
    await expect(second.getByTestId("approval-count")).toContainText("This is approval 2 of 2.");
  });
  await expect(delivery2.getByTestId("flash")).toHaveText("Approved.");
  await expect(delivery2.locator("header").getByTestId("state")).toHaveAttribute("data-state", "APPROVED");
  await expect(delivery2.getByTestId("reviews")).toContainText(`Approved by ${USERS.delivery2}`);
  await expect(delivery2.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await ops.goto(`/connections/${prd}`);
  await expect(readinessItem(ops, "CUSTOMER_CSR")).toHaveAttribute("data-waiting", "thales");
  await expect(readinessItem(ops, "CUSTOMER_CSR")).toContainText("Approved");
  await expect(readinessItem(ops, "ISSUED_TLS_CLIENT_CERTIFICATE")).toHaveAttribute("data-waiting", "thales");

  // 6. Thales signs it with the portal's CA, after a preview of exactly what will be issued.
  const planned: Record<string, string> = {};
  await delivery2.getByRole("button", { name: "Sign with the Thales CA" }).click();
  const signDialog = delivery2.getByRole("dialog", { name: new RegExp(`^Sign .* v1 for ${id} PRD$`) });
  for (const field of PREVIEW_FIELDS)
    planned[field] = (await signDialog.getByTestId(`preview-${field}`).innerText()).trim();
  expect(planned["subject"]).toContain(`CN=TLSMA-ECDSA/${id}/D1.PRD`);
  await signDialog.getByRole("button", { name: "Cancel" }).click();
  await delivery2.reload();
  await expect(delivery2.locator("header").getByTestId("state")).toHaveAttribute("data-state", "APPROVED");
  await confirmAction(delivery2, "Sign with the Thales CA", "Sign and issue");
  await expect(delivery2.locator("header").getByTestId("state")).toHaveAttribute("data-state", "ISSUED");
  await expect(delivery2.getByTestId("flash")).toHaveText("Certificate issued. The customer can download it now.");
  await expect(delivery2.getByTestId("issued-certificate-link")).toBeVisible();
  await expect(delivery2.getByRole("button", { name: "Sign with the Thales CA" })).toHaveCount(0);
  // The issued certificate is what the preview said, field by field (validity: the same span, from signing).
  const issuedHref = (await delivery2.getByTestId("issued-certificate-link").getAttribute("href"))!;
  await delivery2.goto(issuedHref);
  const issuedDetails = delivery2.getByTestId("certificate").first();
  const row = async (label: string) =>
    (
      await issuedDetails
        .locator("div", { has: delivery2.locator("dt", { hasText: new RegExp(`^${label}$`) }) })
        .locator("dd")
        .innerText()
    ).trim();
  expect(await row("Subject")).toBe(planned["subject"]);
  expect(await row("Issuer")).toBe(planned["issuer"]!.replace(/ \(development CA\)$/, ""));
  expect(await row("Public key")).toBe(planned["public-key"]);
  expect(await row("Basic constraints")).toBe(planned["basic-constraints"]);
  expect(await row("Key usage")).toBe(planned["key-usage"]);
  expect(await row("Extended key usage")).toBe(planned["extended-key-usage"]);
  expect(await row("Subject alt names")).toBe(planned["subject-alt-names"]);
  // Every date reads `2027-12-01 19:39 UTC (in 11 months)`: the UTC minute is what is compared.
  const utc = (text: string) => Date.parse(`${text.split(" UTC")[0]!.replace(" ", "T")}Z`);
  const issuedFrom = utc(await row("Valid from"));
  const issuedUntil = utc(await row("Valid until"));
  expect(Math.abs(issuedFrom - utc(planned["not-before"]!))).toBeLessThan(10 * 60_000);
  expect(issuedUntil - issuedFrom).toBe(utc(planned["not-after"]!) - utc(planned["not-before"]!));
  await delivery2.goto("/ca");
  const caPem = (await delivery2.locator("pre").textContent())!.trim();
  const thalesCa = new X509Certificate(caPem);
  expect(thalesCa.ca).toBe(true);

  // 7. The customer downloads the certificate: PEM (as a browser download), DER and PEM with chain.
  await ops.goto(`/connections/${prd}`);
  await expect(readinessItem(ops, "CUSTOMER_CSR")).toHaveAttribute("data-done", "true");
  await expect(readinessItem(ops, "ISSUED_TLS_CLIENT_CERTIFICATE")).toHaveAttribute("data-waiting", "customer");
  const issuedSlot = ops.locator('[data-testid="asset-slot"][data-kind="ISSUED_TLS_CLIENT_CERTIFICATE"]');
  const issuedRow = issuedSlot.getByTestId("version-row");
  await expect(issuedRow).toHaveCount(1);
  await expect(issuedRow.getByTestId("state")).toHaveAttribute("data-state", "PUBLISHED");
  const [download] = await Promise.all([ops.waitForEvent("download"), issuedRow.getByTestId("download-pem").click()]);
  expect(download.suggestedFilename()).toBe(`client-certificate-${id}-PRD-v1.pem`);
  const leafPem = readFileSync(await download.path(), "utf8");
  expect(pemBlocks(leafPem).map((b) => b.label)).toEqual(["CERTIFICATE"]);
  const leaf = new X509Certificate(leafPem);
  // The CRL distribution point the preview named is the one in the certificate (an IA5String URI in the DER).
  expect(planned["crl"]).toMatch(/^http.*\/crl\/portal-ca-[0-9a-f]{16}\.crl$/);
  expect(leaf.raw.includes(Buffer.from(planned["crl"]!, "latin1"))).toBe(true);

  const derHref = (await issuedRow.getByTestId("download-der").getAttribute("href"))!;
  const der = await ops.request.get(derHref);
  expect(der.status()).toBe(200);
  expect(der.headers()["content-disposition"]).toContain(`client-certificate-${id}-PRD-v1.cer`);
  expect(new X509Certificate(await der.body()).fingerprint256).toBe(leaf.fingerprint256);

  const chainResponse = await ops.request.get(
    (await issuedRow.getByTestId("download-pem-chain").getAttribute("href"))!,
  );
  expect(chainResponse.status()).toBe(200);
  const chainBlocks = pemBlocks(await chainResponse.text());
  expect(chainBlocks).toHaveLength(2);
  const [chainLeaf, chainRoot] = chainBlocks.map((b) => new X509Certificate(b.pem));
  expect(chainLeaf!.fingerprint256).toBe(leaf.fingerprint256);
  expect(chainRoot!.fingerprint256).toBe(thalesCa.fingerprint256);

  // The certificate carries the CSR's public key (as `openssl req -pubkey -noout` prints it) ...
  const csrKey = createPublicKey(good.publicKeyPem).export({ type: "spki", format: "der" });
  expect(Buffer.compare(leaf.publicKey.export({ type: "spki", format: "der" }), csrKey)).toBe(0);
  // ... chains to the Thales CA the portal shows, is for TLS client authentication, and is valid 5 years.
  expect(leaf.checkIssued(thalesCa)).toBe(true);
  expect(leaf.verify(thalesCa.publicKey)).toBe(true);
  expect(leaf.verify(leaf.publicKey)).toBe(false);
  expect(leaf.subject).toContain(`CN=TLSMA-ECDSA/${id}/D1.PRD`);
  expect(leaf.subject).toContain("O=Acme Bank");
  expect(leaf.ca).toBe(false);
  expect(leaf.keyUsage).toContain(CLIENT_AUTH);
  const days = (Date.parse(leaf.validTo) - Date.parse(leaf.validFrom)) / DAY;
  expect(days).toBeGreaterThanOrEqual(5 * 365);
  expect(days).toBeLessThanOrEqual(5 * 365 + 3);
  expect(Math.abs(Date.parse(leaf.validFrom) - Date.now())).toBeLessThan(2 * DAY);

  // 8. The customer acknowledges receipt: the checklist item is done.
  await issuedSlot.getByRole("button", { name: "Acknowledge receipt" }).click();
  await expect(issuedRow.getByTestId("state")).toHaveAttribute("data-state", "ACKNOWLEDGED");
  await expect(readinessItem(ops, "ISSUED_TLS_CLIENT_CERTIFICATE")).toHaveAttribute("data-done", "true");
  await ops.goto("/");
  await expect(readinessItem(ops, "CUSTOMER_CSR", card)).toHaveAttribute("data-done", "true");
  await expect(readinessItem(ops, "ISSUED_TLS_CLIENT_CERTIFICATE", card)).toHaveAttribute("data-done", "true");
  await expect(readinessItem(ops, "ISSUED_TLS_CLIENT_CERTIFICATE", card)).toHaveAttribute("data-waiting", "nobody");
  await expect(ops.locator('[data-testid="identifier-group"][data-identifier="ACME01"]')).toBeVisible();
  await ops.screenshot({ path: path.join(SCREENSHOTS, "readiness-board.png"), fullPage: true });
});
