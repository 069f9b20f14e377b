import { describe, expect, it } from "vitest";

import { base32Decode, hotp, totp, totpStep } from "./totp";

// RFC 6238, appendix B (SHA-1): the key is the ASCII "12345678901234567890".
const RFC_KEY = "12345678901234567890";
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // the same key in base32

describe("totp", () => {
  it("decodes base32", () => {
    expect(base32Decode(RFC_SECRET).toString("ascii")).toBe(RFC_KEY);
    expect(base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").toString("ascii")).toBe(RFC_KEY);
    expect(() => base32Decode("0189")).toThrow();
  });

  it.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ])("gives RFC 6238's code at %i s", (seconds, code) => {
    expect(totp(RFC_SECRET, { at: seconds * 1000, digits: 8 })).toBe(code);
    expect(totp(RFC_SECRET, { at: seconds * 1000 })).toBe(code.slice(2));
  });

  it("gives RFC 4226's HOTP values", () => {
    const key = Buffer.from(RFC_KEY, "ascii");
    expect([0, 1, 2, 9].map((counter) => hotp(key, counter))).toEqual(["755224", "287082", "359152", "520489"]);
  });

  it("steps every 30 seconds, and looks ahead", () => {
    expect(totpStep(59_000)).toBe(1);
    expect(totpStep(60_000)).toBe(2);
    expect(totp(RFC_SECRET, { at: 59_000, stepsAhead: 1 })).toBe(totp(RFC_SECRET, { at: 89_000 }));
  });
});
