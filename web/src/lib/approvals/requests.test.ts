import { describe, expect, it } from "vitest";

import { canDecide, isRequestStatus, replaceRequest, requestStatus, requestView, type BookingRequest } from "./requests";

const now = new Date("2030-05-01T12:00:00Z");

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
    expires_at: "2030-05-01T14:00:00Z",
    holds_seats: true,
    booking_id: null,
    decline_reason: null,
    decided_at: null,
    created_at: "2030-05-01T11:00:00Z",
    requester_name: "Timur Guest",
    ...overrides,
  };
}

describe("requestView", () => {
  it("shows a pending request's deadline and held seats, and lets it be withdrawn", () => {
    expect(requestView(request(), now)).toEqual({
      status: "pending",
      expiresAt: "2030-05-01T14:00:00Z",
      holdsSeats: true,
      bookingHref: null,
      declineReason: null,
      withdraw: true,
    });
    expect(requestView(request({ holds_seats: false }), now).holdsSeats).toBe(false);
  });

  it("links an approved request to its booking, to pay it", () => {
    const view = requestView(request({ status: "approved", booking_id: "b1", holds_seats: false }), now);
    expect(view).toMatchObject({ status: "approved", bookingHref: "/bookings/b1", withdraw: false, expiresAt: null });
  });

  it("gives a declined request's reason, if there is one", () => {
    expect(requestView(request({ status: "declined", decline_reason: " Members only " }), now)).toMatchObject({
      status: "declined",
      declineReason: "Members only",
      withdraw: false,
    });
    expect(requestView(request({ status: "declined", decline_reason: "  " }), now).declineReason).toBeNull();
    expect(requestView(request({ status: "declined" }), now).declineReason).toBeNull();
  });

  it("reads a pending request whose time is up as expired, holding nothing", () => {
    const view = requestView(request({ expires_at: "2030-05-01T12:00:00Z" }), now);
    expect(view).toMatchObject({ status: "expired", holdsSeats: false, withdraw: false, expiresAt: null });
  });

  it("leaves nothing to do for an ended request, and reads an unknown status as expired", () => {
    for (const status of ["expired", "withdrawn"]) {
      expect(requestView(request({ status, holds_seats: false }), now)).toMatchObject({ status, withdraw: false, bookingHref: null });
    }
    expect(isRequestStatus("archived")).toBe(false);
    expect(requestStatus(request({ status: "archived" }), now)).toBe("expired");
  });
});

describe("the organizer's side", () => {
  it("decides only pending requests still in time", () => {
    expect(canDecide(request(), now)).toBe(true);
    expect(canDecide(request({ expires_at: "2030-05-01T11:59:59Z" }), now)).toBe(false);
    for (const status of ["approved", "declined", "expired", "withdrawn"]) expect(canDecide(request({ status }), now)).toBe(false);
  });
});

describe("lists", () => {
  it("puts the request an action answered with in place of the one shown", () => {
    const list = [request(), request({ id: "r2" })];
    const updated = request({ id: "r2", status: "withdrawn" });
    expect(replaceRequest(list, updated)).toEqual([list[0], updated]);
  });
});
