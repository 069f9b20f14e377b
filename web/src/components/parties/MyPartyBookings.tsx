"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { secondaryButtonClass } from "@/components/organizer/form-controls";
import { ReasonDialog } from "@/components/organizer/ReasonDialog";
import { QrCode } from "@/components/QrCode";
import { api } from "@/lib/api/client";
import type { PartyBooking, PartyRequest } from "@/lib/parties/types";
import { formatDateTime } from "@/lib/time-zone";

import { partyErrorText } from "./errors";

export type RequestContext = { film: string; startsAt: string; timeZone: string };
const REQUEST_STATUSES = ["pending", "approved", "declined", "withdrawn", "expired"] as const;

/** My party bookings (address and QR codes while confirmed; cancel with a reason) and my requests (withdraw). */
export function MyPartyBookings({
  bookings,
  requests,
  context,
}: {
  bookings: PartyBooking[];
  requests: PartyRequest[];
  context: Record<string, RequestContext>;
}) {
  const t = useTranslations();
  const lang = useLocale();
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ id: string; text: string } | null>(null);

  async function cancel(booking: PartyBooking, reason: string): Promise<string | null> {
    setBusy(booking.id);
    try {
      const { data, error: failure } = await api.POST("/api/v1/parties/bookings/{booking_id}/cancel", {
        params: { path: { booking_id: booking.id } },
        body: { reason },
      });
      if (data) {
        router.refresh();
        return null;
      }
      return partyErrorText(t, failure);
    } catch {
      return partyErrorText(t, null);
    } finally {
      setBusy(null);
    }
  }

  async function withdraw(request: PartyRequest) {
    setBusy(request.id);
    setError(null);
    try {
      const { data, error: failure } = await api.POST("/api/v1/parties/requests/{request_id}/withdraw", { params: { path: { request_id: request.id } } });
      if (data) router.refresh();
      else setError({ id: request.id, text: partyErrorText(t, failure) });
    } catch {
      setError({ id: request.id, text: partyErrorText(t, null) });
    }
    setBusy(null);
  }

  return (
    <div className="space-y-8">
      <section aria-labelledby="bookings-h" className="space-y-3">
        <h2 id="bookings-h" className="text-lg font-semibold">
          {t("parties.bookings.bookings")}
        </h2>
        {bookings.length === 0 && <p className="text-slate-600">{t("parties.bookings.empty")}</p>}
        <ul className="space-y-3">
          {bookings.map((booking) => {
            const live = booking.status === "confirmed";
            return (
              <li key={booking.id} data-testid="my-party-booking" data-status={booking.status} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <Link href={`/parties/${booking.party_id}`} className="font-semibold text-blue-800 underline">
                    {booking.movie_title}
                  </Link>
                  <span className={`rounded px-2 py-0.5 text-xs font-semibold ${live ? "bg-green-100 text-green-900" : "bg-slate-200"}`}>
                    {t(`parties.bookings.status.${booking.status}`)}
                  </span>
                </div>
                <p>
                  <time dateTime={booking.starts_at}>{formatDateTime(booking.starts_at, booking.timezone, lang)}</time> ·{" "}
                  {t("parties.bookings.places", { count: String(booking.places) })} · {t("parties.bookings.reference", { reference: booking.reference })}
                </p>
                <p className="text-sm text-slate-700">
                  {t("parties.bookings.hostedBy", { host: booking.host.display_name })} · {booking.place.public_area}, {booking.place.city}
                </p>
                {live && booking.place.address && <p data-testid="party-address">{t("parties.book.address", { address: booking.place.address })}</p>}
                {live && (
                  <ul className="flex flex-wrap gap-4">
                    {booking.ticket_codes.map((code) => (
                      <li key={code} className="space-y-1 text-center">
                        <QrCode code={code} alt={t("parties.book.ticketAlt", { code })} />
                        <span className="block font-mono text-sm">{code}</span>
                      </li>
                    ))}
                  </ul>
                )}
                {live && Date.parse(booking.starts_at) > Date.now() && (
                  <ReasonDialog
                    trigger={t("parties.bookings.cancel")}
                    testId="party-booking-cancel"
                    title={t("parties.bookings.cancelTitle")}
                    body={t("parties.bookings.cancelBody")}
                    labels={{
                      keep: t("parties.bookings.keep"),
                      confirm: t("parties.bookings.confirmCancel"),
                      busy: t("parties.bookings.cancelling"),
                      reason: t("parties.bookings.reason"),
                      hint: t("parties.bookings.reasonHint"),
                    }}
                    busy={busy === booking.id}
                    disabled={busy !== null}
                    onConfirm={(reason) => cancel(booking, reason)}
                  />
                )}
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="requests-h" className="space-y-3">
        <h2 id="requests-h" className="text-lg font-semibold">
          {t("parties.bookings.requests")}
        </h2>
        {requests.length === 0 && <p className="text-slate-600">{t("parties.bookings.emptyRequests")}</p>}
        <ul className="space-y-3">
          {requests.map((request) => {
            const where = context[request.slot_id];
            const status = REQUEST_STATUSES.find((s) => s === request.status);
            return (
              <li key={request.id} data-testid="my-party-request" data-status={request.status} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <Link href={`/parties/${request.party_id}`} className="font-semibold text-blue-800 underline">
                    {where?.film ?? t("parties.bookings.party")}
                  </Link>
                  <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-semibold">
                    {status ? t(`parties.bookings.requestStatus.${status}`) : request.status}
                  </span>
                </div>
                <p>
                  {where && <time dateTime={where.startsAt}>{formatDateTime(where.startsAt, where.timeZone, lang)} · </time>}
                  {t("parties.bookings.places", { count: String(request.places) })}
                </p>
                {request.status === "pending" && where && (
                  <p className="text-sm text-slate-700">{t("parties.bookings.expires", { time: formatDateTime(request.expires_at, where.timeZone, lang) })}</p>
                )}
                {request.decline_reason && <p className="text-sm">{t("parties.bookings.declined", { reason: request.decline_reason })}</p>}
                {error?.id === request.id && (
                  <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
                    {error.text}
                  </p>
                )}
                {request.status === "pending" && (
                  <button type="button" className={secondaryButtonClass} disabled={busy !== null} onClick={() => void withdraw(request)} data-testid="party-request-withdraw">
                    {busy === request.id ? t("parties.bookings.withdrawing") : t("parties.bookings.withdraw")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
