"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

import { formatCountdown, secondsLeft } from "@/lib/countdown";

/** Time left on the hold, ticking each second; calls `onExpired` once when it reaches zero. */
export function HoldCountdown({ expiresAt, onExpired }: { expiresAt: string; onExpired: () => void }) {
  const t = useTranslations();
  const [left, setLeft] = useState(() => secondsLeft(expiresAt));
  const fired = useRef(false);
  const callback = useRef(onExpired);
  callback.current = onExpired;
  useEffect(() => {
    const tick = () => {
      const value = secondsLeft(expiresAt);
      setLeft(value);
      if (value === 0 && !fired.current) {
        fired.current = true;
        callback.current();
      }
    };
    tick();
    const timer = window.setInterval(tick, 1_000);
    return () => window.clearInterval(timer);
  }, [expiresAt]);
  return (
    <p className="flex items-baseline justify-between rounded bg-amber-50 p-3">
      <span>{t("flights.order.timeLeft")}</span>
      <span data-testid="countdown" role="timer" aria-live="off" className={`font-mono text-xl font-bold ${left < 60 ? "text-red-700" : "text-amber-900"}`}>
        {formatCountdown(left)}
      </span>
    </p>
  );
}
