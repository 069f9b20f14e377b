"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";

import { usePolling } from "@/components/usePolling";
import { api } from "@/lib/api/client";

import { OrderView } from "./OrderView";
import type { FlightOrder, LegZones } from "./types";

type Mode = "waiting" | "confirmed" | "failed" | "expired" | "timeout";

const FAILED_PAYMENT = new Set(["failed", "cancelled"]);
const PAID = new Set(["confirmed", "partially_cancelled"]);

function modeOf(order: FlightOrder): Mode | null {
  if (PAID.has(order.status)) return "confirmed";
  if (order.status === "expired" || order.status === "cancelled") return "expired";
  return null;
}

/**
 * Back from the gateway, which proves nothing: poll the order until the backend confirms it, or the payment
 * (GET /payments/{id}) reports a failure, with the polling components/visitor/PaymentPanel.tsx uses too.
 */
export function PaymentReturn({ initial, zones, paymentId }: { initial: FlightOrder; zones: LegZones; paymentId: string | null }) {
  const t = useTranslations();
  const [order, setOrder] = useState(initial);
  const [mode, setMode] = useState<Mode>(() => modeOf(initial) ?? "waiting");

  usePolling(
    mode === "waiting",
    async () => {
      const [orderResult, paymentResult] = await Promise.all([
        api.GET("/api/v1/flights/orders/{order_id}", { params: { path: { order_id: initial.id } } }),
        paymentId ? api.GET("/api/v1/payments/{payment_id}", { params: { path: { payment_id: paymentId } } }) : Promise.resolve(null),
      ]);
      const fresh = orderResult.data;
      if (fresh) {
        setOrder(fresh);
        const settled = modeOf(fresh);
        if (settled) {
          setMode(settled);
          return true;
        }
      }
      const payment = paymentResult?.data;
      if (payment && FAILED_PAYMENT.has(payment.status)) {
        setMode("failed");
        return true;
      }
      return false;
    },
    () => setMode("timeout"),
  );

  const banner: Record<Mode, [string, string]> = {
    waiting: ["bg-blue-50", t("flights.payment.waiting")],
    confirmed: ["bg-green-50", t("flights.payment.confirmed")],
    failed: ["bg-red-50 text-red-800", t("flights.payment.failed")],
    expired: ["bg-slate-100", t("flights.payment.expired")],
    timeout: ["bg-amber-50", t("flights.payment.timeout")],
  };
  const [style, text] = banner[mode];
  return (
    <div className="space-y-6">
      <div role="status" aria-live="polite" data-testid="payment-state" data-mode={mode} className={`flex items-center gap-3 rounded p-4 ${style}`}>
        {mode === "waiting" && <span aria-hidden="true" className="h-4 w-4 animate-spin rounded-full border-2 border-blue-700 border-t-transparent" />}
        <span>{text}</span>
        {mode !== "waiting" && (
          <Link href={`/flights/orders/${order.id}`} data-testid="view-order" className="ml-auto underline">
            {t("flights.payment.viewOrder")}
          </Link>
        )}
      </div>
      {mode !== "waiting" && <OrderView order={order} zones={zones} titleAs="h2" />}
    </div>
  );
}
