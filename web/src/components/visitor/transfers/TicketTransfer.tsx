"use client";

import { useLocale, useTranslations } from "next-intl";

import { formatDateTime } from "@/lib/time-zone";
import type { TicketTransferState, TransferWindow } from "@/lib/transfers/transfers";

/** Under a ticket: whom it was given to, or offered to and until when; nothing when neither. */
export function TicketTransferLine({ state, timeZone }: { state: TicketTransferState; timeZone: string | null }) {
  const t = useTranslations();
  const lang = useLocale();
  if (state.kind === "transferred") {
    return (
      <p data-testid="ticket-transferred" className="break-all text-sm text-slate-700">
        {t("transfers.transferredTo", { email: state.transfer.to_email })}
      </p>
    );
  }
  if (state.kind === "offered") {
    return (
      <p data-testid="ticket-offered" className="break-all text-sm text-blue-900">
        {t("transfers.offeredTo", {
          email: state.transfer.to_email,
          time: formatDateTime(state.transfer.expires_at, timeZone, lang),
        })}
      </p>
    );
  }
  return null;
}

/** Above the tickets: until when they may be given away, or why they may not. */
export function TransferWindowNote({ rule, timeZone }: { rule: TransferWindow; timeZone: string | null }) {
  const t = useTranslations();
  const lang = useLocale();
  let text: string | null = null;
  if (rule.kind === "open") text = t("transfers.openUntil", { time: formatDateTime(rule.closesAt, timeZone, lang) });
  else if (rule.kind === "closed") text = t("transfers.closed", { time: formatDateTime(rule.closedAt, timeZone, lang) });
  else if (rule.kind === "disabled") text = t("transfers.disabled");
  if (!text) return null;
  return (
    <p data-testid="transfer-window" data-kind={rule.kind} className="text-sm text-slate-600">
      {text}
    </p>
  );
}
