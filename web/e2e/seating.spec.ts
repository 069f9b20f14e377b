// Reserved seating: a participant picks seats on the demo concert's map (keyboard and mouse) and books them,
// the map then shows them taken, the organizer blocks and releases a seat at the session's seat desk, the
// door sees a seated ticket's seat, and an organizer draws a seat map with its live preview.
import type { APIRequestContext, Page } from "@playwright/test";

import { API, auth, expect, logIn, shots, test, token, watchCsp } from "./support";

const CONCERT = "Chamber Orchestra — Reserved Seating";

type EventDetail = {
  id: string;
  venue: { id: string } | null;
  sessions: { id: string; seat_map_id?: string | null }[];
};

/** The demo concert and its one seated session. */
async function concert(request: APIRequestContext): Promise<{ eventId: string; sessionId: string; venueId: string }> {
  const list = await request.get(`${API}/events`, { params: { q: "Chamber Orchestra", kind: "event", limit: 20 } });
  expect(list.ok()).toBeTruthy();
  const found = ((await list.json()) as { items: { id: string; title: string }[] }).items.find((e) => e.title === CONCERT);
  expect(found, "the demo data has the seated concert").toBeTruthy();
  const event = (await (await request.get(`${API}/events/${found!.id}`)).json()) as EventDetail;
  const session = event.sessions.find((s) => s.seat_map_id);
  expect(session).toBeTruthy();
  return { eventId: event.id, sessionId: session!.id, venueId: event.venue!.id };
}

const seat = (page: Page, code: string) => page.getByTestId("seat-map").locator(`[data-seat="${code}"]`);

test("a participant chooses seats on the map, books them, and the organizer manages the seat desk", async ({ page, request, browser }) => {
  const { eventId, sessionId } = await concert(request);

  await logIn(page, "participant@demo.tessera.test");
  await page.goto(`/events/${eventId}`);
  await expect(page.getByTestId("seat-map")).toBeVisible();
  // The guest's seats are taken: named so, and not to be chosen.
  await expect(seat(page, "BALC-A-7")).toHaveAttribute("aria-disabled", "true");
  await expect(seat(page, "BALC-A-7")).toHaveAttribute("aria-label", /Balcony, row A, seat 7, .*taken/);
  await expect(seat(page, "STALLS-A-1")).toHaveAttribute("aria-label", /Stalls, row A, seat 1, .*wheelchair place/);

  // Tab enters the map on its first seat; the arrow keys walk to the balcony's row C.
  await page.getByTestId("zoom-in").focus();
  await page.keyboard.press("Tab");
  await expect(seat(page, "STALLS-A-1")).toBeFocused();
  for (let i = 0; i < 11; i++) await page.keyboard.press("ArrowDown");
  await expect(seat(page, "STALLS-M-1")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(seat(page, "BALC-A-1")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  await expect(seat(page, "BALC-C-5")).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press(" ");
  await expect(seat(page, "BALC-C-5")).toHaveAttribute("aria-pressed", "true");
  await expect(seat(page, "BALC-C-6")).toHaveAttribute("aria-pressed", "true");
  // A taken seat is not chosen by a click; a free one is.
  await seat(page, "BALC-A-8").click({ force: true });
  await expect(seat(page, "BALC-A-8")).toHaveAttribute("aria-pressed", "false");
  await seat(page, "BALC-C-9").click();
  const chosen = page.getByTestId("chosen-seat");
  await expect(chosen).toHaveCount(3);
  await expect(chosen.first()).toContainText("Balcony, row C, seat 5");
  await page.screenshot({ path: `${shots}/seat-picker.png`, fullPage: true });

  await page.getByTestId("book").click();
  await expect(page).toHaveURL(/\/bookings\/[^/]+$/);
  await expect(page.getByTestId("booking-status")).toHaveText(/confirmed/i);
  const seats = page.getByTestId("ticket-seat");
  await expect(seats).toHaveCount(3);
  expect((await seats.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-seat")))).sort()).toEqual([
    "BALC-C-5",
    "BALC-C-6",
    "BALC-C-9",
  ]);
  await expect(seats.first()).toContainText(/Seat: Section BALC, row C, seat \d/);

  // A second look at the map: the seats are taken now.
  await page.goto(`/events/${eventId}`);
  for (const code of ["BALC-C-5", "BALC-C-6", "BALC-C-9"]) {
    await expect(seat(page, code)).toHaveAttribute("aria-label", /taken/);
    await expect(seat(page, code)).toHaveAttribute("aria-disabled", "true");
  }

  // On a 375 px phone the map fits, and zoomed in it scrolls inside its box, never the page.
  await page.setViewportSize({ width: 375, height: 740 });
  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
  await expect(page.getByTestId("seat-map-box")).toBeVisible();
  expect(await pageWidth()).toBeLessThanOrEqual(375);
  await page.getByTestId("zoom-in").click();
  await page.getByTestId("zoom-in").click();
  await expect(page.getByTestId("zoom-reset")).toBeEnabled();
  expect(await pageWidth()).toBeLessThanOrEqual(375);
  const box = await page.getByTestId("seat-map-box").evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
  expect(box.scroll).toBeGreaterThan(box.client);
  await page.screenshot({ path: `${shots}/seat-picker-phone.png`, fullPage: true });

  // The organizer's seat desk: the participant's seats are sold; a free seat is blocked, then released.
  const organizer = await browser.newContext();
  const violations = watchCsp(organizer);
  const desk = await organizer.newPage();
  await logIn(desk, "organizer@demo.tessera.test");
  await desk.goto(`/organizer/sessions/${sessionId}`);
  const deskMap = desk.getByTestId("desk-map");
  await expect(deskMap).toBeVisible();
  await expect(desk.locator('[data-testid="seat-holder"][data-seat="BALC-C-5"]')).toHaveAttribute("data-status", "sold");
  const blockedBefore = Number(await desk.getByTestId("seat-count-blocked").textContent());
  const capacityBefore = Number(await desk.getByTestId("seat-count-capacity").textContent());

  await deskMap.locator('[data-seat="BALC-D-16"]').click();
  await expect(deskMap.locator('[data-seat="BALC-D-16"]')).toHaveAttribute("aria-pressed", "true");
  await desk.getByTestId("block-seats").click();
  await expect(desk.getByTestId("desk-message")).toContainText("Blocked: BALC-D-16");
  await expect(desk.locator('[data-testid="seat-holder"][data-seat="BALC-D-16"]')).toHaveAttribute("data-status", "blocked");
  await expect(deskMap.locator('[data-seat="BALC-D-16"]')).toHaveAttribute("aria-label", /, blocked/);
  await expect(desk.getByTestId("seat-count-blocked")).toHaveText(String(blockedBefore + 1));
  await expect(desk.getByTestId("seat-count-capacity")).toHaveText(String(capacityBefore - 1));
  await desk.screenshot({ path: `${shots}/seat-desk.png`, fullPage: true });

  // The buyer's map shows it taken too.
  await page.reload();
  await expect(seat(page, "BALC-D-16")).toHaveAttribute("aria-disabled", "true");

  await deskMap.locator('[data-seat="BALC-D-16"]').click();
  await desk.getByTestId("release-seats").click();
  await expect(desk.getByTestId("desk-message")).toContainText("Back on sale: BALC-D-16");
  await expect(desk.locator('[data-testid="seat-holder"][data-seat="BALC-D-16"]')).toHaveCount(0);
  await expect(desk.getByTestId("seat-count-capacity")).toHaveText(String(capacityBefore));

  // A ticket moves to a free seat of its zone; the stalls are another zone, so no move there.
  await desk.locator('[data-testid="seat-holder"][data-seat="BALC-C-9"]').getByTestId("move-ticket").click();
  await deskMap.locator('[data-seat="STALLS-B-5"]').click();
  await expect(desk.getByTestId("move-seat")).toBeDisabled();
  await deskMap.locator('[data-seat="BALC-D-1"]').click();
  await desk.getByTestId("move-seat").click();
  await expect(desk.getByTestId("desk-message")).toContainText("Moved from BALC-C-9 to BALC-D-1");
  await expect(desk.locator('[data-testid="seat-holder"][data-seat="BALC-D-1"]')).toHaveAttribute("data-status", "sold");
  await expect(desk.locator('[data-testid="seat-holder"][data-seat="BALC-C-9"]')).toHaveCount(0);
  await organizer.close();
  expect(violations).toEqual([]);
});

test("a seat taken a moment ago is named, and the map updates", async ({ page, request }) => {
  const { eventId, sessionId } = await concert(request);
  await logIn(page, "guest2@demo.tessera.test");
  // The seats themselves (the map version's plan) come once, marked for any cache to keep for good; only
  // the live availability is read again.
  const plans: string[] = [];
  let plan = { url: "", etag: "" };
  page.on("response", (response) => {
    if (/\/api\/v1\/seat-maps\/[^/]+\/plans\/\d+$/.test(new URL(response.url()).pathname)) {
      plans.push(`${response.status()} ${response.headers()["cache-control"]}`);
      plan = { url: response.url(), etag: response.headers()["etag"] ?? "" };
    }
  });
  await page.goto(`/events/${eventId}`);
  await seat(page, "BALC-B-3").click();
  await seat(page, "BALC-B-4").click();
  await expect(page.getByTestId("chosen-seat")).toHaveCount(2);

  // Someone else books BALC-B-4 meanwhile.
  const other = await token(request, "guest1@demo.tessera.test");
  const map = (await (await request.get(`${API}/sessions/${sessionId}/seat-map`)).json()) as {
    zones: { zone: string; prices: { ticket_type_id: string }[] }[];
  };
  const balcony = map.zones.find((z) => z.zone === "balcony")!.prices[0]!.ticket_type_id;
  const taken = await request.post(`${API}/bookings`, {
    headers: auth(other.token),
    data: { session_id: sessionId, items: [{ ticket_type_id: balcony, quantity: 1 }], seats: ["BALC-B-4"] },
  });
  expect(taken.status(), await taken.text()).toBe(201);

  await page.getByTestId("book").click();
  await expect(page.getByTestId("booking-error")).toHaveText(/taken a moment ago/);
  await expect(page.getByTestId("seats-just-taken")).toContainText("Balcony, row B, seat 4");
  await expect(seat(page, "BALC-B-4")).toHaveAttribute("aria-disabled", "true");
  await expect(page.getByTestId("chosen-seat")).toHaveCount(1);
  await expect(page).toHaveURL(new RegExp(`/events/${eventId}$`));
  expect(plans).toEqual(["200 public, max-age=31536000, immutable"]);
  // A browser revalidating the plan through this site's /api gets 304, no body.
  const revalidated = await page.request.get(plan.url, { headers: { "If-None-Match": plan.etag } });
  expect(plan.etag).not.toBe("");
  expect(revalidated.status()).toBe(304);
});

test("the door sees a seated ticket's seat at check-in, and again when it is already used", async ({ page, request }) => {
  // The demo concert is days away, where check-in is closed: a seated session starting within the hour.
  const organizer = await token(request, "organizer@demo.tessera.test");
  const participant = await token(request, "participant@demo.tessera.test");
  const created = async <T>(path: string, data: unknown): Promise<T> => {
    const response = await request.post(`${API}${path}`, { headers: auth(organizer.token), data });
    expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
    return (await response.json()) as T;
  };
  const event = await created<EventDetail>("/events", {
    title: `Seated Door ${Date.now()}`,
    description: "Seats by number",
    category: "concerts",
    venue: { name: "Small Hall", address: "Abay Ave 2", city: "Almaty", country: "KZ", timezone: "Asia/Almaty" },
  });
  const seatMap = await created<{ id: string }>(`/venues/${event.venue!.id}/seat-maps`, {
    name: "Small hall",
    sections: [{ code: "HALL", name: "Hall", zone: "hall", rows: [{ label: "A", seats: 6 }] }],
  });
  const startsAt = new Date(Date.now() + 60 * 60_000);
  const session = await created<{ id: string }>(`/events/${event.id}/sessions`, {
    starts_at: startsAt.toISOString(),
    ends_at: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
    seat_map_id: seatMap.id,
  });
  const ticketType = await created<{ id: string }>(`/events/${event.id}/ticket-types`, {
    name: "Hall",
    price: 0,
    currency: "KZT",
    zone: "hall",
  });
  await created(`/events/${event.id}/publish`, {});
  const booked = await request.post(`${API}/bookings`, {
    headers: auth(participant.token),
    data: { session_id: session.id, items: [{ ticket_type_id: ticketType.id, quantity: 1 }], seats: ["HALL-A-3"] },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  const code = ((await booked.json()) as { tickets: { code: string; seat: string }[] }).tickets[0]!.code;

  await logIn(page, "organizer@demo.tessera.test");
  await page.goto(`/organizer/sessions/${session.id}`);
  const result = page.getByTestId("check-in-result");
  await page.getByLabel("Ticket code").fill(code);
  await page.getByTestId("check-in").click();
  await expect(result).toHaveAttribute("data-state", "ok");
  await expect(page.getByTestId("check-in-seat")).toHaveText("Seat: Section HALL, row A, seat 3.");
  await page.getByLabel("Ticket code").fill(code);
  await page.getByTestId("check-in").click();
  await expect(result).toHaveAttribute("data-code", "already_checked_in");
  await expect(result).toContainText("Seat: Section HALL, row A, seat 3.");
  // The desk shows the ticket checked in.
  await expect(page.locator('[data-testid="seat-holder"][data-seat="HALL-A-3"]')).toContainText("yes");
});

test("an organizer draws a seat map with a live preview and sells it in a new session", async ({ page, request }) => {
  const { eventId } = await concert(request);
  await logIn(page, "organizer@demo.tessera.test");
  await page.goto(`/organizer/events/${eventId}`);
  await page.getByTestId("seat-maps-link").click();
  await expect(page).toHaveURL(/\/organizer\/venues\/[^/]+\/seat-maps\?event=/);
  // The concert's map is sold by its session: it can be looked at, not changed.
  await expect(page.getByTestId("seat-map-item").filter({ hasText: "Main hall" })).toContainText("in use");

  // A new map starts as five rows of twelve: 60 seats.
  const preview = page.getByTestId("seat-map-preview");
  await expect(preview.getByTestId("preview-count")).toHaveAttribute("data-count", "60");
  await page.getByLabel("Map name").fill(`Studio ${Date.now()}`);
  const firstRow = page.getByTestId("row-fields").first();
  await firstRow.getByLabel("Wheelchair, row A").fill("1, 2");
  await firstRow.getByLabel("Never sold, row A").fill("12");
  await expect(preview.getByTestId("preview-count")).toHaveAttribute("data-count", "59");
  await expect(preview.locator('[data-seat="STALLS-A-12"]')).toBeVisible();
  // A seat a row does not have: the server's problem is listed.
  await firstRow.getByLabel("Aisle after, row A").fill("30");
  await expect(preview.getByTestId("preview-problems")).toContainText("aisles_after names seats it does not have");
  await firstRow.getByLabel("Aisle after, row A").fill("6");
  await expect(preview.getByTestId("preview-problems")).toHaveCount(0);
  await page.getByTestId("add-section").click();
  const balcony = page.getByTestId("section-fields").nth(1);
  await balcony.getByLabel("Code").fill("BALC");
  await balcony.getByLabel("Name", { exact: true }).fill("Balcony");
  await balcony.getByLabel("Price zone").fill("balcony");
  await expect(preview.locator('[data-testid="preview-zone"][data-zone="balcony"]')).toHaveAttribute("data-count", "12");
  await page.screenshot({ path: `${shots}/seat-map-editor.png`, fullPage: true });
  await page.getByTestId("save-seat-map").click();
  await expect(page).toHaveURL(/\/organizer\/seat-maps\/[^/?]+\?event=/);
  await expect(page.getByTestId("seat-map-version")).toContainText("71 seats for sale");

  // The listing's new sessions can sell it: capacity is then the map's.
  await page.goto(`/organizer/events/${eventId}`);
  await expect(page.getByLabel("Capacity")).toBeVisible();
  await page.getByLabel("Seat map").selectOption({ label: "Main hall (304 seats)" });
  await expect(page.getByLabel("Capacity")).toHaveCount(0);
});
