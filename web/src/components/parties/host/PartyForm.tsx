"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent, type ReactNode } from "react";

import { buttonClass, Field, inputClass } from "@/components/organizer/form-controls";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import type { PartyDetail } from "@/lib/parties/types";
import { SUGGESTED_TIME_ZONES } from "@/lib/time-zone";

import { partyErrorText } from "../errors";

type PartyBody = components["schemas"]["PartyCreate"] & { approval_required: boolean };
type Defaults = { city: string; country: string; timezone: string; approval: boolean };

function draftOf(party: PartyDetail | null, defaults: Defaults) {
  return {
    title: party?.movie.title ?? "",
    year: party?.movie.year ? String(party.movie.year) : "",
    runtime: party ? String(party.movie.runtime_minutes) : "",
    url: party?.movie.url ?? "",
    poster: party?.movie.poster_url ?? "",
    description: party?.description ?? "",
    placeName: party?.place.name ?? "",
    city: party?.place.city ?? defaults.city,
    country: party?.place.country ?? defaults.country,
    timezone: party?.place.timezone ?? defaults.timezone,
    publicArea: party?.place.public_area ?? "",
    address: party?.place.address ?? "",
    capacity: party ? String(party.capacity) : "8",
    maxPlaces: party ? String(party.max_places_per_guest) : "2",
    buffer: party ? String(party.buffer_minutes) : "30",
    closes: party ? String(party.booking_closes_minutes) : "60",
    approval: party?.approval_required ?? defaults.approval,
  };
}
type Draft = ReturnType<typeof draftOf>;
type TextKey = Exclude<keyof Draft, "approval">;

function bodyOf(d: Draft): PartyBody | null {
  const whole = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value) : NaN);
  const required = [d.title, d.placeName, d.city, d.country, d.timezone, d.publicArea, d.address];
  const numbers = [whole(d.runtime), whole(d.capacity), whole(d.maxPlaces), whole(d.buffer), whole(d.closes)];
  if (required.some((v) => !v.trim()) || numbers.some((n) => Number.isNaN(n))) return null;
  return {
    movie: {
      title: d.title.trim(),
      runtime_minutes: whole(d.runtime),
      year: d.year.trim() ? whole(d.year) : null,
      url: d.url.trim() || null,
      poster_url: d.poster.trim() || null,
    },
    description: d.description.trim(),
    place: {
      name: d.placeName.trim(),
      city: d.city.trim(),
      country: d.country.trim().toUpperCase(),
      timezone: d.timezone.trim(),
      public_area: d.publicArea.trim(),
      address: d.address.trim(),
    },
    capacity: whole(d.capacity),
    max_places_per_guest: whole(d.maxPlaces),
    approval_required: d.approval,
    buffer_minutes: whole(d.buffer),
    booking_closes_minutes: whole(d.closes),
  };
}

/** The party editor: creates a draft (POST /parties) or saves changes (PATCH /parties/{id}). */
export function PartyForm({ party, defaults }: { party: PartyDetail | null; defaults: Defaults }) {
  const t = useTranslations();
  const router = useRouter();
  const id = useId();
  const f = (name: string) => `${id}-${name}`;
  const [draft, setDraft] = useState<Draft>(() => draftOf(party, defaults));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const body = bodyOf(draft);
    if (!body) {
      setError(t("partyHost.form.required"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { data, error: failure } = party
        ? await api.PATCH("/api/v1/parties/{party_id}", { params: { path: { party_id: party.id } }, body })
        : await api.POST("/api/v1/parties", { body });
      if (data && !party) {
        router.push(`/parties/host/${data.id}`);
        return;
      }
      if (data) {
        setSaved(true);
        router.refresh();
      } else setError(partyErrorText(t, failure));
    } catch {
      setError(partyErrorText(t, null));
    }
    setBusy(false);
  }

  const input = (name: TextKey, label: string, opts: { type?: string; hint?: string; required?: boolean; min?: number; max?: number } = {}) => (
    <Field id={f(name)} label={label}>
      <input
        id={f(name)}
        type={opts.type ?? "text"}
        inputMode={opts.type === "number" ? "numeric" : undefined}
        min={opts.min}
        max={opts.max}
        required={opts.required ?? false}
        list={name === "timezone" ? f("zones") : undefined}
        aria-describedby={opts.hint ? f(`${name}-hint`) : undefined}
        className={inputClass}
        value={draft[name]}
        onChange={(e) => setDraft((current) => ({ ...current, [name]: e.target.value }))}
      />
      {opts.hint && (
        <p id={f(`${name}-hint`)} className="mt-1 text-sm text-slate-600">
          {opts.hint}
        </p>
      )}
    </Field>
  );
  const group = (legend: string, children: ReactNode) => (
    <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 font-semibold">{legend}</legend>
      <div className="grid gap-3 sm:grid-cols-2">{children}</div>
    </fieldset>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="party-form">
      {group(
        t("partyHost.form.film"),
        <>
          {input("title", t("partyHost.form.title"), { required: true })}
          {input("year", t("partyHost.form.year"), { type: "number", min: 1888, max: 2100 })}
          {input("runtime", t("partyHost.form.runtime"), { type: "number", required: true, min: 1, max: 600 })}
          {input("url", t("partyHost.form.url"), { type: "url" })}
          {input("poster", t("partyHost.form.poster"), { type: "url" })}
        </>,
      )}
      <Field id={f("description")} label={t("partyHost.form.description")}>
        <textarea
          id={f("description")}
          rows={3}
          maxLength={5000}
          className={inputClass}
          value={draft.description}
          onChange={(e) => setDraft((current) => ({ ...current, description: e.target.value }))}
        />
      </Field>
      {group(
        t("partyHost.form.place"),
        <>
          {input("placeName", t("partyHost.form.placeName"), { required: true })}
          {input("city", t("partyHost.form.city"), { required: true })}
          {input("country", t("partyHost.form.country"), { required: true })}
          {input("timezone", t("partyHost.form.timezone"), { required: true })}
          {input("publicArea", t("partyHost.form.publicArea"), { required: true, hint: t("partyHost.form.publicAreaHint") })}
          {input("address", t("partyHost.form.address"), { required: true, hint: t("partyHost.form.addressHint") })}
        </>,
      )}
      <datalist id={f("zones")}>
        {SUGGESTED_TIME_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      {group(
        t("partyHost.form.rules"),
        <>
          {input("capacity", t("partyHost.form.capacity"), { type: "number", required: true, min: 1, max: 50 })}
          {input("maxPlaces", t("partyHost.form.maxPlaces"), { type: "number", required: true, min: 1, max: 50 })}
          {input("buffer", t("partyHost.form.buffer"), { type: "number", min: 0 })}
          {input("closes", t("partyHost.form.closes"), { type: "number", min: 0 })}
          <label className="flex items-center gap-2 sm:col-span-2">
            <input type="checkbox" checked={draft.approval} onChange={(e) => setDraft((current) => ({ ...current, approval: e.target.checked }))} />
            {t("partyHost.form.approval")}
          </label>
        </>,
      )}
      {error && (
        <p role="alert" aria-live="polite" data-testid="party-form-error" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {error}
        </p>
      )}
      {saved && (
        <p role="status" className="rounded border border-green-200 bg-green-50 p-3 text-green-900">
          {t("partyHost.form.saved")}
        </p>
      )}
      <button type="submit" className={buttonClass} disabled={busy} data-testid="party-save">
        {party ? (busy ? t("partyHost.form.saving") : t("partyHost.form.save")) : busy ? t("partyHost.form.creating") : t("partyHost.form.create")}
      </button>
    </form>
  );
}
