import { createTranslator, type IntlError } from "next-intl";
import { describe, expect, it } from "vitest";

import { messages, type Catalogue } from "./catalogue";
import { translatorFor } from "./test-support";
import { errorMessage, valueMessage } from "./translate";

/** Every message as [dotted key, text]. */
function leaves(node: object, prefix = ""): [string, string][] {
  return Object.entries(node).flatMap(([key, value]: [string, unknown]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value as object, `${prefix}${key}.`),
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** An English translator that records what it could not find instead of logging it. */
function recordingTranslator() {
  const errors: string[] = [];
  const t = createTranslator({
    locale: "en",
    messages: messages.en,
    onError: (error: IntlError) => errors.push(error.code),
  });
  return { t, errors };
}

describe("catalogues", () => {
  const en = leaves(messages.en);
  const ru = new Map(leaves(messages.ru));

  it("has Russian for exactly the English keys", () => {
    expect([...ru.keys()].sort()).toEqual(en.map(([key]) => key).sort());
  });

  it("uses the same placeholders in both languages", () => {
    for (const [key, text] of en) expect(placeholders(ru.get(key) ?? ""), key).toEqual(placeholders(text));
  });

  it("fills placeholders", () => {
    expect(translatorFor("en")("org.sessions.soldOf", { sold: "12", capacity: "150" })).toBe("12 of 150");
    expect(translatorFor("ru")("payment.summary", { reference: "AB12CD" })).toContain("AB12CD");
  });
});

describe("typed keys", () => {
  // Each @ts-expect-error below is itself the test: `npm run typecheck` fails if the line type-checks.
  it("makes a misspelt key or a namespace a type error", () => {
    const { t, errors } = recordingTranslator();
    expect(t("nav.catalog")).toBe("Catalog");
    // @ts-expect-error "nav.catalogue" is not a message key
    expect(t("nav.catalogue")).toBe("nav.catalogue");
    // @ts-expect-error "nav" is a namespace, not a message
    t("nav");
    expect(errors).toEqual(["MISSING_MESSAGE", "INSUFFICIENT_PATH"]);
  });

  it("requires each placeholder's value, as text", () => {
    const { t } = recordingTranslator();
    // @ts-expect-error catalog.total needs {total}
    t("catalog.total");
    // @ts-expect-error numbers are passed as text, so they read as they always have (no locale grouping)
    t("catalog.total", { total: 1500 });
    expect(t("catalog.total", { total: "1500" })).toBe("1500 results");
  });

  it("requires a translation to have exactly the reference keys", () => {
    type Reference = { a: "A"; b: { c: "C" } };
    // @ts-expect-error b.c is missing
    const missing: Catalogue<Reference> = { a: "А", b: {} };
    // @ts-expect-error d is not in the reference
    const extra: Catalogue<Reference> = { a: "А", b: { c: "Ц" }, d: "Д" };
    expect([missing, extra]).toHaveLength(2);
  });
});

describe("errorMessage", () => {
  it("says what an API error code means", () => {
    expect(errorMessage(translatorFor("en"), "sold_out")).toBe("Sold out: not enough seats left.");
    expect(errorMessage(translatorFor("ru"), "sold_out")).toBe("Мест не осталось.");
  });

  it("falls back to error.unknown for a code without a message, or none", () => {
    for (const lang of ["en", "ru"] as const) {
      const t = translatorFor(lang);
      expect(errorMessage(t, "no_such_code")).toBe(messages[lang].error.unknown);
      expect(errorMessage(t, null)).toBe(messages[lang].error.unknown);
      expect(errorMessage(t, undefined)).toBe(messages[lang].error.unknown);
    }
  });
});

describe("valueMessage", () => {
  it("reads statuses the API sends as plain strings", () => {
    const { t } = recordingTranslator();
    expect(valueMessage(t, "status", "confirmed")).toBe("Confirmed");
    expect(valueMessage(t, "org.booking", "pending_payment")).toBe("awaiting payment");
  });

  it("shows the key of a value the catalogue does not know", () => {
    const { t, errors } = recordingTranslator();
    expect(valueMessage(t, "org.status", "archived")).toBe("org.status.archived");
    expect(errors).toEqual(["MISSING_MESSAGE"]);
  });
});
