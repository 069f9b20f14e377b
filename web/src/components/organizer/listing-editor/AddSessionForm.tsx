"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";

import { venueLocalToIso } from "@/lib/time-zone";

import { buttonClass, Field, inputClass } from "../form-controls";
import { SectionAlert } from "./SectionFeedback";
import type { EventDetail, SeatMapSummary } from "./types";
import type { ListingActions } from "./useListingActions";

/**
 * A new session: start and end as wall-clock time in the venue's zone, and a capacity; or, with one of the
 * venue's seat maps, no capacity: the session sells the map's seats.
 */
export function AddSessionForm({
  event,
  seatMaps,
  actions,
}: {
  event: EventDetail;
  seatMaps: readonly SeatMapSummary[];
  actions: ListingActions;
}) {
  const t = useTranslations();
  const id = useId();
  const field = (name: string) => `${id}-${name}`;
  const timeZone = event.venue?.timezone ?? "UTC";
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const [capacity, setCapacity] = useState("");
  const [seatMapId, setSeatMapId] = useState("");
  const seated = seatMapId !== "";

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!startsAt || !endsAt || (!seated && !capacity.trim())) {
      actions.fail("sessions", seated ? t("org.sessions.requiredTimes") : t("org.sessions.required"));
      return;
    }
    const seats = Number(capacity);
    if (!seated && (!Number.isInteger(seats) || seats < 1)) {
      actions.fail("sessions", t("org.sessions.badCapacity"));
      return;
    }
    const start = venueLocalToIso(startsAt, timeZone);
    const end = venueLocalToIso(endsAt, timeZone);
    if (!start || !end) {
      actions.fail("sessions", t("org.sessions.required"));
      return;
    }
    if (new Date(end) <= new Date(start)) {
      actions.fail("sessions", t("org.sessions.endBeforeStart"));
      return;
    }
    const body = seated ? { starts_at: start, ends_at: end, seat_map_id: seatMapId } : { starts_at: start, ends_at: end, capacity: seats };
    if (await actions.addSession(body)) {
      setStartsAt("");
      setEndsAt("");
      setCapacity("");
    }
  }

  return (
    <form onSubmit={add} noValidate className="space-y-3 border-t border-slate-200 pt-4">
      <h3 className="font-semibold">{t("org.sessions.add")}</h3>
      <p id={field("times-hint")} className="text-sm text-slate-600">
        {t("org.sessions.timesHint", { timezone: timeZone })}
      </p>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id={field("starts")} label={t("org.sessions.startsAt")}>
          <input
            id={field("starts")}
            type="datetime-local"
            required
            aria-describedby={field("times-hint")}
            className={inputClass}
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
          />
        </Field>
        <Field id={field("ends")} label={t("org.sessions.endsAt")}>
          <input
            id={field("ends")}
            type="datetime-local"
            required
            min={startsAt || undefined}
            aria-describedby={field("times-hint")}
            className={inputClass}
            value={endsAt}
            onChange={(e) => setEndsAt(e.target.value)}
          />
        </Field>
        {!seated && (
          <Field id={field("capacity")} label={t("org.sessions.capacityInput")}>
            <input
              id={field("capacity")}
              type="number"
              inputMode="numeric"
              min={1}
              max={1000000}
              step={1}
              required
              className={inputClass}
              value={capacity}
              onChange={(e) => setCapacity(e.target.value)}
            />
          </Field>
        )}
      </div>
      {seatMaps.length > 0 && (
        <Field id={field("seat-map")} label={t("org.sessions.seatMap")}>
          <select
            id={field("seat-map")}
            aria-describedby={field("seat-map-hint")}
            className={inputClass}
            value={seatMapId}
            onChange={(e) => setSeatMapId(e.target.value)}
          >
            <option value="">{t("org.sessions.noSeatMap")}</option>
            {seatMaps.map((map) => (
              <option key={map.id} value={map.id}>
                {t("org.sessions.seatMapOption", { name: map.name, seats: String(map.seat_count) })}
              </option>
            ))}
          </select>
          <p id={field("seat-map-hint")} className="mt-1 text-sm text-slate-600">
            {t("org.sessions.seatMapHint")}
          </p>
        </Field>
      )}
      <SectionAlert error={actions.error} section="sessions" />
      <button type="submit" className={buttonClass} disabled={actions.busy !== null}>
        {actions.busy === "session" ? t("org.sessions.adding") : t("org.sessions.addButton")}
      </button>
    </form>
  );
}
