"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useReducer, useState } from "react";

import { EditorDialog } from "@/components/organizer/listing-editor/EditorDialog";
import { formatMoney } from "@/lib/money";
import { entryView, type EntryStatus, type WaitlistEntry } from "@/lib/waitlist/entries";
import { formatDateTime } from "@/lib/time-zone";

import { OfferCountdown } from "./OfferCountdown";
import { useEntryActions } from "./useEntryActions";

const STATUS_STYLE: Record<EntryStatus, string> = {
  waiting: "bg-blue-100 text-blue-900",
  offered: "bg-amber-100 text-amber-900",
  booked: "bg-green-100 text-green-800",
  lapsed: "bg-slate-200 text-slate-700",
  left: "bg-slate-200 text-slate-700",
  removed: "bg-slate-200 text-slate-700",
};

const primary = "rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-60";
const danger = "rounded border border-red-300 bg-white px-4 py-2 font-medium text-red-700 hover:bg-red-50 disabled:opacity-60";

/** One place in line: the date and tickets, its status, and what can be done (take, pay, leave or decline). */
export function WaitlistEntryCard({
  entry,
  timeZone,
  onChange,
}: {
  entry: WaitlistEntry;
  timeZone: string | null;
  onChange: (updated: WaitlistEntry) => void;
}) {
  const t = useTranslations();
  const lang = useLocale();
  const router = useRouter();
  // Re-read the entry's view when its offer runs out.
  const [, offerEnded] = useReducer((n: number) => n + 1, 0);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const actions = useEntryActions(entry, onChange);
  const view = entryView(entry);
  const busy = actions.busy !== null;
  const declining = view.leave === "decline";

  async function leave() {
    const failure = await actions.leave();
    if (failure) setDialogError(failure);
    else setDialogOpen(false);
  }

  return (
    <li data-testid="waitlist-entry" data-status={view.status} className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <Link href={`/events/${entry.event_id}`} className="block font-medium break-words hover:underline">
            {entry.event_title}
          </Link>
          <p className="text-sm text-slate-600">
            <time dateTime={entry.session_starts_at}>{formatDateTime(entry.session_starts_at, timeZone, lang)}</time>
            {" · "}
            <span data-testid="waitlist-tickets">{t("waitlist.tickets", { quantity: String(entry.quantity), ticketType: entry.ticket_type_name })}</span>
          </p>
        </div>
        <span data-testid="waitlist-status" className={`rounded px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[view.status]}`}>
          {t(`waitlist.status.${view.status}`)}
        </span>
      </div>

      {view.status === "waiting" && (
        <p data-testid="waitlist-position" className="font-medium">
          {view.position !== null ? t("waitlist.position", { position: String(view.position) }) : t("waitlist.positionUnknown")}
        </p>
      )}

      {view.offer && (
        <div className="space-y-2" data-testid="waitlist-offer">
          {view.offer.ended ? (
            <p className="text-sm text-slate-700">{t("waitlist.offer.ended")}</p>
          ) : (
            <>
              <p className="text-sm text-slate-700">{view.offer.free ? t("waitlist.offer.free") : t("waitlist.offer.paid")}</p>
              {view.offer.expiresAt && (
                <>
                  <OfferCountdown
                    expiresAt={view.offer.expiresAt}
                    onEnded={() => {
                      offerEnded();
                      router.refresh();
                    }}
                  />
                  <p className="text-xs text-slate-500">
                    {t("waitlist.offer.until", { time: formatDateTime(view.offer.expiresAt, timeZone, lang) })}
                  </p>
                </>
              )}
            </>
          )}
        </div>
      )}

      {(view.accept || view.payHref || view.bookingHref || view.leave) && (
        <div className="flex flex-wrap items-center gap-3">
          {view.accept && (
            <button type="button" data-testid="waitlist-take" disabled={busy} onClick={() => void actions.accept()} className={primary}>
              {actions.busy === "accept" ? t("waitlist.taking") : t("waitlist.take")}
            </button>
          )}
          {view.payHref && (
            <Link href={view.payHref} data-testid="waitlist-pay" className={primary}>
              {entry.offer_total && entry.offer_currency
                ? t("waitlist.payAmount", { amount: formatMoney(entry.offer_total, entry.offer_currency, lang) })
                : t("waitlist.pay")}
            </Link>
          )}
          {view.bookingHref && (
            <Link href={view.bookingHref} data-testid="waitlist-booking" className="font-medium text-blue-800 underline">
              {t("waitlist.seeBooking")}
            </Link>
          )}
          {view.leave && (
            <EditorDialog
              open={dialogOpen}
              onOpenChange={(open) => {
                setDialogOpen(open);
                setDialogError(null);
              }}
              trigger={
                <button type="button" data-testid="waitlist-leave" disabled={busy} className={danger}>
                  {declining ? t("waitlist.decline") : t("waitlist.leave")}
                </button>
              }
              title={declining ? t("waitlist.declineTitle") : t("waitlist.leaveTitle")}
              description={
                declining ? t("waitlist.declineText", { event: entry.event_title }) : t("waitlist.leaveText", { event: entry.event_title })
              }
              busy={actions.busy === "leave"}
              error={dialogError}
              closeLabel={t("waitlist.keep")}
              submitLabel={
                actions.busy === "leave" ? t("waitlist.leaving") : declining ? t("waitlist.declineConfirm") : t("waitlist.leaveConfirm")
              }
              submitTestId="waitlist-leave-confirm"
              onSubmit={leave}
            >
              {null}
            </EditorDialog>
          )}
        </div>
      )}

      {actions.message && (
        <p
          role={actions.message.kind === "error" ? "alert" : "status"}
          data-testid="waitlist-message"
          className={actions.message.kind === "error" ? "text-sm text-red-700" : "text-sm text-green-900"}
        >
          {actions.message.text}
          {actions.message.payHref && (
            <>
              {" "}
              <Link href={actions.message.payHref} className="font-medium underline">
                {t("waitlist.pay")}
              </Link>
            </>
          )}
        </p>
      )}
    </li>
  );
}
