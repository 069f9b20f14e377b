// A traveller searches a round trip for two, picks fares, fills both passengers, chooses seats on both legs,
// books, pays on the FreedomPay emulator and gets four boarding passes (two passengers × two legs).
import { expect, logIn, shots, test } from "./support";

/** A calendar date in a zone, `days` after today there, as "2026-12-20". */
function dateIn(timeZone: string, days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

test("a traveller books a round trip for two with seats, pays and gets boarding passes", async ({ page }) => {
  const unique = `${Date.now().toString(36).toUpperCase()}`.slice(-7);
  const departure = dateIn("Asia/Almaty", 3);
  const back = dateIn("Asia/Almaty", 6);

  await logIn(page, "participant@demo.tessera.test");
  await page.getByTestId("nav-flights").click();
  await expect(page).toHaveURL(/\/flights$/);

  await page.getByTestId("search-origin").fill("ALA");
  await page.getByRole("option", { name: /^ALA — / }).click();
  await page.getByTestId("search-destination").fill("NQZ");
  await page.getByRole("option", { name: /^NQZ — / }).click();
  await page.getByTestId("trip-round").check();
  await page.getByLabel("Departure date").fill(departure);
  await page.getByLabel("Return date").fill(back);
  await page.getByLabel("Passengers").selectOption("2");
  await page.getByLabel("Cabin").selectOption("economy");
  await page.getByTestId("search-flights").click();

  await expect(page).toHaveURL(/\/flights\/results\?/);
  const outbound = page.getByTestId("slice-outbound").getByTestId("flight-option").first();
  const inbound = page.getByTestId("slice-return").getByTestId("flight-option").first();
  await expect(outbound).toBeVisible();
  // Local times at Almaty whatever the browser's zone: TS101 leaves at 07:30 and lands at 09:10.
  await expect(outbound.getByTestId("flight-number")).toHaveText("TS101");
  await expect(outbound.getByTestId("departs-local")).toHaveText("07:30");
  await expect(outbound.getByTestId("arrives-local")).toHaveText("09:10");
  await outbound.locator('[data-fare="Economy Light"]').click();
  await expect(inbound.getByTestId("flight-number")).toHaveText("TS102");
  await inbound.locator('[data-fare="Economy Light"]').click();
  // 25,000 KZT × 2 passengers × 2 legs.
  await expect(page.getByTestId("selection-total")).toContainText("100,000");
  await page.screenshot({ path: `${shots}/flights-results.png`, fullPage: true });
  await page.getByTestId("continue-booking").click();

  await expect(page).toHaveURL(/\/flights\/book\?/);
  const people = [
    { given: "Aidar", family: "Nurlanov", number: `N${unique}1` },
    { given: "Aigerim", family: "Nurlanova", number: `N${unique}2` },
  ];
  for (const [index, person] of people.entries()) {
    const form = page.getByTestId("passenger").nth(index);
    await form.getByLabel("Type").selectOption("adult");
    await form.getByLabel("Given names").fill(person.given);
    await form.getByLabel("Family name").fill(person.family);
    await form.getByLabel("Date of birth").fill("1990-04-02");
    await form.getByLabel("Nationality").selectOption("KZ");
    await form.getByLabel("Passport number").fill(person.number);
    await form.getByLabel("Valid until").fill("2031-01-31");
    await form.getByLabel("Issuing country").selectOption("KZ");
    await expect(form.getByLabel("Passport number")).toHaveAttribute("autocomplete", "off");
  }
  for (const leg of [1, 2]) {
    const map = page.getByTestId(`seat-map-leg-${leg}`);
    await expect(map.locator('[data-seat="20A"]')).toBeEnabled();
    await map.getByTestId(`seat-for-${leg}-1`).check();
    await map.locator('[data-seat="20A"]').click();
    await map.getByTestId(`seat-for-${leg}-2`).check();
    await map.locator('[data-seat="20B"]').click();
    await expect(map.locator('[data-seat="20A"]')).toHaveAttribute("aria-pressed", "true");
    await expect(map.locator('[data-seat="20B"]')).toHaveAttribute("aria-pressed", "true");
    // Business seats are drawn but not for sale in an economy order.
    await expect(map.locator('[data-seat="1A"]')).toBeDisabled();
  }
  await expect(page.getByTestId("order-total")).toContainText("100,000");
  await page.screenshot({ path: `${shots}/flights-book.png`, fullPage: true });
  await page.getByTestId("book-flight").click();

  await expect(page).toHaveURL(/\/flights\/orders\/[^/?]+$/);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "pending_payment");
  await expect(page.getByTestId("countdown")).toBeVisible();
  await expect(page.getByTestId("masked-document").first()).not.toContainText(people[0]!.number);
  await expect(page.getByTestId("passenger-seat").filter({ hasText: "20A" })).toHaveCount(2);
  await page.screenshot({ path: `${shots}/flights-order-pending.png`, fullPage: true });
  await page.getByTestId("pay").click();

  await expect(page.getByLabel("Card number")).toBeVisible();
  await page.getByLabel("Card number").fill("4716 0472 6194 1981");
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: /Pay/ }).click();

  await expect(page).toHaveURL(/\/flights\/orders\/[^/]+\/payment\?.*outcome=success/);
  await expect(page.getByTestId("payment-state")).toHaveAttribute("data-mode", "confirmed", { timeout: 60_000 });
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "confirmed");
  const passes = page.getByTestId("boarding-pass");
  await expect(passes).toHaveCount(4);
  const codes = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const pass = passes.nth(i);
    const code = (await pass.getByTestId("boarding-code").textContent())?.trim() ?? "";
    expect(code).not.toBe("");
    codes.add(code);
    await expect(pass.getByRole("img", { name: `Boarding QR code ${code}` })).toBeVisible();
  }
  expect(codes.size).toBe(4);
  await page.screenshot({ path: `${shots}/flights-boarding.png`, fullPage: true });

  // The order page itself shows the same four passes, and the order is in "My flights".
  await page.getByTestId("view-order").click();
  await expect(page.getByTestId("boarding-pass")).toHaveCount(4);
  await page.goto("/flights/orders?status=confirmed");
  await expect(page.getByTestId("flight-order-row").first()).toBeVisible();
});
