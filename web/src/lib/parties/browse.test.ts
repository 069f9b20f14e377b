import { describe, expect, it } from "vitest";

import { browseFilters, browseQuery } from "./browse";

describe("browse filters", () => {
  it("keeps valid values and drops the rest", () => {
    expect(browseFilters({ city: " Almaty ", q: ["Alien", "x"], from: "2026-12-01", to: "soon", offset: "-3" })).toEqual({
      city: "Almaty",
      q: "Alien",
      from: "2026-12-01",
      to: "",
      offset: 0,
    });
  });
  it("turns dates into whole UTC days", () => {
    expect(browseQuery({ city: "", q: "", from: "2026-12-01", to: "2026-12-31", offset: 0 })).toEqual({
      date_from: "2026-12-01T00:00:00Z",
      date_to: "2027-01-01T00:00:00Z",
    });
    expect(browseQuery({ city: "Almaty", q: "", from: "", to: "", offset: 20 })).toEqual({ city: "Almaty" });
  });
});
