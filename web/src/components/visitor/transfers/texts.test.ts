import { describe, expect, it } from "vitest";

import { translatorFor } from "@/i18n/test-support";
import { formatDateTime } from "@/lib/time-zone";

import { transferErrorText, transferStatusLabel } from "./texts";

const en = translatorFor("en");
const ru = translatorFor("ru");
const refusal = (code: string, extra: Record<string, unknown> = {}) => ({ status_code: 409, detail: "refused", code, ...extra });

describe("transferStatusLabel", () => {
  it("names each status in both languages", () => {
    expect(transferStatusLabel(en, "pending")).toBe("Open");
    expect(transferStatusLabel(en, "expired")).toBe("Ran out");
    expect(transferStatusLabel(en, "accepted")).toBe("Taken");
    expect(transferStatusLabel(en, "cancelled")).toBe("Withdrawn");
    expect(transferStatusLabel(ru, "cancelled")).toBe("Отозвано");
  });

  it("shows a status it does not know as it came", () => {
    expect(transferStatusLabel(en, "on_hold")).toBe("on_hold");
  });
});

describe("transferErrorText", () => {
  it("says when transfers closed, in the listing's time zone", () => {
    const closedAt = "2026-05-31T14:00:00Z";
    const text = transferErrorText(en, refusal("transfers_closed", { closed_at: closedAt }), "Asia/Almaty", "en");
    expect(text).toBe(`Tickets of this event could be given to someone else only until ${formatDateTime(closedAt, "Asia/Almaty", "en")}.`);
    expect(text).toContain("19:00");
    expect(transferErrorText(en, refusal("transfers_closed"), "Asia/Almaty", "en")).toBe(
      "Tickets of this event can no longer be given to someone else.",
    );
  });

  it("explains the holder's refusals", () => {
    expect(transferErrorText(en, refusal("transfer_pending"), null, "en")).toContain("already offered to someone");
    expect(transferErrorText(en, { status_code: 400, detail: "x", code: "invalid_transfer" }, null, "en")).toContain(
      "give another person's address",
    );
    expect(transferErrorText(en, refusal("ticket_not_valid"), null, "en")).toContain("Only a valid ticket");
    expect(transferErrorText(ru, refusal("transfer_pending"), null, "ru")).toContain("уже предложен");
  });

  it("falls back to the shared messages for other codes and network failures", () => {
    expect(transferErrorText(en, refusal("rate_limited"), null, "en")).toBe("Too many attempts. Wait a minute and try again.");
    expect(transferErrorText(en, null, null, "en")).toBe("Something went wrong. Please try again.");
  });
});
