// Personal data, end to end: a participant downloads everything Tessera holds about them from the account page,
// is told to cancel a booking still to come before deleting the account, then deletes it: they land signed out
// on the home page, and the old password signs in no more.
import { readFileSync } from "node:fs";

import { API, auth, createListing, expect, shots, signUp, test, token, waitForSignInBudget } from "./support";

const PASSWORD = "correct horse battery";
const SECTIONS = [
  "account",
  "sign_ins",
  "notifications",
  "bookings",
  "tickets",
  "payments",
  "refunds",
  "reviews",
  "flight_passengers",
  "party_host_profile",
  "party_requests",
  "party_ratings",
];

test("a participant downloads their data, then deletes the account once nothing is still to come", async ({ page, request }) => {
  const email = `personal-data-${Date.now()}@example.com`;
  await signUp(page, "Data Owner", email, PASSWORD);
  await page.goto("/account");
  const section = page.getByTestId("settings-data");

  const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("button", { name: "Download my data" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^tessera-data-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8")) as Record<string, unknown> & {
    account: { email: string; name: string };
    sign_ins: unknown[];
  };
  expect(exported.account.email).toBe(email);
  expect(exported.account.name).toBe("Data Owner");
  for (const name of SECTIONS) expect(exported, name).toHaveProperty(name);
  expect(exported.sign_ins.length).toBeGreaterThan(0);
  await expect(section.getByTestId("data-export-result")).toHaveText("Your data was downloaded.");

  // A booking still to come: the account cannot go yet.
  const organizer = await token(request, "organizer@demo.tessera.test");
  const listing = await createListing(request, organizer.token, `Erasure Evening ${Date.now()}`, [3 * 24 * 60]);
  await waitForSignInBudget();
  const signedIn = await request.post(`${API}/auth/token`, { data: { email, password: PASSWORD } });
  expect(signedIn.ok()).toBeTruthy();
  const mine = ((await signedIn.json()) as { access_token: string }).access_token;
  const booked = await request.post(`${API}/bookings`, {
    headers: auth(mine),
    data: { session_id: listing.sessionIds[0], items: [{ ticket_type_id: listing.ticketTypeId, quantity: 1 }] },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  const booking = (await booked.json()) as { id: string; status: string };
  expect(booking.status).toBe("confirmed");

  await section.getByRole("button", { name: "Delete my account…" }).click();
  const form = section.getByTestId("delete-account-form");
  await expect(form).toContainText("cannot be brought back");
  await expect(form.getByLabel(/authenticator app/)).toHaveCount(0); // no code without two-factor sign-in
  const confirm = form.getByRole("button", { name: "Delete my account permanently" });
  await form.getByLabel("Password").fill("not the password");
  await confirm.click();
  await expect(form.getByRole("alert")).toHaveText("The password is wrong.");
  await form.getByLabel("Password").fill(PASSWORD);
  await confirm.click();
  const refusal = form.getByTestId("delete-account-error");
  await expect(refusal).toContainText("cannot be deleted while you have bookings still to come");
  await expect(refusal).toContainText("1 confirmed booking(s) still to come"); // the API's own detail
  await expect(refusal.getByRole("link", { name: "Go to my bookings" })).toHaveAttribute("href", "/bookings");
  await page.screenshot({ path: `${shots}/delete-account-refused.png`, fullPage: true });

  const cancelled = await request.post(`${API}/bookings/${booking.id}/cancel`, { headers: auth(mine), data: {} });
  expect(cancelled.ok(), await cancelled.text()).toBeTruthy();

  await confirm.click();
  await expect(page).toHaveURL(/\/\?account=deleted$/);
  await expect(page.getByTestId("account-deleted")).toHaveText(
    "Your account was deleted and you were signed out. Thank you for using Tessera.",
  );
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  expect((await page.request.get("/api/v1/auth/me")).status()).toBe(401);
  await page.screenshot({ path: `${shots}/account-deleted.png`, fullPage: true });

  // The old address and password sign in no more.
  await waitForSignInBudget();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("auth-error")).toHaveText("Wrong e-mail or password.");
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
});
