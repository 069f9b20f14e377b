// Waiting lists: a guest queues for a sold-out demo date from its event page, a ticket holder cancels, the
// offer reaches the guest's "Waiting list" page (and notifications) by itself, the guest takes the free seats,
// and the listing's organizer sees the guest booked on the session's waiting list.
import type { APIRequestContext, Locator, Page } from "@playwright/test";

import { API, DEMO_PASSWORD, auth, backendRequestPaths, expect, logIn, shots, test, token, waitForSignInBudget, watchCsp } from "./support";

// The demo organizers by the name their listings show.
const ORGANIZERS: Record<string, string> = {
  "Aigerim Organizer": "organizer@demo.tessera.test",
  "Steppe Live": "events@steppe-live.test",
  "Silk Road Talks": "hello@silkroad-talks.test",
};

type EventDetail = {
  id: string;
  title: string;
  organizer: { id: string; name: string };
  sessions: { id: string; available: number; seat_map_id?: string | null }[];
  ticket_types: { id: string; name: string; price: number }[];
};

/**
 * A small free demo listing whose one session is fully booked (by participant@ and guest1@). The last one
 * listed: flows.spec.ts books against the first.
 */
async function soldOutListing(request: APIRequestContext): Promise<{ event: EventDetail; sessionId: string; organizer: string }> {
  const list = await request.get(`${API}/events`, { params: { limit: 100, kind: "event" } });
  expect(list.ok()).toBeTruthy();
  const full = ((await list.json()) as { items: { id: string; sold_out: boolean }[] }).items.filter((e) => e.sold_out);
  expect(full.length, "the demo data has sold-out listings").toBeGreaterThan(1);
  const event = (await (await request.get(`${API}/events/${full[full.length - 1]!.id}`)).json()) as EventDetail;
  expect(event.sessions).toHaveLength(1);
  expect(event.sessions[0]!.available).toBe(0);
  expect(event.sessions[0]!.seat_map_id ?? null).toBeNull();
  expect(event.ticket_types.map((tt) => [tt.name, tt.price])).toEqual([["Free entry", 0]]);
  const organizer = ORGANIZERS[event.organizer.name];
  expect(organizer, `a demo organizer owns ${event.title}`).toBeTruthy();
  return { event, sessionId: event.sessions[0]!.id, organizer: organizer! };
}

/** The guest's entry for the event on the "Waiting list" page. */
const entryFor = (page: Page, eventId: string) =>
  page.getByTestId("waitlist-entry").filter({ has: page.locator(`a[href="/events/${eventId}"]`) });

/** Waits, reloading the "Waiting list" page, until the entry's offer arrives by itself. */
async function offerArrives(page: Page, entry: Locator): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.reload();
        return entry.getAttribute("data-status");
      },
      { timeout: 20_000, intervals: [1_000] },
    )
    .toBe("offered");
}

/** Opens a booking from "My bookings", following its pages until the booking's reference is listed. */
async function openFromMyBookings(page: Page, booking: { id: string; reference: string }): Promise<void> {
  const { reference } = booking;
  await page.goto("/bookings");
  const row = page.getByTestId("booking-row").filter({ hasText: reference });
  for (let pages = 0; (await row.count()) === 0 && pages < 20; pages++) {
    await page.getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/bookings\?page=\d+$/);
  }
  await row.click();
  await expect(page).toHaveURL(new RegExp(`/bookings/${booking.id}$`));
  await expect(page.getByTestId("booking-reference")).toHaveText(reference);
}

test("a guest queues for a sold-out date, gets the seats a cancellation frees, and the organizer sees it", async ({ page, request, browser }) => {
  test.setTimeout(240_000);
  const { event, sessionId, organizer } = await soldOutListing(request);

  // Signed out: the waiting list sends the visitor to log in, and back to the event.
  await page.goto(`/events/${event.id}`);
  const join = page.getByTestId("waitlist-join");
  await expect(join).toBeVisible();
  await waitForSignInBudget();
  await join.getByTestId("waitlist-login").click();
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel("E-mail").fill("guest2@demo.tessera.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(new RegExp(`/events/${event.id}$`));

  // Signed in: one ticket of the only type, and the place in line.
  await expect(join.getByLabel("Ticket type")).toHaveValue(event.ticket_types[0]!.id);
  await join.getByLabel("Number of tickets").fill("1");
  await join.getByTestId("waitlist-join-submit").click();
  await expect(join.getByTestId("waitlist-joined")).toHaveText(/You are in line: position 1\./);
  await page.screenshot({ path: `${shots}/waitlist-join.png`, fullPage: true });
  await join.getByRole("link", { name: "See your waiting list" }).click();
  await expect(page).toHaveURL(/\/waitlist$/);
  const entry = entryFor(page, event.id);
  await expect(entry).toHaveAttribute("data-status", "waiting");
  await expect(entry.getByTestId("waitlist-position")).toHaveText("Position 1 in line");
  await expect(entry.getByTestId("waitlist-tickets")).toHaveText("1 × Free entry");

  // A second place for the same tickets is refused, with the way to the first.
  await page.goto(`/events/${event.id}`);
  await join.getByTestId("waitlist-join-submit").click();
  await expect(join.getByTestId("waitlist-join-error")).toContainText("already in line");
  await expect(join.getByTestId("waitlist-join-error").getByRole("link")).toHaveAttribute("href", "/waitlist");

  // The participant cancels their booking of that date from "My bookings".
  const holder = await browser.newContext();
  const holderCsp = watchCsp(holder);
  const holderPage = await holder.newPage();
  await logIn(holderPage, "participant@demo.tessera.test");
  const mine = await holderPage.request.get("/api/v1/bookings", { params: { limit: 100, status: "confirmed" } });
  expect(mine.ok()).toBeTruthy();
  const booking = ((await mine.json()) as { items: { id: string; reference: string; session_id: string }[] }).items.find(
    (b) => b.session_id === sessionId,
  );
  expect(booking, "participant@ holds seats of the sold-out date").toBeTruthy();
  await openFromMyBookings(holderPage, booking!);
  await holderPage.getByTestId("cancel-booking").click();
  await holderPage.getByTestId("confirm-cancel").click();
  await expect(holderPage.getByTestId("booking-status")).toHaveText("cancelled");
  await holder.close();
  expect(holderCsp).toEqual([]);

  // The freed seats are offered to the next in line by themselves: the offer shows on the guest's page.
  await page.goto("/waitlist");
  await offerArrives(page, entry);
  await expect(entry.getByTestId("offer-countdown")).toHaveText(/^(1:00:00|[0-5]?\d:\d\d)$/);
  await expect(entry.getByTestId("waitlist-take")).toBeVisible();
  await expect(entry.getByTestId("waitlist-leave")).toHaveText("Decline the offer");

  // On a 375 px phone the page fits its width.
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: `${shots}/waitlist-offer-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The offer is in the app's notifications too, pointing at the waiting list.
  await page.goto("/notifications");
  const notice = page.locator('[data-testid="notification"][data-kind="waitlist_offer"]');
  await expect(notice).toContainText("Seats came back for you");
  await expect(notice.getByTestId("notification-waitlist")).toHaveAttribute("href", "/waitlist");

  // The guest takes the free seats and sees the confirmed booking.
  await page.goto("/waitlist");
  await entry.getByTestId("waitlist-take").click();
  await expect(entry.getByTestId("waitlist-message")).toHaveText("The seats are yours.");
  await expect(entry).toHaveAttribute("data-status", "booked");
  await entry.getByTestId("waitlist-booking").click();
  await expect(page).toHaveURL(/\/bookings\/[^/]+$/);
  await expect(page.getByTestId("booking-status")).toHaveText("confirmed");
  await expect(page.getByTestId("ticket")).toHaveCount(1);

  // The listing's organizer reaches the session from the listing and sees the guest booked in its line.
  const desk = await browser.newContext();
  const deskCsp = watchCsp(desk);
  const deskPage = await desk.newPage();
  await logIn(deskPage, organizer);
  await deskPage.goto(`/organizer/events/${event.id}`);
  const asked = backendRequestPaths().length;
  await deskPage.getByRole("link", { name: "Bookings", exact: true }).click();
  await expect(deskPage).toHaveURL(new RegExp(`/organizer/sessions/${sessionId}\\?event=${event.id}$`));
  const section = deskPage.getByTestId("waitlist-desk");
  const guest = section.getByTestId("waitlist-line").filter({ hasText: "Timur Guest" });
  await expect(guest).toHaveAttribute("data-status", "booked");
  await expect(guest).toContainText("booked");
  await expect(section.getByTestId("waitlist-count-waiting")).toHaveText("0");
  await expect(section.getByTestId("waitlist-count-offered")).toHaveText("0");
  // Its availability says the session has no seat map: no seat desk, and the backend was not asked for one.
  await expect(deskPage.getByTestId("seat-desk")).toHaveCount(0);
  expect(backendRequestPaths().slice(asked).filter((path) => path.startsWith(`/api/v1/sessions/${sessionId}/seat`))).toEqual([]);

  // Nobody waits now: offering the free seats at once makes no offer.
  await section.getByTestId("waitlist-offer").click();
  await expect(section.getByTestId("waitlist-desk-message")).toHaveText(/No offers made/);
  await deskPage.screenshot({ path: `${shots}/waitlist-desk.png`, fullPage: true });
  await desk.close();
  expect(deskCsp).toEqual([]);
});

test("a paid offer is taken by paying for it, with the amount on its button", async ({ page, request }) => {
  test.setTimeout(180_000);
  // A paid listing with one seat, held (unpaid) by guest1@.
  const organizer = await token(request, "organizer@demo.tessera.test");
  const post = async <T>(path: string, bearer: string, data: unknown): Promise<T> => {
    const response = await request.post(`${API}${path}`, { headers: auth(bearer), data });
    expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
    return (await response.json()) as T;
  };
  const title = `Chamber Evening ${Date.now()}`;
  const event = await post<{ id: string }>("/events", organizer.token, {
    title,
    category: "concerts",
    venue: { name: "Small Hall", city: "Almaty", country: "KZ", timezone: "Asia/Almaty" },
  });
  const startsAt = new Date(Date.now() + 5 * 24 * 3600_000);
  const session = await post<{ id: string }>(`/events/${event.id}/sessions`, organizer.token, {
    starts_at: startsAt.toISOString(),
    ends_at: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
    capacity: 1,
  });
  const ticketType = await post<{ id: string }>(`/events/${event.id}/ticket-types`, organizer.token, {
    name: "Stalls",
    price: 300_000,
    currency: "KZT",
  });
  await post(`/events/${event.id}/publish`, organizer.token, {});
  const holder = await token(request, "guest1@demo.tessera.test");
  const held = await post<{ id: string; status: string }>("/bookings", holder.token, {
    session_id: session.id,
    items: [{ ticket_type_id: ticketType.id, quantity: 1 }],
  });
  expect(held.status).toBe("pending_payment");

  // The participant joins the line from the sold-out event page.
  await logIn(page, "participant@demo.tessera.test");
  await page.goto(`/events/${event.id}`);
  const join = page.getByTestId("waitlist-join");
  await join.getByLabel("Number of tickets").fill("1");
  await join.getByTestId("waitlist-join-submit").click();
  await expect(join.getByTestId("waitlist-joined")).toHaveText(/You are in line: position 1\./);

  // The holder lets the seat go; the offer reaches the participant by itself, priced.
  await post(`/bookings/${held.id}/cancel`, holder.token, {});
  await page.goto("/waitlist");
  const entry = entryFor(page, event.id);
  await offerArrives(page, entry);
  await expect(entry.getByTestId("waitlist-take")).toHaveCount(0);
  const pay = entry.getByTestId("waitlist-pay");
  await expect(pay).toHaveText(/^Pay KZT\s3,000 now$/);

  // Paying the offer's booking on the gateway confirms it.
  await pay.click();
  await expect(page).toHaveURL(/\/bookings\/[^/]+$/);
  await page.getByTestId("pay-link").click();
  await expect(page).toHaveURL(/\/bookings\/[^/]+\/payment$/);
  await page.getByTestId("pay").click();
  await page.getByLabel("Card number").fill("4716 0472 6194 1981");
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: /Pay/ }).click();
  await expect(page).toHaveURL(/outcome=success/);
  await expect(page.getByTestId("booking-status")).toHaveText(/confirmed/i);
  await page.goto("/waitlist");
  await expect(entry).toHaveAttribute("data-status", "booked");
});
