"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { seatCodeName } from "@/components/seating/seat-names";
import { api } from "@/lib/api/client";
import { formatDateTime } from "@/lib/time-zone";
import { canWithdraw, type Transfer } from "@/lib/transfers/transfers";

import { transferErrorText, transferStatusLabel } from "./texts";

const STATUS_STYLES: Record<string, string> = {
  pending: "bg-blue-100 text-blue-900",
  expired: "bg-slate-200 text-slate-700",
  accepted: "bg-green-100 text-green-900",
  cancelled: "bg-slate-200 text-slate-700",
};

/** The booking's offers, oldest first: to whom, which ticket, how it stands, and "Withdraw" for open ones. */
export function TransferList({ transfers, timeZone }: { transfers: readonly Transfer[]; timeZone: string | null }) {
  const t = useTranslations();
  const lang = useLocale();
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function withdraw(transfer: Transfer) {
    setBusy(transfer.id);
    setError(null);
    setNotice(null);
    try {
      const { data, error: apiError } = await api.POST("/api/v1/transfers/{transfer_id}/cancel", {
        params: { path: { transfer_id: transfer.id } },
      });
      if (!data) setError(transferErrorText(t, apiError, timeZone, lang));
      else {
        setNotice(t("transfers.list.withdrawn", { email: transfer.to_email }));
        router.refresh();
      }
    } catch {
      setError(transferErrorText(t, null, timeZone, lang));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="transfers-heading" className="space-y-3">
      <h2 id="transfers-heading" className="text-xl font-semibold">
        {t("transfers.list.title")}
      </h2>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {transfers.map((transfer) => (
          <li
            key={transfer.id}
            data-testid="transfer"
            data-status={transfer.status}
            className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between"
          >
            <div className="min-w-0 space-y-1">
              <p className="break-words font-medium">
                <span className="sr-only">{t("transfers.list.to")}: </span>
                <span data-testid="transfer-email">{transfer.to_email}</span>
              </p>
              <p className="text-sm text-slate-600">
                <span className="sr-only">{t("transfers.list.ticket")}: </span>
                {transfer.ticket_type_name}
                {transfer.seat && ` · ${t("bookings.seat", { seat: seatCodeName(t, transfer.seat) })}`}
              </p>
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                <span className="sr-only">{t("transfers.list.status")}: </span>
                <span data-testid="transfer-status" className={`rounded px-2 py-0.5 text-xs font-semibold ${STATUS_STYLES[transfer.status] ?? "bg-slate-100"}`}>
                  {transferStatusLabel(t, transfer.status)}
                </span>
                {transfer.status === "accepted" && transfer.accepted_at ? (
                  <span className="text-slate-600">
                    {t("transfers.list.acceptedAt", { time: formatDateTime(transfer.accepted_at, timeZone, lang) })}
                  </span>
                ) : (
                  (transfer.status === "pending" || transfer.status === "expired") && (
                    <span className="text-slate-600">
                      {t("transfers.list.until", { time: formatDateTime(transfer.expires_at, timeZone, lang) })}
                    </span>
                  )
                )}
              </p>
            </div>
            {canWithdraw(transfer) && (
              <button
                type="button"
                data-testid="withdraw-transfer"
                aria-label={t("transfers.list.withdrawLabel", { email: transfer.to_email })}
                disabled={busy !== null}
                onClick={() => void withdraw(transfer)}
                className="shrink-0 self-start rounded border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60 sm:self-auto"
              >
                {busy === transfer.id ? t("transfers.list.withdrawing") : t("transfers.list.withdraw")}
              </button>
            )}
          </li>
        ))}
      </ul>
      <div role="status" aria-live="polite" data-testid="transfer-notice" className="text-sm text-green-800 empty:hidden">
        {notice}
      </div>
      <div role="alert" aria-live="polite" data-testid="transfer-error" className="text-sm text-red-700 empty:hidden">
        {error}
      </div>
    </section>
  );
}
