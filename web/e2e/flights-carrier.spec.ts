// A carrier builds an aircraft, opens a route with the airport autocomplete, schedules it weekly, publishes it
// and reads the departures in the airports' own local times.
import { expect, logIn, shots, test } from "./support";

/** A calendar date in a zone, `days` after today there, as "2026-12-20". */
function dateIn(timeZone: string, days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

test("a carrier builds an aircraft, schedules a route and publishes it", async ({ page }) => {
  const unique = String(Date.now()).slice(-4);
  const registration = `UP-E${unique}`;
  const flightNumber = `TS${unique}`;

  await logIn(page, "organizer@demo.tessera.test");
  await page.goto("/organizer");
  await page.getByTestId("organizer-nav-aircraft").click();
  await expect(page).toHaveURL(/\/organizer\/aircraft$/);
  await page.getByTestId("new-aircraft").click();

  // The A320 of flights.md §6.
  await page.getByLabel("Model", { exact: true }).fill("Airbus A320-200");
  await page.getByLabel("Registration", { exact: true }).fill(registration);
  const business = page.getByTestId("cabin-fields").nth(0);
  await business.getByLabel("Cabin class").selectOption("business");
  await business.getByLabel("First row").fill("1");
  await business.getByLabel("Last row").fill("3");
  await business.getByLabel("Layout").fill("AC-DF");
  await page.getByTestId("add-cabin").click();
  const economy = page.getByTestId("cabin-fields").nth(1);
  await economy.getByLabel("Cabin class").selectOption("economy");
  await economy.getByLabel("First row").fill("4");
  await economy.getByLabel("Last row").fill("30");
  await economy.getByLabel("Layout").fill("ABC-DEF");
  await page.getByLabel("Skipped rows").fill("13");
  await page.getByLabel("Exit rows").fill("12, 14");
  await page.getByLabel("Extra-legroom rows").fill("4, 12, 14");
  await page.getByLabel("Blocked seats").fill("30F");

  await expect(page.getByTestId("preview-total")).toHaveText("167 seats to sell");
  await expect(page.getByTestId("preview-cabin-business")).toHaveAttribute("data-count", "12");
  await expect(page.getByTestId("preview-cabin-economy")).toHaveAttribute("data-count", "155");
  await expect(page.locator('[data-row="13"]')).toHaveCount(0);
  await expect(page.locator('[data-seat="30F"]')).toHaveAttribute("data-blocked", "true");
  await page.screenshot({ path: `${shots}/carrier-aircraft-builder.png`, fullPage: true });
  await page.getByTestId("create-aircraft").click();

  await expect(page).toHaveURL(/\/organizer\/aircraft$/);
  const aircraftRow = page.getByTestId("aircraft-item").filter({ hasText: registration });
  await expect(aircraftRow.getByTestId("aircraft-seat-count")).toHaveText("167");

  // A route ALA → NQZ with one economy fare, airports chosen from the autocomplete.
  await page.getByTestId("organizer-nav-flights").click();
  await page.getByTestId("new-route").click();
  await page.getByLabel("Flight number").fill(flightNumber);
  await page.getByTestId("origin-input").fill("Almaty");
  await page.getByRole("option", { name: /^ALA — / }).click();
  await expect(page.getByTestId("origin-input")).toHaveValue(/^ALA — /);
  await page.getByTestId("destination-input").fill("NQZ");
  await expect(page.getByRole("option", { name: /^NQZ — / })).toBeVisible();
  await page.getByTestId("destination-input").press("ArrowDown");
  await page.getByTestId("destination-input").press("Enter");
  await expect(page.getByTestId("destination-input")).toHaveValue(/^NQZ — /);
  await page.getByLabel("Aircraft").selectOption({ label: `Airbus A320-200 (${registration}) — 167` });
  const fare = page.getByTestId("fare-fields").first();
  await fare.getByLabel("Fare name").fill("Economy Light");
  await fare.getByLabel("Cabin", { exact: true }).selectOption("economy");
  await fare.getByLabel("Price", { exact: true }).fill("25000");
  await page.getByTestId("create-route").click();

  await expect(page).toHaveURL(/\/organizer\/flights\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("route-title")).toHaveText(flightNumber);
  await expect(page.getByTestId("route-status")).toHaveAttribute("data-status", "draft");
  await expect(page.getByTestId("fare-row")).toContainText("Economy Light");

  // Publishing without a departure is refused with the reason.
  await page.getByTestId("publish-route").click();
  await expect(page.getByTestId("header-error")).toContainText("cannot be published");

  // Mondays, Wednesdays and Fridays for two weeks at 07:30 in Almaty, 100 minutes.
  await page.getByLabel("From", { exact: true }).fill(dateIn("Asia/Almaty", 1));
  await page.getByLabel("To (inclusive)").fill(dateIn("Asia/Almaty", 14));
  for (const day of [1, 3, 5]) await page.getByTestId(`weekday-${day}`).check();
  await page.getByLabel(/^Local departure time/).fill("07:30");
  await page.getByLabel("Duration, minutes").last().fill("100");
  await page.getByTestId("add-schedule").click();
  await expect(page.getByTestId("schedule-notice")).toHaveText("6 departure(s) added.");
  await expect(page.getByTestId("departure-row")).toHaveCount(6);

  await page.getByTestId("publish-route").click();
  await expect(page.getByTestId("route-status")).toHaveAttribute("data-status", "published");

  // Local times at each airport, whatever the browser's zone.
  const first = page.getByTestId("departure-row").first();
  await expect(first.getByTestId("departure-time")).toHaveText("07:30");
  await expect(first.getByTestId("arrival-time")).toHaveText("09:10");
  await expect(first.getByTestId("departure-status")).toHaveAttribute("data-status", "scheduled");
  await expect(first).toContainText("Economy: 155");
  await page.screenshot({ path: `${shots}/carrier-route.png`, fullPage: true });

  // The route flown back: reverse airports, a copy of the fare, both routes linked.
  const returnNumber = `TR${unique}`;
  await page.getByTestId("create-return").click();
  await page.getByLabel("Return flight number").fill(returnNumber);
  await page.getByTestId("create-return-confirm").click();
  await expect(page.getByTestId("route-title")).toHaveText(returnNumber);
  await expect(page.getByTestId("route-status")).toHaveAttribute("data-status", "draft");
  await expect(page.getByTestId("fare-row")).toContainText("Economy Light");
  await page.getByTestId("return-route-link").click();
  await expect(page.getByTestId("route-title")).toHaveText(flightNumber);

  await page.getByTestId("organizer-nav-flights").click();
  const listed = page.getByTestId("route-item").filter({ hasText: flightNumber });
  await expect(listed.getByTestId("route-status")).toHaveAttribute("data-status", "published");
  await expect(page.getByTestId("route-item").filter({ hasText: returnNumber })).toContainText("NQZ");
});
