"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";

import { secondaryButtonClass } from "@/components/organizer/form-controls";
import { attachmentFileName, exportFallbackName, saveBlob } from "@/lib/account/download";
import { api } from "@/lib/api/client";

import { accountErrorText } from "./errors";

/**
 * GET /auth/me/export, saved as the file its Content-Disposition names. Fetched through the API client (not
 * a plain link) so an expired access token is refreshed first, as for any other request of the page.
 */
export function DataExportButton() {
  const t = useTranslations();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);

  async function download() {
    setBusy(true);
    setNotice(null);
    try {
      const { data, error, response } = await api.GET("/api/v1/auth/me/export", { parseAs: "blob" });
      if (data) {
        const name = attachmentFileName(response.headers.get("content-disposition"), exportFallbackName(new Date()));
        saveBlob(new Blob([data], { type: "application/json" }), name);
        setNotice({ error: false, text: t("account.data.downloaded") });
      } else setNotice({ error: true, text: accountErrorText(t, error) });
    } catch {
      setNotice({ error: true, text: accountErrorText(t, null) });
    }
    setBusy(false);
  }

  return (
    <div className="space-y-2">
      <button type="button" disabled={busy} onClick={() => void download()} aria-describedby={`${id}-hint`} className={secondaryButtonClass}>
        {busy ? t("account.data.downloading") : t("account.data.download")}
      </button>
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        {t("account.data.downloadHint")}
      </p>
      <div aria-live="polite" data-testid="data-export-result" className="text-sm empty:hidden">
        {notice && (
          <p role={notice.error ? "alert" : "status"} className={notice.error ? "text-red-700" : "text-green-800"}>
            {notice.text}
          </p>
        )}
      </div>
    </div>
  );
}
