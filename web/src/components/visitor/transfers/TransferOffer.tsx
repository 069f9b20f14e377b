"use client";

import { useLocale, useTranslations } from "next-intl";

import { seatCodeName } from "@/components/seating/seat-names";
import { formatDateTime } from "@/lib/time-zone";
import type { Transfer } from "@/lib/transfers/transfers";

import { transferStatusLabel } from "./texts";

/** What a transfer link offers: the listing, its session (in the listing's time zone), the ticket and seat,
 * who gives it, to which address, until when, and how the offer stands. */
export function TransferOffer({ transfer }: { transfer: Transfer }) {
  const t = useTranslations();
  const lang = useLocale();
  const zone = transfer.timezone;
  const row = (label: string, value: string, testId?: string) => (
    <div className="min-w-0">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd data-testid={testId} className="break-words font-medium">
        {value}
      </dd>
    </div>
  );
  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <p data-testid="transfer-intro" className="text-lg">
        {t("transfers.accept.intro", { name: transfer.from_name })}
      </p>
      <dl className="grid gap-4 sm:grid-cols-2">
        {row(t("transfers.accept.event"), transfer.event_title, "transfer-event")}
        <div className="min-w-0">
          <dt className="text-sm text-slate-600">{t("transfers.accept.when")}</dt>
          <dd className="font-medium">
            <time dateTime={transfer.session_starts_at} data-testid="transfer-when">
              {formatDateTime(transfer.session_starts_at, zone, lang)}
            </time>
          </dd>
        </div>
        {transfer.venue_name && row(t("transfers.accept.venue"), transfer.venue_name)}
        {row(t("transfers.accept.ticket"), transfer.ticket_type_name, "transfer-ticket")}
        {transfer.seat && row(t("transfers.accept.seat"), seatCodeName(t, transfer.seat), "transfer-seat")}
        {row(t("transfers.accept.from"), transfer.from_name)}
        {row(t("transfers.accept.to"), transfer.to_email, "transfer-to")}
        <div className="min-w-0">
          <dt className="text-sm text-slate-600">{t("transfers.accept.until")}</dt>
          <dd className="font-medium">
            <time dateTime={transfer.expires_at}>{formatDateTime(transfer.expires_at, zone, lang)}</time>
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-sm text-slate-600">{t("transfers.accept.status")}</dt>
          <dd data-testid="transfer-offer-status" data-status={transfer.status} className="font-medium">
            {transferStatusLabel(t, transfer.status)}
          </dd>
        </div>
      </dl>
    </div>
  );
}
