import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { TicketList } from "@/components/visitor/TicketList";
import { TransferList } from "@/components/visitor/transfers/TransferList";
import { valueMessage } from "@/i18n/translate";
import { serverApi } from "@/lib/api/server";
import { formatMoney } from "@/lib/money";
import { formatDateTime } from "@/lib/time-zone";
import { transferWindow } from "@/lib/transfers/transfers";

export default async function BookingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const lang = await getLocale();
  const t = await getTranslations();
  const api = await serverApi();
  const { data: booking, response } = await api.GET("/api/v1/bookings/{booking_id}", {
    params: { path: { booking_id: id } },
  });
  if (response.status === 401) redirect(`/login?next=/bookings/${encodeURIComponent(id)}`);
  if (!booking) {
    if ([400, 403, 404, 422].includes(response.status)) notFound();
    throw new Error(`Could not load the booking (${response.status})`);
  }
  // The booking's offers and the listing's rule for them; without them the page still shows the booking.
  const [transfers, event] = await Promise.all([
    api
      .GET("/api/v1/bookings/{booking_id}/transfers", { params: { path: { booking_id: booking.id } } })
      .then(({ data }) => data ?? [])
      .catch(() => []),
    api
      .GET("/api/v1/events/{event_id}", { params: { path: { event_id: booking.event_id } } })
      .then(({ data }) => data ?? null)
      .catch(() => null),
  ]);

  return (
    <article className="space-y-6">
      <p>
        <Link href="/bookings" className="text-sm underline">
          ← {t("bookings.back")}
        </Link>
      </p>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{booking.event_title}</h1>
        <p className="text-slate-600">
          {t("bookings.reference")}:{" "}
          <span data-testid="booking-reference" className="font-mono font-semibold text-slate-900">
            {booking.reference}
          </span>
        </p>
      </header>

      <dl className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <div>
          <dt className="text-sm text-slate-600">{t("bookings.status")}</dt>
          <dd className="font-semibold">
            <span data-testid="booking-status">{booking.status}</span>
            <span className="ml-2 font-normal text-slate-600">({valueMessage(t, "status", booking.status)})</span>
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t("bookings.date")}</dt>
          <dd>
            <time dateTime={booking.session_starts_at}>
              {formatDateTime(booking.session_starts_at, booking.timezone, lang)}
            </time>
          </dd>
        </div>
        {booking.venue_name && (
          <div>
            <dt className="text-sm text-slate-600">{t("bookings.venue")}</dt>
            <dd>{booking.venue_name}</dd>
          </div>
        )}
        <div>
          <dt className="text-sm text-slate-600">{t("bookings.total")}</dt>
          <dd data-testid="booking-total" className="font-semibold">
            {formatMoney(booking.total, booking.currency, lang)}
          </dd>
        </div>
      </dl>

      {booking.status === "pending_payment" && booking.awaiting_approval && (
        <p data-testid="awaiting-approval" role="status" className="rounded-lg bg-amber-50 p-4 text-sm">
          {t("bookings.awaitingApproval")}{" "}
          <Link href="/requests" className="font-semibold text-blue-700 underline">
            {t("bookings.myRequests")}
          </Link>
        </p>
      )}
      {booking.status === "pending_payment" && !booking.awaiting_approval && (
        <div className="flex flex-wrap items-center gap-3 rounded-lg bg-amber-50 p-4">
          {booking.expires_at && (
            <p className="text-sm">
              {t("bookings.expiresAt", { time: formatDateTime(booking.expires_at, booking.timezone, lang) })}
            </p>
          )}
          <Link
            href={`/bookings/${booking.id}/payment`}
            data-testid="pay-link"
            className="rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
          >
            {t("bookings.pay")}
          </Link>
        </div>
      )}

      <TicketList
        bookingId={booking.id}
        reference={booking.reference}
        status={booking.awaiting_approval ? "awaiting_approval" : booking.status}
        tickets={booking.tickets}
        transfers={transfers}
        transferWindow={transferWindow(event, booking.session_starts_at, Date.now())}
        timeZone={booking.timezone}
      />

      {/* Keyed by the count: a new offer starts the list afresh, without the notice of an earlier withdrawal. */}
      {transfers.length > 0 && <TransferList key={transfers.length} transfers={transfers} timeZone={booking.timezone} />}
    </article>
  );
}
