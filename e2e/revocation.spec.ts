import { writeFileSync } from "node:fs";
import { test, expect, USERS, createIdentifier } from "./support/fixtures";
import { Workdir, esc, uniqueIdentifier } from "./support/pki";
import { api, apiToken } from "./api/support";

/**
 * Revocation in the browser: the customer requests it (reason, then a confirmation saying what it does), Thales
 * declines with an explanation the customer reads, the customer asks again, Thales confirms after reading that it
 * is irreversible and what leaves which export; the version and connection pages show each state, and the CRL
 * the version page links to lists the serial.
 */
test("a customer requests revocation, Thales declines, then confirms; both pages show each state", async ({
  signedIn,
  request,
}) => {
  test.setTimeout(240_000);
  const pki = new Workdir();
  const id = uniqueIdentifier("E2EREVOKE");
  const admin = await signedIn(USERS.admin);
  const ids = await createIdentifier(admin, { organization: "Acme Bank", program: "d1", value: id });

  // An issued PPR certificate, prepared through the API (the browser part is the revocation).
  const acmeApi = api(request, apiToken(USERS.acme, "revocation-ui"));
  const deliveryApi = api(request, apiToken(USERS.delivery1, "revocation-ui"));
  const csr = pki.csr("ppr", `/C=FR/ST=IDF/L=Paris/O=Acme Bank/OU=Payments/CN=${esc(`TLSMA-ECDSA/${id}/D1.PPR`)}`);
  const upload = await (
    await acmeApi.post(`/api/v1/connections/${ids.PPR}/assets`, { kind: "CUSTOMER_CSR", content: csr.csrPem })
  ).json();
  expect((await deliveryApi.post(`/api/v1/assets/${upload.asset.id}/approve`)).status()).toBe(200);
  const issued = await (await deliveryApi.post(`/api/v1/assets/${upload.asset.id}/issue`)).json();
  const certificate: string = issued.certificateVersionId;
  const serial: string = issued.serialNumber;

  // The customer asks: reason first, then a confirmation that says what will happen; nothing is sent before it.
  const customer = await signedIn(USERS.acme);
  await customer.goto(`/versions/${certificate}`);
  const form = customer.getByTestId("revocation-form-request");
  await form.getByLabel("Reason (RFC 5280)").selectOption("keyCompromise");
  await form.getByRole("button", { name: "Request revocation…" }).click();
  const confirmation = form.getByTestId("revocation-confirmation");
  await expect(confirmation).toContainText(`serial ${serial}`);
  await expect(confirmation).toContainText("stays in force until Thales confirms");
  await expect(confirmation).toContainText(/\/crl\/portal-ca-[0-9a-f]{16}\.crl/);
  await expect(confirmation).toContainText(`It leaves the downloads of ${id} PPR`);
  await form.getByRole("button", { name: "Cancel" }).click();
  await expect(customer.locator("header").getByTestId("state")).toHaveAttribute("data-state", "PUBLISHED");
  await form.getByRole("button", { name: "Request revocation…" }).click();
  await form.getByRole("button", { name: "Send the revocation request" }).click();
  await expect(customer.getByTestId("flash")).toContainText("Revocation requested");
  await expect(customer.locator("header").getByTestId("state")).toHaveAttribute("data-state", "REVOCATION_REQUESTED");
  await expect(customer.getByTestId("revocation-status")).toHaveAttribute("data-state", "requested");
  await expect(customer.getByTestId("revocation-status")).toContainText(`by ${USERS.acme} · reason: Key compromise`);
  await customer.goto(`/connections/${ids.PPR}`);
  await expect(customer.getByTestId("revocation-pending")).toContainText("Revocation of v1 requested");
  await expect(
    customer.locator('[data-kind="ISSUED_TLS_CLIENT_CERTIFICATE"] [data-testid="version-row"]').getByTestId("state"),
  ).toHaveAttribute("data-state", "REVOCATION_REQUESTED");

  // Thales declines, saying why; the customer reads it and the certificate stays in force.
  const delivery = await signedIn(USERS.delivery1);
  await delivery.goto(`/versions/${certificate}`);
  await expect(delivery.getByTestId("revocation-form-confirm").getByLabel("Reason (RFC 5280)")).toHaveValue(
    "keyCompromise",
  );
  const decline = delivery.getByTestId("decline-revocation-form");
  await decline.getByRole("button", { name: "Decline the request" }).click();
  await expect(decline.getByTestId("form-message")).toContainText("3 to 2000 characters");
  await decline
    .getByLabel("Why decline (the customer reads it)")
    .fill("The key was rotated on the HSM, not exposed: keep this certificate.");
  await decline.getByRole("button", { name: "Decline the request" }).click();
  await expect(delivery.getByTestId("flash")).toContainText("Revocation declined");
  await expect(delivery.locator("header").getByTestId("state")).toHaveAttribute("data-state", "ACKNOWLEDGED");
  await customer.goto(`/versions/${certificate}`);
  await expect(customer.getByTestId("revocation-status")).toHaveAttribute("data-state", "declined");
  await expect(customer.getByTestId("revocation-status")).toContainText("The key was rotated on the HSM, not exposed");

  // Asked again; this time Thales confirms after reading the consequences.
  await customer.getByTestId("revocation-form-request").getByRole("button", { name: "Request revocation…" }).click();
  await customer.getByRole("button", { name: "Send the revocation request" }).click();
  await expect(customer.getByTestId("revocation-status")).toHaveAttribute("data-state", "requested");
  await delivery.goto(`/versions/${certificate}`);
  const confirm = delivery.getByTestId("revocation-form-confirm");
  await confirm.getByRole("button", { name: "Confirm revocation…" }).click();
  const warning = confirm.getByTestId("revocation-confirmation");
  await expect(warning).toContainText("Irreversible.");
  await expect(warning).toContainText(`Serial ${serial} is listed on the portal CA's CRL`);
  await expect(warning).toContainText(
    "pem, pem-chain, der, p7b, p12, jks; portal and API); it is in no trust-store export",
  );
  await confirm.getByRole("button", { name: "Revoke permanently" }).click();
  await expect(delivery.getByTestId("flash")).toContainText("Revoked.");
  await expect(delivery.locator("header").getByTestId("state")).toHaveAttribute("data-state", "REVOKED");
  const status = delivery.getByTestId("revocation-status");
  await expect(status).toHaveAttribute("data-state", "revoked");
  await expect(status).toContainText(
    `by ${USERS.delivery1} · reason: Key compromise (keyCompromise) · requested by ${USERS.acme}`,
  );
  await expect(delivery.getByTestId("revocation-form-confirm")).toHaveCount(0);

  // The linked CRL is the public one and lists the serial; the certificate left the downloads.
  const crlPath = await status.getByRole("link").getAttribute("href");
  expect(crlPath).toMatch(/^\/crl\/portal-ca-[0-9a-f]{16}\.crl$/);
  const crl = await request.get(crlPath!);
  expect(crl.headers()["content-type"]).toBe("application/pkix-crl");
  writeFileSync(pki.path("revoked.crl.der"), await crl.body());
  expect(pki.openssl("crl", "-in", "revoked.crl.der", "-inform", "DER", "-noout", "-text")).toContain(
    `Serial Number: ${serial}`,
  );
  expect(
    (await acmeApi.get(`/api/v1/assets/${issued.certificateAssetId}/download?version=${certificate}`)).status(),
  ).toBe(409);

  await customer.goto(`/connections/${ids.PPR}`);
  await expect(
    customer.locator('[data-kind="ISSUED_TLS_CLIENT_CERTIFICATE"] [data-testid="version-row"]').getByTestId("state"),
  ).toHaveAttribute("data-state", "REVOKED");
  await expect(customer.getByTestId("revocation-pending")).toHaveCount(0);
  await customer.goto(`/versions/${certificate}`);
  await expect(customer.getByTestId("revocation-status")).toContainText("is listed on the CRL");
  await expect(customer.getByTestId("revocation-form-request")).toHaveCount(0);
});
