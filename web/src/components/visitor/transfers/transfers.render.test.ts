import { NextIntlClientProvider } from "next-intl";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { DetailsSection } from "@/components/organizer/listing-editor/DetailsSection";
import type { EventDetail } from "@/components/organizer/listing-editor/types";
import type { ListingActions } from "@/components/organizer/listing-editor/useListingActions";
import { TicketList } from "@/components/visitor/TicketList";
import { messages, type Lang } from "@/i18n/catalogue";
import type { components } from "@/lib/api/schema";
import { formatDateTime } from "@/lib/time-zone";
import type { Transfer, TransferWindow } from "@/lib/transfers/transfers";

import { AcceptTransfer } from "./AcceptTransfer";
import { TransferList } from "./TransferList";
import { TransferOffer } from "./TransferOffer";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {}, push: () => {} }) }));

type Ticket = components["schemas"]["TicketRead"];

function render(element: ReactElement, lang: Lang = "en"): string {
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: lang, messages: messages[lang], timeZone: "UTC", children: element }));
}

const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");

function ticket(id: string, status: string, code: string): Ticket {
  return { id, status, code, attendee_name: null, checked_in_at: null, currency: "KZT", price: 0, seat: null, ticket_type_id: "tt", ticket_type_name: "Free entry" };
}

function transfer(id: string, ticketId: string, status: string, email: string): Transfer {
  return {
    id,
    status,
    ticket_id: ticketId,
    ticket_type_name: "Free entry",
    seat: status === "pending" ? "A-1-4" : null,
    event_id: "e1",
    event_title: "Python Almaty Meetup",
    session_starts_at: "2026-06-01T14:00:00Z",
    timezone: "Asia/Almaty",
    venue_name: "Hub Coworking Hall",
    from_name: "Daniyar Participant",
    to_email: email,
    expires_at: "2026-05-25T14:00:00Z",
    accepted_at: status === "accepted" ? "2026-05-20T08:00:00Z" : null,
    booking_id: null,
  };
}

const open: TransferWindow = { kind: "open", closesAt: "2026-06-01T14:00:00Z" };
const transfers = [transfer("x1", "t1", "accepted", "timur@example.com"), transfer("x2", "t2", "pending", "madina@example.com"), transfer("x3", "t3", "expired", "old@example.com")];
const tickets = [ticket("t1", "cancelled", "OLD1"), ticket("t2", "valid", "CODE2"), ticket("t3", "valid", "CODE3")];

function ticketList(props: { status?: string; transferWindow?: TransferWindow } = {}) {
  return render(
    createElement(TicketList, {
      bookingId: "b1",
      reference: "ABC123",
      status: props.status ?? "confirmed",
      tickets,
      transfers,
      transferWindow: props.transferWindow ?? open,
      timeZone: "Asia/Almaty",
    }),
  );
}

const items = (html: string, testId: string) => html.split(`data-testid="${testId}"`).slice(1);

describe("the booking's tickets", () => {
  it("shows a given ticket as transferred, an offered one as offered, and offers only the free valid one", () => {
    const [given, offered, free] = items(ticketList(), "ticket").map(decode);
    expect(given).toContain('data-transfer="transferred"');
    expect(given).toContain("Transferred");
    expect(given).toContain("Given to timur@example.com");
    expect(given).not.toContain("give-ticket");
    expect(offered).toContain('data-transfer="offered"');
    expect(offered).toContain(`Offered to madina@example.com until ${formatDateTime("2026-05-25T14:00:00Z", "Asia/Almaty", "en")}`);
    expect(offered).not.toContain("give-ticket");
    expect(free).toContain('data-transfer="none"');
    expect(free).toContain('aria-label="Give ticket CODE3 to someone"');
    expect(free).toContain(">Give to someone<");
  });

  it("says until when tickets may be given, or why not, and offers none outside the window", () => {
    expect(decode(ticketList())).toContain(`You can give tickets to someone else until ${formatDateTime("2026-06-01T14:00:00Z", "Asia/Almaty", "en")}.`);
    const disabled = ticketList({ transferWindow: { kind: "disabled" } });
    expect(disabled).toContain("The organizer does not let tickets of this event be given to someone else.");
    expect(disabled).not.toContain('data-testid="give-ticket"');
    const closed = ticketList({ transferWindow: { kind: "closed", closedAt: "2026-05-31T14:00:00Z" } });
    expect(closed).toContain('data-kind="closed"');
    expect(closed).not.toContain('data-testid="give-ticket"');
    expect(ticketList({ status: "pending_payment" })).not.toContain('data-testid="give-ticket"');
  });
});

describe("TransferList", () => {
  it("lists each offer with its status and time, and Withdraw only for the open one", () => {
    const rows = items(render(createElement(TransferList, { transfers, timeZone: "Asia/Almaty" })), "transfer").map(decode);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain("timur@example.com");
    expect(rows[0]).toContain(">Taken<");
    expect(rows[0]).toContain(`Taken ${formatDateTime("2026-05-20T08:00:00Z", "Asia/Almaty", "en")}`);
    expect(rows[1]).toContain(">Open<");
    expect(rows[1]).toContain(`Until ${formatDateTime("2026-05-25T14:00:00Z", "Asia/Almaty", "en")}`);
    expect(rows[1]).toContain('aria-label="Withdraw the offer to madina@example.com"');
    expect(rows[2]).toContain(">Ran out<");
    for (const row of [rows[0], rows[2]]) expect(row).not.toContain("withdraw-transfer");
  });
});

describe("the accept page", () => {
  it("shows the offer: listing, session time in its zone, ticket, seat, who gives it and until when", () => {
    const html = decode(render(createElement(TransferOffer, { transfer: transfers[1]! })));
    expect(html).toContain("Daniyar Participant is giving you a ticket.");
    expect(html).toContain("Python Almaty Meetup");
    expect(html).toContain(formatDateTime("2026-06-01T14:00:00Z", "Asia/Almaty", "en"));
    expect(html).toContain("19:00");
    expect(html).toContain('data-testid="transfer-seat"');
    expect(html).toContain("madina@example.com");
    expect(html).toContain(formatDateTime("2026-05-25T14:00:00Z", "Asia/Almaty", "en"));
    expect(html).toContain('data-status="pending"');
  });

  it("says a link without a token is not valid", () => {
    expect(render(createElement(AcceptTransfer, { token: null, signedInAs: null }))).toContain("This link is not valid.");
    expect(render(createElement(AcceptTransfer, { token: "a.b", signedInAs: null }))).toContain("Loading the offer");
  });
});

describe("the organizer's rule", () => {
  const actions: ListingActions = {
    busy: null,
    pending: false,
    error: null,
    notice: null,
    fail: () => {},
    saveDetails: async () => true,
    publish: async () => true,
    cancelEvent: async () => true,
    addSession: async () => true,
    cancelSession: async () => true,
    editSession: async () => null,
    addTicketType: async () => true,
    editTicketType: async () => null,
  };
  const event = (patch: Partial<EventDetail>) =>
    ({ id: "e1", title: "Jazz", description: "", category: "concerts", kind: "event", status: "published", transfers_enabled: true, transfer_cutoff_hours: 48, ...patch }) as EventDetail;

  it("shows whether holders may transfer tickets and until how many hours before the start", () => {
    const html = render(createElement(DetailsSection, { event: event({}), actions }));
    expect(html).toContain("Ticket holders may transfer tickets");
    expect(html).toMatch(/data-testid="transfers-enabled"[^>]*checked=""/);
    expect(html).toMatch(/type="number"[^>]*min="0" max="720"[^>]*value="48"/);
    const off = render(createElement(DetailsSection, { event: event({ transfers_enabled: false }), actions }));
    expect(off).not.toMatch(/data-testid="transfers-enabled"[^>]*checked=""/);
    expect(off).toMatch(/type="number"[^>]*disabled=""/);
  });

  it("has no such rule for watch parties", () => {
    expect(render(createElement(DetailsSection, { event: event({ managed_by: "parties" }), actions }))).not.toContain("transfers-enabled");
  });
});
