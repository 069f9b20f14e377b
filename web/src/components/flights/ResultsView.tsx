"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { buttonClass } from "@/components/organizer/form-controls";
import type { components } from "@/lib/api/schema";
import { selectionTotal } from "@/lib/flights/pricing";
import { bookingQuery, type FlightSearch } from "@/lib/flights/search-params";
import { formatMoney } from "@/lib/money";
import { formatDateIn } from "@/lib/time-zone";

import { OptionCard } from "./OptionCard";

type SearchResult = components["schemas"]["SearchResult"];
type Choice = { departureId: string; fareId: string; total: number; currency: string };

/** The outbound and (round trip) return lists; one fare per slice, then on to booking. */
export function ResultsView({ result, search }: { result: SearchResult; search: FlightSearch }) {
  const t = useTranslations();
  const lang = useLocale();
  const router = useRouter();
  const [choices, setChoices] = useState<(Choice | null)[]>(() => result.slices.map(() => null));
  const total = selectionTotal(choices.map((choice) => choice?.total ?? null));
  const currency = choices.find((choice) => choice)?.currency ?? null;
  const complete = choices.every((choice) => choice !== null) && result.slices.every((slice) => slice.options.length > 0);

  function proceed() {
    const legs = choices.flatMap((choice) => (choice ? [{ departureId: choice.departureId, fareId: choice.fareId }] : []));
    router.push(`/flights/book?${bookingQuery(search, legs)}`);
  }

  return (
    <div className="space-y-8">
      <p className="text-sm text-slate-600">{t("flights.results.localTimes")}</p>
      {result.slices.map((slice, index) => {
        // The slice date is the local date at the airport it leaves from.
        const date = formatDateIn(`${slice.date}T12:00:00Z`, "UTC", lang);
        return (
          <section key={slice.direction} aria-labelledby={`slice-${slice.direction}`} data-testid={`slice-${slice.direction}`} className="space-y-3">
            <h2 id={`slice-${slice.direction}`} className="text-xl font-semibold">
              {slice.direction === "outbound" ? t("flights.results.outbound", { date }) : t("flights.results.return", { date })}{" "}
              <span className="font-normal text-slate-600">
                {slice.origin.city} ({slice.origin.iata}) → {slice.destination.city} ({slice.destination.iata})
              </span>
            </h2>
            {slice.options.length === 0 ? (
              <p data-testid="slice-empty" className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
                {t("flights.results.empty")}
              </p>
            ) : (
              <ul className="space-y-3">
                {slice.options.map((option) => (
                  <OptionCard
                    key={option.departure_id}
                    option={option}
                    passengers={search.passengers}
                    groupName={`fare-${slice.direction}`}
                    chosenFareId={choices[index]?.departureId === option.departure_id ? (choices[index]?.fareId ?? null) : null}
                    onChoose={(fareId) => {
                      const fare = option.fares.find((f) => f.fare_id === fareId);
                      if (!fare) return;
                      setChoices((current) =>
                        current.map((choice, i) =>
                          i === index ? { departureId: option.departure_id, fareId, total: fare.total, currency: fare.currency } : choice,
                        ),
                      );
                    }}
                  />
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <div className="sticky bottom-0 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow">
        <p aria-live="polite">
          {total !== null && currency ? (
            <>
              {t("flights.results.total")}:{" "}
              <span data-testid="selection-total" className="text-lg font-semibold">
                {formatMoney(total, currency, lang)}
              </span>
            </>
          ) : (
            <span className="text-slate-600">{t("flights.results.chooseEach")}</span>
          )}
        </p>
        <button type="button" data-testid="continue-booking" className={buttonClass} disabled={!complete} onClick={proceed}>
          {t("flights.results.continue")}
        </button>
      </div>
    </div>
  );
}
