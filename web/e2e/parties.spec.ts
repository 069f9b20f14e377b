// Watch parties end to end: a participant becomes a host, builds a party with two showings (an overlapping
// attempt is refused inline), publishes it; a guest books two places and sees the address and the QR codes;
// the host sees the guest in the showing's guest list.
import { API, expect, logIn, shots, test, token } from "./support";

const ZONE = "Asia/Almaty";

/** A calendar date in a zone, `days` after today there, as "2026-12-20". */
function dateIn(timeZone: string, days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

test("a host publishes a party with two showings, a guest books, the host sees the guest", async ({ browser }) => {
  const film = `Solaris ${String(Date.now()).slice(-5)}`;
  const address = "Abay Ave 10, flat 42";
  const host = await browser.newPage();
  await logIn(host, "participant@demo.tessera.test");

  // The header leads to the parties, and from there to the host dashboard.
  await host.getByTestId("nav-parties").click();
  await expect(host).toHaveURL(/\/parties$/);
  await host.getByTestId("party-host-link").click();
  await expect(host).toHaveURL(/\/parties\/host$/);

  const profile = host.getByTestId("host-profile-form");
  await profile.getByLabel("Display name").fill("Daniyar's cinema");
  await profile.getByLabel("City").fill("Almaty");
  await profile.getByLabel("Country code").fill("KZ");
  await profile.getByLabel("Time zone").fill("Mars/Olympus");
  await host.getByTestId("host-profile-save").click();
  await expect(host.getByTestId("host-profile-error")).toContainText("Unknown time zone");
  await profile.getByLabel("Time zone").fill(ZONE);
  await host.getByTestId("host-profile-save").click();
  await expect(profile.getByRole("status")).toHaveText("Profile saved.");

  await host.getByTestId("new-party").click();
  await expect(host).toHaveURL(/\/parties\/host\/new$/);
  await host.getByLabel("Title", { exact: true }).fill(film);
  await host.getByLabel("Year").fill("1972");
  await host.getByLabel("Runtime, minutes").fill("120");
  await host.getByLabel("Name of the place").fill("Living room");
  await expect(host.getByLabel("Time zone")).toHaveValue(ZONE);
  await host.getByLabel("Public area").fill("Golden Square");
  await host.getByLabel("Exact address (private)").fill(address);
  await expect(host.getByText("Shown only to you and to guests with a confirmed booking.")).toBeVisible();
  await host.getByLabel("Capacity (1–50)").fill("6");
  await host.getByLabel("Places per guest at most").fill("3");
  await host.getByTestId("party-save").click();
  await expect(host).toHaveURL(/\/parties\/host\/[0-9a-f-]{36}$/);
  const partyId = host.url().split("/").pop()!;
  await expect(host.getByTestId("party-status")).toHaveAttribute("data-status", "draft");

  // Publishing needs a showing.
  await host.getByTestId("party-publish").click();
  await expect(host.getByTestId("party-action-error")).toContainText("Add an upcoming showing");

  const slotForm = host.getByTestId("add-slot-form");
  const first = dateIn(ZONE, 3);
  await slotForm.getByLabel("Date").fill(first);
  await slotForm.getByLabel("Starts").fill("19:00");
  await host.getByTestId("add-slot").click();
  await expect(host.getByTestId("party-slot")).toHaveCount(1);
  // 19:00 local in Almaty, whatever the browser's zone.
  await expect(host.getByTestId("party-slot").first()).toContainText("19:00");

  // 20:00 the same evening overlaps 19:00 + 120 min + 30 min buffer: refused inline, naming that showing.
  await slotForm.getByLabel("Date").fill(first);
  await slotForm.getByLabel("Starts").fill("20:00");
  await host.getByTestId("add-slot").click();
  const overlap = host.getByTestId("slot-error");
  await expect(overlap).toHaveAttribute("data-code", "slot_overlap");
  await expect(overlap).toContainText("overlaps your showing of");
  await expect(overlap).toContainText("19:00");
  await host.screenshot({ path: `${shots}/parties-slot-overlap.png`, fullPage: true });
  await expect(host.getByTestId("party-slot")).toHaveCount(1);

  await slotForm.getByLabel("Date").fill(dateIn(ZONE, 4));
  await slotForm.getByLabel("Starts").fill("19:00");
  await host.getByTestId("add-slot").click();
  await expect(host.getByTestId("party-slot")).toHaveCount(2);
  await expect(host.getByTestId("slot-error")).toHaveCount(0);

  await host.getByTestId("party-publish").click();
  await expect(host.getByTestId("party-status")).toHaveAttribute("data-status", "published");

  // The guest, in a browser of their own.
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await logIn(guest, "guest1@demo.tessera.test");
  await guest.goto("/parties");
  await guest.getByRole("link", { name: new RegExp(film) }).click();
  await expect(guest).toHaveURL(new RegExp(`/parties/${partyId}$`));
  await expect(guest.getByText("The exact address is shown once you have a booking.")).toBeVisible();
  await expect(guest.getByTestId("party-slot-option")).toHaveCount(2);
  await expect(guest.getByTestId("party-slot-option").first()).toContainText("6 places left");
  await guest.getByLabel("Places", { exact: true }).selectOption("2");
  await guest.getByTestId("party-book").click();
  const booked = guest.getByTestId("party-booked");
  await expect(booked).toBeVisible();
  await expect(booked.getByTestId("party-address")).toContainText(address);
  await expect(booked.getByTestId("party-ticket")).toHaveCount(2);
  await expect(booked.getByRole("img", { name: /^Ticket / })).toHaveCount(2);
  await guest.screenshot({ path: `${shots}/parties-booked.png`, fullPage: true });

  // Booking the same showing again is refused by code.
  await guest.reload();
  await expect(guest.getByTestId("party-address")).toContainText(address);
  await guest.getByTestId("party-book").click();
  await expect(guest.getByTestId("party-book-error")).toHaveAttribute("data-code", "already_booked");

  await guest.goto("/parties/bookings");
  // Theirs among the demo's (guest1 also went to a past evening of the demo).
  const mine = guest.getByTestId("my-party-booking").filter({ hasText: film });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText(address);
  await guestContext.close();

  // The host sees the guest on the first showing.
  await host.reload();
  const slot = host.getByTestId("party-slot").first();
  await slot.getByTestId("slot-guests-toggle").click();
  const guests = slot.getByTestId("slot-guests");
  await expect(guests.getByTestId("slot-guest")).toHaveCount(1);
  await expect(guests.getByTestId("slot-guest").first()).toContainText("Madina Guest");
  await expect(guests.getByTestId("slot-guest").first()).toContainText("2 places");
  await expect(guests).toContainText("2 of 6 places taken");
  await host.screenshot({ path: `${shots}/parties-guest-list.png`, fullPage: true });
  await host.close();
});

test("the home page leads to parties, and a short link to a party opens it", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.getByTestId("home-parties")).toBeVisible();
  const { token: bearer } = await token(request, "guest2@demo.tessera.test");
  const parties = (await (await request.get(`${API}/parties?city=Almaty`)).json()) as { items: { id: string }[] };
  const partyId = parties.items[0]?.id ?? "";
  expect(partyId).not.toBe("");
  const made = await request.post(`${API}/short-links`, {
    headers: { Authorization: `Bearer ${bearer}` },
    data: { target_type: "party", target_id: partyId },
  });
  expect([200, 201]).toContain(made.status());
  const { code } = (await made.json()) as { code: string };
  await page.goto(`/s/${code.toLowerCase()}`);
  await expect(page).toHaveURL(new RegExp(`/parties/${partyId}$`));
  const counted = (await (
    await request.get(`${API}/short-links/${code}`, { headers: { Authorization: `Bearer ${bearer}` } })
  ).json()) as { clicks: number };
  expect(counted.clicks).toBe(1);
});
