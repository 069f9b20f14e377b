// Ticket transfers: a participant gives one ticket of a demo booking to guest2@ by e-mail (withdrawing a first
// offer on the way), guest2 opens the link signed out, logs in through it, takes the ticket and gets a booking
// with a new code, and the participant's booking shows the ticket as transferred. Demo sessions are days
// ahead, where check-in is closed, so the old code is not tried at the door here. The organizer's rule is set
// in the listing editor.
import type { APIRequestContext, Page } from "@playwright/test";

import { API, DEMO_PASSWORD, createListing, expect, logIn, shots, test, token, waitForMail, waitForSignInBudget } from "./support";

const HOLDER = "participant@demo.tessera.test";
const GUEST = "guest2@demo.tessera.test";

type Booking = { id: string; reference: string; session_id: string; tickets: { id: string; code: string; status: string }[] };

/**
 * A small free demo listing whose one session participant@ and guest1@ booked out, three tickets each. Neither
 * the first (flows.spec.ts) nor the last (waitlist.spec.ts) of them.
 */
async function soldOutListing(request: APIRequestContext): Promise<{ id: string; title: string; sessionId: string }> {
  const list = await request.get(`${API}/events`, { params: { limit: 100, kind: "event" } });
  expect(list.ok()).toBeTruthy();
  const full = ((await list.json()) as { items: { id: string; sold_out: boolean }[] }).items.filter((e) => e.sold_out);
  expect(full.length, "the demo data has at least three sold-out listings").toBeGreaterThan(2);
  const event = (await (await request.get(`${API}/events/${full[1]!.id}`)).json()) as {
    id: string;
    title: string;
    sessions: { id: string }[];
    transfers_enabled: boolean;
  };
  expect(event.sessions).toHaveLength(1);
  expect(event.transfers_enabled).toBe(true);
  return { id: event.id, title: event.title, sessionId: event.sessions[0]!.id };
}

/** The offer e-mailed to guest2@ for `title`, once its link is not `previous`. */
async function offerLink(title: string, since: number, previous: string | null = null): Promise<string> {
  const subject = `Daniyar Participant is giving you a ticket for ${title}`;
  let link = "";
  await expect
    .poll(async () => (link = (await waitForMail(GUEST, subject, { since })).link), { timeout: 30_000, intervals: [500] })
    .not.toBe(previous);
  expect(new URL(link).pathname).toBe("/transfers/accept");
  expect(new URL(link).searchParams.get("token")).toBeTruthy();
  return link;
}

async function offer(page: Page, ticketCode: string, email: string): Promise<void> {
  const ticket = page.getByTestId("ticket").filter({ hasText: ticketCode });
  await ticket.getByRole("button", { name: `Give ticket ${ticketCode} to someone` }).click();
  const dialog = page.getByRole("dialog", { name: "Give this ticket to someone" });
  await dialog.getByLabel("Their e-mail address").fill(email);
  await dialog.getByTestId("give-ticket-send").click();
}

test("a ticket given by e-mail is taken with a new code, and the giver's booking shows it transferred", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const listing = await soldOutListing(page.request);

  // The participant's booking of that date: three valid tickets, each with "Give to someone".
  await logIn(page, HOLDER);
  const mine = await page.request.get("/api/v1/bookings", { params: { limit: 100, status: "confirmed" } });
  expect(mine.ok()).toBeTruthy();
  const booking = ((await mine.json()) as { items: Booking[] }).items.find((b) => b.session_id === listing.sessionId);
  expect(booking, "participant@ holds tickets of the sold-out date").toBeTruthy();
  const valid = booking!.tickets.filter((t) => t.status === "valid");
  expect(valid.length).toBeGreaterThanOrEqual(2);
  const oldCode = valid[0]!.code;
  await page.goto(`/bookings/${booking!.id}`);
  await expect(page.getByTestId("transfer-window")).toHaveAttribute("data-kind", "open");
  await expect(page.getByRole("button", { name: /^Give ticket .+ to someone$/ })).toHaveCount(valid.length);
  const ticket = page.getByTestId("ticket").filter({ hasText: oldCode });

  // One's own address is refused in the dialog, which stays open.
  await offer(page, oldCode, HOLDER);
  const dialog = page.getByRole("dialog", { name: "Give this ticket to someone" });
  await expect(dialog.getByRole("alert")).toHaveText("This ticket is already yours: give another person's address.");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toHaveCount(0);

  // A first offer, withdrawn: its link then says so.
  let asked = Date.now();
  await offer(page, oldCode, GUEST);
  await expect(page.getByText(`The offer was sent to ${GUEST}.`)).toBeVisible();
  await expect(ticket).toHaveAttribute("data-transfer", "offered");
  await expect(ticket.getByTestId("ticket-offered")).toContainText(`Offered to ${GUEST} until`);
  await expect(ticket.getByRole("button", { name: /^Give ticket/ })).toHaveCount(0);
  const first = page.getByTestId("transfer").filter({ hasText: GUEST });
  await expect(first.getByTestId("transfer-status")).toHaveText("Open");
  const withdrawnLink = await offerLink(listing.title, asked);
  await first.getByRole("button", { name: `Withdraw the offer to ${GUEST}` }).click();
  await expect(page.getByTestId("transfer-notice")).toHaveText(`The offer to ${GUEST} was withdrawn.`);
  await expect(first.getByTestId("transfer-status")).toHaveText("Withdrawn");
  await expect(ticket).toHaveAttribute("data-transfer", "none");

  // The second offer stands.
  asked = Date.now();
  await offer(page, oldCode, GUEST);
  await expect(page.locator('[data-testid="transfer"][data-status="pending"]')).toHaveCount(1);
  await page.screenshot({ path: `${shots}/transfer-offered.png`, fullPage: true });
  const link = await offerLink(listing.title, asked, withdrawnLink);

  // guest2@, signed out, sees the withdrawn link for what it is, and the standing offer in full.
  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  await guestPage.goto(withdrawnLink);
  await expect(guestPage.getByTestId("transfer-closed")).toHaveText("This offer was withdrawn.");
  await expect(guestPage.getByTestId("take-ticket")).toHaveCount(0);
  await guestPage.goto(link);
  await expect(guestPage.getByTestId("transfer-intro")).toHaveText("Daniyar Participant is giving you a ticket.");
  await expect(guestPage.getByTestId("transfer-event")).toHaveText(listing.title);
  await expect(guestPage.getByTestId("transfer-ticket")).toHaveText("Free entry");
  await expect(guestPage.getByTestId("transfer-to")).toHaveText(GUEST);
  await expect(guestPage.getByTestId("transfer-when")).toHaveText(/19:00/); // 19:00 at the venue, in its zone
  await expect(guestPage.getByTestId("transfer-offer-status")).toHaveText("Open");

  // On a 375 px phone the page fits its width.
  await guestPage.setViewportSize({ width: 375, height: 740 });
  expect(await guestPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await guestPage.screenshot({ path: `${shots}/transfer-accept-phone.png`, fullPage: true });
  await guestPage.setViewportSize({ width: 1280, height: 800 });

  // Logging in from the offer comes back to it, token and all; then the ticket is taken.
  await waitForSignInBudget();
  await guestPage.getByTestId("transfer-login").click();
  await expect(guestPage).toHaveURL(/\/login\?next=%2Ftransfers%2Faccept%3Ftoken%3D/);
  await guestPage.getByLabel("E-mail").fill(GUEST);
  await guestPage.getByLabel("Password").fill(DEMO_PASSWORD);
  await guestPage.getByRole("button", { name: "Log in" }).click();
  await expect(guestPage).toHaveURL(link);
  await guestPage.getByTestId("take-ticket").click();
  await expect(guestPage.getByTestId("transfer-done")).toContainText("The ticket is yours");
  await guestPage.getByTestId("transfer-booking-link").click();
  await expect(guestPage).toHaveURL(/\/bookings\/[^/]+$/);
  await expect(guestPage.getByTestId("booking-status")).toHaveText("confirmed");
  await expect(guestPage.getByTestId("ticket")).toHaveCount(1);
  const newTicket = guestPage.getByTestId("ticket");
  await expect(newTicket).toHaveAttribute("data-status", "valid");
  await expect(newTicket.getByRole("img", { name: /^QR code for ticket / })).toBeVisible();
  const newCode = await newTicket.getByTestId("ticket-code").textContent();
  expect(newCode).toBeTruthy();
  expect(newCode).not.toBe(oldCode);
  await guestPage.screenshot({ path: `${shots}/transfer-new-booking.png`, fullPage: true });

  // The link is spent now: opening it again says the ticket was taken, with the way to the booking.
  await guestPage.goto(link);
  await expect(guestPage.getByTestId("transfer-closed")).toContainText("This ticket has already been taken.");
  await guest.close();

  // The participant's booking: the ticket is transferred (cancelled, its QR code gone), the others stay.
  await page.reload();
  await expect(ticket).toHaveAttribute("data-transfer", "transferred");
  await expect(ticket).toHaveAttribute("data-status", "cancelled");
  await expect(ticket).toContainText("Transferred");
  await expect(ticket.getByTestId("ticket-transferred")).toHaveText(`Given to ${GUEST}`);
  await expect(ticket.getByRole("img")).toHaveCount(0);
  await expect(page.locator('[data-testid="ticket"][data-status="valid"]')).toHaveCount(valid.length - 1);
  await expect(page.locator('[data-testid="transfer"][data-status="accepted"]')).toHaveCount(1);
  await page.screenshot({ path: `${shots}/transfer-given.png`, fullPage: true });

  // And the participant is told in the app.
  await page.goto("/notifications");
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.locator('[data-testid="notification"][data-kind="ticket_transfer_accepted"]').count();
      },
      { timeout: 20_000, intervals: [1_000] },
    )
    .toBe(1);
});

test("a transfer link that is not genuine says so", async ({ page }) => {
  await page.goto("/transfers/accept?token=0f8fad5bd9cb469fa16570867728950e.forged");
  await expect(page.getByTestId("transfer-invalid")).toContainText("This link is not valid.");
  await page.goto("/transfers/accept");
  await expect(page.getByTestId("transfer-invalid")).toContainText("This link is not valid.");
});

test("an organizer sets whether and until when tickets of a listing may be transferred", async ({ page, request }) => {
  const organizer = await token(request, "organizer@demo.tessera.test");
  const listing = await createListing(request, organizer.token, `Transfer Rules ${Date.now()}`, [5 * 24 * 60]);
  const rules = async () => {
    const response = await request.get(`${API}/events/${listing.eventId}`);
    const event = (await response.json()) as { transfers_enabled: boolean; transfer_cutoff_hours: number };
    return [event.transfers_enabled, event.transfer_cutoff_hours];
  };
  expect(await rules()).toEqual([true, 0]);

  await logIn(page, "organizer@demo.tessera.test");
  await page.goto(`/organizer/events/${listing.eventId}`);
  const allowed = page.getByLabel("Ticket holders may transfer tickets");
  const hours = page.getByLabel("Until how many hours before the start");
  const save = page.getByRole("button", { name: "Save changes" });
  await expect(allowed).toBeChecked();
  await hours.fill("721");
  await save.click();
  await expect(page.getByText("Enter a whole number of hours from 0 to 720.")).toBeVisible();
  await hours.fill("48");
  await save.click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  expect(await rules()).toEqual([true, 48]);

  await allowed.uncheck();
  await expect(hours).toBeDisabled();
  await save.click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect.poll(rules).toEqual([false, 48]);
  await page.reload();
  await expect(allowed).not.toBeChecked();
  await expect(hours).toHaveValue("48");
});
