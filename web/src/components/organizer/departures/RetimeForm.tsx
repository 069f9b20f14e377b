"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";

import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { retimeDefaults, retimeTimes, type RetimeInput } from "@/lib/flights/retime";

import { buttonClass, Field, inputClass } from "../form-controls";
import { FeedbackLine, type DepartureAction, type Feedback } from "./useDepartureAction";

type Departure = components["schemas"]["DepartureRead"];

/** New local departure date and time at the origin, and a duration or a local arrival: PATCH with offsets. */
export function RetimeForm({ departure, action }: { departure: Departure; action: DepartureAction }) {
  const t = useTranslations();
  const id = useId();
  const fromZone = departure.departure_timezone;
  const toZone = departure.arrival_timezone;
  const [input, setInput] = useState<RetimeInput>(() => retimeDefaults(departure.departs_at, departure.arrives_at, fromZone, toZone));
  const [reason, setReason] = useState("");
  const [feedback, setFeedback] = useState<Feedback>(null);
  const set = (patch: Partial<RetimeInput>) => setInput((current) => ({ ...current, ...patch }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const times = retimeTimes(input, fromZone, toZone, departure);
    if (!times.ok) {
      setFeedback({ kind: "error", text: t(`departure.retime.problem.${times.problem}`) });
      return;
    }
    setFeedback(null);
    const failure = await action.run("retime", () =>
      api.PATCH("/api/v1/flights/departures/{departure_id}", {
        params: { path: { departure_id: departure.id } },
        body: { departs_at: times.departs_at, arrives_at: times.arrives_at, reason: reason.trim(), reassign: false },
      }),
    );
    setFeedback(failure ? { kind: "error", text: failure } : { kind: "notice", text: t("departure.retime.done") });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby={`${id}-title`} data-testid="retime-form">
      <h3 id={`${id}-title`} className="font-semibold">
        {t("departure.retime.title")}
      </h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-date`} label={t("departure.retime.date", { airport: departure.origin.iata })}>
          <input id={`${id}-date`} type="date" className={inputClass} value={input.date} onChange={(e) => set({ date: e.target.value })} />
        </Field>
        <Field id={`${id}-time`} label={t("departure.retime.time", { zone: fromZone })}>
          <input id={`${id}-time`} type="time" className={inputClass} value={input.time} onChange={(e) => set({ time: e.target.value })} />
        </Field>
      </div>
      <fieldset>
        <legend className="font-medium">{t("departure.retime.mode")}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {(["duration", "arrival"] as const).map((mode) => (
            <label key={mode} className="flex items-center gap-2">
              <input type="radio" name={`${id}-mode`} checked={input.mode === mode} onChange={() => set({ mode })} />
              {mode === "duration" ? t("departure.retime.byDuration") : t("departure.retime.byArrival")}
            </label>
          ))}
        </div>
      </fieldset>
      {input.mode === "duration" ? (
        <Field id={`${id}-duration`} label={t("departure.retime.duration")}>
          <input
            id={`${id}-duration`}
            inputMode="numeric"
            className={inputClass}
            value={input.duration}
            onChange={(e) => set({ duration: e.target.value })}
          />
        </Field>
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={`${id}-adate`} label={t("departure.retime.arrivalDate", { airport: departure.destination.iata })}>
            <input id={`${id}-adate`} type="date" className={inputClass} value={input.arrivalDate} onChange={(e) => set({ arrivalDate: e.target.value })} />
          </Field>
          <Field id={`${id}-atime`} label={t("departure.retime.arrivalTime", { zone: toZone })}>
            <input id={`${id}-atime`} type="time" className={inputClass} value={input.arrivalTime} onChange={(e) => set({ arrivalTime: e.target.value })} />
          </Field>
        </div>
      )}
      <Field id={`${id}-reason`} label={t("departure.retime.reason")}>
        <input id={`${id}-reason`} maxLength={300} className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <FeedbackLine feedback={feedback} testId="retime" />
      <button type="submit" data-testid="retime-submit" className={buttonClass} disabled={action.pending}>
        {action.busy === "retime" ? t("departure.retime.submitting") : t("departure.retime.submit")}
      </button>
    </form>
  );
}
