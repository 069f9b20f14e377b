import { describe, expect, it } from "vitest";

import { ACCOUNT_DELETED_HREF, saysAccountDeleted } from "./deleted";

describe("saysAccountDeleted", () => {
  it("reads the parameter the deletion leads to", () => {
    const params = Object.fromEntries(new URL(ACCOUNT_DELETED_HREF, "http://site.invalid").searchParams);
    expect(saysAccountDeleted(params)).toBe(true);
    expect(saysAccountDeleted({ account: ["deleted", "x"] })).toBe(true);
    expect(saysAccountDeleted({})).toBe(false);
    expect(saysAccountDeleted({ account: "other" })).toBe(false);
  });
});
