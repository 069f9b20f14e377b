import { describe, expect, it } from "vitest";

import { conflictingSlotId, isBookingCode, readBookingOutcome } from "./booking-outcome";
import { canRate, ratingState } from "./rating-state";
import { ratingDisplay, roundedStars } from "./reputation";
import { slotDraftOf, slotTimes } from "./slot-time";
import type { Encounter } from "./types";

describe("ratingDisplay", () => {
  it("reads as new while the average is null", () => {
    expect(ratingDisplay({ average: null, count: 2 }, "en")).toEqual({ kind: "new", count: 2 });
    expect(ratingDisplay({ average: null, count: 0, no_shows: 0, attended: 0 }, "en")).toEqual({ kind: "new", count: 0 });
  });
  it("shows the average with the language's decimal mark", () => {
    expect(ratingDisplay({ average: 4.67, count: 6 }, "en")).toEqual({ kind: "average", average: "4.67", count: 6 });
    expect(ratingDisplay({ average: 4.5, count: 3 }, "ru")).toEqual({ kind: "average", average: "4,5", count: 3 });
    expect(ratingDisplay({ average: 4, count: 3 }, "en").kind).toBe("average");
  });
  it("rounds stars into 0..5", () => {
    expect(roundedStars(4.67)).toBe(5);
    expect(roundedStars(3.2)).toBe(3);
    expect(roundedStars(9)).toBe(5);
  });
});

describe("slotTimes", () => {
  it("sends the place's wall-clock time with its offset", () => {
    expect(slotTimes({ date: "2026-12-20", start: "19:30", end: "" }, "Asia/Almaty")).toEqual({
      ok: true,
      times: { starts_at: "2026-12-20T19:30:00+05:00", ends_at: null },
    });
    expect(slotTimes({ date: "2026-07-01", start: "20:00", end: "22:15" }, "Europe/Berlin")).toEqual({
      ok: true,
      times: { starts_at: "2026-07-01T20:00:00+02:00", ends_at: "2026-07-01T22:15:00+02:00" },
    });
  });
  it("reads an end before the start as the next day", () => {
    const result = slotTimes({ date: "2026-12-31", start: "23:00", end: "01:00" }, "UTC");
    expect(result).toEqual({ ok: true, times: { starts_at: "2026-12-31T23:00:00+00:00", ends_at: "2027-01-01T01:00:00+00:00" } });
  });
  it("names the field that is wrong", () => {
    expect(slotTimes({ date: "", start: "19:00", end: "" }, "UTC")).toEqual({ ok: false, problem: "date" });
    expect(slotTimes({ date: "2026-12-20", start: "7pm", end: "" }, "UTC")).toEqual({ ok: false, problem: "start" });
    expect(slotTimes({ date: "2026-12-20", start: "19:00", end: "x" }, "UTC")).toEqual({ ok: false, problem: "end" });
    expect(slotTimes({ date: "2026-12-20", start: "19:00", end: "" }, "Mars/Base")).toEqual({ ok: false, problem: "zone" });
  });
  it("turns a slot back into the form's fields in the place's zone", () => {
    expect(slotDraftOf("2026-12-20T14:30:00Z", "2026-12-20T17:00:00Z", "Asia/Almaty")).toEqual({
      date: "2026-12-20",
      start: "19:30",
      end: "22:00",
    });
  });
});

describe("readBookingOutcome", () => {
  it("reads a confirmed booking and a request", () => {
    const booking = { id: "b1", ticket_codes: ["A"] };
    expect(readBookingOutcome(201, { status: "confirmed", booking, request: null })).toEqual({ kind: "confirmed", booking });
    const request = { id: "r1" };
    expect(readBookingOutcome(202, { status: "requested", booking: null, request })).toEqual({ kind: "requested", request });
  });
  it("reads a refusal with its code and what is left", () => {
    expect(readBookingOutcome(409, { code: "sold_out", detail: "x", available: 1 })).toEqual({
      kind: "refused",
      code: "sold_out",
      available: 1,
      retryable: true,
    });
    expect(readBookingOutcome(502, "Bad gateway")).toEqual({ kind: "refused", code: null, available: null, retryable: false });
    expect(isBookingCode("own_party")).toBe(true);
    expect(isBookingCode("teapot")).toBe(false);
  });
  it("finds the slot an overlap names", () => {
    expect(conflictingSlotId({ code: "slot_overlap", conflicting_slot_id: "s9" })).toBe("s9");
    expect(conflictingSlotId({ code: "invalid_slot" })).toBeNull();
  });
});

describe("ratingState", () => {
  const now = Date.parse("2026-12-21T12:00:00Z");
  const base: Encounter = {
    id: "e",
    slot_id: "s",
    party_id: "p",
    movie_title: "Film",
    starts_at: "2026-12-20T14:00:00Z",
    role: "guest",
    counterpart: { user_id: "u", name: "Host" },
    places: 1,
    status: "booked",
    no_show: false,
    window_opens_at: "2026-12-20T17:00:00Z",
    window_closes_at: "2027-01-03T17:00:00Z",
    mine: null,
    theirs: null,
    counterpart_rated: false,
    revealed_at: null,
    timezone: "Asia/Almaty",
    disputed_at: null,
    dispute_resolution: null,
  };
  const rating = { score: 5, comment: "", rated_at: "2026-12-21T10:00:00Z" };
  it("chooses the state", () => {
    expect(ratingState(base, now)).toBe("open");
    expect(ratingState({ ...base, counterpart_rated: true }, now)).toBe("rateBack");
    expect(ratingState({ ...base, mine: rating }, now)).toBe("waiting");
    expect(ratingState({ ...base, revealed_at: "2026-12-21T11:00:00Z", mine: rating, theirs: rating }, now)).toBe("revealed");
    expect(ratingState(base, Date.parse("2026-12-20T15:00:00Z"))).toBe("notOpen");
    expect(ratingState(base, Date.parse("2027-01-04T00:00:00Z"))).toBe("closed");
    expect(ratingState({ ...base, no_show: true }, now)).toBe("noShow");
    expect(ratingState({ ...base, no_show: true, role: "host" }, now)).toBe("open");
    expect(ratingState({ ...base, status: "cancelled" }, now)).toBe("cancelled");
  });
  it("shows the form only when one may rate", () => {
    expect(canRate("open")).toBe(true);
    expect(canRate("rateBack")).toBe(true);
    expect(canRate("waiting")).toBe(false);
  });
});
