import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Irreversible actions (approve, sign, withdraw, publish, revoke) open a dialog that says what will happen
 * (components/confirm-dialog.tsx); this clicks the page's button, checks the dialog opened, and confirms in it.
 * Returns the dialog so a test can read what it said first by passing `read`.
 */
export async function confirmAction(
  scope: Page | Locator,
  trigger: string | RegExp,
  confirm: string,
  read?: (dialog: Locator) => Promise<void>,
): Promise<void> {
  await scope.getByRole("button", { name: trigger, exact: typeof trigger === "string" }).click();
  const page = "page" in scope ? scope.page() : scope;
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  if (read) await read(dialog);
  await dialog.getByRole("button", { name: confirm, exact: true }).click();
}
