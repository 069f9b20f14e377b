import { NextIntlClientProvider } from "next-intl";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

import { messages, type Lang } from "@/i18n/catalogue";
import type { ApprovalScope } from "@/lib/approvals/ask";
import type { BookingRequest } from "@/lib/approvals/requests";
import type { components } from "@/lib/api/schema";

import { BookingForm } from "../BookingForm";
import { NotificationList } from "../NotificationList";
import { ApprovalRequestFields } from "./ApprovalRequestFields";
import { RequestCard } from "./RequestCard";
import type { ApprovalRequestState, RequestOutcome } from "./useApprovalRequest";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {}, push: () => {} }) }));

type TicketType = components["schemas"]["TicketTypeRead"];

function render(element: ReactElement, lang: Lang = "en"): string {
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: lang, messages: messages[lang], timeZone: "UTC", children: element }));
}

/** The opening tag of the element with this test id. */
const tag = (html: string, testId: string) => new RegExp(`<[a-z]+ [^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0] ?? "";
const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");

const future = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

function request(overrides: Partial<BookingRequest> = {}): BookingRequest {
  return {
    id: "r1",
    session_id: "s1",
    event_id: "e1",
    event_title: "Founders Dinner",
    session_starts_at: "2030-05-10T14:00:00Z",
    status: "pending",
    items: [{ ticket_type_id: "t1", ticket_type_name: "Seat", quantity: 2 }],
    message: "I run the Almaty meetup",
    expires_at: future(2),
    holds_seats: true,
    booking_id: null,
    decline_reason: null,
    decided_at: null,
    created_at: "2030-05-01T11:00:00Z",
    requester_name: "Timur Guest",
    ...overrides,
  };
}

const card = (r: BookingRequest, lang: Lang = "en") =>
  decode(render(createElement("ul", null, createElement(RequestCard, { request: r, timeZone: "Asia/Almaty", onChange: () => {} })), lang));

describe("RequestCard", () => {
  it("shows a pending request with its tickets, note, deadline, held seats and Withdraw", () => {
    const html = card(request());
    expect(html).toContain('data-status="pending"');
    expect(html).toContain("Awaiting decision");
    expect(html).toContain("2 × Seat");
    expect(html).toContain("10 May 2030, 19:00");
    expect(html).toContain("I run the Almaty meetup");
    expect(html).toContain("The organizer has until");
    expect(html).toContain("Your seats are held until then.");
    expect(tag(html, "request-withdraw")).toContain('aria-label="Withdraw your request for Founders Dinner"');
    expect(html).not.toContain("request-booking");
  });

  it("says when no seats are held meanwhile", () => {
    expect(card(request({ holds_seats: false }))).toContain("No seats are held meanwhile");
  });

  it("links an approved request to its booking, to pay", () => {
    const html = card(request({ status: "approved", booking_id: "b1", holds_seats: false }));
    expect(html).toContain("Approved");
    expect(tag(html, "request-booking")).toContain('href="/bookings/b1"');
    expect(html).not.toContain("request-withdraw");
  });

  it("gives the organizer's reason for a declined request, in Russian too", () => {
    const html = card(request({ status: "declined", decline_reason: "Members only", holds_seats: false }));
    expect(html).toContain("The organizer declined your request.");
    expect(html).toMatch(/data-testid="request-reason"[^>]*>Reason: Members only</);
    const ru = card(request({ status: "declined", decline_reason: "Members only", holds_seats: false }), "ru");
    expect(ru).toContain("Отклонена");
    expect(ru).toContain("Причина: Members only");
  });

  it("offers nothing for an expired or withdrawn request", () => {
    for (const status of ["expired", "withdrawn"]) {
      const html = card(request({ status, holds_seats: false }));
      expect(html).toContain(`data-status="${status}"`);
      expect(html).not.toContain("request-withdraw");
      expect(html).not.toContain("request-expires");
    }
  });
});

function state(outcome: RequestOutcome | null = null): ApprovalRequestState {
  return {
    asking: true,
    scope: "listing",
    askInstead: () => {},
    note: "",
    setNote: () => {},
    busy: false,
    outcome,
    send: async () => {},
  };
}

const fields = (props: { signedIn?: boolean; holdMinutes?: number; outcome?: RequestOutcome | null; scope?: ApprovalScope; sessionId?: string }) =>
  decode(
    render(
      createElement(ApprovalRequestFields, {
        eventId: "e1",
        sessionId: props.sessionId ?? "s1",
        signedIn: props.signedIn ?? true,
        holdMinutes: props.holdMinutes ?? 90,
        scope: props.scope ?? "listing",
        typeNames: ["Press pass"],
        timezone: "Asia/Almaty",
        disabled: false,
        state: state(props.outcome ?? null),
      }),
    ),
  );

describe("ApprovalRequestFields", () => {
  it("explains that the organizer decides and how long seats are held, with a labelled note and Send", () => {
    const html = fields({});
    expect(html).toContain("The organizer approves every booking of this event");
    expect(html).toContain("your seats are held for up to 1 h 30 min");
    expect(html).toMatch(/<label for="([^"]+)-note"[^>]*>Note to the organizer \(optional\)<\/label><textarea id="\1-note"/);
    expect(tag(html, "request-note")).toContain('maxLength="500"');
    expect(tag(html, "request-submit")).toContain('type="submit"');
  });

  it("says nothing is held without a hold time, and names the ticket types sold on approval", () => {
    const html = fields({ holdMinutes: 0, scope: "some" });
    expect(html).toContain("No seats are held while the organizer decides");
    expect(html).toContain("Some tickets are sold on the organizer's approval (Press pass)");
    // Found out only when booking them was refused: no ticket types to name.
    expect(fields({ scope: "none" })).toContain("These tickets are sold on the organizer's approval: send a request");
  });

  it("sends a signed-out visitor to log in and back to the event", () => {
    const html = fields({ signedIn: false });
    expect(tag(html, "request-login")).toContain('href="/login?next=/events/e1"');
    expect(html).not.toContain("request-submit");
  });

  it("shows the request sent, until when, and the way to My requests", () => {
    const sent = request({ expires_at: "2030-05-01T13:30:00Z" });
    const html = fields({ outcome: { kind: "sent", request: sent } });
    expect(html).toMatch(/role="status"[^>]*>Request sent\. Your seats are held until 1 May 2030, 18:30/);
    expect(tag(html, "request-see-list")).toContain('href="/requests"');
    expect(html).not.toContain("request-submit");
    // A request sent for another session is not this one's.
    expect(fields({ outcome: { kind: "sent", request: sent }, sessionId: "s2" })).toContain("request-submit");
  });

  it("shows a refusal as an alert", () => {
    const html = fields({ outcome: { kind: "refused", text: "No seats are left to hold for this request." } });
    expect(html).toMatch(/role="alert"[^>]*>No seats are left to hold for this request\.</);
  });
});

describe("BookingForm on a listing sold on approval", () => {
  const session = {
    id: "s1",
    event_id: "e1",
    starts_at: "2030-05-10T14:00:00Z",
    ends_at: "2030-05-10T16:00:00Z",
    capacity: 20,
    available: 0,
    sales_start_at: null,
    sales_end_at: null,
    status: "scheduled",
  };
  const type = (id: string, name: string, approval: boolean): TicketType => ({
    id,
    event_id: "e1",
    name,
    description: "",
    price: 0,
    currency: "KZT",
    max_per_order: 4,
    is_active: true,
    approval_required: approval,
  });
  const form = (approvalRequired: boolean, ticketTypes: TicketType[]) =>
    decode(
      render(
        createElement(BookingForm, {
          eventId: "e1",
          sessions: [session],
          ticketTypes,
          timezone: "Asia/Almaty",
          signedIn: true,
          bookable: true,
          approvalRequired,
          approvalHoldMinutes: 60,
        }),
      ),
    );

  it("sends a request instead of booking, and offers no waiting list", () => {
    const html = form(true, [type("t1", "Seat", false)]);
    expect(html).toContain('data-testid="approval-request"');
    expect(html).toContain("your seats are held for up to 1 h");
    expect(html).not.toContain('data-testid="book"');
    expect(html).not.toContain("waitlist-join");
  });

  it("books as ever until a ticket type sold on approval is chosen, which it marks", () => {
    const html = form(false, [type("t1", "Seat", false), type("t2", "Press pass", true)]);
    expect(html).toContain('data-testid="book"');
    expect(html).not.toContain('data-testid="approval-request"');
    expect(html).toMatch(/Press pass<span[^>]*>\(on approval\)<\/span>/);
    // The sold-out date's waiting list offers only the ticket type sold freely.
    expect(html).toMatch(/<option value="t1"[^>]*>Seat<\/option>/);
    expect(html).not.toContain('<option value="t2"');
  });
});

describe("NotificationList", () => {
  const notice = (id: string, kind: string, payload: Record<string, unknown>) => ({ id, kind, payload, created_at: "2030-05-01T11:00:00Z", read_at: null });

  it("links the buyer's request notices to My requests and an approved one to its booking, with a decline's reason", () => {
    const html = decode(
      render(
        createElement(NotificationList, {
          initialItems: [
            notice("n1", "booking_request_approved", { request_id: "r1", title: "Founders Dinner", booking_id: "b1" }),
            notice("n2", "booking_request_declined", { request_id: "r2", title: "Founders Dinner", reason: "Members only" }),
            notice("n3", "booking_request_received", { request_id: "r3", title: "Founders Dinner" }),
          ],
          initialUnread: 3,
        }),
      ),
    );
    const items = html.split('data-testid="notification"').slice(1);
    expect(items[0]).toContain('href="/bookings/b1"');
    expect(items[0]).toMatch(/data-testid="notification-requests"[^>]*>Open your requests</);
    expect(items[1]).toMatch(/data-testid="notification-reason"[^>]*>Reason: Members only</);
    expect(items[1]).toContain('href="/requests"');
    expect(items[2]).toMatch(/href="\/organizer"[^>]*>Open your listings</);
    expect(items[2]).not.toContain("notification-reason");
  });
});
