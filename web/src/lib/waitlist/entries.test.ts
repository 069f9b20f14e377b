import { describe, expect, it } from "vitest";

import { entryView, isEntryStatus, paymentRequiredBooking, replaceEntry, type WaitlistEntry } from "./entries";

const now = new Date("2030-05-01T12:00:00Z");

function entry(overrides: Partial<WaitlistEntry> = {}): WaitlistEntry {
  return {
    id: "w1",
    session_id: "s1",
    event_id: "e1",
    event_title: "Product Managers Breakfast",
    session_starts_at: "2030-05-10T14:00:00Z",
    ticket_type_id: "t1",
    ticket_type_name: "Free entry",
    quantity: 1,
    status: "waiting",
    position: 1,
    booking_id: null,
    offer_expires_at: null,
    offer_total: null,
    offer_currency: null,
    created_at: "2030-05-01T11:00:00Z",
    ...overrides,
  };
}

const offered = (overrides: Partial<WaitlistEntry> = {}) =>
  entry({ status: "offered", position: null, booking_id: "b1", offer_expires_at: "2030-05-01T13:00:00Z", offer_total: 0, ...overrides });

describe("entryView", () => {
  it("shows a place in line, which can be left", () => {
    expect(entryView(entry({ position: 3 }), now)).toEqual({
      status: "waiting",
      position: 3,
      offer: null,
      accept: false,
      payHref: null,
      bookingHref: null,
      leave: "leave",
    });
  });

  it("lets a free offer be taken here, or declined", () => {
    const view = entryView(offered(), now);
    expect(view.offer).toEqual({ expiresAt: "2030-05-01T13:00:00Z", free: true, ended: false });
    expect(view).toMatchObject({ accept: true, payHref: null, leave: "decline" });
  });

  it("sends a paid offer (or one whose total is not known) to its booking's page to pay", () => {
    for (const total of [150_000, null]) {
      const view = entryView(offered({ offer_total: total }), now);
      expect(view).toMatchObject({ accept: false, payHref: "/bookings/b1", leave: "decline" });
      expect(view.offer?.free).toBe(false);
    }
  });

  it("offers nothing more once the offer's time is up", () => {
    const view = entryView(offered({ offer_expires_at: "2030-05-01T11:59:59Z" }), now);
    expect(view.offer?.ended).toBe(true);
    expect(view).toMatchObject({ accept: false, payHref: null, leave: null });
  });

  it("links a booked entry to its booking", () => {
    expect(entryView(entry({ status: "booked", position: null, booking_id: "b1" }), now)).toMatchObject({
      status: "booked",
      bookingHref: "/bookings/b1",
      leave: null,
      offer: null,
    });
  });

  it("leaves nothing to do for an ended entry, and reads an unknown status as ended", () => {
    for (const status of ["lapsed", "left", "removed"]) {
      expect(entryView(entry({ status, position: null }), now)).toMatchObject({ status, accept: false, payHref: null, bookingHref: null, leave: null });
    }
    expect(entryView(entry({ status: "archived" }), now).status).toBe("lapsed");
    expect(isEntryStatus("archived")).toBe(false);
  });
});

describe("answers", () => {
  it("puts the entry an action answered with in place of the one shown", () => {
    const list = [entry(), entry({ id: "w2" })];
    const updated = entry({ id: "w2", status: "left", position: null });
    expect(replaceEntry(list, updated)).toEqual([list[0], updated]);
  });

  it("reads the booking a 409 payment_required names", () => {
    expect(paymentRequiredBooking({ code: "payment_required", booking_id: "b9" })).toBe("b9");
    expect(paymentRequiredBooking({ code: "offer_lapsed" })).toBeNull();
    expect(paymentRequiredBooking(null)).toBeNull();
  });
});
