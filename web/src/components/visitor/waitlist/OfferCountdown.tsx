"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

import { formatLongCountdown, secondsLeft } from "@/lib/countdown";

/** Time left on a waiting-list offer, ticking each second; calls `onEnded` once when it reaches zero. */
export function OfferCountdown({ expiresAt, onEnded }: { expiresAt: string; onEnded: () => void }) {
  const t = useTranslations();
  const [left, setLeft] = useState(() => secondsLeft(expiresAt));
  const fired = useRef(false);
  const callback = useRef(onEnded);
  useEffect(() => {
    callback.current = onEnded;
  });
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
    <p className="flex flex-wrap items-baseline justify-between gap-2 rounded bg-amber-50 p-3">
      <span>{t("waitlist.offer.timeLeft")}</span>
      {/* The server's second and the browser's may differ. */}
      <span
        data-testid="offer-countdown"
        role="timer"
        aria-live="off"
        suppressHydrationWarning
        className={`font-mono text-xl font-bold ${left < 60 ? "text-red-700" : "text-amber-900"}`}
      >
        {formatLongCountdown(left)}
      </span>
    </p>
  );
}
