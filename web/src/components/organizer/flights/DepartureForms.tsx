"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";

import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { isoWithOffset, zonedLocalToIso } from "@/lib/time-zone";

import { buttonClass, Field, inputClass } from "../form-controls";
import { SectionFeedback, type RouteActions, type RouteSection } from "./useRouteActions";

type RouteRead = components["schemas"]["RouteRead"];
type DeparturesCreate = components["schemas"]["DeparturesCreate"];

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const readMinutes = (text: string) => (/^\s*\d{1,4}\s*$/.test(text) && Number(text) >= 1 ? Number(text) : null);

function useAdd(route: RouteRead, actions: RouteActions) {
  const t = useTranslations();
  return (key: string, section: RouteSection, body: DeparturesCreate) =>
    actions.run(
      key,
      section,
      () => api.POST("/api/v1/flights/routes/{route_id}/departures", { params: { path: { route_id: route.id } }, body }),
      (data) => t("carrier.addDeparture.added", { count: String(data.items.length) }),
    );
}

/** One departure: a local date and time at the origin and a duration; arrival is written in the destination's offset. */
export function AddDepartureForm({ route, actions }: { route: RouteRead; actions: RouteActions }) {
  const t = useTranslations();
  const id = useId();
  const add = useAdd(route, actions);
  const [date, setDate] = useState("");
  const [time, setTime] = useState("");
  const [duration, setDuration] = useState("");

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const minutes = readMinutes(duration);
    const departsAt = zonedLocalToIso(date, time, route.origin.timezone);
    if (minutes === null || departsAt === null) return actions.fail("single", t("carrier.addDeparture.required"));
    const arrivesAt = isoWithOffset(Date.parse(departsAt) + minutes * 60_000, route.destination.timezone);
    if (arrivesAt === null) return actions.fail("single", t("carrier.addDeparture.required"));
    const { failure } = await add("single", "single", { departs_at: departsAt, arrives_at: arrivesAt });
    if (failure === null) setTime("");
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">{t("carrier.addDeparture.title")}</h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id={`${id}-date`} label={t("carrier.addDeparture.date", { airport: route.origin.iata })}>
          <input id={`${id}-date`} type="date" className={inputClass} value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
        <Field id={`${id}-time`} label={t("carrier.addDeparture.time", { zone: route.origin.timezone })}>
          <input id={`${id}-time`} type="time" className={inputClass} value={time} onChange={(e) => setTime(e.target.value)} />
        </Field>
        <Field id={`${id}-duration`} label={t("carrier.addDeparture.duration")}>
          <input id={`${id}-duration`} type="number" min={1} inputMode="numeric" className={inputClass} value={duration} onChange={(e) => setDuration(e.target.value)} />
        </Field>
      </div>
      <SectionFeedback actions={actions} section="single" />
      <button type="submit" className={buttonClass} disabled={actions.pending} data-testid="add-departure">
        {actions.busy === "single" ? t("carrier.addDeparture.adding") : t("carrier.addDeparture.add")}
      </button>
    </form>
  );
}

/** A weekly schedule: dates (inclusive), ISO weekdays, a local time at the origin and a duration. */
export function ScheduleForm({ route, actions }: { route: RouteRead; actions: RouteActions }) {
  const t = useTranslations();
  const id = useId();
  const add = useAdd(route, actions);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [time, setTime] = useState("");
  const [duration, setDuration] = useState("");

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const minutes = readMinutes(duration);
    if (!from || !to || weekdays.length === 0 || !/^\d{2}:\d{2}$/.test(time) || minutes === null) {
      return actions.fail("schedule", t("carrier.schedule.required"));
    }
    const schedule = { from, to, weekdays: [...weekdays].sort((a, b) => a - b), departure_local_time: time, duration_minutes: minutes };
    const { failure } = await add("schedule", "schedule", { schedule });
    if (failure === null) setWeekdays([]);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">{t("carrier.schedule.title")}</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-from`} label={t("carrier.schedule.from")}>
          <input id={`${id}-from`} type="date" className={inputClass} value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field id={`${id}-to`} label={t("carrier.schedule.to")}>
          <input id={`${id}-to`} type="date" className={inputClass} value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
      </div>
      <fieldset>
        <legend className="font-medium">{t("carrier.schedule.weekdays")}</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {WEEKDAYS.map((day) => (
            <label key={day} className="flex items-center gap-1">
              <input
                type="checkbox"
                className="h-4 w-4"
                data-testid={`weekday-${day}`}
                checked={weekdays.includes(day)}
                onChange={(e) => setWeekdays(e.target.checked ? [...weekdays, day] : weekdays.filter((d) => d !== day))}
              />
              {t(`carrier.schedule.day${day}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-time`} label={t("carrier.schedule.time", { zone: route.origin.timezone })}>
          <input id={`${id}-time`} type="time" className={inputClass} value={time} onChange={(e) => setTime(e.target.value)} />
        </Field>
        <Field id={`${id}-duration`} label={t("carrier.schedule.duration")}>
          <input id={`${id}-duration`} type="number" min={1} inputMode="numeric" className={inputClass} value={duration} onChange={(e) => setDuration(e.target.value)} />
        </Field>
      </div>
      <SectionFeedback actions={actions} section="schedule" />
      <button type="submit" className={buttonClass} disabled={actions.pending} data-testid="add-schedule">
        {actions.busy === "schedule" ? t("carrier.schedule.adding") : t("carrier.schedule.add")}
      </button>
    </form>
  );
}
