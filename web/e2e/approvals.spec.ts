// Approval-only sales: an organizer turns on approval for a listing of their own in the listing editor, with a
// hold time; a participant whose event page was open before that books, is switched to a request, sends it
// with a note and follows it on "My requests"; the organizer approves it on the session's page and the
// participant opens the booking made. A signed-out guest logs in from the request form, asks, is declined
// with a reason, and reads it on "My requests" and in the notifications; her next request she withdraws.
import type { Page } from "@playwright/test";

import { API, DEMO_PASSWORD, createListing, expect, logIn, shots, test, token, waitForSignInBudget, watchCsp } from "./support";

const ORGANIZER = "organizer@demo.tessera.test";

/** The request for the event on "My requests" (the newest first). */
const requestFor = (page: Page, eventId: string) =>
  page.getByTestId("request").filter({ has: page.locator(`a[href="/events/${eventId}"]`) });

test("an organizer sells on approval, approves one request and declines another with a reason", async ({ page, request, browser }) => {
  test.setTimeout(240_000);
  const organizer = await token(request, ORGANIZER);
  const title = `Founders Dinner ${Date.now()}`;
  const listing = await createListing(request, organizer.token, title, [4 * 24 * 60]);
  const sessionId = listing.sessionIds[0]!;
  const settings = async () => {
    const event = (await (await request.get(`${API}/events/${listing.eventId}`)).json()) as {
      approval_required: boolean;
      approval_hold_minutes: number;
      ticket_types: { name: string; approval_required: boolean }[];
    };
    return { required: event.approval_required, hold: event.approval_hold_minutes, types: event.ticket_types.map((tt) => [tt.name, tt.approval_required]) };
  };
  expect(await settings()).toEqual({ required: false, hold: 0, types: [["Free entry", false]] });

  // The participant opens the event page while its tickets can still simply be booked.
  await logIn(page, "participant@demo.tessera.test");
  await page.goto(`/events/${listing.eventId}`);
  await expect(page.getByTestId("book")).toBeVisible();
  await expect(page.getByTestId("approval-request")).toHaveCount(0);

  // The organizer turns approval on for the whole listing, with seats held two hours, in the listing editor.
  const desk = await browser.newContext();
  const deskCsp = watchCsp(desk);
  const deskPage = await desk.newPage();
  await logIn(deskPage, ORGANIZER);
  await deskPage.goto(`/organizer/events/${listing.eventId}`);
  const required = deskPage.getByLabel("Sell every ticket on my approval");
  const hold = deskPage.getByLabel("Seats held for a request (minutes)");
  const save = deskPage.getByRole("button", { name: "Save changes" });
  await expect(required).not.toBeChecked();
  await expect(hold).toHaveValue("0");
  await required.check();
  await hold.fill("20000");
  await save.click();
  await expect(deskPage.getByText("must be a whole number of minutes from 0 to 10080")).toBeVisible();
  await hold.fill("120");
  await save.click();
  await expect(deskPage.getByText("Changes saved.")).toBeVisible();
  // A ticket type of its own sold on approval (press passes), added with the checkbox.
  await deskPage.getByLabel("Ticket name").fill("Press pass");
  await deskPage.getByLabel("Price", { exact: true }).fill("0");
  await deskPage.getByLabel("Sold on approval").check();
  await deskPage.getByRole("button", { name: "Add ticket type" }).click();
  await expect(deskPage.getByTestId("ticket-type").filter({ hasText: "Press pass" }).getByTestId("ticket-type-on-approval")).toBeVisible();
  await expect.poll(settings).toEqual({ required: true, hold: 120, types: [["Free entry", false], ["Press pass", true]] });
  await deskPage.reload();
  await expect(required).toBeChecked();
  await expect(hold).toHaveValue("120");

  // The participant's page still offers "Book": the booking is refused as sold on approval, and the form
  // becomes a request, saying the organizer decides and seats are held meanwhile.
  await page.getByLabel("Free entry").fill("2");
  await page.getByTestId("book").click();
  await expect(page.getByTestId("booking-notice")).toHaveText("These tickets are sold on the organizer's approval: send a request below.");
  const ask = page.getByTestId("approval-request");
  await expect(ask).toContainText("your seats are held for up to 2 h");
  await ask.getByLabel("Note to the organizer (optional)").fill("I run the Almaty founders meetup");
  await ask.getByTestId("request-submit").click();
  await expect(ask.getByTestId("request-sent")).toContainText("Request sent. Your seats are held until");
  await page.screenshot({ path: `${shots}/approvals-request.png`, fullPage: true });
  await ask.getByRole("link", { name: "See your requests" }).click();
  await expect(page).toHaveURL(/\/requests$/);
  const first = requestFor(page, listing.eventId);
  await expect(first).toHaveAttribute("data-status", "pending");
  await expect(first.getByTestId("request-tickets")).toHaveText("2 × Free entry");
  await expect(first.getByTestId("request-note")).toHaveText("I run the Almaty founders meetup");
  await expect(first).toContainText("Your seats are held until then.");
  await expect(first.getByTestId("request-withdraw")).toBeVisible();
  // On a 375 px phone the page fits its width.
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: `${shots}/approvals-requests-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  // The seats held for it show among the participant's bookings, awaiting approval: not to be paid or
  // cancelled apart from the request.
  await page.goto("/bookings");
  const held = page.getByTestId("booking-row").filter({ hasText: title });
  await expect(held).toContainText("Awaiting approval");
  await held.click();
  await expect(page.getByTestId("awaiting-approval")).toContainText("held for your request until the organizer decides");
  await expect(page.getByTestId("pay-link")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Cancel booking" })).toHaveCount(0);
  await page.goto("/requests");

  // The organizer sees it on the session's page, with the note, and approves it.
  await deskPage.goto(`/organizer/sessions/${sessionId}?event=${listing.eventId}`);
  const requests = deskPage.getByTestId("requests-desk");
  const daniyar = requests.getByTestId("session-request").filter({ hasText: "Daniyar Participant" });
  await expect(daniyar).toHaveAttribute("data-status", "pending");
  await expect(daniyar.getByTestId("session-request-note")).toHaveText("I run the Almaty founders meetup");
  await expect(daniyar).toContainText("Seats held");
  await expect(requests.getByTestId("requests-pending")).toHaveText("Awaiting your decision: 1");
  await daniyar.getByRole("button", { name: "Approve the request of Daniyar Participant" }).click();
  await expect(requests.getByTestId("requests-desk-message")).toHaveText("Approved: the booking for Daniyar Participant is made.");
  await expect(daniyar).toHaveAttribute("data-status", "approved");
  await expect(daniyar.getByTestId("request-approve")).toHaveCount(0);

  // The participant sees it approved and opens the booking: free tickets, so it is confirmed.
  await page.reload();
  await expect(first).toHaveAttribute("data-status", "approved");
  await expect(first.getByTestId("request-withdraw")).toHaveCount(0);
  await first.getByTestId("request-booking").click();
  await expect(page).toHaveURL(/\/bookings\/[^/]+$/);
  await expect(page.getByTestId("booking-status")).toHaveText("confirmed");
  await expect(page.getByTestId("ticket")).toHaveCount(2);

  // A signed-out guest is sent from the request form to log in, and back to the event.
  const guest = await browser.newContext();
  const guestCsp = watchCsp(guest);
  const guestPage = await guest.newPage();
  await guestPage.goto(`/events/${listing.eventId}`);
  const guestAsk = guestPage.getByTestId("approval-request");
  await expect(guestAsk).toContainText("The organizer approves every booking of this event");
  await waitForSignInBudget();
  await guestAsk.getByTestId("request-login").click();
  await expect(guestPage).toHaveURL(/\/login\?next=/);
  await guestPage.getByLabel("E-mail").fill("guest1@demo.tessera.test");
  await guestPage.getByLabel("Password").fill(DEMO_PASSWORD);
  await guestPage.getByRole("button", { name: "Log in" }).click();
  await expect(guestPage).toHaveURL(new RegExp(`/events/${listing.eventId}$`));
  await guestPage.getByLabel("Press pass").fill("1");
  await guestAsk.getByLabel("Note to the organizer (optional)").fill("Writing for the Steppe Daily");
  await guestPage.setViewportSize({ width: 375, height: 740 });
  expect(await guestPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await guestAsk.getByTestId("request-submit").click();
  await expect(guestAsk.getByTestId("request-sent")).toBeVisible();
  await guestPage.screenshot({ path: `${shots}/approvals-request-phone.png`, fullPage: true });
  await guestPage.setViewportSize({ width: 1280, height: 800 });

  // The organizer declines it with a reason.
  await deskPage.reload();
  const madina = requests.getByTestId("session-request").filter({ hasText: "Madina Guest" });
  await expect(madina).toHaveAttribute("data-status", "pending");
  await expect(madina.getByTestId("session-request-tickets")).toHaveText("1 × Press pass");
  await madina.getByRole("button", { name: "Decline the request of Madina Guest" }).click();
  const dialog = deskPage.getByRole("dialog");
  await dialog.getByLabel("Reason for the buyer").fill("Press passes are for accredited media only");
  await dialog.getByTestId("request-decline-confirm").click();
  await expect(requests.getByTestId("requests-desk-message")).toHaveText("The request of Madina Guest was declined.");
  await expect(madina).toHaveAttribute("data-status", "declined");
  await expect(madina).toContainText("Reason: Press passes are for accredited media only");
  // The seat her request held is free again; the approved booking's two are sold.
  await deskPage.reload();
  await expect(deskPage.getByTestId("session-seats")).toContainText("sold 2 · held 0 · available 48");
  await deskPage.screenshot({ path: `${shots}/approvals-desk.png`, fullPage: true });
  await desk.close();
  expect(deskCsp).toEqual([]);

  // The guest reads the reason on "My requests" (linked from the header) and in the notifications.
  await guestPage.getByTestId("nav-requests").click();
  await expect(guestPage).toHaveURL(/\/requests$/);
  const declined = requestFor(guestPage, listing.eventId);
  await expect(declined).toHaveAttribute("data-status", "declined");
  await expect(declined.getByTestId("request-reason")).toHaveText("Reason: Press passes are for accredited media only");
  await expect(declined.getByTestId("request-booking")).toHaveCount(0);
  await guestPage.goto("/notifications");
  const notice = guestPage.locator('[data-testid="notification"][data-kind="booking_request_declined"]').filter({ hasText: title });
  await expect
    .poll(
      async () => {
        await guestPage.reload();
        return notice.count();
      },
      { timeout: 20_000, intervals: [1_000] },
    )
    .toBe(1);
  await expect(notice.getByTestId("notification-reason")).toHaveText("Reason: Press passes are for accredited media only");
  await expect(notice.getByTestId("notification-requests")).toHaveAttribute("href", "/requests");

  // She asks once more, thinks better of it and withdraws the request, which lets its seat go.
  await guestPage.goto(`/events/${listing.eventId}`);
  await guestPage.getByLabel("Free entry").fill("1");
  await guestAsk.getByTestId("request-submit").click();
  await expect(guestAsk.getByTestId("request-sent")).toBeVisible();
  await guestPage.goto("/requests");
  const pending = requestFor(guestPage, listing.eventId).and(guestPage.locator('[data-status="pending"]'));
  await expect(pending).toHaveCount(1);
  await pending.getByRole("button", { name: `Withdraw your request for ${title}` }).click();
  await guestPage.getByRole("dialog").getByTestId("request-withdraw-confirm").click();
  await expect(guestPage.getByTestId("request-message")).toHaveText("Your request was withdrawn.");
  await expect(requestFor(guestPage, listing.eventId).and(guestPage.locator('[data-status="withdrawn"]'))).toHaveCount(1);
  const seats = await request.get(`${API}/sessions/${sessionId}/availability`);
  expect(((await seats.json()) as { held: number }).held).toBe(0);
  await guest.close();
  expect(guestCsp).toEqual([]);
});
