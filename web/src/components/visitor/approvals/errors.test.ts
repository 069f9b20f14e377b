import { describe, expect, it } from "vitest";

import { messages } from "@/i18n/catalogue";
import { translatorFor } from "@/i18n/test-support";

import { holdDurationText, requestErrorText } from "./errors";

describe("requestErrorText", () => {
  it("words the codes a request answers with, in both languages", () => {
    for (const lang of ["en", "ru"] as const) {
      const t = translatorFor(lang);
      for (const code of ["sold_out", "approval_not_required", "not_on_sale", "invalid_booking", "request_not_pending", "not_found"] as const) {
        expect(refusedWith(t, code)).toBe(messages[lang].approvals.error[code]);
      }
    }
    expect(requestErrorText(translatorFor("en"), { code: "sold_out" })).toBe("No seats are left to hold for this request.");
  });

  it("falls back to the shared wording for other codes", () => {
    const en = translatorFor("en");
    expect(requestErrorText(en, { code: "rate_limited" })).toBe(messages.en.error.rate_limited);
    expect(requestErrorText(en, { code: "no_such_code" })).toBe(messages.en.error.unknown);
    expect(requestErrorText(en, null)).toBe(messages.en.error.unknown);
  });
});

function refusedWith(t: ReturnType<typeof translatorFor>, code: string): string {
  return requestErrorText(t, { status_code: 409, code, detail: "" });
}

describe("holdDurationText", () => {
  it("reads a hold in its largest parts", () => {
    const en = translatorFor("en");
    expect(holdDurationText(en, 45)).toBe("45 min");
    expect(holdDurationText(en, 120)).toBe("2 h");
    expect(holdDurationText(en, 1530)).toBe("1 d 1 h 30 min");
    expect(holdDurationText(en, 0)).toBe("0 min");
    expect(holdDurationText(translatorFor("ru"), 90)).toBe("1 ч 30 мин");
  });
});
