"use client";

import { useRouter } from "next/navigation";

import { api } from "@/lib/api/client";
import { translate, type Lang } from "@/lib/i18n";

export function LanguageSwitch({ lang }: { lang: Lang }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-1 text-sm">
      <span className="sr-only">{translate(lang, "nav.language")}</span>
      <select
        data-testid="language-switch"
        className="rounded border border-slate-300 bg-white px-1 py-0.5"
        value={lang}
        onChange={(event) => {
          document.cookie = `lang=${event.target.value}; path=/; max-age=31536000; samesite=lax`;
          router.refresh();
        }}
      >
        <option value="en">English</option>
        <option value="ru">Русский</option>
      </select>
    </label>
  );
}

export function LogoutButton({ lang }: { lang: Lang }) {
  const router = useRouter();
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
      {translate(lang, "nav.logout")}
    </button>
  );
}
