// The audit log, as an admin reads it: reached from the admin navigation, filtered by action (and then by
// the actor of an entry), newest first, each change as "field: before → after".
import { expect, logIn, shots, signUp, test } from "./support";

test("an admin filters the audit log by action and by actor", async ({ page }) => {
  const name = `Audited ${Date.now()}`;
  await signUp(page, name, `audited-${Date.now()}@example.com`, "correct horse battery");
  await page.getByTestId("logout").click();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);

  await logIn(page, "admin@demo.tessera.test");
  await page.goto("/admin/reviews");
  await page.getByTestId("admin-nav-audit").click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await expect(page.getByTestId("admin-nav-audit")).toHaveAttribute("aria-current", "page");
  const entries = page.getByTestId("audit-entry");
  await expect(entries.first()).toBeVisible();

  const form = page.getByTestId("audit-filters");
  await form.getByLabel("Action").fill("account.created");
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]action=account\.created(&|$)/);
  await expect(form.getByLabel("Action")).toHaveValue("account.created");
  await expect(entries.first()).toBeVisible();
  expect(new Set(await entries.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-action"))))).toEqual(
    new Set(["account.created"]),
  );
  await expect(page.getByTestId("audit-total")).toHaveText(/^Entries: \d+$/);
  // Newest first: the account just signed up, which acted itself, from this machine.
  const newest = entries.first();
  await expect(newest).toContainText(name);
  await expect(newest).toContainText("127.0.0.1");
  await expect(newest.getByTestId("audit-changes")).toHaveText("role: (empty) → participant");
  await page.screenshot({ path: `${shots}/audit-log.png`, fullPage: true });

  // Its actor's entries only.
  await newest.getByRole("link", { name: new RegExp(name) }).click();
  await expect(page).toHaveURL(/[?&]actor_id=[0-9a-f-]{36}/);
  await expect(page.getByTestId("audit-total")).toHaveText("Entries: 1");
  await expect(entries).toHaveCount(1);

  // Dates are whole UTC days: today keeps the entry, a range ending yesterday leaves it out.
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel("From (UTC)").fill(today);
  await form.getByLabel("To (UTC, included)").fill(today);
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`since=${today}`));
  await expect(entries).toHaveCount(1);
  await form.getByLabel("From (UTC)").fill(yesterday);
  await form.getByLabel("To (UTC, included)").fill(yesterday);
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`until=${yesterday}`));
  await expect(page.getByTestId("audit-empty")).toHaveText("No entries match these filters.");

  // A filter it cannot use is said so, and left out.
  await page.goto("/admin/audit?actor_id=somebody&action=account.created");
  await expect(page.getByTestId("audit-filter-problems")).toContainText("The actor id must be an account id");
  await expect(entries.first()).toHaveAttribute("data-action", "account.created");
});
