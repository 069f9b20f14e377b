"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";

import { buttonClass, secondaryButtonClass } from "@/components/organizer/form-controls";
import { api } from "@/lib/api/client";
import type { Dispute } from "@/lib/parties/types";
import { formatDateTime } from "@/lib/time-zone";

import { partyErrorText } from "./errors";

/** The admin's no-show disputes: uphold the marking or overturn it. */
export function DisputeQueue({ initial }: { initial: Dispute[] }) {
  const t = useTranslations();
  const lang = useLocale();
  const [items, setItems] = useState(initial);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ id: string; text: string } | null>(null);

  async function resolve(dispute: Dispute, outcome: "upheld" | "overturned") {
    const id = dispute.encounter.id;
    setBusy(id);
    setError(null);
    try {
      const { data, error: failure } = await api.POST("/api/v1/admin/parties/disputes/{encounter_id}/resolve", {
        params: { path: { encounter_id: id } },
        body: { outcome },
      });
      if (data) setItems((current) => current.map((d) => (d.encounter.id === id ? { ...d, encounter: data, resolution: outcome } : d)));
      else setError({ id, text: partyErrorText(t, failure) });
    } catch {
      setError({ id, text: partyErrorText(t, null) });
    }
    setBusy(null);
  }

  if (items.length === 0) return <p className="text-slate-600">{t("parties.disputes.empty")}</p>;
  return (
    <ul className="space-y-3">
      {items.map((dispute) => {
        const id = dispute.encounter.id;
        return (
          <li key={id} data-testid="party-dispute" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
            <p className="font-medium">
              {t("parties.disputes.line", { film: dispute.encounter.movie_title, guest: dispute.guest.name, host: dispute.host.name })}
            </p>
            <p className="text-sm text-slate-600">{t("parties.disputes.disputedAt", { time: formatDateTime(dispute.disputed_at, "UTC", lang) })} (UTC)</p>
            <p>{t("parties.disputes.reason", { reason: dispute.reason })}</p>
            {error?.id === id && (
              <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
                {error.text}
              </p>
            )}
            {dispute.resolution ? (
              <p role="status" className="font-medium">
                {t("parties.disputes.resolution", {
                  outcome: dispute.resolution === "upheld" ? t("parties.disputes.uphold") : t("parties.disputes.overturn"),
                })}
              </p>
            ) : (
              <div className="flex flex-wrap gap-2">
                <button type="button" className={buttonClass} disabled={busy !== null} onClick={() => void resolve(dispute, "upheld")}>
                  {busy === id ? t("parties.disputes.resolving") : t("parties.disputes.uphold")}
                </button>
                <button type="button" className={secondaryButtonClass} disabled={busy !== null} onClick={() => void resolve(dispute, "overturned")}>
                  {t("parties.disputes.overturn")}
                </button>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
