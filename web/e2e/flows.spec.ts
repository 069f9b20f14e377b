import {
  API,
  auth,
  bookTicket,
  confirmEmail,
  createListing,
  expect,
  logIn,
  shots,
  signUp,
  test,
  token,
  watchCsp,
} from "./support";

test("a visitor signs up, searches, books two tickets, confirms the address, pays and gets them", async ({ page }) => {
  const email = `visitor-${Date.now()}@example.com`;
  await signUp(page, "Visitor Test", email, "correct horse battery");
  // A new address is not confirmed yet: booking works, paying waits for the link in the sign-up e-mail.
  await expect(page.getByTestId("verify-email-banner")).toContainText(email);

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
  const paymentPage = page.url();
  await expect(page.getByTestId("countdown")).toBeVisible();
  await page.getByTestId("pay").click();
  await expect(page.getByTestId("payment-error")).toHaveText(/Confirm your e-mail address first/);

  await confirmEmail(page, email);
  await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);
  await page.goto(paymentPage);
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
  await page.getByLabel("Price", { exact: true }).fill("2500");
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

test("an organizer checks tickets in only at the door of their session, while it is open", async ({ page, request }) => {
  const organizer = await token(request, "organizer@demo.tessera.test");
  const participant = await token(request, "participant@demo.tessera.test");
  // Check-in opens hours before the start: the first session is within that window, the second days away.
  const listing = await createListing(request, organizer.token, `Door Check ${Date.now()}`, [60, 5 * 24 * 60]);
  const [soon, later] = listing.sessionIds as [string, string];
  const soonCode = await bookTicket(request, participant.token, listing, soon);
  const laterCode = await bookTicket(request, participant.token, listing, later);

  await logIn(page, "organizer@demo.tessera.test");
  const result = page.getByTestId("check-in-result");
  const checkIn = async (code: string) => {
    await page.getByLabel("Ticket code").fill(code);
    await page.getByTestId("check-in").click();
  };

  await page.goto(`/organizer/sessions/${soon}`);
  await checkIn(laterCode);
  await expect(result).toHaveAttribute("data-code", "wrong_session");
  await expect(result).toHaveText("This ticket is for another session.");
  await checkIn(soonCode);
  await expect(result).toHaveAttribute("data-state", "ok");
  await expect(result).toContainText("Checked in");
  await expect(page.getByTestId("booking-checked-in")).toHaveText("1 / 1");

  await page.goto(`/organizer/sessions/${later}`);
  await checkIn(laterCode);
  await expect(result).toHaveAttribute("data-code", "checkin_closed");
  await expect(result).toHaveText("Check-in is not open for this session.");
  await page.screenshot({ path: `${shots}/check-in.png`, fullPage: true });
});

test("an admin approves a review that then appears on the event page", async ({ page, request }) => {
  // Only people who attended may review, and demo sessions are all days ahead: the participant is checked
  // in at a session starting within the hour, whose check-in is open.
  const organizer = await token(request, "organizer@demo.tessera.test");
  const participant = await token(request, "guest1@demo.tessera.test");
  const listing = await createListing(request, organizer.token, `Review Evening ${Date.now()}`, [60]);
  const sessionId = listing.sessionIds[0]!;
  const code = await bookTicket(request, participant.token, listing, sessionId);
  const checkIn = await request.post(`${API}/checkin`, {
    headers: auth(organizer.token),
    data: { code, session_id: sessionId },
  });
  expect(checkIn.ok(), await checkIn.text()).toBeTruthy();
  const comment = `Loved it ${Date.now()}`;
  const review = await request.post(`${API}/reviews`, {
    headers: auth(participant.token),
    data: { event_id: listing.eventId, rating: 5, comment },
  });
  expect(review.status()).toBe(201);

  await logIn(page, "admin@demo.tessera.test");
  await page.goto("/admin/reviews");
  const item = page.getByTestId("review-item").filter({ hasText: comment });
  await expect(item).toBeVisible();
  await page.screenshot({ path: `${shots}/moderation.png`, fullPage: true });
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(item).toHaveCount(0);

  await page.goto(`/events/${listing.eventId}`);
  await expect(page.getByTestId("reviews")).toContainText(comment);
});

test("a sold-out session and a declined card each get a clear message", async ({ page, request }) => {
  // Events only: flights are booked on their own pages.
  const soldOut = (await (await request.get(`${API}/events?limit=100&kind=event`)).json()) as {
    items: { id: string; sold_out: boolean; price_from: number | null }[];
  };
  const full = soldOut.items.find((e) => e.sold_out);
  // A paid one: a free booking is confirmed at once, with no card to decline.
  const open = soldOut.items.find((e) => !e.sold_out && (e.price_from ?? 0) > 0);
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
  const cspViolations = watchCsp(context);
  const page = await context.newPage();
  const events = (await (await page.request.get(`${API}/events?limit=1`)).json()) as { items: { id: string }[] };
  await logIn(page, "organizer@demo.tessera.test");
  const pages: [string, string][] = [
    ["catalog", "/"],
    ["event", `/events/${events.items[0]!.id}`],
    ["bookings", "/bookings"],
    ["notifications", "/notifications"],
    ["account", "/account"],
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
  expect(cspViolations, "Content-Security-Policy violations").toEqual([]);
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
