import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { messages, type Lang } from "@/i18n/catalogue";
import type { components } from "@/lib/api/schema";
import { formatMoney } from "@/lib/money";

import { ListingEditor, type AvailabilityMap, type EventSales, type SeatMapSummary } from "./ListingEditor";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {}, push: () => {} }) }));

type EventDetail = components["schemas"]["EventDetail"];

const EVENT_ID = "00000000-0000-4000-8000-000000000001";
const S1 = "00000000-0000-4000-8000-0000000000a1";
const S2 = "00000000-0000-4000-8000-0000000000a2";
const S3 = "00000000-0000-4000-8000-0000000000a3";

function session(id: string, startsAt: string, capacity: number, status = "scheduled") {
  return {
    id,
    event_id: EVENT_ID,
    starts_at: startsAt,
    ends_at: startsAt.replace("T15", "T18"),
    capacity,
    available: capacity,
    sales_start_at: null,
    sales_end_at: null,
    status,
  };
}

function listing(status = "published"): EventDetail {
  return {
    id: EVENT_ID,
    slug: "jazz-evening",
    title: "Jazz Evening",
    description: "",
    category: "concerts",
    kind: "event",
    status,
    tags: [],
    image_url: null,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    published_at: "2026-01-02T00:00:00Z",
    starts_at: "2026-06-01T15:00:00Z",
    ends_at: "2026-06-03T18:00:00Z",
    rating_average: 0,
    rating_count: 0,
    sold_out: false,
    transfers_enabled: true,
    transfer_cutoff_hours: 0,
    approval_required: false,
    approval_hold_minutes: 0,
    organizer: { id: "00000000-0000-4000-8000-0000000000f1", name: "Steppe Live" },
    venue: {
      id: "00000000-0000-4000-8000-0000000000b1",
      name: "Hall",
      address: "Abay 1",
      city: "Almaty",
      country: "KZ",
      capacity: null,
      timezone: "Asia/Almaty",
    },
    sessions: [
      session(S1, "2026-06-01T15:00:00Z", 100),
      session(S2, "2026-06-02T15:00:00Z", 50),
      session(S3, "2026-06-03T15:00:00Z", 30, "cancelled"),
    ],
    ticket_types: [
      {
        id: "00000000-0000-4000-8000-0000000000c1",
        event_id: EVENT_ID,
        name: "Entry",
        description: "",
        price: 250000,
        currency: "KZT",
        max_per_order: 10,
        is_active: true,
        approval_required: false,
      },
    ],
  };
}

const availability: AvailabilityMap = {
  [S1]: { session_id: S1, capacity: 100, sold: 12, held: 2, available: 86, on_sale: true, status: "scheduled" },
  [S2]: { session_id: S2, capacity: 50, sold: 0, held: 0, available: 50, on_sale: true, status: "scheduled" },
  [S3]: null,
};

const sales: EventSales = {
  event_id: EVENT_ID,
  currency: "KZT",
  bookings: 5,
  tickets_sold: 12,
  checked_in: 3,
  revenue: 3000000,
  sessions: [{ session_id: S1, bookings: 5, tickets_sold: 12, checked_in: 3, revenue: 3000000 }],
};

function render(props: { lang?: Lang; event?: EventDetail; sales?: EventSales | null; seatMaps?: SeatMapSummary[] } = {}) {
  const lang = props.lang ?? "en";
  const editor = createElement(ListingEditor, {
    event: props.event ?? listing(),
    availability,
    sales: props.sales === undefined ? sales : props.sales,
    seatMaps: props.seatMaps,
  });
  return renderToStaticMarkup(
    createElement(NextIntlClientProvider, { locale: lang, messages: messages[lang], timeZone: "UTC", children: editor }),
  );
}

const count = (html: string, needle: string) => html.split(needle).length - 1;
const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");

describe("ListingEditor", () => {
  it("sums up sales: tickets sold of the live sessions' capacity, bookings, check-ins and revenue", () => {
    const html = render();
    const summary = /<dl data-testid="sales-summary"[^>]*>(.*?)<\/dl>/.exec(html)?.[1] ?? "";
    expect(summary).toContain("Tickets sold");
    expect(summary).toContain("12 of 150");
    expect(summary).toContain("Confirmed bookings</dt><dd");
    expect(summary).toMatch(/Confirmed bookings<\/dt><dd[^>]*>5</);
    expect(summary).toMatch(/Checked in<\/dt><dd[^>]*>3</);
    expect(summary).toContain(formatMoney(3000000, "KZT", "en"));
  });

  it("shows check-ins and revenue per session, zeros for a session without sales", () => {
    const html = render();
    expect(html).toContain(">Checked in</th>");
    expect(html).toContain(">Revenue</th>");
    const rows = html.split('data-testid="session-row"').slice(1);
    expect(rows).toHaveLength(3);
    // … | held | checked in | revenue | …
    const figures = (checkedIn: number, revenue: number) =>
      `>${checkedIn}</td><td class="py-2 pr-3 whitespace-nowrap">${formatMoney(revenue, "KZT", "en")}</td>`;
    expect(rows[0]).toContain(figures(3, 3000000));
    expect(rows[1]).toContain(figures(0, 0));
  });

  it("shows dashes and no summary when the sales could not be loaded", () => {
    const html = render({ sales: null });
    expect(html).not.toContain("sales-summary");
    expect(html).toContain('data-testid="seats-summary"');
    const firstRow = html.split('data-testid="session-row"')[1] ?? "";
    expect(count(firstRow, "—")).toBe(2);
  });

  it("offers Edit for live sessions and every ticket type, with names that say which", () => {
    const html = decode(render());
    expect(count(html, 'data-testid="edit-session"')).toBe(2); // not the cancelled session
    expect(count(html, 'data-testid="edit-ticket-type"')).toBe(1);
    expect(html).toContain('aria-label="Edit the session on');
    expect(html).toContain('aria-label="Edit ticket type “Entry”"');
    // The ticket name appears once as text (the e2e test finds it with getByText).
    expect(count(html, ">Entry<")).toBe(1);
  });

  it("keeps one field per label with the dialogs closed", () => {
    const html = render();
    for (const label of ["Starts at", "Ends at", "Capacity", "Ticket name", "Price"]) {
      expect(count(html, `>${label}</label>`), label).toBe(1);
    }
    expect(html).not.toContain("edit-session-save");
    expect(html).not.toContain("edit-ticket-type-save");
  });

  it("offers no editing on a cancelled listing", () => {
    const html = render({ event: listing("cancelled") });
    expect(html).not.toContain('data-testid="edit-session"');
    expect(html).not.toContain('data-testid="edit-ticket-type"');
  });

  it("has every new string in Russian", () => {
    const html = decode(render({ lang: "ru" }));
    expect(html).not.toMatch(/org\.[a-z]+\.[a-zA-Z]+/);
    expect(html).toContain("Выручка");
    expect(html).toContain("Продано билетов");
    expect(html).toContain('aria-label="Изменить тип билета «Entry»"');
  });

  it("offers the venue's seat maps for a new session, and marks seated sessions and zoned prices", () => {
    const hall: SeatMapSummary = {
      id: "00000000-0000-4000-8000-0000000000d1",
      venue_id: "00000000-0000-4000-8000-0000000000b1",
      name: "Main hall",
      version: 2,
      seat_count: 304,
      in_use: true,
      created_at: "2026-01-01T00:00:00Z",
    };
    const event = listing();
    event.sessions[0] = { ...event.sessions[0]!, seat_map_id: hall.id };
    event.ticket_types[0] = { ...event.ticket_types[0]!, zone: "stalls" };
    const html = decode(render({ event, seatMaps: [hall] }));
    expect(html).toContain('href="/organizer/venues/00000000-0000-4000-8000-0000000000b1/seat-maps?event=' + EVENT_ID + '"');
    expect(html).toContain(">Seat map</label>");
    expect(html).toContain(">None: general admission</option>");
    expect(html).toContain(">Main hall (304 seats)</option>");
    expect(count(html, 'data-testid="session-seated"')).toBe(1);
    expect(html).toContain('data-testid="ticket-type-zone"');
    expect(html).toContain(">Price zone</label>");
    // No seat maps: no select, and the capacity field as ever.
    const plain = render();
    expect(plain).not.toContain(">Seat map</label>");
    expect(count(plain, ">Capacity</label>")).toBe(1);
    expect(decode(render({ lang: "ru", event, seatMaps: [hall] }))).toContain(">Схема зала</label>");
  });
});
