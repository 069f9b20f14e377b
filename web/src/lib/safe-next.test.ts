import { describe, expect, it } from "vitest";

import { safeNext } from "./safe-next";

describe("safeNext", () => {
  it("follows paths on this site, with their query and fragment", () => {
    expect(safeNext("/bookings")).toBe("/bookings");
    expect(safeNext("/organizer/sessions/01a22fd7?tab=door#list")).toBe("/organizer/sessions/01a22fd7?tab=door#list");
    expect(safeNext("/admin/reviews?status=pending")).toBe("/admin/reviews?status=pending");
    expect(safeNext("/events/1/../2")).toBe("/events/2");
  });

  it("falls back to the default page for anything that could leave the site", () => {
    for (const next of [
      "//evil.example",
      "///evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "/%09/evil.example",
      "/%0a/evil.example",
      "/%2F/evil.example",
      "/%5Cevil.example",
      "https://evil.example",
      "http:evil.example",
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      " /bookings",
      "bookings",
      "/bookings\u0000",
      "/bookings\u007f",
      "/%E0%A4%A",
      "",
      null,
      undefined,
    ]) {
      expect(safeNext(next), JSON.stringify(next)).toBeNull();
    }
  });
});
