import { describe, expect, it } from "vitest";

import { translatorFor } from "@/i18n/test-support";

import { accountErrorText } from "./errors";
import { accountNotificationTitle } from "./notification-titles";

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36";

describe("accountNotificationTitle", () => {
  const en = translatorFor("en");
  const ru = translatorFor("ru");

  it("words each account kind in both languages", () => {
    for (const kind of ["verify_email", "password_reset", "password_changed", "email_change_requested", "new_sign_in"]) {
      for (const t of [en, ru]) {
        const title = accountNotificationTitle(t, kind, {});
        expect(title, kind).toBeTruthy();
        expect(title, kind).not.toContain("notification.");
      }
    }
  });

  it("tells a reset from a change", () => {
    expect(accountNotificationTitle(en, "password_changed", { how: "reset" })).toBe("Your password was reset; every sign-in was ended");
    expect(accountNotificationTitle(en, "password_changed", { how: "changed" })).toBe(
      "Your password was changed; every other sign-in was ended",
    );
  });

  it("names the new sign-in's device and address", () => {
    expect(accountNotificationTitle(en, "new_sign_in", { ip: "203.0.113.7", user_agent: CHROME, at: "2026-01-01T10:00:00Z" })).toBe(
      "New sign-in to your account: Chrome on Linux, from 203.0.113.7",
    );
    expect(accountNotificationTitle(ru, "new_sign_in", { ip: "203.0.113.7", user_agent: "curl/8.5" })).toBe(
      "Новый вход в аккаунт: curl/8.5, с адреса 203.0.113.7",
    );
    expect(accountNotificationTitle(en, "new_sign_in", {})).toBe("New sign-in to your account: Unknown device, from Unknown");
  });

  it("leaves other kinds to the booking titles", () => {
    expect(accountNotificationTitle(en, "booking_confirmed", { reference: "AB12CD" })).toBeNull();
  });
});

describe("accountErrorText", () => {
  const en = translatorFor("en");

  it("has its own words for expired links and rate limits", () => {
    expect(accountErrorText(en, { status_code: 400, code: "invalid_token", detail: "x" })).toBe(
      "This link is not valid any more. Ask for a new one.",
    );
    expect(accountErrorText(en, { status_code: 429, code: "rate_limited", detail: "x" })).toBe("Too many requests for now. Try again later.");
  });

  it("uses the shared words otherwise", () => {
    expect(accountErrorText(en, { code: "email_taken" })).toBe("An account with this e-mail already exists.");
    expect(accountErrorText(en, { code: "email_not_verified" })).toContain("Confirm your e-mail address first");
    expect(accountErrorText(en, null)).toBe("Something went wrong. Please try again.");
  });
});
