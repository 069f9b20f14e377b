import { describe, expect, it } from "vitest";

import { safeNext } from "@/lib/safe-next";

import {
  acceptPath,
  acceptProblem,
  canOffer,
  canWithdraw,
  hasTransfers,
  offerBody,
  parseCutoffHours,
  signInHref,
  ticketTransferState,
  tokenBody,
  tokenFromQuery,
  transferSettingsBody,
  transferWindow,
  type Transfer,
} from "./transfers";

const TOKEN = "0f8fad5bd9cb469fa16570867728950e.Zm9v-YmFy_YmF6LXF1eA";

function transfer(status: string, ticketId = "t1", id = `x-${status}`): Transfer {
  return {
    id,
    status,
    ticket_id: ticketId,
    ticket_type_name: "Free entry",
    seat: null,
    event_id: "e1",
    event_title: "Python Almaty Meetup",
    session_starts_at: "2026-06-01T14:00:00Z",
    timezone: "Asia/Almaty",
    venue_name: "Hub",
    from_name: "Daniyar",
    to_email: "timur@example.com",
    expires_at: "2026-05-20T14:00:00Z",
    accepted_at: status === "accepted" ? "2026-05-18T10:00:00Z" : null,
    booking_id: null,
  };
}

describe("what a transfer's status allows", () => {
  it("lets only an open offer be withdrawn", () => {
    expect(canWithdraw(transfer("pending"))).toBe(true);
    for (const status of ["expired", "accepted", "cancelled", "something-new"]) expect(canWithdraw(transfer(status))).toBe(false);
  });
});

describe("ticketTransferState", () => {
  const valid = { id: "t1", status: "valid" };
  const cancelled = { id: "t1", status: "cancelled" };

  it("reads a cancelled ticket with an accepted transfer as given away", () => {
    const accepted = transfer("accepted");
    expect(ticketTransferState(cancelled, [transfer("cancelled"), accepted])).toEqual({ kind: "transferred", transfer: accepted });
  });

  it("reads a ticket with an open offer as offered, and one whose offers ended as neither", () => {
    const pending = transfer("pending");
    expect(ticketTransferState(valid, [transfer("expired"), pending])).toEqual({ kind: "offered", transfer: pending });
    expect(ticketTransferState(valid, [transfer("expired"), transfer("cancelled")])).toEqual({ kind: "none" });
  });

  it("looks only at the ticket's own transfers, and a cancelled ticket without one is just cancelled", () => {
    expect(ticketTransferState(valid, [transfer("pending", "t2")])).toEqual({ kind: "none" });
    expect(ticketTransferState(cancelled, [transfer("accepted", "t2")])).toEqual({ kind: "none" });
  });
});

describe("transferWindow", () => {
  const starts = "2026-06-01T14:00:00Z";
  const event = { kind: "event", managed_by: null, transfers_enabled: true, transfer_cutoff_hours: 24 };
  const at = (iso: string) => Date.parse(iso);

  it("is open until the cut-off hours before the start, then closed", () => {
    expect(transferWindow(event, starts, at("2026-05-31T13:59:00Z"))).toEqual({ kind: "open", closesAt: "2026-05-31T14:00:00.000Z" });
    expect(transferWindow(event, starts, at("2026-05-31T14:00:00Z"))).toEqual({ kind: "closed", closedAt: "2026-05-31T14:00:00.000Z" });
    expect(transferWindow({ ...event, transfer_cutoff_hours: 0 }, starts, at("2026-06-01T13:00:00Z"))).toEqual({
      kind: "open",
      closesAt: "2026-06-01T14:00:00.000Z",
    });
  });

  it("says when the organizer does not allow it, and when the listing is a flight or watch party", () => {
    expect(transferWindow({ ...event, transfers_enabled: false }, starts, 0)).toEqual({ kind: "disabled" });
    expect(transferWindow({ ...event, kind: "flight" }, starts, 0)).toEqual({ kind: "none" });
    expect(transferWindow({ ...event, managed_by: "parties" }, starts, 0)).toEqual({ kind: "none" });
    expect(hasTransfers(event)).toBe(true);
  });

  it("does not know without the listing", () => {
    expect(transferWindow(null, starts, 0)).toEqual({ kind: "unknown" });
  });
});

describe("canOffer", () => {
  const none = { kind: "none" } as const;
  const open = { kind: "open", closesAt: "2026-06-01T14:00:00Z" } as const;

  it("offers a valid ticket of a confirmed booking while transfers are open (or not known to be closed)", () => {
    expect(canOffer("confirmed", { status: "valid" }, none, open)).toBe(true);
    expect(canOffer("confirmed", { status: "valid" }, none, { kind: "unknown" })).toBe(true);
  });

  it("does not offer a used, cancelled or already offered ticket, an unpaid booking, or outside the window", () => {
    expect(canOffer("confirmed", { status: "used" }, none, open)).toBe(false);
    expect(canOffer("confirmed", { status: "cancelled" }, none, open)).toBe(false);
    expect(canOffer("pending_payment", { status: "valid" }, none, open)).toBe(false);
    expect(canOffer("confirmed", { status: "valid" }, { kind: "offered", transfer: transfer("pending") }, open)).toBe(false);
    expect(canOffer("confirmed", { status: "valid" }, none, { kind: "disabled" })).toBe(false);
    expect(canOffer("confirmed", { status: "valid" }, none, { kind: "closed", closedAt: "2026-06-01T14:00:00Z" })).toBe(false);
    expect(canOffer("confirmed", { status: "valid" }, none, { kind: "none" })).toBe(false);
  });
});

describe("request bodies", () => {
  it("offers to the trimmed address, and refuses what cannot be one", () => {
    expect(offerBody("  timur@example.com ")).toEqual({ email: "timur@example.com" });
    for (const bad of ["", "   ", "timur", "timur@", "@example.com", "ti mur@example.com", `${"a".repeat(320)}@example.com`]) {
      expect(offerBody(bad), bad).toBeNull();
    }
  });

  it("sends the token in the body, as it came", () => {
    expect(tokenBody(TOKEN)).toEqual({ token: TOKEN });
  });

  it("sends the organizer's rule: allowed with its hours, or only not allowed", () => {
    expect(transferSettingsBody(true, "48")).toEqual({ transfers_enabled: true, transfer_cutoff_hours: 48 });
    expect(transferSettingsBody(true, " 0 ")).toEqual({ transfers_enabled: true, transfer_cutoff_hours: 0 });
    expect(transferSettingsBody(false, "oops")).toEqual({ transfers_enabled: false });
    expect(transferSettingsBody(true, "721")).toBeNull();
  });

  it("takes whole hours from 0 to 720", () => {
    expect(parseCutoffHours("720")).toBe(720);
    expect(parseCutoffHours("0")).toBe(0);
    for (const bad of ["", "-1", "1.5", "1e2", "721", "abc", "0720", "1000"]) expect(parseCutoffHours(bad), bad).toBeNull();
  });
});

describe("the link's token through signing in", () => {
  it("reads the token from the page's query", () => {
    expect(tokenFromQuery(TOKEN)).toBe(TOKEN);
    expect(tokenFromQuery([TOKEN, "other"])).toBe(TOKEN);
    expect(tokenFromQuery(undefined)).toBeNull();
    expect(tokenFromQuery(" ")).toBeNull();
  });

  it("comes back to the accept page with the same token after logging in or signing up", () => {
    for (const mode of ["login", "signup"] as const) {
      const href = new URL(signInHref(TOKEN, mode), "https://site.invalid");
      expect(href.pathname).toBe(`/${mode}`);
      // What the login page reads (Next.js decodes the query), then follows after signing in.
      const next = safeNext(href.searchParams.get("next"));
      expect(next).toBe(acceptPath(TOKEN));
      expect(new URL(next ?? "", "https://site.invalid").searchParams.get("token")).toBe(TOKEN);
    }
  });

  it("keeps a token with characters a query would change", () => {
    const odd = "abc.d+e/f=g&h";
    const next = safeNext(new URL(signInHref(odd, "login"), "https://site.invalid").searchParams.get("next"));
    expect(new URL(next ?? "", "https://site.invalid").searchParams.get("token")).toBe(odd);
  });
});

describe("acceptProblem", () => {
  it("tells the page what a refusal means", () => {
    expect(acceptProblem(403, "wrong_recipient")).toBe("wrong_recipient");
    expect(acceptProblem(403, "email_not_verified")).toBe("not_verified");
    expect(acceptProblem(409, "transfer_not_open")).toBe("not_open");
    expect(acceptProblem(409, "transfers_closed")).toBe("not_open");
    expect(acceptProblem(404, "not_found")).toBe("invalid");
    expect(acceptProblem(400, "validation_error")).toBe("invalid");
    expect(acceptProblem(401, "not_authenticated")).toBe("signed_out");
    expect(acceptProblem(500, null)).toBe("failed");
  });
});
