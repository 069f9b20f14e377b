import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { messages } from "@/i18n/catalogue";
import type { WaitlistLine } from "@/lib/waitlist/line";

import { WaitlistTable } from "./WaitlistTable";

function line(id: string, name: string, status: string, overrides: Partial<WaitlistLine> = {}): WaitlistLine {
  return {
    id,
    name,
    ticket_type_name: "Free entry",
    quantity: 1,
    status,
    position: null,
    booking_id: null,
    offer_expires_at: null,
    created_at: "2030-05-01T11:00:00Z",
    ...overrides,
  };
}

const items = [
  line("w1", "Madina Guest", "offered", { booking_id: "b1", offer_expires_at: "2030-05-01T13:00:00Z" }),
  line("w2", "Timur Guest", "waiting", { position: 1, quantity: 2 }),
  line("w3", "Daniyar Participant", "booked", { booking_id: "b3" }),
];

const render = () =>
  renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale: "en",
      messages: messages.en,
      timeZone: "UTC",
      children: createElement(WaitlistTable, { items, busy: null, onRemove: async () => null }),
    }),
  );

describe("WaitlistTable", () => {
  it("lists the line in the order given, with each status, place and offer end", () => {
    const html = render();
    const rows = [...html.matchAll(/<tr data-testid="waitlist-line" data-status="([a-z]+)">(.*?)<\/tr>/g)];
    expect(rows.map((row) => row[1])).toEqual(["offered", "waiting", "booked"]);
    expect(rows[0]?.[2]).toContain("offer running");
    expect(rows[0]?.[2]).toContain("1 May 2030, 13:00");
    expect(rows[1]?.[2]).toMatch(/data-testid="waitlist-line-position">1</);
    expect(rows[2]?.[2]).toContain("booked");
  });

  it("offers Remove only for someone still waiting", () => {
    const html = render();
    expect(html.split('data-testid="waitlist-remove"').length - 1).toBe(1);
    expect(html).toContain('aria-label="Remove Timur Guest from the waiting list"');
  });
});
