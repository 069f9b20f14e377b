"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";

import { api } from "@/lib/api/client";
import { SUGGESTED_TIME_ZONES } from "@/lib/time-zone";

import { describeApiError, networkError } from "./api-errors";
import { buttonClass, Field, inputClass, isCategorySlug, toCategorySlug } from "./form-controls";

const CATEGORIES = ["concerts", "theatre", "stand-up", "sports", "exhibitions", "festivals", "kids", "education", "other"];

export function EventForm() {
  const router = useRouter();
  const t = useTranslations();
  const id = useId();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [category, setCategory] = useState("");
  const [venueName, setVenueName] = useState("");
  const [address, setAddress] = useState("");
  const [city, setCity] = useState("");
  const [country, setCountry] = useState("KZ");
  const [timezone, setTimezone] = useState("Asia/Almaty");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const slug = toCategorySlug(category) || "other";
    const countryCode = country.trim().toUpperCase();
    if (!title.trim() || !venueName.trim() || !city.trim() || !countryCode || !timezone.trim()) {
      setError(t("org.form.required"));
      return;
    }
    if (!isCategorySlug(slug)) {
      setError(t("org.form.badCategory"));
      return;
    }
    if (!/^[A-Z]{2}$/.test(countryCode)) {
      setError(t("org.form.badCountry"));
      return;
    }
    setBusy(true);
    try {
      const { data, error: apiError } = await api.POST("/api/v1/events", {
        body: {
          kind: "event",
          title: title.trim(),
          description,
          category: slug,
          tags: [],
          venue: {
            name: venueName.trim(),
            address: address.trim(),
            city: city.trim(),
            country: countryCode,
            timezone: timezone.trim(),
          },
        },
      });
      if (data) {
        router.push(`/organizer/events/${data.id}`);
        return; // stay busy until the new page replaces this one
      }
      setError(describeApiError(t, apiError));
    } catch {
      setError(networkError(t));
    }
    setBusy(false);
  }

  const field = (name: string) => `${id}-${name}`;

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-busy={busy}>
      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">{t("org.form.details")}</legend>
        <Field id={field("title")} label={t("org.form.title")}>
          <input
            id={field("title")}
            name="title"
            required
            maxLength={200}
            className={inputClass}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </Field>
        <Field id={field("description")} label={t("org.form.description")}>
          <textarea
            id={field("description")}
            name="description"
            rows={5}
            maxLength={20000}
            className={inputClass}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </Field>
        <Field id={field("category")} label={t("org.form.category")}>
          <input
            id={field("category")}
            name="category"
            list={field("categories")}
            maxLength={60}
            autoCapitalize="none"
            aria-describedby={field("category-hint")}
            className={inputClass}
            value={category}
            onChange={(e) => setCategory(e.target.value)}
          />
          <datalist id={field("categories")}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <p id={field("category-hint")} className="mt-1 text-sm text-slate-600">
            {t("org.form.categoryHint")}
          </p>
        </Field>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">{t("org.form.venue")}</legend>
        <Field id={field("venue")} label={t("org.form.venueName")}>
          <input
            id={field("venue")}
            name="venue_name"
            required
            maxLength={200}
            className={inputClass}
            value={venueName}
            onChange={(e) => setVenueName(e.target.value)}
          />
        </Field>
        <Field id={field("address")} label={t("org.form.address")}>
          <input
            id={field("address")}
            name="address"
            maxLength={300}
            autoComplete="street-address"
            className={inputClass}
            value={address}
            onChange={(e) => setAddress(e.target.value)}
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id={field("city")} label={t("org.form.city")}>
            <input
              id={field("city")}
              name="city"
              required
              maxLength={100}
              className={inputClass}
              value={city}
              onChange={(e) => setCity(e.target.value)}
            />
          </Field>
          <Field id={field("country")} label={t("org.form.country")}>
            <input
              id={field("country")}
              name="country"
              required
              maxLength={2}
              autoCapitalize="characters"
              aria-describedby={field("country-hint")}
              className={`${inputClass} uppercase`}
              value={country}
              onChange={(e) => setCountry(e.target.value.toUpperCase())}
            />
            <p id={field("country-hint")} className="mt-1 text-sm text-slate-600">
              {t("org.form.countryHint")}
            </p>
          </Field>
          <Field id={field("timezone")} label={t("org.form.timezone")}>
            <input
              id={field("timezone")}
              name="timezone"
              required
              maxLength={64}
              list={field("timezones")}
              autoCapitalize="none"
              aria-describedby={field("timezone-hint")}
              className={inputClass}
              value={timezone}
              onChange={(e) => setTimezone(e.target.value)}
            />
            <datalist id={field("timezones")}>
              {SUGGESTED_TIME_ZONES.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </Field>
        </div>
        <p id={field("timezone-hint")} className="text-sm text-slate-600">
          {t("org.form.timezoneHint")}
        </p>
      </fieldset>

      {error && (
        <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {error}
        </p>
      )}

      <button type="submit" className={`${buttonClass} w-full sm:w-auto`} disabled={busy}>
        {busy ? t("org.form.creating") : t("org.form.create")}
      </button>
    </form>
  );
}
