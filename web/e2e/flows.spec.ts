import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

import { API_PORT } from "../playwright.config";

const API = `http://127.0.0.1:${API_PORT}/api/v1`;
const DEMO_PASSWORD = "tessera-demo";
const shots = "test-results/screenshots";

async function token(request: APIRequestContext, email: string): Promise<{ token: string; id: string }> {
  const response = await request.post(`${API}/auth/token`, { data: { email, password: DEMO_PASSWORD } });
  expect(response.ok()).toBeTruthy();
  const body = (await response.json()) as { access_token: string };
  const me = await request.get(`${API}/auth/me`, { headers: { Authorization: `Bearer ${body.access_token}` } });
  return { token: body.access_token, id: ((await me.json()) as { id: string }).id };
}

async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

test("a visitor signs up, searches, books two tickets, pays and gets them", async ({ page }) => {
  const email = `visitor-${Date.now()}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Visitor Test");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Visitor Test");

  await page.goto("/");
  await page.getByLabel("Search").fill("Jazz Evening");
  await page.getByLabel("Search").press("Enter");
  const card = page.getByTestId("event-card").first();
  await expect(card).toBeVisible();
  await page.screenshot({ path: `${shots}/catalog.png`, fullPage: true });
  await card.click(); // the card is the link

  await expect(page.getByTestId("session-option").first()).toBeVisible();
  await page.getByTestId("session-option").first().click();
  await page.getByLabel("Standard").fill("2");
  await page.screenshot({ path: `${shots}/event.png`, fullPage: true });
  await page.getByTestId("book").click();

  await expect(page).toHaveURL(/\/bookings\/[^/]+\/payment/);
  await expect(page.getByTestId("countdown")).toBeVisible();
  await page.screenshot({ path: `${shots}/checkout.png`, fullPage: true });
  await page.getByTestId("pay").click();

  await expect(page.getByLabel("Card number")).toBeVisible();
  await page.screenshot({ path: `${shots}/gateway.png`, fullPage: true });
  await page.getByLabel("Card number").fill("4716 0472 6194 1981");
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: /Pay/ }).click();

  await expect(page).toHaveURL(/outcome=success/);
  await expect(page.getByTestId("booking-status")).toHaveText(/confirmed/i);
  await page.getByRole("link", { name: /tickets/i }).click();
  await expect(page.getByTestId("ticket")).toHaveCount(2);
  await expect(page.getByRole("img", { name: /QR code/ }).first()).toBeVisible();
  await page.screenshot({ path: `${shots}/booking.png`, fullPage: true });
});

test("an organizer creates and publishes an event that appears in the catalog", async ({ page }) => {
  const title = `Night Market ${Date.now()}`;
  await logIn(page, "organizer@demo.tessera.test");
  await page.goto("/organizer");
  await page.screenshot({ path: `${shots}/organizer.png`, fullPage: true });
  await page.getByTestId("new-event").click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("Street food and music");
  await page.getByLabel("Category").fill("festivals");
  await page.getByLabel("Venue name").fill("Old Square");
  await page.getByLabel("Address").fill("Abylai Khan Ave 1");
  await page.getByLabel("City").fill("Almaty");
  await page.getByRole("button", { name: "Create event" }).click();

  await expect(page.getByTestId("listing-status")).toHaveText(/draft/i);
  const day = new Date(Date.now() + 20 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.getByLabel("Starts at").fill(`${day}T19:00`);
  await page.getByLabel("Ends at").fill(`${day}T22:00`);
  await page.getByLabel("Capacity").fill("100");
  await page.getByRole("button", { name: "Add session" }).click();
  await page.getByLabel("Ticket name").fill("Entry");
  await page.getByLabel("Price").fill("2500");
  await page.getByRole("button", { name: "Add ticket type" }).click();
  await expect(page.getByText("Entry")).toBeVisible();
  await page.getByTestId("publish").click();
  await expect(page.getByTestId("listing-status")).toHaveText(/published/i);
  await expect(page.getByTestId("sales-summary")).toBeVisible();

  await page.getByTestId("edit-session").first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Capacity").fill("120");
  await dialog.getByTestId("edit-session-save").click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("session-row").first()).toContainText("120");
  await page.screenshot({ path: `${shots}/organizer-editor.png`, fullPage: true });

  await page.goto(`/?q=${encodeURIComponent(title)}`);
  await expect(page.getByTestId("event-card")).toHaveCount(1);
  await expect(page.getByTestId("event-card")).toContainText(title);
});

test("an admin approves a review that then appears on the event page", async ({ page, request }) => {
  const participant = await token(request, "guest1@demo.tessera.test");
  const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
  const events = (await (await request.get(`${API}/events?q=Meetup&limit=5`)).json()) as {
    items: { id: string; sold_out: boolean }[];
  };
  const listing = events.items.find((e) => !e.sold_out);
  expect(listing).toBeTruthy();
  const detail = (await (await request.get(`${API}/events/${listing!.id}`)).json()) as {
    organizer: { id: string };
    sessions: { id: string }[];
    ticket_types: { id: string }[];
  };
  const booking = (await (
    await request.post(`${API}/bookings`, {
      headers: auth(participant.token),
      data: { session_id: detail.sessions[0]!.id, items: [{ ticket_type_id: detail.ticket_types[0]!.id, quantity: 1 }] },
    })
  ).json()) as { tickets: { code: string }[] };
  let organizerToken = "";
  for (const email of ["organizer@demo.tessera.test", "events@steppe-live.test", "hello@silkroad-talks.test"]) {
    const candidate = await token(request, email);
    if (candidate.id === detail.organizer.id) organizerToken = candidate.token;
  }
  const checkIn = await request.post(`${API}/checkin`, {
    headers: auth(organizerToken),
    data: { code: booking.tickets[0]!.code },
  });
  expect(checkIn.ok()).toBeTruthy();
  const comment = `Loved it ${Date.now()}`;
  const review = await request.post(`${API}/reviews`, {
    headers: auth(participant.token),
    data: { event_id: listing!.id, rating: 5, comment },
  });
  expect(review.status()).toBe(201);

  await logIn(page, "admin@demo.tessera.test");
  await page.goto("/admin/reviews");
  const item = page.getByTestId("review-item").filter({ hasText: comment });
  await expect(item).toBeVisible();
  await page.screenshot({ path: `${shots}/moderation.png`, fullPage: true });
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(item).toHaveCount(0);

  await page.goto(`/events/${listing!.id}`);
  await expect(page.getByTestId("reviews")).toContainText(comment);
});

test("a sold-out session and a declined card each get a clear message", async ({ page, request }) => {
  const soldOut = (await (await request.get(`${API}/events?limit=100`)).json()) as {
    items: { id: string; sold_out: boolean }[];
  };
  const full = soldOut.items.find((e) => e.sold_out);
  const open = soldOut.items.find((e) => !e.sold_out);
  expect(full && open).toBeTruthy();

  await logIn(page, "guest2@demo.tessera.test");
  await page.goto(`/events/${full!.id}`);
  await page.getByTestId("session-option").first().click();
  await page.locator("input[type=number]").first().fill("1");
  await page.getByTestId("book").click();
  await expect(page.getByTestId("booking-error")).toHaveText(/sold out/i);
  await expect(page).toHaveURL(new RegExp(`/events/${full!.id}`)); // nothing was booked

  await page.goto(`/events/${open!.id}`);
  await page.getByTestId("session-option").first().click();
  await page.locator("input[type=number]").first().fill("1");
  await page.getByTestId("book").click();
  await expect(page).toHaveURL(/\/bookings\/[^/]+\/payment/);
  await page.getByTestId("pay").click();
  await page.getByLabel("Card number").fill("4916 3074 1633 4310");
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: /Pay/ }).click();
  await expect(page.getByTestId("payment-error")).toHaveText(/payment/i);
  await expect(page.getByTestId("pay")).toBeVisible(); // the hold is still there: the visitor can try again
  await page.screenshot({ path: `${shots}/payment-failed.png`, fullPage: true });
});

test("main pages fit a phone screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const events = (await (await page.request.get(`${API}/events?limit=1`)).json()) as { items: { id: string }[] };
  await logIn(page, "organizer@demo.tessera.test");
  const pages: [string, string][] = [
    ["catalog", "/"],
    ["event", `/events/${events.items[0]!.id}`],
    ["bookings", "/bookings"],
    ["notifications", "/notifications"],
    ["organizer", "/organizer"],
    ["login", "/login"],
  ];
  for (const [name, url] of pages) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${shots}/phone-${name}.png`, fullPage: true });
  }
  await context.close();
});

test("a cookie-authenticated POST without the CSRF token is refused", async ({ page }) => {
  await logIn(page, "participant@demo.tessera.test");
  const result = await page.evaluate(async () => {
    const response = await fetch("/api/v1/auth/me", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Forged" }),
    });
    return { status: response.status, body: (await response.json()) as { code: string } };
  });
  expect(result.status).toBe(403);
  expect(result.body.code).toBe("csrf_failed");
});

test("unknown pages answer 404", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByText("404")).toBeVisible();
});
