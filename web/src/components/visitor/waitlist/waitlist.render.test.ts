import { NextIntlClientProvider } from "next-intl";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { messages, type Lang } from "@/i18n/catalogue";
import type { WaitlistEntry } from "@/lib/waitlist/entries";
import { sessionOptions } from "@/lib/waitlist/join";

import { WaitlistEntryCard } from "./WaitlistEntryCard";
import { WaitlistJoinPanel } from "./WaitlistJoinPanel";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {}, push: () => {} }) }));

function render(element: ReactElement, lang: Lang = "en"): string {
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: lang, messages: messages[lang], timeZone: "UTC", children: element }));
}

/** The opening tag of the element with this test id. */
const tag = (html: string, testId: string) => new RegExp(`<[a-z]+ [^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0] ?? "";

const inHour = () => new Date(Date.now() + 3600_000 + 30_000).toISOString();

function entry(overrides: Partial<WaitlistEntry> = {}): WaitlistEntry {
  return {
    id: "w1",
    session_id: "s1",
    event_id: "e1",
    event_title: "Product Managers Breakfast",
    session_starts_at: "2030-05-10T14:00:00Z",
    ticket_type_id: "t1",
    ticket_type_name: "Free entry",
    quantity: 2,
    status: "waiting",
    position: 2,
    booking_id: null,
    offer_expires_at: null,
    offer_total: null,
    offer_currency: null,
    created_at: "2030-05-01T11:00:00Z",
    ...overrides,
  };
}

const card = (e: WaitlistEntry, lang: Lang = "en") =>
  render(createElement("ul", null, createElement(WaitlistEntryCard, { entry: e, timeZone: "Asia/Almaty", onChange: () => {} })), lang);

describe("WaitlistEntryCard", () => {
  it("shows a place in line with the date in the venue's zone, and Leave the line", () => {
    const html = card(entry());
    expect(html).toContain('data-status="waiting"');
    expect(html).toContain("Position 2 in line");
    expect(html).toContain("2 × Free entry");
    expect(html).toContain("10 May 2030, 19:00");
    expect(html).toContain("Leave the line");
    expect(html).not.toContain("waitlist-take");
  });

  it("shows a free offer's countdown, Take the seats and Decline the offer", () => {
    const html = card(entry({ status: "offered", position: null, booking_id: "b1", offer_expires_at: inHour(), offer_total: 0 }));
    expect(html).toContain('data-testid="offer-countdown"');
    expect(html).toMatch(/>1:00:[0-9]{2}</);
    expect(html).toContain("Take the seats");
    expect(html).toContain("Decline the offer");
    expect(html).not.toContain("waitlist-pay");
  });

  it("sends a paid offer to its booking's page to pay", () => {
    const html = card(
      entry({ status: "offered", position: null, booking_id: "b1", offer_expires_at: inHour(), offer_total: 500_000, offer_currency: "KZT" }),
    );
    expect(tag(html, "waitlist-pay")).toContain('href="/bookings/b1"');
    expect(html).toMatch(/Pay 5[\s\u00a0\u202f,]?000(\.00)?[\s\u00a0]?(₸|KZT)|Pay (₸|KZT)[\s\u00a0]?5,000/);
    expect(html).not.toContain("Take the seats");
  });

  it("links a booked entry to its booking, in Russian too", () => {
    const html = card(entry({ status: "booked", position: null, booking_id: "b1" }), "ru");
    expect(html).toContain("Забронировано");
    expect(tag(html, "waitlist-booking")).toContain('href="/bookings/b1"');
    expect(html).not.toContain("waitlist-leave");
  });
});

describe("WaitlistJoinPanel", () => {
  const options = sessionOptions(
    [{ id: "t1", event_id: "e1", name: "Free entry", description: "", price: 0, currency: "KZT", max_per_order: 6, is_active: true, approval_required: false }],
    0,
  );
  const panel = (signedIn: boolean) =>
    render(
      createElement(WaitlistJoinPanel, {
        eventId: "e1",
        sessionId: "s1",
        options,
        initial: { ticketTypeId: "t1", quantity: 3 },
        reason: "short",
        signedIn,
        onSeatsFree: () => {},
      }),
    );

  it("asks for a ticket type and a quantity, starting from what was asked", () => {
    const html = panel(true);
    expect(html).toContain("Join the waiting list");
    expect(html).toContain("Not enough seats are left for this many tickets.");
    expect(html).toMatch(/<option value="t1"[^>]*>Free entry<\/option>/);
    expect(html).toMatch(/type="number"[^>]*max="6"[^>]*value="3"/);
  });

  it("sends a signed-out visitor to log in and back to the event", () => {
    const html = panel(false);
    expect(html).toContain('href="/login?next=/events/e1"');
    expect(html).not.toContain("waitlist-join-submit");
  });
});
