import { describe, expect, it } from "vitest";

import { translatorFor } from "@/i18n/test-support";

import { NOTIFICATION_KINDS, notificationTitle } from "./NotificationList";

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
