"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";

import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { emptyFare, fareBody, type FareCreate, type FareDraft } from "@/lib/flights/fares";

import { networkError } from "../api-errors";
import { buttonClass, Field, inputClass, secondaryButtonClass } from "../form-controls";
import { AirportCombobox, type Airport } from "@/components/flights/AirportCombobox";
import { describeCarrierError } from "./carrier-errors";
import { FareFields, fareProblemKey } from "./FareFields";

type AircraftRead = components["schemas"]["AircraftRead"];

const MAX_FARES = 12;

/** A new draft route: flight number, airports (autocomplete), aircraft, description and 1–12 fares. */
export function RouteForm({ aircraft }: { aircraft: AircraftRead[] }) {
  const t = useTranslations();
  const router = useRouter();
  const id = useId();
  const [flightNumber, setFlightNumber] = useState("");
  const [origin, setOrigin] = useState<Airport | null>(null);
  const [destination, setDestination] = useState<Airport | null>(null);
  const [aircraftId, setAircraftId] = useState(aircraft[0]?.id ?? "");
  const [description, setDescription] = useState("");
  const [fares, setFares] = useState<FareDraft[]>([emptyFare(1)]);
  const [nextKey, setNextKey] = useState(2);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    if (!flightNumber.trim() || !origin || !destination || !aircraftId) return setError(t("carrier.routeForm.required"));
    if (origin.iata === destination.iata) return setError(t("carrier.routeForm.sameAirport"));
    const bodies: FareCreate[] = [];
    for (const draft of fares) {
      const body = fareBody(draft);
      if (typeof body === "string") return setError(t(fareProblemKey(body)));
      bodies.push(body);
    }
    setBusy(true);
    try {
      const { data, error: failure } = await api.POST("/api/v1/flights/routes", {
        body: {
          flight_number: flightNumber.trim().toUpperCase(),
          origin: origin.iata,
          destination: destination.iata,
          aircraft_id: aircraftId,
          description: description.trim(),
          fares: bodies,
        },
      });
      if (data) {
        router.push(`/organizer/flights/${data.id}`);
        router.refresh();
        return;
      }
      setError(describeCarrierError(t, failure));
    } catch {
      setError(networkError(t));
    }
    setBusy(false);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label={t("carrier.routeForm.title")}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-number`} label={t("carrier.routeForm.flightNumber")}>
          <input
            id={`${id}-number`}
            maxLength={8}
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby={`${id}-number-hint`}
            className={`${inputClass} uppercase`}
            value={flightNumber}
            onChange={(e) => setFlightNumber(e.target.value.toUpperCase())}
          />
          <p id={`${id}-number-hint`} className="mt-1 text-sm text-slate-600">{t("carrier.routeForm.flightNumberHint")}</p>
        </Field>
        <Field id={`${id}-aircraft`} label={t("carrier.routeForm.aircraft")}>
          <select id={`${id}-aircraft`} className={inputClass} value={aircraftId} onChange={(e) => setAircraftId(e.target.value)}>
            {aircraft.map((plane) => (
              <option key={plane.id} value={plane.id}>
                {plane.registration ? `${plane.model} (${plane.registration})` : plane.model} — {plane.seat_count}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <AirportCombobox id={`${id}-origin`} testId="origin-input" label={t("carrier.routeForm.origin")} hintId={`${id}-airport-hint`} value={origin} onChange={setOrigin} />
        <AirportCombobox
          id={`${id}-destination`}
          testId="destination-input"
          label={t("carrier.routeForm.destination")}
          hintId={`${id}-airport-hint`}
          value={destination}
          onChange={setDestination}
        />
      </div>
      <p id={`${id}-airport-hint`} className="text-sm text-slate-600">{t("carrier.routeForm.airportHint")}</p>
      <Field id={`${id}-description`} label={t("carrier.routeForm.description")}>
        <textarea id={`${id}-description`} rows={3} className={inputClass} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">{t("carrier.routeForm.fares")}</legend>
        {fares.map((draft, index) => (
          <fieldset key={draft.key} className="rounded border border-slate-200 p-3" data-testid="fare-fields">
            <legend className="px-1 font-semibold">{t("carrier.routeForm.fareLegend", { number: String(index + 1) })}</legend>
            <FareFields draft={draft} idPrefix={id} onChange={(next) => setFares(fares.map((f) => (f.key === draft.key ? next : f)))} />
            {fares.length > 1 ? (
              <button type="button" className="mt-2 text-sm text-red-700 underline" onClick={() => setFares(fares.filter((f) => f.key !== draft.key))}>
                {t("carrier.routeForm.removeFare", { number: String(index + 1) })}
              </button>
            ) : null}
          </fieldset>
        ))}
        {fares.length < MAX_FARES ? (
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => {
              setFares([...fares, emptyFare(nextKey, fares[0]?.currency)]);
              setNextKey(nextKey + 1);
            }}
          >
            {t("carrier.routeForm.addFare")}
          </button>
        ) : null}
      </fieldset>
      {error ? (
        <p role="alert" aria-live="polite" data-testid="route-error" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" className={buttonClass} disabled={busy} data-testid="create-route">
        {busy ? t("carrier.routeForm.creating") : t("carrier.routeForm.create")}
      </button>
    </form>
  );
}
