"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";

import { buttonClass, Field, inputClass } from "@/components/organizer/form-controls";
import { api } from "@/lib/api/client";
import type { HostProfile } from "@/lib/parties/types";
import { SUGGESTED_TIME_ZONES } from "@/lib/time-zone";

import { partyErrorText } from "../errors";

/** PUT /parties/host-profile: creates the caller's host profile or updates it. */
export function HostProfileForm({ profile, fallbackName }: { profile: HostProfile | null; fallbackName: string }) {
  const t = useTranslations();
  const router = useRouter();
  const id = useId();
  const f = (name: string) => `${id}-${name}`;
  const [form, setForm] = useState({
    display_name: profile?.display_name ?? fallbackName,
    bio: profile?.bio ?? "",
    city: profile?.city ?? "",
    country: profile?.country ?? "",
    timezone: profile?.timezone ?? "Asia/Almaty",
    avatar_url: profile?.avatar_url ?? "",
    approval_required: profile?.approval_required ?? false,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const set = (name: keyof typeof form) => (value: string | boolean) => setForm((current) => ({ ...current, [name]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const { data, error: failure } = await api.PUT("/api/v1/parties/host-profile", {
        body: {
          display_name: form.display_name.trim(),
          bio: form.bio.trim(),
          city: form.city.trim(),
          country: form.country.trim().toUpperCase(),
          timezone: form.timezone.trim(),
          approval_required: form.approval_required,
          avatar_url: form.avatar_url.trim() || null,
        },
      });
      if (data) {
        setSaved(true);
        router.refresh();
      } else setError(partyErrorText(t, failure));
    } catch {
      setError(partyErrorText(t, null));
    }
    setBusy(false);
  }

  const text = (name: "display_name" | "city" | "country" | "timezone" | "avatar_url", label: string, hint?: string) => (
    <Field id={f(name)} label={label}>
      <input
        id={f(name)}
        required={name !== "avatar_url"}
        list={name === "timezone" ? f("zones") : undefined}
        aria-describedby={hint ? f(`${name}-hint`) : undefined}
        className={inputClass}
        value={form[name]}
        onChange={(e) => set(name)(e.target.value)}
      />
      {hint && (
        <p id={f(`${name}-hint`)} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      )}
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-3" data-testid="host-profile-form">
      <div className="grid gap-3 sm:grid-cols-2">
        {text("display_name", t("partyHost.profile.displayName"))}
        {text("city", t("partyHost.profile.city"))}
        {text("country", t("partyHost.profile.country"), t("partyHost.profile.countryHint"))}
        {text("timezone", t("partyHost.profile.timezone"), t("partyHost.profile.timezoneHint"))}
        {text("avatar_url", t("partyHost.profile.avatar"))}
      </div>
      <datalist id={f("zones")}>
        {SUGGESTED_TIME_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <Field id={f("bio")} label={t("partyHost.profile.bio")}>
        <textarea id={f("bio")} rows={3} maxLength={2000} className={inputClass} value={form.bio} onChange={(e) => set("bio")(e.target.value)} />
      </Field>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={form.approval_required} onChange={(e) => set("approval_required")(e.target.checked)} />
        {t("partyHost.profile.approval")}
      </label>
      {error && (
        <p role="alert" aria-live="polite" data-testid="host-profile-error" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {error}
        </p>
      )}
      {saved && (
        <p role="status" className="rounded border border-green-200 bg-green-50 p-3 text-green-900">
          {t("partyHost.profile.saved")}
        </p>
      )}
      <button type="submit" className={buttonClass} disabled={busy} data-testid="host-profile-save">
        {busy ? t("partyHost.profile.saving") : t("partyHost.profile.save")}
      </button>
    </form>
  );
}
