"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

import { buttonClass } from "@/components/organizer/form-controls";
import { newIdempotencyKey } from "@/components/visitor/BookingForm";
import { errorMessage } from "@/i18n/translate";
import { api, errorCode } from "@/lib/api/client";
import { formatMoney } from "@/lib/money";

import { HoldCountdown } from "./HoldCountdown";

type PayError = "booking_not_payable" | "payment_gateway_unavailable";
const isPayError = (code: string | null): code is PayError => code === "booking_not_payable" || code === "payment_gateway_unavailable";

/** While the trip is held: the countdown and one payment for the whole trip (POST …/pay → the gateway). */
export function PayPanel({ orderId, total, currency, expiresAt }: { orderId: string; total: number; currency: string; expiresAt: string | null }) {
  const t = useTranslations();
  const lang = useLocale();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [expired, setExpired] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const idempotencyKey = useRef<string | null>(null);

  async function pay() {
    setBusy(true);
    setError(null);
    idempotencyKey.current ??= newIdempotencyKey();
    try {
      const { data, error: apiError } = await api.POST("/api/v1/flights/orders/{order_id}/pay", {
        params: { path: { order_id: orderId }, header: { "Idempotency-Key": idempotencyKey.current } },
      });
      if (data?.redirect_url) {
        window.location.assign(data.redirect_url);
        return;
      }
      if (data) {
        router.push(`/flights/orders/${orderId}/payment?payment=${encodeURIComponent(data.id)}`);
        return;
      }
      const code = errorCode(apiError);
      if (isPayError(code)) setError(t(`flights.order.payError.${code}`));
      else if (code === "email_not_verified") setError(errorMessage(t, code)); // the shared words: confirm the address
      else setError(t("flights.order.payError.unknown"));
      idempotencyKey.current = null;
    } catch {
      setError(t("flights.order.payError.unknown"));
    }
    setBusy(false);
  }

  return (
    <section className="space-y-3 rounded-lg border border-amber-200 bg-white p-4" data-testid="pay-panel">
      {expiresAt && !expired && <HoldCountdown expiresAt={expiresAt} onExpired={() => setExpired(true)} />}
      <div role="alert" data-testid="pay-error" className="text-red-700 empty:hidden">
        {expired ? t("flights.order.holdExpired") : error}
      </div>
      {!expired && (
        <button type="button" data-testid="pay" disabled={busy} onClick={() => void pay()} className={`${buttonClass} w-full py-3 text-lg`}>
          {busy ? t("flights.order.paying") : t("flights.order.pay", { total: formatMoney(total, currency, lang) })}
        </button>
      )}
    </section>
  );
}
