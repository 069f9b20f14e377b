"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";

import { buttonClass, inputClass } from "@/components/organizer/form-controls";
import type { Lang } from "@/i18n/catalogue";
import { api } from "@/lib/api/client";

import { accountErrorText } from "./errors";

/** PATCH /auth/me with the name and the language of the e-mails the account gets. */
export function ProfileForm({ name, language }: { name: string; language: string }) {
  const t = useTranslations();
  const router = useRouter();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [nameMissing, setNameMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newName = String(form.get("name") ?? "").trim();
    const newLanguage: Lang = form.get("language") === "ru" ? "ru" : "en";
    setSaved(false);
    setError(null);
    setNameMissing(!newName);
    if (!newName) return;
    setBusy(true);
    try {
      const { data, error: failure } = await api.PATCH("/api/v1/auth/me", { body: { name: newName, language: newLanguage } });
      if (data) {
        setSaved(true);
        router.refresh(); // the name in the header
      } else setError(accountErrorText(t, failure));
    } catch {
      setError(accountErrorText(t, null));
    }
    setBusy(false);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="profile-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-name`} className="font-medium">
            {t("account.profile.name")}
          </label>
          <input
            id={`${id}-name`}
            name="name"
            type="text"
            autoComplete="name"
            required
            maxLength={200}
            defaultValue={name}
            aria-invalid={nameMissing ? true : undefined}
            aria-describedby={nameMissing ? `${id}-name-error` : undefined}
            className={inputClass}
          />
          {nameMissing && (
            <p id={`${id}-name-error`} role="alert" className="mt-1 text-sm text-red-700">
              {t("account.profile.nameRequired")}
            </p>
          )}
        </div>
        <div>
          <label htmlFor={`${id}-language`} className="font-medium">
            {t("account.profile.language")}
          </label>
          <select
            id={`${id}-language`}
            name="language"
            defaultValue={language === "ru" ? "ru" : "en"}
            aria-describedby={`${id}-language-hint`}
            className={inputClass}
          >
            <option value="en">English</option>
            <option value="ru">Русский</option>
          </select>
          <p id={`${id}-language-hint`} className="mt-1 text-sm text-slate-600">
            {t("account.profile.languageHint")}
          </p>
        </div>
      </div>
      <div aria-live="polite" className="text-sm empty:hidden">
        {error && (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        )}
        {saved && (
          <p role="status" data-testid="profile-saved" className="text-green-800">
            {t("account.profile.saved")}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy} className={buttonClass}>
        {busy ? t("account.profile.saving") : t("account.profile.save")}
      </button>
    </form>
  );
}
