import { describe, expect, it } from "vitest";

import { translatorFor } from "@/i18n/test-support";
import { readOrderError } from "@/lib/flights/order-errors";

import { orderErrorText } from "./order-error-text";

describe("orderErrorText", () => {
  const en = translatorFor("en");
  const ru = translatorFor("ru");

  it("names the passenger, leg and seats an error is about", () => {
    expect(orderErrorText(en, readOrderError({ code: "passenger_already_booked", leg: 1, passenger: 2 }))).toBe(
      "Passenger 2 already has a seat on flight 1 with this passport.",
    );
    expect(orderErrorText(en, readOrderError({ code: "seat_unavailable", seats: [{ leg: 2, seat: "20A" }] }))).toContain("20A (2)");
    expect(orderErrorText(en, readOrderError({ code: "cabin_sold_out", leg: 2, available: 1 }))).toBe(
      "Flight 2 has only 1 seats left in this cabin.",
    );
    expect(orderErrorText(ru, readOrderError({ code: "document_expired", passenger: 1 }))).toContain("Пассажир 1");
  });

  it("has a message for every refusal of POST /flights/orders", () => {
    const codes = [
      "validation_error", "invalid_order", "invalid_round_trip", "invalid_passenger", "document_expired", "invalid_seat",
      "not_found", "not_on_sale", "fare_not_in_cabin", "cabin_sold_out", "seat_unavailable", "seat_restricted",
      "passenger_already_booked", "price_changed", "ticket_limit_reached", "idempotency_key_reused",
    ];
    const unknown = orderErrorText(en, readOrderError({ code: "something_new" }));
    for (const code of codes.filter((c) => c !== "price_changed")) {
      expect(orderErrorText(en, readOrderError({ code, passenger: 1, leg: 1 })), code).not.toBe(unknown);
    }
  });
});
