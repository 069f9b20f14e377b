"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { buttonClass, secondaryButtonClass } from "@/components/organizer/form-controls";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

import { accountErrorText, apiErrorCode } from "./errors";
import { RecoveryCodes } from "./RecoveryCodes";
import { TwoFactorDisableForm } from "./TwoFactorDisableForm";
import { TwoFactorSetup } from "./TwoFactorSetup";

type Enrolment = components["schemas"]["TwoFactorSetup"];

type Step =
  | { name: "status" }
  | { name: "setup"; enrolment: Enrolment }
  | { name: "codes"; codes: string[] }
  | { name: "turnOff" };

/**
 * Two-factor sign-in: whether it is on (`enabled`, from GET /auth/me), turning it on (a new secret, then a
 * code from it, then the recovery codes, shown once) and off (the password and a code). The page's state
 * is refreshed after each change, so every section sees the new one.
 */
export function TwoFactorSection({ enabled: loaded }: { enabled: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const [step, setStep] = useState<Step>({ name: "status" });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);
  // What a change here made of it, until the refreshed page brings the new state (`from`: the state it changed).
  const [changed, setChanged] = useState<{ from: boolean; to: boolean } | null>(null);
  const enabled = changed && changed.from === loaded ? changed.to : loaded;
  const on = enabled || step.name === "codes";

  async function start() {
    setBusy(true);
    setNotice(null);
    try {
      const { data, error } = await api.POST("/api/v1/auth/2fa/setup", {});
      if (data) setStep({ name: "setup", enrolment: data });
      else if (apiErrorCode(error) === "conflict") alreadyOn();
      else setNotice({ error: true, text: accountErrorText(t, error) });
    } catch {
      setNotice({ error: true, text: accountErrorText(t, null) });
    }
    setBusy(false);
  }

  function alreadyOn() {
    setStep({ name: "status" });
    setNotice({ error: false, text: t("account.twoFactor.alreadyOn") });
    router.refresh();
  }

  return (
    <div className="space-y-4" data-testid="two-factor" data-enabled={on ? "true" : "false"}>
      <p className="flex flex-wrap items-center gap-2">
        <span
          data-testid="two-factor-status"
          className={`rounded px-2 py-0.5 text-xs font-semibold ${on ? "bg-green-100 text-green-800" : "bg-slate-200 text-slate-800"}`}
        >
          {on ? t("account.twoFactor.statusOn") : t("account.twoFactor.statusOff")}
        </span>
        <span className="text-sm text-slate-700">{on ? t("account.twoFactor.onText") : t("account.twoFactor.offText")}</span>
      </p>

      <div aria-live="polite" data-testid="two-factor-result" className="text-sm empty:hidden">
        {notice && (
          <p role={notice.error ? "alert" : "status"} className={notice.error ? "text-red-700" : "text-green-800"}>
            {notice.text}
          </p>
        )}
      </div>

      {step.name === "codes" ? (
        <RecoveryCodes
          codes={step.codes}
          onDone={() => {
            setStep({ name: "status" });
            setNotice({ error: false, text: t("account.twoFactor.enabled") });
          }}
        />
      ) : step.name === "setup" && !enabled ? (
        <TwoFactorSetup
          enrolment={step.enrolment}
          onEnabled={(codes) => {
            setStep({ name: "codes", codes });
            setChanged({ from: loaded, to: true });
            router.refresh();
          }}
          onCancel={() => setStep({ name: "status" })}
          onAlreadyOn={alreadyOn}
        />
      ) : step.name === "turnOff" && enabled ? (
        <TwoFactorDisableForm
          onDisabled={() => {
            setStep({ name: "status" });
            setNotice({ error: false, text: t("account.twoFactor.disabled") });
            setChanged({ from: loaded, to: false });
            router.refresh();
          }}
          onCancel={() => setStep({ name: "status" })}
        />
      ) : enabled ? (
        <button
          type="button"
          onClick={() => {
            setNotice(null);
            setStep({ name: "turnOff" });
          }}
          className={secondaryButtonClass}
        >
          {t("account.twoFactor.turnOff")}
        </button>
      ) : (
        <button type="button" disabled={busy} onClick={() => void start()} className={buttonClass}>
          {busy ? t("account.twoFactor.starting") : t("account.twoFactor.turnOn")}
        </button>
      )}
    </div>
  );
}
