import { describe, expect, it } from "vitest";

import type { Lang } from "@/i18n/catalogue";
import { translatorFor } from "@/i18n/test-support";

import { checkInErrorText } from "./CheckIn";

const refusalText = (lang: Lang, error: unknown, timeZone: string) =>
  checkInErrorText(translatorFor(lang), lang, error, timeZone);

const refusal = (code: string, extra: Record<string, unknown> = {}) => ({ status_code: 409, detail: "refused", code, ...extra });

describe("checkInErrorText", () => {
  it("says a ticket belongs to another session", () => {
    expect(refusalText("en", refusal("wrong_session"), "UTC")).toEqual({
      code: "wrong_session",
      text: "This ticket is for another session.",
    });
    expect(refusalText("ru", refusal("wrong_session"), "UTC").text).toBe("Этот билет на другой сеанс.");
  });

  it("says check-in is not open for this session", () => {
    const closed = refusal("checkin_closed", { opens_at: "2030-01-01T15:00:00Z", closes_at: "2030-01-01T21:00:00Z" });
    expect(refusalText("en", closed, "UTC")).toEqual({
      code: "checkin_closed",
      text: "Check-in is not open for this session.",
    });
    expect(refusalText("ru", closed, "UTC").text).toBe("Проверка билетов на этот сеанс сейчас не открыта.");
  });

  it("keeps the other refusals apart", () => {
    expect(refusalText("en", refusal("ticket_not_valid", { ticket_status: "cancelled" }), "UTC").text).toBe("This ticket is cancelled.");
    expect(refusalText("en", refusal("already_checked_in"), "UTC").text).toBe("This ticket has already been checked in.");
    expect(refusalText("en", refusal("not_found"), "UTC").text).toBe("No ticket with this code for your events.");
  });

  it("shows where an already checked-in seated ticket sits", () => {
    const at = { checked_in_at: "2030-01-01T15:05:00Z" };
    const plain = refusalText("en", refusal("already_checked_in", at), "UTC").text;
    const seated = refusal("already_checked_in", { ...at, seat: "BALC-A-7" });
    expect(refusalText("en", seated, "UTC").text).toBe(`${plain} Seat: Section BALC, row A, seat 7.`);
    expect(refusalText("ru", seated, "UTC").text).toContain("ряд A, место 7");
    expect(refusalText("en", refusal("already_checked_in", { seat: null }), "UTC").text).toBe("This ticket has already been checked in.");
  });
});
