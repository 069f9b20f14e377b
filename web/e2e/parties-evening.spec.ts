// A whole evening: a showing starts a minute from now and lasts a minute; the host checks the booked guest in
// at the door, and once it is over both rate it, each seeing the other's rating only after both have.
import { API, expect, logIn, test, token } from "./support";

const PARTIES = `${API}/parties`;

test("the host checks the guest in, and both see each other's rating only after both rated", async ({ browser, request }) => {
  test.setTimeout(300_000);
  const host = await token(request, "cinema@demo.tessera.test");
  const guest = await token(request, "guest2@demo.tessera.test");
  const asHost = { Authorization: `Bearer ${host.token}` };
  const asGuest = { Authorization: `Bearer ${guest.token}` };
  const film = `Short film ${String(Date.now()).slice(-5)}`;

  // A short film with no booking-close lead time, shown from a minute from now for a minute.
  const party = await request.post(PARTIES, {
    headers: asHost,
    data: {
      movie: { title: film, runtime_minutes: 1 },
      place: {
        name: "Kino Club living room",
        city: "Almaty",
        country: "KZ",
        timezone: "Asia/Almaty",
        public_area: "Medeu district",
        address: "Abay Ave 10, flat 42",
      },
      capacity: 4,
      buffer_minutes: 0,
      booking_closes_minutes: 0,
    },
  });
  expect(party.status()).toBe(201);
  const partyId = ((await party.json()) as { id: string }).id;
  const starts = new Date(Date.now() + 60_000);
  const ends = new Date(starts.getTime() + 60_000);
  const slot = await request.post(`${PARTIES}/${partyId}/slots`, {
    headers: asHost,
    data: { starts_at: starts.toISOString(), ends_at: ends.toISOString() },
  });
  expect(slot.status()).toBe(201);
  const slotId = ((await slot.json()) as { id: string }).id;
  expect((await request.post(`${PARTIES}/${partyId}/publish`, { headers: asHost })).status()).toBe(200);
  const booked = await request.post(`${PARTIES}/slots/${slotId}/bookings`, { headers: asGuest, data: { places: 1 } });
  expect(booked.status()).toBe(201);
  const code = ((await booked.json()) as { booking: { ticket_codes: string[] } }).booking.ticket_codes[0] ?? "";

  // At the door: the host scans the guest's code in the showing's guest list.
  const hostPage = await browser.newPage();
  await logIn(hostPage, "cinema@demo.tessera.test");
  await hostPage.goto(`/parties/host/${partyId}`);
  const row = hostPage.getByTestId("party-slot").first();
  await row.getByTestId("slot-guests-toggle").click();
  await row.getByLabel("Ticket code").fill(code);
  await row.getByTestId("check-in").click();
  await expect(row.getByTestId("check-in-result")).toContainText("Checked in");
  await expect(row.getByTestId("slot-guest").first()).toContainText("Checked in");

  // Once the showing is over, the rating window opens.
  await expect
    .poll(async () => Date.now() > ends.getTime() + 2_000, { timeout: 200_000, intervals: [2_000] })
    .toBe(true);

  await hostPage.goto("/parties/ratings");
  const hostCard = hostPage.getByTestId("encounter").filter({ hasText: film });
  await expect(hostCard).toHaveAttribute("data-state", "open");
  // The radio itself is visually hidden behind its star: pick by the star's label, as a person does.
  await hostCard.locator("label").filter({ hasText: "4 of 5" }).click();
  await hostCard.getByLabel(/Comment/).fill("On time and kind");
  await hostCard.getByTestId("rating-submit").click();
  await expect(hostCard).toHaveAttribute("data-state", "waiting");
  await expect(hostCard.getByTestId("their-rating")).toHaveCount(0);

  const guestContext = await browser.newContext();
  const guestPage = await guestContext.newPage();
  await logIn(guestPage, "guest2@demo.tessera.test");
  await guestPage.goto("/parties/ratings");
  const guestCard = guestPage.getByTestId("encounter").filter({ hasText: film });
  // They rated the guest, who sees only that: rate back to see it.
  await expect(guestCard).toHaveAttribute("data-state", "rateBack");
  await expect(guestCard.getByTestId("their-rating")).toHaveCount(0);
  await guestCard.locator("label").filter({ hasText: "5 of 5" }).click();
  await guestCard.getByTestId("rating-submit").click();
  await expect(guestCard).toHaveAttribute("data-state", "revealed");
  await expect(guestCard.getByTestId("their-rating")).toContainText("On time and kind");
  await guestContext.close();

  await hostPage.reload();
  await expect(hostCard).toHaveAttribute("data-state", "revealed");
  await expect(hostCard.getByTestId("their-rating")).toContainText("5");
  await hostPage.close();
});
