"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";

import type { components } from "@/lib/api/schema";
import { isoToVenueLocal, venueLocalToIso } from "@/lib/time-zone";

import { Field, inputClass } from "../form-controls";
import { EditorDialog, saveChanges } from "./EditorDialog";
import { smallLinkButtonClass, type SessionRead } from "./types";

type SessionUpdate = components["schemas"]["SessionUpdate"];

/**
 * "Edit" on a session row: start, end (venue wall-clock time) and capacity. Only changed fields are sent;
 * `onSave` returns the error to show in the dialog, or null when saved (the dialog then closes). A session
 * with a seat map has no capacity field: its capacity changes as seats are blocked or released.
 */
export function EditSessionDialog({
  session,
  capacity,
  taken,
  timeZone,
  when,
  busy,
  disabled,
  onSave,
}: {
  session: SessionRead;
  capacity: number;
  /** Seats already sold or held, when known: the capacity cannot go below them. */
  taken: number | null;
  timeZone: string;
  when: string;
  busy: boolean;
  disabled: boolean;
  onSave: (body: SessionUpdate) => Promise<string | null>;
}) {
  const t = useTranslations();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const [seats, setSeats] = useState("");
  const [error, setError] = useState<string | null>(null);
  const initialStart = isoToVenueLocal(session.starts_at, timeZone) ?? "";
  const initialEnd = isoToVenueLocal(session.ends_at, timeZone) ?? "";
  const seated = Boolean(session.seat_map_id);

  function openChange(next: boolean) {
    if (next) {
      setStartsAt(initialStart);
      setEndsAt(initialEnd);
      setSeats(String(capacity));
      setError(null);
    }
    setOpen(next);
  }

  async function save() {
    setError(null);
    if (!startsAt || !endsAt || (!seated && !seats.trim())) {
      setError(seated ? t("org.sessions.requiredTimes") : t("org.sessions.required"));
      return;
    }
    const count = Number(seats);
    if (!seated && (!Number.isInteger(count) || count < 1)) {
      setError(t("org.sessions.badCapacity"));
      return;
    }
    const start = venueLocalToIso(startsAt, timeZone);
    const end = venueLocalToIso(endsAt, timeZone);
    if (!start || !end) {
      setError(t("org.sessions.required"));
      return;
    }
    if (new Date(end) <= new Date(start)) {
      setError(t("org.sessions.endBeforeStart"));
      return;
    }
    // Compare the wall-clock text, not instants: an untouched time in a repeated (DST) hour stays as it is.
    const body: SessionUpdate = {};
    if (startsAt !== initialStart) body.starts_at = start;
    if (endsAt !== initialEnd) body.ends_at = end;
    if (!seated && count !== capacity) body.capacity = count;
    await saveChanges(body, onSave, () => setOpen(false), setError);
  }

  return (
    <EditorDialog
      open={open}
      onOpenChange={openChange}
      trigger={
        // The name says which session; it starts with the visible word, and adds no text to the page.
        <button
          type="button"
          data-testid="edit-session"
          disabled={disabled}
          aria-label={t("org.sessions.editLabel", { date: when })}
          className={smallLinkButtonClass}
        >
          {t("org.editor.edit")}
        </button>
      }
      title={t("org.sessions.editTitle")}
      description={t("org.sessions.editBody", { date: when, timezone: timeZone })}
      busy={busy}
      error={error}
      closeLabel={t("org.editor.close")}
      submitLabel={busy ? t("org.editor.saving") : t("org.editor.save")}
      submitTestId="edit-session-save"
      onSubmit={save}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-starts`} label={t("org.sessions.startsAt")}>
          <input
            id={`${id}-starts`}
            type="datetime-local"
            required
            className={inputClass}
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
          />
        </Field>
        <Field id={`${id}-ends`} label={t("org.sessions.endsAt")}>
          <input
            id={`${id}-ends`}
            type="datetime-local"
            required
            min={startsAt || undefined}
            className={inputClass}
            value={endsAt}
            onChange={(e) => setEndsAt(e.target.value)}
          />
        </Field>
      </div>
      {seated ? (
        <p className="text-sm text-slate-600">{t("org.sessions.capacitySeated", { capacity: String(capacity) })}</p>
      ) : (
        <Field id={`${id}-capacity`} label={t("org.sessions.capacityInput")}>
          <input
            id={`${id}-capacity`}
            type="number"
            inputMode="numeric"
            min={Math.max(1, taken ?? 1)}
            max={1000000}
            step={1}
            required
            aria-describedby={taken !== null ? `${id}-capacity-hint` : undefined}
            className={inputClass}
            value={seats}
            onChange={(e) => setSeats(e.target.value)}
          />
          {taken !== null && (
            <p id={`${id}-capacity-hint`} className="mt-1 text-sm text-slate-600">
              {t("org.sessions.capacityHint", { taken: String(taken) })}
            </p>
          )}
        </Field>
      )}
    </EditorDialog>
  );
}
