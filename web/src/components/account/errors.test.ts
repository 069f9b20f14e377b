import { describe, expect, it } from "vitest";

import { describeApiError } from "@/components/organizer/api-errors";
import { translatorFor } from "@/i18n/test-support";

import { accountErrorText, needsTwoFactor } from "./errors";

const TWO_FACTOR_REQUIRED = { status_code: 403, code: "two_factor_required", detail: "Your account's role requires two-factor sign-in" };

describe("two_factor_required", () => {
  it("points role pages to the account settings, in both languages", () => {
    for (const lang of ["en", "ru"] as const) {
      const text = describeApiError(translatorFor(lang), TWO_FACTOR_REQUIRED);
      expect(text, lang).toContain("/account");
      expect(text, lang).not.toBe(describeApiError(translatorFor(lang), { code: "forbidden" }));
    }
    expect(describeApiError(translatorFor("en"), TWO_FACTOR_REQUIRED)).toContain("two-factor sign-in");
  });

  it("names the section on the account page itself", () => {
    expect(accountErrorText(translatorFor("en"), TWO_FACTOR_REQUIRED)).toContain("“Two-factor sign-in” section");
    expect(accountErrorText(translatorFor("ru"), TWO_FACTOR_REQUIRED)).toContain("«Двухфакторный вход»");
  });

  it("is told apart from other refusals", () => {
    expect(needsTwoFactor(TWO_FACTOR_REQUIRED)).toBe(true);
    expect(needsTwoFactor({ code: "forbidden" })).toBe(false);
    expect(needsTwoFactor(undefined)).toBe(false);
  });
});

describe("second-factor and erasure errors", () => {
  it("has account wording for a wrong code and bookings still to come", () => {
    const en = translatorFor("en");
    expect(accountErrorText(en, { code: "invalid_code" })).toBe("That code does not match.");
    expect(accountErrorText(en, { code: "has_future_bookings" })).toContain("bookings still to come");
  });
});
