import { describe, expect, it } from "vitest";

import { translatorFor } from "@/i18n/test-support";

import { NOTIFICATION_KINDS, notificationTitle, requestLink } from "./NotificationList";

describe("notificationTitle", () => {
  it("names a waiting-list offer in both languages", () => {
    expect(NOTIFICATION_KINDS).toContain("waitlist_offer");
    const payload = { booking_id: "b1", waitlist_entry_id: "w1" };
    expect(notificationTitle(translatorFor("en"), "waitlist_offer", payload)).toBe(
      "Seats came back for you: take them from your waiting list before the offer ends",
    );
    expect(notificationTitle(translatorFor("ru"), "waitlist_offer", payload)).toContain("лист");
  });
});

describe("requests for tickets sold on approval", () => {
  const payload = { request_id: "r1", title: "Founders Dinner" };

  it("names each kind with its event, in both languages", () => {
    const en = translatorFor("en");
    expect(notificationTitle(en, "booking_request_received", payload)).toBe("A new request for tickets to Founders Dinner awaits your decision");
    expect(notificationTitle(en, "booking_request_approved", { ...payload, booking_id: "b1" })).toBe(
      "Your request for Founders Dinner was approved: your booking is made",
    );
    expect(notificationTitle(en, "booking_request_declined", { ...payload, reason: "Members only" })).toBe("Your request for Founders Dinner was declined");
    expect(notificationTitle(en, "booking_request_expired", payload)).toBe("Your request for Founders Dinner expired without an answer");
    for (const kind of ["booking_request_received", "booking_request_approved", "booking_request_declined", "booking_request_expired"]) {
      expect(NOTIFICATION_KINDS).toContain(kind);
      expect(notificationTitle(translatorFor("ru"), kind, payload)).toContain("Founders Dinner");
    }
  });

  it("leads the buyer to their requests and the organizer to their listings", () => {
    for (const kind of ["booking_request_approved", "booking_request_declined", "booking_request_expired"]) expect(requestLink(kind)).toBe("/requests");
    expect(requestLink("booking_request_received")).toBe("/organizer");
    expect(requestLink("waitlist_offer")).toBeNull();
  });
});
