import { describe, expect, it } from "vitest";

import { messages } from "@/i18n/catalogue";
import { translatorFor } from "@/i18n/test-support";

import { waitlistErrorText } from "./errors";

describe("waitlistErrorText", () => {
  const en = translatorFor("en");

  it("says how many seats are free when joining finds some", () => {
    expect(waitlistErrorText(en, { code: "seats_available", available: 2 })).toBe("Seats are free now (2 left): book them above.");
    expect(waitlistErrorText(en, { code: "seats_available" })).toBe("Seats are free now: book them above.");
    expect(waitlistErrorText(translatorFor("ru"), { code: "seats_available", available: 2 })).toContain("2");
  });

  it("words the waiting list's own codes in both languages", () => {
    for (const lang of ["en", "ru"] as const) {
      const t = translatorFor(lang);
      for (const code of ["already_waiting", "not_on_sale", "invalid_booking", "payment_required", "offer_lapsed", "not_waiting"] as const) {
        expect(waitlistErrorText(t, { code })).toBe(messages[lang].waitlist.error[code]);
      }
    }
  });

  it("falls back to the shared wording for other codes", () => {
    expect(waitlistErrorText(en, { code: "rate_limited" })).toBe(messages.en.error.rate_limited);
    expect(waitlistErrorText(en, { code: "no_such_code" })).toBe(messages.en.error.unknown);
    expect(waitlistErrorText(en, null)).toBe(messages.en.error.unknown);
  });
});
