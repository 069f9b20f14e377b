"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";

import { seatCodeName } from "@/components/seating/seat-names";
import { usePolling } from "@/components/usePolling";
import { newIdempotencyKey } from "@/components/visitor/BookingForm";
import { errorMessage } from "@/i18n/translate";
import { api, errorCode } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { formatCountdown, secondsLeft } from "@/lib/countdown";
import { formatMoney } from "@/lib/money";
import { formatDateTime } from "@/lib/time-zone";

type Booking = components["schemas"]["BookingRead"];
type Payment = components["schemas"]["PaymentRead"];
type Mode = "checkout" | "waiting" | "confirmed" | "failed" | "timeout";

const FAILED_PAYMENT = new Set(["failed", "cancelled"]);

/** The payment the gateway returned for, or else the most recent one. */
function relevantPayment(payments: Payment[], paymentId: string | null): Payment | undefined {
  const match = paymentId ? payments.find((p) => p.id === paymentId) : undefined;
  if (match) return match;
  return [...payments].sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
}

function Countdown({ expiresAt, onExpired }: { expiresAt: string; onExpired: () => void }) {
  const t = useTranslations();
  const [left, setLeft] = useState(() => secondsLeft(expiresAt));
  const expired = useRef(false);
  useEffect(() => {
    const tick = () => {
      const value = secondsLeft(expiresAt);
      setLeft(value);
      if (value === 0 && !expired.current) {
        expired.current = true;
        onExpired();
      }
    };
    tick();
    const timer = window.setInterval(tick, 1_000);
    return () => window.clearInterval(timer);
  }, [expiresAt, onExpired]);
  return (
    <p className="flex items-baseline justify-between rounded bg-amber-50 p-3">
      <span>{t("payment.timeLeft")}</span>
      <span
        data-testid="countdown"
        role="timer"
        aria-live="off"
        className={`font-mono text-xl font-bold ${left < 60 ? "text-red-700" : "text-amber-900"}`}
      >
        {formatCountdown(left)}
      </span>
    </p>
  );
}

export function PaymentPanel({
  initial,
  outcome,
  paymentId,
}: {
  initial: Booking;
  outcome: "success" | "failure" | null;
  paymentId: string | null;
}) {
  const t = useTranslations();
  const lang = useLocale();
  const [booking, setBooking] = useState<Booking>(initial);
  const [mode, setMode] = useState<Mode>(() => {
    if (initial.status === "confirmed") return "confirmed";
    return outcome ? "waiting" : "checkout";
  });
  const [error, setError] = useState<string | null>(() => {
    if (outcome) return null;
    if (initial.status === "expired" || initial.status === "cancelled") {
      return errorMessage(t, initial.status === "expired" ? "hold_expired" : "booking_not_payable");
    }
    return initial.awaiting_approval ? errorMessage(t, "awaiting_approval") : null;
  });
  const [busy, setBusy] = useState(false);
  const [expired, setExpired] = useState(initial.status === "expired");
  const idempotencyKey = useRef<string | null>(null);

  // Back from the gateway: never trust the redirect; poll until the backend confirms or the payment fails.
  usePolling(
    mode === "waiting",
    async () => {
      const [bookingResult, paymentsResult] = await Promise.all([
        api.GET("/api/v1/bookings/{booking_id}", { params: { path: { booking_id: initial.id } } }),
        api.GET("/api/v1/payments", { params: { query: { booking_id: initial.id } } }),
      ]);
      const fresh = bookingResult.data;
      if (fresh) {
        setBooking(fresh);
        if (fresh.status === "confirmed") {
          setMode("confirmed");
          return true;
        }
        if (fresh.status === "expired" || fresh.status === "cancelled") {
          setExpired(fresh.status === "expired");
          setError(errorMessage(t, fresh.status === "expired" ? "hold_expired" : "booking_not_payable"));
          setMode("failed");
          return true;
        }
      }
      const payment = relevantPayment(paymentsResult.data ?? [], paymentId);
      if (payment && FAILED_PAYMENT.has(payment.status)) {
        setError(errorMessage(t, "payment_failed"));
        setMode("failed");
        return true;
      }
      return false;
    },
    () => setMode("timeout"),
  );

  const onExpired = useCallback(() => {
    setExpired(true);
    setError(errorMessage(t, "hold_expired"));
  }, [t]);

  async function pay() {
    setBusy(true);
    setError(null);
    idempotencyKey.current ??= newIdempotencyKey();
    try {
      const { data, error: apiError } = await api.POST("/api/v1/payments", {
        body: { booking_id: booking.id },
        params: { header: { "Idempotency-Key": idempotencyKey.current } },
      });
      if (data?.redirect_url) {
        window.location.assign(data.redirect_url);
        return;
      }
      if (data && data.status === "paid") {
        setMode("waiting");
      } else {
        setError(errorMessage(t, data ? "payment_gateway_unavailable" : errorCode(apiError)));
      }
    } catch {
      setError(errorMessage(t, "payment_gateway_unavailable"));
    }
    setBusy(false);
  }

  const payable = booking.status === "pending_payment" && !expired && !booking.awaiting_approval;

  return (
    <div className="space-y-5">
      <div className="space-y-1 rounded-lg border border-slate-200 bg-white p-4">
        <p className="text-sm text-slate-600">{t("payment.summary", { reference: booking.reference })}</p>
        <p className="text-lg font-semibold">{booking.event_title}</p>
        <p className="text-sm">
          <time dateTime={booking.session_starts_at}>
            {formatDateTime(booking.session_starts_at, booking.timezone, lang)}
          </time>
          {booking.venue_name ? ` · ${booking.venue_name}` : ""}
        </p>
        <ul className="pt-2 text-sm text-slate-700">
          {booking.tickets.map((ticket) => (
            <li key={ticket.id} className="flex justify-between">
              <span>
                {ticket.ticket_type_name}
                {ticket.seat && <span data-testid="payment-seat"> · {seatCodeName(t, ticket.seat)}</span>}
              </span>
              <span>{formatMoney(ticket.price, ticket.currency, lang)}</span>
            </li>
          ))}
        </ul>
        <p className="flex justify-between border-t border-slate-200 pt-2 text-lg font-semibold">
          <span>{t("event.total")}</span>
          <span data-testid="payment-total">{formatMoney(booking.total, booking.currency, lang)}</span>
        </p>
      </div>

      {mode === "waiting" && (
        <p role="status" aria-live="polite" data-testid="payment-waiting" className="flex items-center gap-3 rounded bg-blue-50 p-4">
          <span aria-hidden="true" className="h-4 w-4 animate-spin rounded-full border-2 border-blue-700 border-t-transparent" />
          {t("payment.waiting")}
        </p>
      )}

      {mode === "confirmed" && (
        <div role="status" aria-live="polite" className="space-y-3 rounded bg-green-50 p-4">
          <p>{t("payment.confirmed")}</p>
          <p>
            <span className="sr-only">{t("bookings.status")}: </span>
            <span data-testid="booking-status" className="font-semibold">
              {booking.status}
            </span>
          </p>
          <Link
            href={`/bookings/${booking.id}`}
            data-testid="see-tickets"
            className="inline-block rounded bg-green-700 px-4 py-2 font-semibold text-white hover:bg-green-800"
          >
            {t("payment.seeTickets")}
          </Link>
        </div>
      )}

      {mode === "timeout" && (
        <div role="status" aria-live="polite" className="space-y-2 rounded bg-amber-50 p-4">
          <p>{t("payment.timeout")}</p>
          <Link href={`/bookings/${booking.id}`} className="underline">
            {t("payment.viewBooking")}
          </Link>
        </div>
      )}

      {(mode === "checkout" || mode === "failed") && payable && booking.expires_at && (
        <Countdown expiresAt={booking.expires_at} onExpired={onExpired} />
      )}

      <div role="alert" aria-live="polite" data-testid="payment-error" className="rounded text-red-700 empty:hidden">
        {error}
      </div>

      {(mode === "checkout" || mode === "failed") &&
        (payable ? (
          <button
            type="button"
            data-testid="pay"
            disabled={busy}
            onClick={() => void pay()}
            className="w-full rounded bg-blue-700 px-4 py-3 text-lg font-semibold text-white hover:bg-blue-800 disabled:opacity-60"
          >
            {busy ? t("payment.paying") : t("payment.pay")}
          </button>
        ) : (
          <Link href={`/bookings/${booking.id}`} className="inline-block underline">
            {t("payment.viewBooking")}
          </Link>
        ))}
    </div>
  );
}
