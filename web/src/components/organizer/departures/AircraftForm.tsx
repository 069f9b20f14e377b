"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";

import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

import { buttonClass, Field, inputClass } from "../form-controls";
import { FeedbackLine, type DepartureAction, type Feedback } from "./useDepartureAction";

type Departure = components["schemas"]["DepartureRead"];
type Aircraft = components["schemas"]["AircraftRead"];

const aircraftName = (a: Aircraft) => `${a.model}${a.registration ? ` (${a.registration})` : ""} — ${a.seat_count}`;

/** Another of the carrier's aircraft for this departure; `reassign` moves passengers whose seat it lacks. */
export function AircraftForm({ departure, fleet, action }: { departure: Departure; fleet: Aircraft[]; action: DepartureAction }) {
  const t = useTranslations();
  const id = useId();
  const [aircraftId, setAircraftId] = useState(departure.aircraft.id);
  const [reassign, setReassign] = useState(false);
  const [reason, setReason] = useState("");
  const [feedback, setFeedback] = useState<Feedback>(null);
  const others = fleet.filter((a) => a.id !== departure.aircraft.id);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (aircraftId === departure.aircraft.id) {
      setFeedback({ kind: "error", text: t("departure.aircraftChange.same") });
      return;
    }
    setFeedback(null);
    const failure = await action.run("aircraft", () =>
      api.PATCH("/api/v1/flights/departures/{departure_id}", {
        params: { path: { departure_id: departure.id } },
        body: { aircraft_id: aircraftId, reassign, reason: reason.trim() },
      }),
    );
    setFeedback(failure ? { kind: "error", text: failure } : { kind: "notice", text: t("departure.aircraftChange.done") });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby={`${id}-title`} data-testid="aircraft-form">
      <h3 id={`${id}-title`} className="font-semibold">
        {t("departure.aircraftChange.title")}
      </h3>
      {others.length === 0 ? (
        <p className="text-sm text-slate-700">{t("departure.aircraftChange.none")}</p>
      ) : (
        <>
          <Field id={`${id}-aircraft`} label={t("departure.aircraftChange.aircraft")}>
            <select id={`${id}-aircraft`} className={inputClass} value={aircraftId} onChange={(e) => setAircraftId(e.target.value)}>
              <option value={departure.aircraft.id}>{t("departure.aircraftChange.current", { name: departure.aircraft.model })}</option>
              {others.map((a) => (
                <option key={a.id} value={a.id}>
                  {aircraftName(a)}
                </option>
              ))}
            </select>
          </Field>
          <label className="flex items-start gap-2">
            <input type="checkbox" className="mt-1" data-testid="reassign" checked={reassign} onChange={(e) => setReassign(e.target.checked)} />
            <span>{t("departure.aircraftChange.reassign")}</span>
          </label>
          <Field id={`${id}-reason`} label={t("departure.aircraftChange.reason")}>
            <input id={`${id}-reason`} maxLength={300} className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <FeedbackLine feedback={feedback} testId="aircraft" />
          <button type="submit" data-testid="aircraft-submit" className={buttonClass} disabled={action.pending}>
            {action.busy === "aircraft" ? t("departure.aircraftChange.submitting") : t("departure.aircraftChange.submit")}
          </button>
        </>
      )}
    </form>
  );
}
