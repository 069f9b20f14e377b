import { describe, expect, it } from "vitest";

import { readZone } from "./zone";

describe("readZone", () => {
  it("reads no zone from an empty field", () => {
    expect(readZone("")).toBeNull();
    expect(readZone("   ")).toBeNull();
  });

  it("takes lower-case letters, digits and hyphens, whatever the case typed", () => {
    expect(readZone(" Stalls ")).toBe("stalls");
    expect(readZone("balcony-2")).toBe("balcony-2");
  });

  it("refuses anything else", () => {
    expect(readZone("-vip")).toBeUndefined();
    expect(readZone("front row")).toBeUndefined();
    expect(readZone("a".repeat(41))).toBeUndefined();
  });
});
