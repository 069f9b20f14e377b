// The account's security, end to end with the e-mails the backend writes: a forgotten password reset from
// its link (which ends every sign-in), ending another browser's sign-in from the account page, and moving the
// account to a new address that counts only once its link is opened.
import { expect, logIn, shots, signUp, test, waitForMail } from "./support";

const PASSWORD = "correct horse battery";

test("a forgotten password is reset from the e-mail's link, which ends every sign-in", async ({ browser }) => {
  const email = `reset-${Date.now()}@example.com`;
  const newPassword = "staple battery horse";
  const first = await browser.newContext();
  const firstPage = await first.newPage();
  await signUp(firstPage, "Reset Test", email, PASSWORD);
  await firstPage.goto("/account");
  await expect(firstPage.getByTestId("account-email")).toHaveText(email);

  const second = await browser.newContext();
  const page = await second.newPage();
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  const asked = Date.now();
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByTestId("forgot-sent")).toContainText("If an account has this address");

  const mail = await waitForMail(email, "Reset your password", { since: asked });
  expect(new URL(mail.link).pathname).toBe("/reset-password");
  await page.goto(mail.link);
  const submit = page.getByRole("button", { name: "Set the new password" });
  await page.getByLabel("New password", { exact: true }).fill("short");
  await submit.click();
  await expect(page.getByTestId("new-password-error")).toHaveText("Use at least 8 characters.");
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Repeat the new password").fill(`${newPassword}!`);
  await submit.click();
  await expect(page.getByTestId("new-password-error")).toHaveCount(0);
  await expect(page.getByTestId("confirmation-error")).toHaveText("The two passwords are not the same.");
  await page.getByLabel("Repeat the new password").fill(newPassword);
  await submit.click();
  const done = page.getByTestId("reset-done");
  await expect(done).toContainText("every sign-in of your account was ended");
  await page.screenshot({ path: `${shots}/password-reset.png`, fullPage: true });

  await done.getByRole("link", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, email, newPassword);

  // The first browser's sign-in ended with the reset: its next page finds it signed out.
  await firstPage.reload();
  await expect(firstPage).toHaveURL(/\/login\?next=\/account$/);
  await expect(firstPage.getByTestId("signed-in-as")).toHaveCount(0);
  // The old password no longer works.
  await firstPage.getByLabel("E-mail").fill(email);
  await firstPage.getByLabel("Password").fill(PASSWORD);
  await firstPage.getByRole("button", { name: "Log in" }).click();
  await expect(firstPage.getByTestId("auth-error")).toHaveText("Wrong e-mail or password.");

  // The link is spent, and the account is told of the change by e-mail and on its notifications page.
  await page.goto(mail.link);
  await page.getByLabel("New password", { exact: true }).fill("another password");
  await page.getByLabel("Repeat the new password").fill("another password");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByTestId("reset-invalid")).toContainText("This link is not valid any more.");
  await waitForMail(email, "Your password was changed", { since: asked });
  await page.goto("/notifications");
  await expect(page.locator('[data-testid="notification"][data-kind="password_changed"]')).toContainText(
    "Your password was reset; every sign-in was ended",
  );
  await first.close();
  await second.close();
});

test("a sign-in ended from the account page is signed out on its next request", async ({ browser }) => {
  const email = `two-browsers-${Date.now()}@example.com`;
  const mine = await browser.newContext();
  const page = await mine.newPage();
  await signUp(page, "Two Browsers", email, PASSWORD);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await logIn(otherPage, email, PASSWORD);
  await otherPage.goto("/notifications");
  await expect(otherPage.getByTestId("mark-all-read")).toBeEnabled();

  await page.getByTestId("signed-in-as").click(); // the name in the header leads to the account page
  await expect(page).toHaveURL(/\/account$/);
  const signIns = page.getByTestId("sign-in");
  await expect(signIns).toHaveCount(2);
  const current = page.locator('[data-testid="sign-in"][data-current="true"]');
  await expect(current.getByTestId("this-device")).toHaveText("This device");
  await expect(current.getByRole("button", { name: /^End/ })).toHaveCount(0);
  const theOther = page.locator('[data-testid="sign-in"][data-current="false"]');
  await expect(theOther).toContainText("Chrome on Linux"); // the browser's own User-Agent, through the /api proxy
  await expect(theOther).toContainText("127.0.0.1");
  await expect(theOther).toContainText("Password");
  await page.screenshot({ path: `${shots}/account.png`, fullPage: true });

  await theOther.getByRole("button", { name: /^End/ }).click();
  await expect(page.getByTestId("sign-ins-result")).toHaveText("That sign-in was ended.");
  await expect(signIns).toHaveCount(1);
  await expect(signIns).toHaveAttribute("data-current", "true");

  // The other browser's next request (a click that calls the API) finds its sign-in over: to the login page.
  await otherPage.getByTestId("mark-all-read").click();
  await expect(otherPage).toHaveURL(/\/login\?next=%2Fnotifications$/);
  expect((await otherPage.request.get("/api/v1/auth/me")).status()).toBe(401);
  // This one goes on.
  await page.reload();
  await expect(page.getByTestId("sign-in")).toHaveCount(1);
  await expect(page.getByTestId("signed-in-as")).toHaveText("Two Browsers");
  await mine.close();
  await other.close();
});

test("a new address waits for the link sent to it, then becomes the account's", async ({ page }) => {
  const stamp = Date.now();
  const email = `move-${stamp}@example.com`;
  const newEmail = `moved-${stamp}@example.com`;
  await signUp(page, "Moving Test", email, PASSWORD);
  await page.goto("/account");
  await expect(page.getByTestId("account-email")).toHaveText(email);
  await expect(page.getByTestId("email-status")).toHaveAttribute("data-verified", "false");

  const form = page.getByTestId("change-email-form");
  await form.getByLabel("New address").fill("not-an-address");
  await form.getByRole("button", { name: "Send the link" }).click();
  await expect(form.getByRole("alert")).toHaveText("Enter a valid e-mail address.");
  const asked = Date.now();
  await form.getByLabel("New address").fill(newEmail);
  await form.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByTestId("pending-email")).toContainText(`Waiting for confirmation: ${newEmail}`);
  await page.reload();
  await expect(page.getByTestId("pending-email")).toContainText(newEmail);
  await expect(page.getByTestId("account-email")).toHaveText(email); // nothing changes before the link is opened

  await waitForMail(email, "A new address was asked for your account", { since: asked }); // the old address is told
  const mail = await waitForMail(newEmail, "Confirm your e-mail address", { since: asked });
  await page.goto(mail.link);
  await expect(page.getByTestId("verify-done")).toContainText(newEmail);
  await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);

  await page.goto("/account");
  await expect(page.getByTestId("account-email")).toHaveText(newEmail);
  await expect(page.getByTestId("email-status")).toHaveAttribute("data-verified", "true");
  await expect(page.getByTestId("pending-email")).toHaveCount(0);

  // A link works once.
  await page.goto(mail.link);
  await expect(page.getByTestId("verify-invalid")).toContainText("This link is not valid any more.");

  // The account now signs in with the new address.
  await page.getByTestId("logout").click();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  await logIn(page, newEmail, PASSWORD);
});
