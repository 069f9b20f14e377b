import { NextIntlClientProvider } from "next-intl";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { messages, type Lang } from "@/i18n/catalogue";
import type { BookingRequest } from "@/lib/approvals/requests";
import type { components } from "@/lib/api/schema";

import { ListingEditor } from "../listing-editor/ListingEditor";
import { SessionRequestList } from "./SessionRequestList";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {}, push: () => {} }) }));

type EventDetail = components["schemas"]["EventDetail"];

function render(element: ReactElement, lang: Lang = "en"): string {
  const html = renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: lang, messages: messages[lang], timeZone: "UTC", children: element }));
  return html.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
}

const tag = (html: string, testId: string) => new RegExp(`<[a-z]+ [^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0] ?? "";
const count = (html: string, needle: string) => html.split(needle).length - 1;

const later = new Date(Date.now() + 3 * 3600_000).toISOString();

function request(id: string, name: string, overrides: Partial<BookingRequest> = {}): BookingRequest {
  return {
    id,
    session_id: "s1",
    event_id: "e1",
    event_title: "Founders Dinner",
    session_starts_at: "2030-05-10T14:00:00Z",
    status: "pending",
    items: [{ ticket_type_id: "t1", ticket_type_name: "Seat", quantity: 2 }],
    message: "",
    expires_at: later,
    holds_seats: false,
    booking_id: null,
    decline_reason: null,
    decided_at: null,
    created_at: "2030-05-01T11:00:00Z",
    requester_name: name,
    ...overrides,
  };
}

const requests = [
  request("r1", "Timur Guest", { message: "From the Almaty meetup", holds_seats: true }),
  request("r2", "Madina Guest", { status: "declined", decline_reason: "Members only", decided_at: "2030-05-01T12:00:00Z" }),
  request("r3", "Daniyar Participant", { status: "approved", booking_id: "b3", decided_at: "2030-05-01T12:30:00Z" }),
];

const list = (lang: Lang = "en") =>
  render(createElement(SessionRequestList, { requests, busy: null, onApprove: async () => {}, onDecline: async () => null }), lang);

describe("SessionRequestList", () => {
  it("lists each request with who asked, for what, the note and the status", () => {
    const html = list();
    const rows = [...html.matchAll(/<li data-testid="session-request" data-status="([a-z]+)"[^>]*>(.*?)<\/li>/g)];
    expect(rows.map((row) => row[1])).toEqual(["pending", "declined", "approved"]);
    expect(rows[0]?.[2]).toContain("Timur Guest");
    expect(rows[0]?.[2]).toContain("2 × Seat");
    expect(rows[0]?.[2]).toContain("From the Almaty meetup");
    expect(rows[0]?.[2]).toContain("Seats held");
    expect(rows[0]?.[2]).toContain("Sent 1 May 2030, 11:00 (UTC)");
    expect(rows[0]?.[2]).toContain('data-testid="session-request-expires"');
    expect(rows[1]?.[2]).toContain("No note.");
    expect(rows[1]?.[2]).toContain("Reason: Members only");
    expect(rows[2]?.[2]).toContain("Decided 1 May 2030, 12:30 (UTC)");
  });

  it("offers Approve and Decline only while a decision is awaited, named for the buyer", () => {
    const html = list();
    expect(count(html, 'data-testid="request-approve"')).toBe(1);
    expect(count(html, 'data-testid="request-decline"')).toBe(1);
    expect(tag(html, "request-approve")).toContain('aria-label="Approve the request of Timur Guest"');
    expect(tag(html, "request-decline")).toContain('aria-label="Decline the request of Timur Guest"');
  });

  it("has every string in Russian", () => {
    const html = list("ru");
    expect(html).not.toMatch(/approvalDesk\.[a-zA-Z.]+/);
    expect(html).toContain("Одобрить");
    expect(html).toContain("ждёт решения");
  });
});

function listing(overrides: Partial<EventDetail> = {}): EventDetail {
  return {
    id: "e1",
    slug: "founders-dinner",
    title: "Founders Dinner",
    description: "",
    category: "meetups",
    kind: "event",
    status: "published",
    tags: [],
    image_url: null,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    published_at: "2026-01-02T00:00:00Z",
    starts_at: null,
    ends_at: null,
    rating_average: 0,
    rating_count: 0,
    sold_out: false,
    transfers_enabled: true,
    transfer_cutoff_hours: 0,
    approval_required: true,
    approval_hold_minutes: 120,
    organizer: { id: "o1", name: "Silk Road Talks" },
    venue: null,
    sessions: [],
    ticket_types: [
      { id: "t1", event_id: "e1", name: "Seat", description: "", price: 0, currency: "KZT", max_per_order: 4, is_active: true, approval_required: false },
      { id: "t2", event_id: "e1", name: "Press pass", description: "", price: 0, currency: "KZT", max_per_order: 1, is_active: true, approval_required: true },
    ],
    ...overrides,
  };
}

const editor = (event: EventDetail, lang: Lang = "en") => render(createElement(ListingEditor, { event, availability: {}, sales: null }), lang);

describe("the listing editor's approval settings", () => {
  it("shows whether every ticket sells on approval and the hold, each labelled and explained", () => {
    const html = editor(listing());
    expect(tag(html, "approval-required")).toContain('checked=""');
    expect(html).toMatch(/<label for="([^"]+)-required"[^>]*>Sell every ticket on my approval<\/label>/);
    expect(tag(html, "approval-hold-minutes")).toMatch(/max="10080"/);
    expect(tag(html, "approval-hold-minutes")).toContain('value="120"');
    expect(html).toContain("0: a request holds nothing until approved");
    expect(tag(editor(listing({ approval_required: false })), "approval-required")).not.toContain("checked");
  });

  it("marks the ticket types sold on approval, and offers the choice for a new one", () => {
    const html = editor(listing());
    expect(count(html, 'data-testid="ticket-type-on-approval"')).toBe(1);
    expect(html).toMatch(/Press pass<span[^>]*data-testid="ticket-type-on-approval"/);
    expect(html).toMatch(/<label for="[^"]+approval"[^>]*>Sold on approval<\/label>/);
    expect(tag(html, "ticket-type-approval")).not.toContain("checked");
  });

  it("has no approval settings for a flight", () => {
    expect(editor(listing({ managed_by: "flights" }))).not.toContain("approval-settings");
  });

  it("has every string in Russian", () => {
    const html = editor(listing(), "ru");
    expect(html).not.toMatch(/approvalDesk\.[a-zA-Z.]+/);
    expect(html).toContain("Продавать все билеты с моего одобрения");
    expect(html).toContain("Продаётся с одобрения");
  });
});
