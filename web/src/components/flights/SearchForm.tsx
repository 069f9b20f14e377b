"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";

import { AirportCombobox, type Airport } from "@/components/flights/AirportCombobox";
import { buttonClass, inputClass } from "@/components/organizer/form-controls";
import { CABINS, MAX_PASSENGERS, parseSearch, searchQuery, type FlightSearch, type SearchProblem } from "@/lib/flights/search-params";

/**
 * The flight search: airports from the autocomplete, one way or round trip, dates, party size and cabin. Checks
 * what it can before going to /flights/results (the server is still the judge of dates and airports).
 */
export function SearchForm({
  initial,
  initialAirports = [null, null],
  compact = false,
}: {
  initial?: FlightSearch | null;
  initialAirports?: [Airport | null, Airport | null];
  compact?: boolean;
}) {
  const t = useTranslations();
  const router = useRouter();
  const id = useId();
  const [origin, setOrigin] = useState<Airport | null>(initialAirports[0]);
  const [destination, setDestination] = useState<Airport | null>(initialAirports[1]);
  const [roundTrip, setRoundTrip] = useState(Boolean(initial?.returnDate) || !initial);
  const [departureDate, setDepartureDate] = useState(initial?.departureDate ?? "");
  const [returnDate, setReturnDate] = useState(initial?.returnDate ?? "");
  const [passengers, setPassengers] = useState(String(initial?.passengers ?? 1));
  const [cabin, setCabin] = useState<string>(initial?.cabin ?? "economy");
  const [problems, setProblems] = useState<SearchProblem[]>([]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const { search, problems: found } = parseSearch({
      origin: origin?.iata ?? "",
      destination: destination?.iata ?? "",
      departure_date: departureDate,
      return_date: roundTrip ? returnDate : "",
      passengers,
      cabin,
    });
    const missingReturn = roundTrip && !returnDate ? (["returnDate"] as SearchProblem[]) : [];
    const all = [...found, ...missingReturn.filter((p) => !found.includes(p))];
    setProblems(all);
    if (search && all.length === 0) router.push(`/flights/results?${searchQuery(search)}`);
  }

  const hint = `${id}-airport-hint`;
  const errorsId = `${id}-errors`;
  return (
    <form
      role="search"
      onSubmit={submit}
      noValidate
      aria-describedby={problems.length ? errorsId : undefined}
      data-testid="flight-search"
      className={`grid gap-4 rounded-lg border border-slate-200 bg-white p-4 ${compact ? "sm:grid-cols-2 lg:grid-cols-4" : "sm:grid-cols-2"}`}
    >
      <AirportCombobox id={`${id}-origin`} label={t("flights.search.from")} hintId={hint} value={origin} onChange={setOrigin} testId="search-origin" />
      <AirportCombobox
        id={`${id}-destination`}
        label={t("flights.search.to")}
        hintId={hint}
        value={destination}
        onChange={setDestination}
        testId="search-destination"
      />
      <p id={hint} className={`text-sm text-slate-600 ${compact ? "sm:col-span-2 lg:col-span-4" : "sm:col-span-2"}`}>
        {t("flights.search.airportHint")}
      </p>
      <fieldset className={compact ? "sm:col-span-2 lg:col-span-4" : "sm:col-span-2"}>
        <legend className="font-medium">{t("flights.search.trip")}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {[false, true].map((value) => (
            <label key={String(value)} className="flex items-center gap-2">
              <input
                type="radio"
                name={`${id}-trip`}
                data-testid={value ? "trip-round" : "trip-one-way"}
                checked={roundTrip === value}
                onChange={() => setRoundTrip(value)}
              />
              {value ? t("flights.search.roundTrip") : t("flights.search.oneWay")}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor={`${id}-departure`} className="font-medium">
          {t("flights.search.departureDate")}
        </label>
        <input
          id={`${id}-departure`}
          type="date"
          required
          className={inputClass}
          value={departureDate}
          onChange={(e) => setDepartureDate(e.target.value)}
        />
      </div>
      {roundTrip && (
        <div>
          <label htmlFor={`${id}-return`} className="font-medium">
            {t("flights.search.returnDate")}
          </label>
          <input
            id={`${id}-return`}
            type="date"
            required
            min={departureDate || undefined}
            className={inputClass}
            value={returnDate}
            onChange={(e) => setReturnDate(e.target.value)}
          />
        </div>
      )}
      <div>
        <label htmlFor={`${id}-passengers`} className="font-medium">
          {t("flights.search.passengers")}
        </label>
        <select id={`${id}-passengers`} className={inputClass} value={passengers} onChange={(e) => setPassengers(e.target.value)}>
          {Array.from({ length: MAX_PASSENGERS }, (_, i) => String(i + 1)).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-cabin`} className="font-medium">
          {t("flights.search.cabin")}
        </label>
        <select id={`${id}-cabin`} className={inputClass} value={cabin} onChange={(e) => setCabin(e.target.value)}>
          {CABINS.map((value) => (
            <option key={value} value={value}>
              {t(`flights.cabin.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className={`space-y-2 ${compact ? "sm:col-span-2 lg:col-span-4" : "sm:col-span-2"}`}>
        <ul id={errorsId} role="alert" className="list-inside list-disc text-sm text-red-700 empty:hidden">
          {problems.map((problem) => (
            <li key={problem}>{t(`flights.search.problem.${problem}`)}</li>
          ))}
        </ul>
        <button type="submit" data-testid="search-flights" className={buttonClass}>
          {t("flights.search.submit")}
        </button>
      </div>
    </form>
  );
}
