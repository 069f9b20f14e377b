"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, type FormEvent } from "react";

import { buttonClass } from "@/components/organizer/form-controls";
import { newIdempotencyKey } from "@/components/visitor/BookingForm";
import { api } from "@/lib/api/client";
import { countryList } from "@/lib/flights/countries";
import { errorPlace, legsToReload, markedSeats, readOrderError, type OrderError } from "@/lib/flights/order-errors";
import {
  emptyPassenger,
  hasAdult,
  passengerBody,
  validatePassenger,
  type PassengerDraft,
  type PassengerErrors,
} from "@/lib/flights/passenger-form";
import { priceSummary } from "@/lib/flights/pricing";
import type { CabinClass } from "@/lib/flights/seat-map";
import { restrictedChoices } from "@/lib/flights/seat-picker";

import { orderErrorText } from "./order-error-text";
import { PassengerFields } from "./PassengerFields";
import { PriceSummary } from "./PriceSummary";
import { SeatMapPicker } from "./SeatMapPicker";
import { useSeatMaps } from "./useSeatMaps";

export type BookLeg = {
  leg: number;
  departureId: string;
  fareId: string;
  fareName: string;
  price: number;
  currency: string;
  flightNumber: string;
  origin: string;
  destination: string;
};

/** Passengers, seats per leg, the price, and one POST /flights/orders per attempt (one Idempotency-Key per form). */
export function FlightBookingForm({
  legs,
  passengers: count,
  cabin,
  dates,
}: {
  legs: BookLeg[];
  passengers: number;
  cabin: CabinClass;
  dates: { firstDepartureDate: string; lastArrivalDate: string };
}) {
  const t = useTranslations();
  const lang = useLocale();
  const router = useRouter();
  const countries = useMemo(() => countryList(lang), [lang]);
  const [drafts, setDrafts] = useState<PassengerDraft[]>(() => Array.from({ length: count }, () => emptyPassenger()));
  const [seats, setSeats] = useState<(string | null)[][]>(() => legs.map(() => Array.from({ length: count }, () => null)));
  const [errors, setErrors] = useState<PassengerErrors[]>(() => drafts.map(() => ({})));
  const [formError, setFormError] = useState<string | null>(null);
  const [orderError, setOrderError] = useState<OrderError | null>(null);
  const [changedTotal, setChangedTotal] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  // Kept for the form's life: a double click or a retry after a lost answer cannot book twice. A refusal
  // booked nothing, so the next attempt (with other details) gets a new key.
  const idempotencyKey = useRef<string>(newIdempotencyKey());
  const { states, reload } = useSeatMaps(legs.map((leg) => leg.departureId));

  const summary = priceSummary(
    legs.map((leg) => ({ leg: leg.leg, fareName: leg.fareName, price: leg.price, currency: leg.currency })),
    count,
  );
  const names = drafts.map((d, i) => [d.givenName, d.familyName].filter(Boolean).join(" ") || t("flights.book.passenger", { n: String(i + 1) }));

  function updateDraft(index: number, draft: PassengerDraft) {
    setDrafts((current) => current.map((d, i) => (i === index ? draft : d)));
    if (draft.type === "child") {
      // A child cannot keep an exit-row seat.
      setSeats((current) =>
        current.map((choices, leg) => {
          const cabinMap = states[leg]?.map?.cabins.find((c) => c.cabin === cabin);
          const types = drafts.map((d, i) => (i === index ? "child" : d.type));
          const refused = new Set(restrictedChoices(cabinMap, choices, types));
          return choices.map((code, i) => (refused.has(i) ? null : code));
        }),
      );
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = drafts.map((draft) => validatePassenger(draft, dates));
    setErrors(found);
    setOrderError(null);
    if (found.some((e) => Object.keys(e).length > 0)) {
      setFormError(t("flights.book.fixErrors"));
      return;
    }
    if (!hasAdult(drafts)) {
      setFormError(t("flights.book.needAdult"));
      return;
    }
    setFormError(null);
    setBusy(true);
    try {
      const { data, error, response } = await api.POST("/api/v1/flights/orders", {
        params: { header: { "Idempotency-Key": idempotencyKey.current } },
        body: {
          cabin,
          legs: legs.map((leg) => ({ departure_id: leg.departureId, fare_id: leg.fareId })),
          passengers: drafts.map((draft, i) => passengerBody(draft, seats.map((choices) => choices[i] ?? null))),
          expected_total: changedTotal ?? summary.total,
        },
      });
      if (data) {
        router.push(`/flights/orders/${data.id}`);
        return;
      }
      if (response.status >= 400 && response.status < 500) idempotencyKey.current = newIdempotencyKey();
      const refused = readOrderError(error);
      setOrderError(refused);
      if (refused.code === "price_changed" && refused.total !== null) setChangedTotal(refused.total);
      for (const leg of legsToReload(refused)) void reload(leg - 1);
      if (errorPlace(refused) === "form") setFormError(orderErrorText(t, refused));
    } catch {
      // No answer: the same key is sent again on retry, so the order is made at most once.
      setFormError(t("flights.book.error.unknown"));
    }
    setBusy(false);
  }

  const place = orderError ? errorPlace(orderError) : null;
  const passengerMessage = (index: number) =>
    orderError && place === "passenger" && orderError.passenger === index + 1 ? orderErrorText(t, orderError) : null;
  const seatMessage = (leg: number) =>
    orderError && place === "seats" && orderError.seats.some((s) => s.leg === leg) ? orderErrorText(t, orderError) : null;

  return (
    <form onSubmit={submit} noValidate className="space-y-8" data-testid="flight-booking-form">
      <section aria-labelledby="passengers-heading" className="space-y-4">
        <h2 id="passengers-heading" className="text-xl font-semibold">
          {t("flights.book.passengers")}
        </h2>
        {drafts.map((draft, index) => (
          <PassengerFields
            key={index}
            index={index}
            draft={draft}
            errors={errors[index] ?? {}}
            serverError={passengerMessage(index)}
            countries={countries}
            onChange={(next) => updateDraft(index, next)}
          />
        ))}
      </section>

      <section aria-labelledby="seats-heading" className="space-y-4">
        <h2 id="seats-heading" className="text-xl font-semibold">
          {t("flights.seats.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("flights.seats.intro")}</p>
        {legs.map((leg, index) => (
          <SeatMapPicker
            key={leg.leg}
            leg={leg.leg}
            title={t("flights.seats.legTitle", { flight: leg.flightNumber, origin: leg.origin, destination: leg.destination })}
            orderCabin={cabin}
            state={states[index] ?? { map: null, loading: true, failed: false }}
            passengers={drafts.map((d, i) => ({ name: names[i] ?? String(i + 1), type: d.type }))}
            choices={seats[index] ?? []}
            onChange={(choices) => setSeats((current) => current.map((c, i) => (i === index ? choices : c)))}
            conflicts={markedSeats(orderError, leg.leg)}
            message={seatMessage(leg.leg)}
            onReload={() => void reload(index)}
          />
        ))}
      </section>

      <PriceSummary summary={summary} changedTotal={changedTotal} />

      <div className="space-y-3">
        <div role="alert" data-testid="booking-error" className="rounded bg-red-50 p-3 text-red-800 empty:hidden">
          {formError}
        </div>
        <button type="submit" data-testid="book-flight" disabled={busy} className={`${buttonClass} w-full py-3 text-lg`}>
          {busy ? t("flights.book.submitting") : t("flights.book.submit")}
        </button>
      </div>
    </form>
  );
}
