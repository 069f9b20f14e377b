"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

import { LANG_COOKIE } from "@/i18n/catalogue";
import { api } from "@/lib/api/client";

export function LanguageSwitch() {
  const router = useRouter();
  const lang = useLocale();
  const t = useTranslations();
  return (
    <label className="flex items-center gap-1 text-sm">
      <span className="sr-only">{t("nav.language")}</span>
      <select
        data-testid="language-switch"
        className="rounded border border-slate-300 bg-white px-1 py-0.5"
        value={lang}
        onChange={(event) => {
          document.cookie = `${LANG_COOKIE}=${event.target.value}; path=/; max-age=31536000; samesite=lax`;
          router.refresh();
        }}
      >
        <option value="en">English</option>
        <option value="ru">Русский</option>
      </select>
    </label>
  );
}

export function LogoutButton() {
  const router = useRouter();
  const t = useTranslations();
  return (
    <button
      type="button"
      data-testid="logout"
      className="text-sm underline"
      onClick={async () => {
        await api.POST("/api/v1/auth/logout", { body: null });
        router.push("/");
        router.refresh();
      }}
    >
      {t("nav.logout")}
    </button>
  );
}
