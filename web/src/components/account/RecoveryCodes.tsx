"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";

import { buttonClass, secondaryButtonClass } from "@/components/organizer/form-controls";
import { saveBlob } from "@/lib/account/download";
import { recoveryCodesFile } from "@/lib/account/two-factor";

/**
 * The ten recovery codes POST /auth/2fa/enable answers with, shown this once: a warning, the codes, and ways
 * to keep them (a text file, the clipboard). `onDone` when the visitor says they are kept.
 */
export function RecoveryCodes({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const t = useTranslations();
  const id = useId();
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);
  const file = recoveryCodesFile(t("account.twoFactor.fileTitle"), t("account.twoFactor.fileHint"), codes);

  function download() {
    saveBlob(new Blob([file], { type: "text/plain;charset=utf-8" }), "tessera-recovery-codes.txt");
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setNotice({ error: false, text: t("account.twoFactor.copied") });
    } catch {
      setNotice({ error: true, text: t("account.twoFactor.copyFailed") });
    }
  }

  return (
    <div data-testid="recovery-codes" role="region" aria-labelledby={`${id}-title`} className="space-y-3">
      <h3 id={`${id}-title`} className="font-semibold">
        {t("account.twoFactor.recoveryTitle")}
      </h3>
      <p id={`${id}-warning`} className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
        {t("account.twoFactor.recoveryWarning")}
      </p>
      <ol aria-describedby={`${id}-warning`} className="grid max-w-md grid-cols-1 gap-x-6 gap-y-1 rounded border border-slate-200 bg-slate-50 p-3 font-mono sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code} data-testid="recovery-code" className="select-all">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={download} data-testid="recovery-codes-download" className={secondaryButtonClass}>
          {t("account.twoFactor.download")}
        </button>
        <button type="button" onClick={() => void copy()} data-testid="recovery-codes-copy" className={secondaryButtonClass}>
          {t("account.twoFactor.copy")}
        </button>
        <button type="button" onClick={onDone} className={buttonClass}>
          {t("account.twoFactor.done")}
        </button>
      </div>
      <div aria-live="polite" className="text-sm empty:hidden">
        {notice && (
          <p role={notice.error ? "alert" : "status"} className={notice.error ? "text-red-700" : "text-green-800"}>
            {notice.text}
          </p>
        )}
      </div>
    </div>
  );
}
