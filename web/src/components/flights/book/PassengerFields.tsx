"use client";

import { useTranslations } from "next-intl";

import { inputClass } from "@/components/organizer/form-controls";
import type { Country } from "@/lib/flights/countries";
import type { PassengerDraft, PassengerErrors, PassengerField } from "@/lib/flights/passenger-form";

/** One passenger's form: type, names (Latin, as in the passport), birth date, nationality and passport. */
export function PassengerFields({
  index,
  draft,
  errors,
  serverError,
  countries,
  onChange,
}: {
  index: number;
  draft: PassengerDraft;
  errors: PassengerErrors;
  serverError: string | null;
  countries: Country[];
  onChange: (draft: PassengerDraft) => void;
}) {
  const t = useTranslations();
  const id = (field: PassengerField) => `p${index}-${field}`;
  const set = (field: PassengerField, value: string) => onChange({ ...draft, [field]: value });

  const problem = (field: PassengerField) => {
    const code = errors[field];
    return code ? (
      <p id={`${id(field)}-error`} className="mt-1 text-sm text-red-700">
        {t(`flights.book.problem.${code}`)}
      </p>
    ) : null;
  };
  const described = (field: PassengerField, hint?: string) =>
    [hint, errors[field] ? `${id(field)}-error` : null].filter(Boolean).join(" ") || undefined;

  const text = (field: PassengerField, label: string, options: { hint?: string; document?: boolean; type?: string; autoComplete?: string } = {}) => (
    <div>
      <label htmlFor={id(field)} className="font-medium">
        {label}
      </label>
      <input
        id={id(field)}
        type={options.type ?? "text"}
        className={inputClass}
        value={draft[field]}
        onChange={(e) => set(field, e.target.value)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={described(field, options.hint)}
        autoComplete={options.document ? "off" : options.autoComplete}
        spellCheck={false}
      />
      {problem(field)}
    </div>
  );

  const country = (field: "nationality" | "issuingCountry", label: string) => (
    <div>
      <label htmlFor={id(field)} className="font-medium">
        {label}
      </label>
      <select
        id={id(field)}
        className={inputClass}
        value={draft[field]}
        onChange={(e) => set(field, e.target.value)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={described(field)}
        autoComplete={field === "issuingCountry" ? "off" : undefined}
      >
        <option value="">{t("flights.book.chooseCountry")}</option>
        {countries.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name} ({c.code})
          </option>
        ))}
      </select>
      {problem(field)}
    </div>
  );

  const latinHint = `p${index}-latin-hint`;
  return (
    <fieldset data-testid="passenger" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-lg font-semibold">{t("flights.book.passenger", { n: String(index + 1) })}</legend>
      <div role="alert" data-testid={`passenger-error-${index + 1}`} className="rounded bg-red-50 p-2 text-sm text-red-800 empty:hidden">
        {serverError}
      </div>
      <div>
        <label htmlFor={id("type")} className="font-medium">
          {t("flights.book.type")}
        </label>
        <select id={id("type")} className={inputClass} value={draft.type} onChange={(e) => set("type", e.target.value === "child" ? "child" : "adult")}>
          <option value="adult">{t("flights.book.adult")}</option>
          <option value="child">{t("flights.book.child")}</option>
        </select>
      </div>
      <p id={latinHint} className="text-sm text-slate-600">
        {t("flights.book.latinHint")}
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        {text("givenName", t("flights.book.givenName"), { hint: latinHint, autoComplete: "off" })}
        {text("familyName", t("flights.book.familyName"), { hint: latinHint, autoComplete: "off" })}
        {text("birthDate", t("flights.book.birthDate"), { type: "date", autoComplete: "off" })}
        {country("nationality", t("flights.book.nationality"))}
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-semibold">{t("flights.book.document")}</legend>
        {text("documentNumber", t("flights.book.documentNumber"), { document: true })}
        {text("documentSeries", t("flights.book.documentSeries"), { document: true })}
        {text("documentExpiry", t("flights.book.documentExpiry"), { type: "date", document: true })}
        {country("issuingCountry", t("flights.book.issuingCountry"))}
      </fieldset>
    </fieldset>
  );
}
