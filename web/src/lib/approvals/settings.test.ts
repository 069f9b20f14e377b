import { describe, expect, it } from "vitest";

import { approvalSettingsBody, hasApprovals, HOLD_MAX_MINUTES, parseHoldMinutes } from "./settings";

describe("parseHoldMinutes", () => {
  it("takes whole minutes from 0 to a week", () => {
    expect(parseHoldMinutes("0")).toBe(0);
    expect(parseHoldMinutes(" 120 ")).toBe(120);
    expect(parseHoldMinutes("10080")).toBe(HOLD_MAX_MINUTES);
  });

  it("refuses anything else", () => {
    for (const text of ["", "10081", "-1", "1.5", "2h", "999999"]) expect(parseHoldMinutes(text), text).toBeNull();
  });
});

describe("approvalSettingsBody", () => {
  it("sends whether the listing sells on approval and the hold, which applies to every request", () => {
    expect(approvalSettingsBody(true, "60")).toEqual({ approval_required: true, approval_hold_minutes: 60 });
    expect(approvalSettingsBody(false, "30")).toEqual({ approval_required: false, approval_hold_minutes: 30 });
  });

  it("sends nothing with a hold out of range", () => {
    expect(approvalSettingsBody(true, "20000")).toBeNull();
    expect(approvalSettingsBody(false, "abc")).toBeNull();
  });
});

describe("hasApprovals", () => {
  it("is for events only, not flights or watch parties", () => {
    expect(hasApprovals({ kind: "event" })).toBe(true);
    expect(hasApprovals({ kind: "event", managed_by: "flights" })).toBe(false);
    expect(hasApprovals({ kind: "party" })).toBe(false);
  });
});
