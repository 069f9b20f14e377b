"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState, type FormEvent } from "react";

import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { parseRowList, parseSeatList, previewSeatMap, type SeatMapInput } from "@/lib/flights/seat-map";

import { networkError } from "../api-errors";
import { describeCarrierError } from "../flights/carrier-errors";
import { buttonClass, Field, inputClass, secondaryButtonClass } from "../form-controls";
import { CabinFields, type CabinDraft } from "./CabinFields";
import { SeatMapPreview } from "./SeatMapPreview";

type AircraftCreate = components["schemas"]["AircraftCreate"];

const wholeNumber = (text: string) => (/^\s*\d{1,3}\s*$/.test(text) ? Number(text) : Number.NaN);

/** The seat-map body the builder's fields describe, and the comma-separated tokens it could not read. */
function readForm(cabins: CabinDraft[], lists: Record<"skip" | "exit" | "legroom" | "blocked", string>) {
  const skip = parseRowList(lists.skip);
  const exit = parseRowList(lists.exit);
  const legroom = parseRowList(lists.legroom);
  const blocked = parseSeatList(lists.blocked);
  const input: SeatMapInput = {
    cabins: cabins.map((c) => ({
      cabin: c.cabin,
      first_row: wholeNumber(c.firstRow),
      last_row: wholeNumber(c.lastRow),
      layout: c.layout.trim().toUpperCase(),
    })),
    skip_rows: skip.values,
    exit_rows: exit.values,
    extra_legroom_rows: legroom.values,
    blocked_seats: blocked.values,
  };
  const invalid = { skip: skip.invalid, exit: exit.invalid, legroom: legroom.invalid, blocked: blocked.invalid };
  return { input, invalid };
}

export function AircraftBuilder() {
  const t = useTranslations();
  const router = useRouter();
  const id = useId();
  const [model, setModel] = useState("");
  const [registration, setRegistration] = useState("");
  const [cabins, setCabins] = useState<CabinDraft[]>([
    { key: 1, cabin: "economy", firstRow: "1", lastRow: "20", layout: "ABC-DEF" },
  ]);
  const [nextKey, setNextKey] = useState(2);
  const [lists, setLists] = useState({ skip: "", exit: "", legroom: "", blocked: "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const { input, invalid } = useMemo(() => readForm(cabins, lists), [cabins, lists]);
  const preview = useMemo(() => previewSeatMap(input), [input]);
  const unreadable = Object.values(invalid).some((tokens) => tokens.length > 0);

  function addCabin() {
    const used = new Set(cabins.map((c) => c.cabin));
    const cabin = (["business", "first", "premium_economy", "economy"] as const).find((c) => !used.has(c)) ?? "economy";
    const lastRow = Math.max(0, ...input.cabins.map((c) => (Number.isFinite(c.last_row) ? c.last_row : 0)));
    setCabins([...cabins, { key: nextKey, cabin, firstRow: String(lastRow + 1), lastRow: String(lastRow + 5), layout: "ABC-DEF" }]);
    setNextKey(nextKey + 1);
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    if (!model.trim() || cabins.length === 0) return setError(t("carrier.builder.required"));
    if (preview.problems.length > 0 || unreadable) return setError(t("carrier.builder.fixProblems"));
    const body: AircraftCreate = { ...input, model: model.trim(), registration: registration.trim() || null };
    setBusy(true);
    try {
      const { data, error: failure } = await api.POST("/api/v1/flights/aircraft", { body });
      if (data) {
        router.push("/organizer/aircraft");
        router.refresh();
        return;
      }
      setError(describeCarrierError(t, failure));
    } catch {
      setError(networkError(t));
    }
    setBusy(false);
  }

  const listField = (name: keyof typeof lists, label: string, hint: string, bad: string[], seats = false) => (
    <Field id={`${id}-${name}`} label={label}>
      <input
        id={`${id}-${name}`}
        spellCheck={false}
        aria-describedby={`${id}-${name}-hint`}
        aria-invalid={bad.length > 0 || undefined}
        className={inputClass}
        value={lists[name]}
        onChange={(e) => setLists({ ...lists, [name]: e.target.value })}
      />
      <p id={`${id}-${name}-hint`} className="mt-1 text-sm text-slate-600">
        {hint}
        {bad.length > 0 ? (
          <span className="block text-red-700">
            {t(seats ? "carrier.builder.notSeats" : "carrier.builder.notNumbers", { values: bad.join(", ") })}
          </span>
        ) : null}
      </p>
    </Field>
  );

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <form onSubmit={submit} noValidate className="space-y-4" aria-label={t("carrier.builder.title")}>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={`${id}-model`} label={t("carrier.builder.model")}>
            <input
              id={`${id}-model`}
              required
              maxLength={100}
              aria-describedby={`${id}-model-hint`}
              className={inputClass}
              value={model}
              onChange={(e) => setModel(e.target.value)}
            />
            <p id={`${id}-model-hint`} className="mt-1 text-sm text-slate-600">{t("carrier.builder.modelHint")}</p>
          </Field>
          <Field id={`${id}-registration`} label={t("carrier.builder.registration")}>
            <input
              id={`${id}-registration`}
              maxLength={10}
              aria-describedby={`${id}-registration-hint`}
              className={`${inputClass} uppercase`}
              value={registration}
              onChange={(e) => setRegistration(e.target.value.toUpperCase())}
            />
            <p id={`${id}-registration-hint`} className="mt-1 text-sm text-slate-600">
              {t("carrier.builder.registrationHint")}
            </p>
          </Field>
        </div>
        <fieldset className="space-y-3">
          <legend className="text-lg font-semibold">{t("carrier.builder.cabins")}</legend>
          <p id={`${id}-layout-hint`} className="text-sm text-slate-600">{t("carrier.builder.layoutHint")}</p>
          {cabins.map((draft, index) => (
            <CabinFields
              key={draft.key}
              draft={draft}
              number={index + 1}
              idPrefix={id}
              canRemove={cabins.length > 1}
              onChange={(next) => setCabins(cabins.map((c) => (c.key === draft.key ? next : c)))}
              onRemove={() => setCabins(cabins.filter((c) => c.key !== draft.key))}
            />
          ))}
          {cabins.length < 4 ? (
            <button type="button" className={secondaryButtonClass} onClick={addCabin} data-testid="add-cabin">
              {t("carrier.builder.addCabin")}
            </button>
          ) : null}
        </fieldset>
        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className="text-lg font-semibold">{t("carrier.builder.rows")}</legend>
          {listField("skip", t("carrier.builder.skipRows"), t("carrier.builder.skipRowsHint"), invalid.skip)}
          {listField("exit", t("carrier.builder.exitRows"), t("carrier.builder.exitRowsHint"), invalid.exit)}
          {listField("legroom", t("carrier.builder.legroomRows"), t("carrier.builder.legroomRowsHint"), invalid.legroom)}
          {listField("blocked", t("carrier.builder.blockedSeats"), t("carrier.builder.blockedSeatsHint"), invalid.blocked, true)}
        </fieldset>
        {error ? (
          <p role="alert" aria-live="polite" data-testid="aircraft-error" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
            {error}
          </p>
        ) : null}
        <button type="submit" className={buttonClass} disabled={busy} data-testid="create-aircraft">
          {busy ? t("carrier.builder.creating") : t("carrier.builder.create")}
        </button>
      </form>
      <SeatMapPreview preview={preview} />
    </div>
  );
}
