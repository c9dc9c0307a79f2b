import type { Page } from "@playwright/test";
import { test, expect, USERS, createIdentifier, asUser, uploadOnPage, type ConnectionIds } from "./support/fixtures";
import { Workdir, esc, uniqueIdentifier } from "./support/pki";

const MiB = 1024 * 1024;

/** Versions of one asset slot on the connection page. */
async function versionCount(page: Page, connectionId: string, kind: string): Promise<number> {
  await page.goto(`/connections/${connectionId}`);
  const slot = page.locator(`[data-testid="asset-slot"][data-kind="${kind}"]`);
  await expect(slot).toBeVisible();
  return slot.getByTestId("version-row").count();
}

test.describe("upload errors", () => {
  let ids: ConnectionIds;
  let id: string;
  const pki = new Workdir();

  test.beforeAll(async ({ browser, baseURL }) => {
    id = uniqueIdentifier("E2EUP");
    ids = await asUser(browser, baseURL, USERS.admin, (admin) =>
      createIdentifier(admin, { organization: "Acme Bank", program: "d1", value: id }),
    );
  });

  test("a pasted private key is refused whole and never echoed", async ({ signedIn }) => {
    const ops = await signedIn(USERS.acme);
    const keyPem = pki.key("leaked.key");
    const keyLine = keyPem.split("\n")[1]!;
    expect(keyPem).toContain("-----BEGIN PRIVATE KEY-----");
    const csr = pki.csr("with-key", `/C=FR/ST=IDF/L=Paris/O=Acme Bank/OU=Cards/CN=${esc(`TLSMA-ECDSA/${id}/D1.PPR`)}`);
    // Even next to a valid CSR, the key makes the whole upload fail.
    await uploadOnPage(ops, ids.PPR, "CUSTOMER_CSR", { pasted: csr.csrPem + keyPem });
    const report = ops.getByTestId("validation-report");
    await expect(report).toHaveAttribute("data-status", "rejected");
    await expect(report.getByTestId("finding")).toHaveCount(1);
    await expect(report.getByTestId("finding")).toHaveAttribute("data-code", "PRIVATE_KEY_DETECTED");
    await expect(report.getByTestId("finding-hint")).toContainText("A private key must never leave your systems");
    await expect(ops.locator("body")).not.toContainText(keyLine);
    await expect(ops.locator("body")).not.toContainText("BEGIN PRIVATE KEY");
    expect(await versionCount(ops, ids.PPR, "CUSTOMER_CSR")).toBe(0);
  });

  test("an empty submission says nothing was uploaded", async ({ signedIn }) => {
    const ops = await signedIn(USERS.acme);
    await ops.goto(`/connections/${ids.PPR}/upload/CUSTOMER_CSR`);
    await ops.getByRole("button", { name: "Submit to Thales" }).click();
    const finding = ops.locator('[data-testid="finding"][data-code="INPUT_EMPTY"]');
    await expect(finding).toContainText("Nothing was uploaded.");
    await expect(finding.getByTestId("finding-hint")).toHaveText("Choose a file, drop it here, or paste the PEM text.");
    // Each finding's code links to its entry on /findings (the page form of docs/findings.md).
    await finding.getByTestId("finding-doc-link").click();
    await expect(ops).toHaveURL(/\/findings#input_empty$/);
    await expect(ops.locator("#input_empty")).toContainText("The input is empty");
    await expect(ops.locator("#input_empty")).toContainText("Choose the .csr, .pem, .crt, .cer, .der or .p7b file");
    await ops.goto(`/connections/${ids.PPR}/upload/CUSTOMER_CSR`);
    // Whitespace only is empty too.
    await ops.getByLabel("…or paste PEM text").fill("   \n  ");
    await ops.getByRole("button", { name: "Check" }).click();
    await expect(ops.getByTestId("validation-report")).toHaveAttribute("data-status", "rejected");
    await expect(ops.locator('[data-testid="finding"][data-code="INPUT_EMPTY"]')).toHaveCount(1);
  });

  test("a file over 1 MiB is stopped in the browser, and pasted text over 1 MiB on the server", async ({
    signedIn,
  }) => {
    const ops = await signedIn(USERS.acme);
    await ops.goto(`/connections/${ids.PPR}/upload/CUSTOMER_CSR`);
    await ops
      .getByTestId("file-input")
      .setInputFiles({ name: "huge.pem", mimeType: "application/x-pem-file", buffer: Buffer.alloc(1.5 * MiB, "A") });
    await expect(ops.getByTestId("form-message")).toHaveText("huge.pem is 1.5 MiB: the limit is 1 MiB.");
    await expect(ops.getByRole("button", { name: "Submit to Thales" })).toBeDisabled();
    await expect(ops.getByRole("button", { name: "Check" })).toBeDisabled();
    // Choosing a normal file again clears the message.
    await ops
      .getByTestId("file-input")
      .setInputFiles({ name: "small.csr", mimeType: "application/pkcs10", buffer: Buffer.from("not a csr") });
    await expect(ops.getByTestId("form-message")).toHaveCount(0);
    await expect(ops.getByRole("button", { name: "Check" })).toBeEnabled();

    await ops.reload();
    await ops.getByLabel("…or paste PEM text").fill("A".repeat(1.2 * MiB));
    await ops.getByRole("button", { name: "Check" }).click();
    await expect(ops.locator('[data-testid="finding"][data-code="INPUT_TOO_LARGE"]')).toContainText("1 MiB");
    await expect(ops.getByRole("heading", { name: "Upload: Client certificate request (CSR)" })).toBeVisible();
    expect(await versionCount(ops, ids.PPR, "CUSTOMER_CSR")).toBe(0);
  });

  // Regression: above Next's server-action body limit the request would fail with a 413 and the page crash;
  // the form now measures pasted text before sending it.
  test("pasted text over 2 MiB gets a clear message instead of a crashed page", async ({ signedIn }) => {
    const ops = await signedIn(USERS.acme);
    await ops.goto(`/connections/${ids.PPR}/upload/CUSTOMER_CSR`);
    await ops.getByLabel("…or paste PEM text").fill("A".repeat(2.5 * MiB));
    await ops.getByRole("button", { name: "Check" }).click();
    await expect(ops.locator('[data-testid="finding"][data-code="INPUT_TOO_LARGE"]')).toBeVisible({ timeout: 5_000 });
  });

  test("a certificate where a CSR is expected is the wrong kind", async ({ signedIn }) => {
    const ops = await signedIn(USERS.acme);
    const cert = pki.selfSigned("not-a-csr", `TLSMA-ECDSA/${id}/D1.PPR`, 365);
    await uploadOnPage(ops, ids.PPR, "CUSTOMER_CSR", {
      file: { name: "client.crt", mimeType: "application/x-x509-ca-cert", buffer: Buffer.from(cert) },
    });
    const finding = ops.locator('[data-testid="finding"][data-code="WRONG_OBJECT_KIND"]');
    await expect(finding).toHaveAttribute("data-severity", "error");
    await expect(finding).toContainText("A CSR was expected, but the file holds a certificate.");
    await expect(finding.getByTestId("finding-hint")).toContainText("BEGIN CERTIFICATE REQUEST");
    expect(await versionCount(ops, ids.PPR, "CUSTOMER_CSR")).toBe(0);
  });

  test("hosts: scheme and IP refused, a DNS name on 8443 stored", async ({ signedIn }) => {
    const ops = await signedIn(USERS.acme);
    const hostPage = `/connections/${ids.PRD}/upload/ISSUER_HOST`;
    const cases: [string, string][] = [
      ["https://x", "HOST_HAS_SCHEME"],
      ["192.0.2.10", "HOST_IS_IP"],
      ["api.acme-bank.example/callback", "HOST_HAS_PATH"],
      ["localhost", "HOST_INVALID"],
    ];
    for (const [value, code] of cases) {
      await ops.goto(hostPage);
      await ops.getByLabel("DNS name of your endpoint").fill(value);
      await ops.getByRole("button", { name: "Submit to Thales" }).click();
      await expect(ops.getByTestId("validation-report")).toHaveAttribute("data-status", "rejected");
      await expect(ops.locator(`[data-testid="finding"][data-code="${code}"]`), value).toHaveAttribute(
        "data-severity",
        "error",
      );
    }
    expect(await versionCount(ops, ids.PRD, "ISSUER_HOST")).toBe(0);

    const host = `d1-callback.${id.toLowerCase()}.acme-bank.example`;
    await ops.goto(hostPage);
    await ops.getByLabel("DNS name of your endpoint").fill(host);
    await ops.getByLabel("Port").selectOption("8443");
    await ops.getByRole("button", { name: "Submit to Thales" }).click();
    await expect(ops).toHaveURL(/\/versions\/[^/?]+\?uploaded=1$/);
    await expect(ops.getByTestId("host")).toHaveText(`${host}:8443`);
    await expect(ops.locator('[data-testid="finding"][data-code="PORT_8443"]')).toHaveAttribute(
      "data-severity",
      "info",
    );
    await expect(ops.locator("header").getByTestId("state")).toHaveAttribute("data-state", "SUBMITTED");
    expect(await versionCount(ops, ids.PRD, "ISSUER_HOST")).toBe(1);
  });

  test("a warning blocks submission until the user confirms it", async ({ signedIn }) => {
    const ops = await signedIn(USERS.acme);
    // Right key and CN, but no C/ST/L/O/OU: a warning, not an error.
    const csr = pki.csr("cn-only", `/CN=${esc(`TLSMA-ECDSA/${id}/D1.PPR`)}`);
    await uploadOnPage(ops, ids.PPR, "CUSTOMER_CSR", { pasted: csr.csrPem });
    const report = ops.getByTestId("validation-report");
    await expect(report).toHaveAttribute("data-status", "needs-confirmation");
    const warning = report.locator('[data-testid="finding"][data-code="DN_ATTRIBUTE_MISSING"]');
    await expect(warning).toHaveAttribute("data-severity", "warning");
    await expect(warning.getByTestId("finding-hint")).toContainText("Add C, ST, L, O, OU with your values");
    // Prose apart from the command: one box holds only the command, with a copy button and how to read it.
    const fix = report.getByTestId("fix-command");
    await expect(fix.getByTestId("fix-prose")).toContainText("fixes all 1 finding(s) at once");
    const command =
      "openssl req -new -key <your-private-key.pem> -sha256 -out request.csr \\\n" +
      `  -subj "/C=<country, 2 letters>/ST=<state>/L=<locality>/O=<organization>/OU=<organization unit>/CN=TLSMA-ECDSA\\/${id}\\/D1.PPR"`;
    await expect(fix.getByTestId("fix-command-text")).toHaveText(command);
    await expect(fix.getByTestId("fix-notes")).toContainText("a / that belongs to a value is written \\/");
    await ops.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await fix.getByRole("button", { name: "Copy" }).click();
    await expect(fix.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await ops.evaluate(() => navigator.clipboard.readText())).toBe(command);
    const confirm = ops.getByTestId("confirm-warnings");
    await expect(confirm).not.toBeChecked();
    // Submitting again without the tick still stores nothing.
    await ops.getByRole("button", { name: "Submit to Thales" }).click();
    await expect(report).toHaveAttribute("data-status", "needs-confirmation");
    await expect(ops).toHaveURL(/\/upload\/CUSTOMER_CSR$/);
    expect(await versionCount(ops, ids.PPR, "CUSTOMER_CSR")).toBe(0);

    await uploadOnPage(ops, ids.PPR, "CUSTOMER_CSR", { pasted: csr.csrPem });
    await expect(ops.getByTestId("validation-report")).toHaveAttribute("data-status", "needs-confirmation");
    await ops.getByTestId("confirm-warnings").check();
    await ops.getByRole("button", { name: "Submit to Thales" }).click();
    await expect(ops).toHaveURL(/\/versions\/[^/?]+\?uploaded=1$/);
    await expect(ops.locator("header").getByTestId("state")).toHaveAttribute("data-state", "SUBMITTED");
    await expect(ops.locator('[data-testid="finding"][data-code="DN_ATTRIBUTE_MISSING"]')).toBeVisible();
    expect(await versionCount(ops, ids.PPR, "CUSTOMER_CSR")).toBe(1);
  });
});
