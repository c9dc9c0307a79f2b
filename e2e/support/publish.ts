import { expect, type Page } from "@playwright/test";

/** The publish form's target list: one checkbox per connection of the chosen environment, none ticked by default. */
export const publishTargets = (page: Page) => page.getByRole("group", { name: /^To connections/ });

/** Ticks exactly the connections whose label names `identifier` and unticks every other one. */
export async function tickOnly(page: Page, identifier: string) {
  const labels = publishTargets(page).locator("label");
  await expect(labels.filter({ hasText: identifier })).toHaveCount(1);
  for (const label of await labels.all()) {
    await label.getByRole("checkbox").setChecked((await label.textContent())!.includes(identifier));
  }
}
