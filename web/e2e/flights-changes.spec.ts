// After booking: a traveller moves a seat and pays; the carrier sees the passenger on the departure's manifest
// (masked) and retimes the flight by an hour; the traveller accepts the change from the order page's banner,
// then cancels the trip after reading the refund quote (Economy Light is not refundable: nothing back).
import { API, auth, expect, logIn, shots, test, token, watchCsp } from "./support";

/** A calendar date in a zone, `days` after today there, as "2026-12-20". */
function dateIn(timeZone: string, days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const localTime = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Asia/Almaty" }).format(new Date(iso));

type Option = { departure_id: string; route_id: string; flight_number: string; departs_at: string; fares: { fare_id: string; name: string }[] };

test("a traveller changes a seat, accepts a retimed flight and cancels with a quote", async ({ page, browser, request }) => {
  const unique = Date.now().toString(36).toUpperCase().slice(-7);
  const passport = `C${unique}9`;
  const participant = await token(request, "participant@demo.tessera.test");

  // The evening TS101 four days ahead (other flows book the morning flights of other days).
  const search = await request.get(`${API}/flights/search`, {
    params: { origin: "ALA", destination: "NQZ", departure_date: dateIn("Asia/Almaty", 4), passengers: 1, cabin: "economy" },
  });
  expect(search.ok(), await search.text()).toBeTruthy();
  const options = ((await search.json()) as { slices: { options: Option[] }[] }).slices[0]!.options;
  const option = options.find((o) => o.flight_number === "TS101" && localTime(o.departs_at) === "18:45");
  expect(option, JSON.stringify(options.map((o) => [o.flight_number, o.departs_at]))).toBeDefined();
  const fare = option!.fares.find((f) => f.name === "Economy Light")!;

  const created = await request.post(`${API}/flights/orders`, {
    headers: auth(participant.token),
    data: {
      cabin: "economy",
      legs: [{ departure_id: option!.departure_id, fare_id: fare.fare_id }],
      passengers: [
        {
          type: "adult",
          given_name: "Dana",
          family_name: "Seitova",
          birth_date: "1988-03-14",
          nationality: "KZ",
          document: { type: "passport", number: passport, expires_on: "2032-01-31", issuing_country: "KZ" },
          seats: ["25A"],
        },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const orderId = ((await created.json()) as { id: string }).id;

  // The traveller moves from 25A to 25C on the order page.
  await logIn(page, "participant@demo.tessera.test");
  await page.goto(`/flights/orders/${orderId}`);
  await expect(page.getByTestId("passenger-seat")).toContainText("25A");
  await page.getByTestId("change-seats-1").click();
  const map = page.getByTestId("seat-map-leg-1");
  await expect(map.locator('[data-seat="25A"]')).toHaveAttribute("aria-pressed", "true");
  await map.locator('[data-seat="25C"]').click();
  await expect(map.locator('[data-seat="25C"]')).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("save-seats-1").click();
  await expect(page.getByTestId("seats-saved-1")).toBeVisible();
  await expect(page.getByTestId("passenger-seat")).toContainText("25C");

  // Paid, so the passenger is on the manifest.
  await page.getByTestId("pay").click();
  await page.getByLabel("Card number").fill("4716 0472 6194 1981");
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: /Pay/ }).click();
  await expect(page.getByTestId("payment-state")).toHaveAttribute("data-mode", "confirmed", { timeout: 60_000 });

  // The carrier opens the departure from the route's table, sees the passenger masked, and retimes by an hour.
  const carrierContext = await browser.newContext();
  const violations = watchCsp(carrierContext);
  const carrier = await carrierContext.newPage();
  await logIn(carrier, "ops@tessera-air.test");
  await carrier.goto(`/organizer/flights/${option!.route_id}`);
  await carrier.locator(`[data-departure="${option!.departure_id}"]`).getByTestId("open-departure").click();
  await expect(carrier).toHaveURL(new RegExp(`/organizer/departures/${option!.departure_id}$`));
  await expect(carrier.getByTestId("departure-departs")).toContainText("18:45");
  const row = carrier.getByTestId("manifest-row").filter({ hasText: "SEITOVA" });
  await expect(row).toHaveAttribute("data-seat", "25C");
  await expect(row.getByTestId("manifest-document")).toHaveAttribute("data-revealed", "false");
  await expect(row.getByTestId("manifest-document")).not.toContainText(passport);
  await expect(carrier.getByTestId("reveal-documents")).toBeVisible();
  await expect(carrier.getByTestId("departure-seat-map").locator('[data-seat="25C"]')).toHaveAttribute("data-available", "false");
  const retime = carrier.getByTestId("retime-form");
  await retime.getByLabel(/Departure time/).fill("19:45");
  await retime.getByLabel("Reason (told to passengers)").fill("Late inbound aircraft");
  await carrier.getByTestId("retime-submit").click();
  await expect(carrier.getByTestId("retime-notice")).toBeVisible();
  await expect(carrier.getByTestId("departure-departs")).toContainText("19:45");
  await carrier.screenshot({ path: `${shots}/carrier-departure.png`, fullPage: true });
  await carrierContext.close();
  expect(violations).toEqual([]);

  // The traveller sees what changed, in Almaty time, and accepts.
  await page.goto(`/flights/orders/${orderId}`);
  const banner = page.getByTestId("schedule-change");
  await expect(banner).toBeVisible();
  await expect(banner.getByTestId("change-times")).toContainText("18:45");
  await expect(banner.getByTestId("change-times")).toContainText("19:45");
  await expect(banner.getByTestId("change-deadline")).toBeVisible();
  await page.screenshot({ path: `${shots}/flights-schedule-change.png`, fullPage: true });
  await banner.getByTestId("accept-change").click();
  await expect(page.getByTestId("schedule-change")).toHaveCount(0);
  await expect(page.getByTestId("change-history").locator('[data-status="accepted"]')).toHaveCount(1);

  // Cancelling the whole trip shows the quote first: a non-refundable fare gets nothing back.
  await page.getByTestId("cancel-order").click();
  const quote = page.getByTestId("cancel-quote");
  await expect(quote).toHaveAttribute("data-state", "ok");
  await expect(quote).toHaveAttribute("data-refund", "0");
  await page.getByTestId("cancel-order-confirm").click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "cancelled");
  await expect(page.getByTestId("cancel-trip")).toHaveCount(0);
});
