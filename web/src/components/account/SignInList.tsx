"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { secondaryButtonClass } from "@/components/organizer/form-controls";
import type { Translate } from "@/i18n/translate";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { formatDateTime } from "@/lib/time-zone";

import { deviceLabel } from "./device-label";
import { accountErrorText } from "./errors";

type SignIn = components["schemas"]["SignInRead"];

const METHOD_KEYS = { password: "password", "password+totp": "passwordTotp", recovery_code: "recoveryCode" } as const;

function methodText(t: Translate, method: SignIn["method"]): string {
  return t(`account.signIns.methods.${METHOD_KEYS[method]}`);
}

/** GET /auth/sessions as a list, this device first; DELETE /auth/sessions/{id} ends any other. */
export function SignInList({ items }: { items: SignIn[] }) {
  const t = useTranslations();
  const lang = useLocale();
  const router = useRouter();
  const [ended, setEnded] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function end(id: string) {
    setBusy(id);
    setMessage(null);
    try {
      const { response, error } = await api.DELETE("/api/v1/auth/sessions/{sign_in_id}", { params: { path: { sign_in_id: id } } });
      // 404: it had ended already (or expired) — either way it is gone.
      if (response.ok || response.status === 404) {
        setEnded((current) => new Set(current).add(id));
        setMessage({ error: false, text: t("account.signIns.ended") });
        router.refresh();
      } else setMessage({ error: true, text: accountErrorText(t, error) });
    } catch {
      setMessage({ error: true, text: accountErrorText(t, null) });
    }
    setBusy(null);
  }

  const shown = items.filter((item) => !ended.has(item.id)).sort((a, b) => Number(b.current) - Number(a.current));

  return (
    <div className="space-y-3">
      <div aria-live="polite" data-testid="sign-ins-result" className="text-sm empty:hidden">
        {message && (
          <p role={message.error ? "alert" : "status"} className={message.error ? "text-red-700" : "text-green-800"}>
            {message.text}
          </p>
        )}
      </div>
      <ul className="divide-y divide-slate-200 rounded border border-slate-200">
        {shown.map((item) => {
          const device = deviceLabel(t, item.user_agent);
          return (
            <li
              key={item.id}
              data-testid="sign-in"
              data-current={item.current ? "true" : "false"}
              className="flex flex-col gap-3 p-3 sm:flex-row sm:items-start sm:justify-between"
            >
              <div className="min-w-0 space-y-1">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  <span className="break-words" title={item.user_agent ?? undefined}>
                    {device}
                  </span>
                  {item.current && (
                    <span data-testid="this-device" className="rounded bg-blue-100 px-2 py-0.5 text-xs font-semibold text-blue-800">
                      {t("account.signIns.thisDevice")}
                    </span>
                  )}
                </p>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm text-slate-700">
                  <dt className="text-slate-500">{t("account.signIns.address")}</dt>
                  <dd className="break-all">{item.ip || t("account.signIns.unknownAddress")}</dd>
                  <dt className="text-slate-500">{t("account.signIns.method")}</dt>
                  <dd>{methodText(t, item.method)}</dd>
                  <dt className="text-slate-500">{t("account.signIns.created")}</dt>
                  <dd>
                    <time dateTime={item.created_at}>{formatDateTime(item.created_at, undefined, lang)}</time>
                  </dd>
                  <dt className="text-slate-500">{t("account.signIns.lastUsed")}</dt>
                  <dd>
                    <time dateTime={item.last_used_at}>{formatDateTime(item.last_used_at, undefined, lang)}</time>
                  </dd>
                </dl>
              </div>
              {!item.current && (
                <button
                  type="button"
                  data-testid="end-sign-in"
                  aria-label={t("account.signIns.endLabel", { device })}
                  disabled={busy !== null}
                  onClick={() => void end(item.id)}
                  className={`${secondaryButtonClass} shrink-0 self-start`}
                >
                  {busy === item.id ? t("account.signIns.ending") : t("account.signIns.end")}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
