import { test, expect, connectionIdOnBoard, USERS } from "./support/fixtures";

/**
 * Keyboard use of the upload form (issue 15): the file input is visually hidden, so its "Choose file" label must
 * show the focus ring when the input is reached with Tab; after "Check" the focus is on the report, not the body.
 */
test("upload form by keyboard: the file chooser shows its focus, and Check moves the focus to the report", async ({
  signedIn,
}) => {
  const page = await signedIn(USERS.acme);
  const connection = await connectionIdOnBoard(page, "ACME01", "PPR");
  await page.goto(`/connections/${connection}/upload/CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN`);
  const fileInput = page.getByTestId("file-input");
  const chooser = page.locator("label", { has: fileInput });
  const ring = () => chooser.evaluate((el) => getComputedStyle(el).boxShadow);
  const unfocused = await ring();

  // Tab from the page heading until the hidden file input has the focus.
  await page.getByRole("heading", { level: 1 }).click();
  for (let i = 0; i < 40 && !(await fileInput.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(fileInput).toBeFocused();
  expect(await ring(), "the label draws a ring while the input has keyboard focus").not.toBe(unfocused);

  await page.getByLabel("…or paste PEM text").fill("not a certificate");
  await page.getByRole("button", { name: "Check" }).focus();
  await page.keyboard.press("Enter");
  const report = page.getByTestId("validation-report");
  await expect(report).toBeVisible();
  await expect(report).toBeFocused();
});
