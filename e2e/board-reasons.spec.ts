import { test, expect, USERS, readinessItem } from "./support/fixtures";

/**
 * Issue 15: the readiness board shows, per item, a rejection's reason and the next action, not only on the
 * version page. The seed's Globex eCom PreProd CSR was rejected with a reason.
 */
test("the board shows Thales' rejection reason and the next action beside the rejected item", async ({ signedIn }) => {
  const delivery = await signedIn(USERS.delivery1);
  await delivery.goto("/?program=d1-ecom&environment=PPR");
  const card = delivery.locator(
    '[data-testid="identifier-group"][data-identifier="GLOBEX9"] [data-testid="readiness-card"]',
  );
  const csr = readinessItem(delivery, "CUSTOMER_CSR", card);
  await expect(csr).toHaveAttribute("data-waiting", "customer");
  await expect(csr.getByTestId("rejection-reason")).toContainText(
    "O does not match the contract: use O=Globex Pay Corporation",
  );
  await expect(csr.getByTestId("next-action")).toContainText("upload again");
  // An item nobody rejected has a next action and no reason.
  const host = readinessItem(delivery, "ISSUER_HOST", card);
  await expect(host.getByTestId("rejection-reason")).toHaveCount(0);
});
