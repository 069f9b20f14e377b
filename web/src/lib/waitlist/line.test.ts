import { describe, expect, it } from "vitest";

import { canRemove, type WaitlistLine } from "./line";

function line(status: string): WaitlistLine {
  return {
    id: "w1",
    name: "Timur Guest",
    ticket_type_name: "Free entry",
    quantity: 1,
    status,
    position: status === "waiting" ? 1 : null,
    booking_id: null,
    offer_expires_at: null,
    created_at: "2030-05-01T11:00:00Z",
  };
}

describe("canRemove", () => {
  it("lets the organizer take off only someone still waiting", () => {
    expect(canRemove(line("waiting"))).toBe(true);
    for (const status of ["offered", "booked", "lapsed", "left", "removed"]) expect(canRemove(line(status))).toBe(false);
  });
});
