import { describe, expect, it } from "vitest";

import { checkInErrorText } from "./CheckIn";

const refusal = (code: string, extra: Record<string, unknown> = {}) => ({ status_code: 409, detail: "refused", code, ...extra });

describe("checkInErrorText", () => {
  it("says a ticket belongs to another session", () => {
    expect(checkInErrorText("en", refusal("wrong_session"), "UTC")).toEqual({
      code: "wrong_session",
      text: "This ticket is for another session.",
    });
    expect(checkInErrorText("ru", refusal("wrong_session"), "UTC").text).toBe("Этот билет на другой сеанс.");
  });

  it("says check-in is not open for this session", () => {
    const closed = refusal("checkin_closed", { opens_at: "2030-01-01T15:00:00Z", closes_at: "2030-01-01T21:00:00Z" });
    expect(checkInErrorText("en", closed, "UTC")).toEqual({
      code: "checkin_closed",
      text: "Check-in is not open for this session.",
    });
    expect(checkInErrorText("ru", closed, "UTC").text).toBe("Проверка билетов на этот сеанс сейчас не открыта.");
  });

  it("keeps the other refusals apart", () => {
    expect(checkInErrorText("en", refusal("ticket_not_valid", { ticket_status: "cancelled" }), "UTC").text).toBe("This ticket is cancelled.");
    expect(checkInErrorText("en", refusal("already_checked_in"), "UTC").text).toBe("This ticket has already been checked in.");
    expect(checkInErrorText("en", refusal("not_found"), "UTC").text).toBe("No ticket with this code for your events.");
  });
});
