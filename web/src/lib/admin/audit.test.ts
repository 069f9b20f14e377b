import { describe, expect, it } from "vitest";

import { AUDIT_PAGE_SIZE, auditChangeLines, auditChangeText, auditHref, auditValueText, isIsoDate, pageCount, readAuditFilters } from "./audit";

const WORDS = { empty: "(empty)", redacted: "(hidden)" };
const ACTOR = "0b7c6c1e-1f0e-4a53-9d49-0d1c5a1b2c3d";

describe("auditChangeText", () => {
  it("reads field: before → after", () => {
    expect(auditChangeText("price", [1000, 1500], WORDS)).toBe("price: 1000 → 1500");
    expect(auditChangeText("status", ["draft", "published"], WORDS)).toBe("status: draft → published");
    expect(auditChangeText("is_active", [true, false], WORDS)).toBe("is_active: true → false");
  });

  it("words nothing and hidden values", () => {
    expect(auditChangeText("cancel_reason", [null, "Rain"], WORDS)).toBe("cancel_reason: (empty) → Rain");
    expect(auditChangeText("password_hash", ["[redacted]", "[redacted]"], WORDS)).toBe("password_hash: (hidden) → (hidden)");
    expect(auditChangeText("name", ["", "Ada"], WORDS)).toBe("name: (empty) → Ada");
  });

  it("shows lists and objects as JSON, and any other shape as it came", () => {
    expect(auditChangeText("tags", [["a"], ["a", "b"]], WORDS)).toBe('tags: ["a"] → ["a","b"]');
    expect(auditChangeText("seat", [{ row: 1 }, null], WORDS)).toBe('seat: {"row":1} → (empty)');
    expect(auditChangeText("odd", ["only one"], WORDS)).toBe('odd: ["only one"]');
    expect(auditChangeText("odd", "text", WORDS)).toBe("odd: text");
  });

  it("lists every field in order", () => {
    expect(auditChangeLines({ b: [1, 2], a: [null, "x"] }, WORDS)).toEqual(["a: (empty) → x", "b: 1 → 2"]);
    expect(auditChangeLines({}, WORDS)).toEqual([]);
    expect(auditChangeLines(null, WORDS)).toEqual([]);
  });

  it("reads a lone value", () => {
    expect(auditValueText(undefined, WORDS)).toBe("(empty)");
    expect(auditValueText(0, WORDS)).toBe("0");
  });
});

describe("readAuditFilters", () => {
  it("passes the filters on and turns dates into whole UTC days", () => {
    const { filters, problems, page, query } = readAuditFilters({
      action: " account.created ",
      entity_type: "account",
      entity_id: "42",
      actor_id: ACTOR.toUpperCase(),
      since: "2026-05-01",
      until: "2026-05-03",
      page: "3",
    });
    expect(problems).toEqual([]);
    expect(page).toBe(3);
    expect(filters.action).toBe("account.created");
    expect(query).toEqual({
      limit: AUDIT_PAGE_SIZE,
      offset: 2 * AUDIT_PAGE_SIZE,
      action: "account.created",
      entity_type: "account",
      entity_id: "42",
      actor_id: ACTOR,
      since: "2026-05-01T00:00:00.000Z",
      until: "2026-05-04T00:00:00.000Z",
    });
  });

  it("leaves out what it cannot use, and says so", () => {
    const { problems, page, query } = readAuditFilters({ actor_id: "someone", since: "2026-02-30", until: "soon", page: "-4" });
    expect(problems).toEqual(["actor_id", "since", "until"]);
    expect(page).toBe(1);
    expect(query).toEqual({ limit: AUDIT_PAGE_SIZE, offset: 0 });
  });

  it("refuses a range that ends before it starts", () => {
    const { problems, query } = readAuditFilters({ since: "2026-05-03", until: "2026-05-01" });
    expect(problems).toEqual(["range"]);
    expect(query.since).toBeUndefined();
    expect(query.until).toBeUndefined();
  });

  it("cuts text to what the API takes and reads the first of repeated parameters", () => {
    const { query } = readAuditFilters({ action: ["a".repeat(80), "b"] });
    expect(query.action).toBe("a".repeat(60));
  });
});

describe("auditHref and pageCount", () => {
  it("keeps only the filters that are set", () => {
    expect(auditHref({})).toBe("/admin/audit");
    expect(auditHref({ action: "booking.cancelled", entity_id: "" }, 2)).toBe("/admin/audit?action=booking.cancelled&page=2");
  });

  it("counts pages", () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(AUDIT_PAGE_SIZE)).toBe(1);
    expect(pageCount(AUDIT_PAGE_SIZE + 1)).toBe(2);
  });

  it("checks calendar dates", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2025-1-01")).toBe(false);
  });
});
