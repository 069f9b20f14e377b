import { describe, expect, it } from "vitest";

import { approvalScope, asksForRequest, freelySold, holdParts, needsApproval, NOTE_MAX, readRequestRefusal, requestBody } from "./ask";

const types = [
  { id: "std", approval_required: false },
  { id: "press", approval_required: true },
];

describe("what sells on approval", () => {
  it("tells the whole listing, some ticket types, or nothing", () => {
    expect(approvalScope(true, types)).toBe("listing");
    expect(approvalScope(false, types)).toBe("some");
    expect(approvalScope(false, [types[0]!])).toBe("none");
  });

  it("asks with a request for any ticket of a listing sold on approval", () => {
    expect(needsApproval(true, [types[0]!], [])).toBe(true);
    expect(needsApproval(true, [types[0]!], [{ ticket_type_id: "std", quantity: 1 }])).toBe(true);
  });

  it("asks with a request only once a ticket type sold on approval is chosen", () => {
    expect(needsApproval(false, types, [])).toBe(false);
    expect(needsApproval(false, types, [{ ticket_type_id: "std", quantity: 2 }])).toBe(false);
    expect(needsApproval(false, types, [{ ticket_type_id: "press", quantity: 0 }])).toBe(false);
    expect(needsApproval(false, types, [{ ticket_type_id: "std", quantity: 2 }, { ticket_type_id: "press", quantity: 1 }])).toBe(true);
  });

  it("leaves the waiting list only the tickets sold freely", () => {
    expect(freelySold(false, types)).toEqual([types[0]]);
    expect(freelySold(true, types)).toEqual([]);
  });
});

describe("the request", () => {
  it("sends the tickets chosen and the note, trimmed to what the API takes", () => {
    expect(requestBody([{ ticket_type_id: "press", quantity: 2 }, { ticket_type_id: "std", quantity: 0 }], "  From the Daily  ")).toEqual({
      items: [{ ticket_type_id: "press", quantity: 2 }],
      message: "From the Daily",
    });
    expect(requestBody([{ ticket_type_id: "press", quantity: 1 }], "x".repeat(NOTE_MAX + 20)).message).toHaveLength(NOTE_MAX);
  });

  it("reads a refusal by its code", () => {
    expect(readRequestRefusal({ code: "approval_not_required" })).toEqual({ kind: "book_instead" });
    expect(readRequestRefusal({ code: "sold_out", available: 0 })).toEqual({ kind: "sold_out" });
    expect(readRequestRefusal({ status_code: 401, detail: "Not signed in" })).toEqual({ kind: "signed_out" });
    expect(readRequestRefusal({ code: "not_on_sale" })).toEqual({ kind: "other", code: "not_on_sale" });
    expect(readRequestRefusal(undefined)).toEqual({ kind: "other", code: null });
  });

  it("tells a booking refused as sold on approval", () => {
    expect(asksForRequest({ code: "approval_required", path: "/api/v1/sessions/s1/requests" })).toBe(true);
    expect(asksForRequest({ code: "sold_out" })).toBe(false);
    expect(asksForRequest(null)).toBe(false);
  });
});

describe("holdParts", () => {
  it("splits a hold into days, hours and minutes", () => {
    expect(holdParts(0)).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(holdParts(90)).toEqual({ days: 0, hours: 1, minutes: 30 });
    expect(holdParts(1500)).toEqual({ days: 1, hours: 1, minutes: 0 });
    expect(holdParts(10080)).toEqual({ days: 7, hours: 0, minutes: 0 });
    expect(holdParts(-5)).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(holdParts(Number.NaN)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });
});
