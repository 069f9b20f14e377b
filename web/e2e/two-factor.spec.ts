// Two-factor sign-in, end to end: a new participant turns it on from the account page (the "app" here reads
// the key shown for manual entry and computes its codes, see totp.ts) and keeps the recovery codes; signing
// in then takes the password and a code, or the password and a recovery code, which works once. An admin
// resets it for a lost phone, and the password alone signs in again; turned on once more, the owner turns it
// off with the password and a code.
import { readFileSync } from "node:fs";

import type { Page } from "@playwright/test";

import { WEB, expect, logIn, shots, signUp, test, waitForSignInBudget } from "./support";
import { totp } from "./totp";

const PASSWORD = "correct horse battery";
const RECOVERY_CODE = /^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/;

/** A six-digit code the API will not take now: none of the codes of the steps around this one. */
function wrongCode(secret: string): string {
  const valid = new Set([-1, 0, 1, 2].map((stepsAhead) => totp(secret, { stepsAhead })));
  for (let n = 0; ; n += 1) {
    const code = String(n).padStart(6, "0");
    if (!valid.has(code)) return code;
  }
}

/**
 * The password step of the login page; the code step follows when two-factor sign-in is on. `codes`: how many
 * codes will be tried after it (each counts against the sign-in budget as the password does).
 */
async function enterPassword(page: Page, email: string, { next, codes = 1 }: { next?: string; codes?: number } = {}): Promise<void> {
  await waitForSignInBudget(1 + codes);
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("two-factor-form")).toBeVisible();
}

async function enterCode(page: Page, code: string): Promise<void> {
  await page.getByLabel("6-digit code from your app, or a recovery code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

async function logOut(page: Page): Promise<void> {
  await page.getByTestId("logout").click();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
}

test("two-factor sign-in: turned on from the account page, then a code or a recovery code (once) after the password", async ({
  page,
  context,
  browser,
}) => {
  // It signs in many times, and may have to wait for room in the address's sign-in budget (support.ts).
  test.setTimeout(180_000);
  const email = `two-factor-${Date.now()}@example.com`;
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: WEB });
  await signUp(page, "Two Factor", email, PASSWORD);
  await page.goto("/account");
  const section = page.getByTestId("settings-two-factor");
  await expect(section.getByTestId("two-factor-status")).toHaveText("Off");

  // Turning it on: the QR code (an image made from the server's SVG) and the key for manual entry.
  await section.getByRole("button", { name: "Turn on" }).click();
  const qr = section.getByRole("img", { name: "QR code to add your Tessera account to an authenticator app" });
  await expect(qr).toBeVisible();
  await expect(qr).toHaveAttribute("src", /^data:image\/svg\+xml/);
  await expect.poll(() => qr.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  const secret = ((await section.getByTestId("two-factor-secret").textContent()) ?? "").replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.screenshot({ path: `${shots}/two-factor-setup.png`, fullPage: true });

  const codeField = section.getByLabel("6-digit code from the app");
  const turnOn = section.getByRole("button", { name: "Turn on two-factor sign-in" });
  await codeField.fill(wrongCode(secret));
  await turnOn.click();
  await expect(section.getByTestId("two-factor-code-error")).toContainText("That code does not match.");
  await codeField.fill(totp(secret));
  await turnOn.click();

  // The recovery codes, shown once, with a warning, a file and the clipboard.
  const recovery = section.getByTestId("recovery-codes");
  await expect(recovery).toContainText("this is the only time they are shown");
  const codes = await recovery.getByTestId("recovery-code").allTextContents();
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(RECOVERY_CODE);
  expect(new Set(codes).size).toBe(10);
  await expect(section.getByTestId("two-factor-status")).toHaveText("On");
  const [file] = await Promise.all([page.waitForEvent("download"), recovery.getByRole("button", { name: "Download" }).click()]);
  expect(file.suggestedFilename()).toBe("tessera-recovery-codes.txt");
  const saved = readFileSync(await file.path(), "utf8");
  for (const code of codes) expect(saved).toContain(code);
  await recovery.getByRole("button", { name: "Copy" }).click();
  await expect(recovery.getByRole("status")).toHaveText("The codes were copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(codes.join("\n"));
  await page.screenshot({ path: `${shots}/two-factor-recovery-codes.png`, fullPage: true });
  await recovery.getByRole("button", { name: "I have saved my codes" }).click();
  await expect(recovery).toHaveCount(0);
  await expect(section.getByTestId("two-factor-result")).toHaveText("Two-factor sign-in is on.");
  await page.reload();
  await expect(section.getByTestId("two-factor-status")).toHaveText("On");
  await expect(section.getByRole("button", { name: "Turn off" })).toBeVisible();
  await expect(section.getByTestId("recovery-codes")).toHaveCount(0); // never shown again
  await logOut(page);

  // The password alone earns no session; a wrong code may be tried again; the right one goes on to `next`.
  await enterPassword(page, email, { next: "/account", codes: 2 });
  expect((await page.request.get("/api/v1/auth/me")).status()).toBe(401);
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  await page.screenshot({ path: `${shots}/two-factor-sign-in.png`, fullPage: true });
  await enterCode(page, wrongCode(secret));
  await expect(page.getByTestId("two-factor-error")).toContainText("That code does not match.");
  // The code that turned it on was this step's: the app's next one is taken (one step ahead of the clock).
  await enterCode(page, totp(secret, { stepsAhead: 1 }));
  await expect(page).toHaveURL(`${WEB}/account`);
  await expect(page.getByTestId("signed-in-as")).toHaveText("Two Factor");
  await expect(page.locator('[data-testid="sign-in"][data-current="true"]')).toContainText("Password and a one-time code");
  await logOut(page);

  // A recovery code instead (typed in lower case): it works ...
  const [firstCode] = codes as [string, ...string[]];
  await enterPassword(page, email);
  await enterCode(page, firstCode.toLowerCase());
  await expect(page.getByTestId("signed-in-as")).toHaveText("Two Factor");
  await expect(page).toHaveURL(`${WEB}/`);
  await page.goto("/account");
  await expect(page.locator('[data-testid="sign-in"][data-current="true"]')).toContainText("A recovery code");
  await logOut(page);

  // ... once.
  await enterPassword(page, email);
  await enterCode(page, firstCode);
  await expect(page.getByTestId("two-factor-error")).toContainText("That code does not match.");
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  await page.getByRole("button", { name: "Start again" }).click();
  await expect(page.getByLabel("E-mail")).toHaveValue(email);
  await expect(page.getByLabel("Password")).toBeFocused();

  // A lost phone: an admin resets it (after confirming), and the password alone signs in again.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await logIn(admin, "admin@demo.tessera.test");
  await admin.goto("/admin/reviews");
  await admin.getByTestId("admin-nav-users").click();
  await expect(admin).toHaveURL(/\/admin\/users$/);
  await admin.getByLabel("Name or e-mail").fill(email);
  await admin.getByRole("button", { name: "Search" }).click();
  const row = admin.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await expect(row.getByTestId("account-two-factor")).toHaveText("On");
  await row.getByRole("button", { name: "Reset two-factor sign-in of Two Factor" }).click();
  const dialog = admin.getByRole("dialog", { name: "Reset two-factor sign-in of Two Factor?" });
  await expect(dialog).toContainText(email);
  await admin.screenshot({ path: `${shots}/admin-reset-two-factor.png`, fullPage: true });
  await dialog.getByRole("button", { name: "Reset two-factor sign-in" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row.getByTestId("reset-two-factor-done")).toContainText("Two-factor sign-in of Two Factor was turned off");
  await expect(row.getByTestId("account-two-factor")).toHaveText("Off");
  await expect(row.getByRole("button", { name: /Reset two-factor/ })).toHaveCount(0);

  // Its history: turned on, then reset by the admin.
  await row.getByRole("link", { name: "History of Two Factor in the audit log" }).click();
  await expect(admin).toHaveURL(/\/admin\/audit\?entity_type=account&entity_id=/);
  const actions = admin.getByTestId("audit-entry");
  await expect(actions.first()).toHaveAttribute("data-action", "account.2fa_reset");
  await expect(admin.locator('[data-testid="audit-entry"][data-action="account.2fa_enabled"]')).toContainText(
    "two_factor_enabled: false → true",
  );
  await adminContext.close();

  await logIn(page, email, PASSWORD);
  await page.goto("/account");
  await expect(section.getByTestId("two-factor-status")).toHaveText("Off");

  // On again with a new key (the old one is gone), then off: the password and a code from the app.
  await section.getByRole("button", { name: "Turn on" }).click();
  const newSecret = ((await section.getByTestId("two-factor-secret").textContent()) ?? "").replace(/\s+/g, "");
  expect(newSecret).not.toBe(secret);
  await codeField.fill(totp(newSecret));
  await turnOn.click();
  await expect(section.getByTestId("recovery-code")).toHaveCount(10);
  await section.getByRole("button", { name: "I have saved my codes" }).click();
  await section.getByRole("button", { name: "Turn off" }).click();
  const turnOff = section.getByTestId("two-factor-disable-form");
  await turnOff.getByLabel("Password").fill("not the password");
  await turnOff.getByLabel("Code from the app, or a recovery code").fill(totp(newSecret, { stepsAhead: 1 }));
  await turnOff.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
  await expect(turnOff.getByRole("alert")).toHaveText("The password is wrong.");
  await turnOff.getByLabel("Password").fill(PASSWORD);
  await turnOff.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
  await expect(section.getByTestId("two-factor-result")).toHaveText("Two-factor sign-in is off.");
  await expect(section.getByTestId("two-factor-status")).toHaveText("Off");
  await page.reload();
  await expect(section.getByTestId("two-factor-status")).toHaveText("Off");
  await expect(section.getByRole("button", { name: "Turn on" })).toBeVisible();
});
