"use client";

import { useEffect, useRef } from "react";

export const POLL_MS = 1_000;
export const POLL_LIMIT_MS = 120_000;

/**
 * While `active`: calls `step` now and then every `intervalMs` after the previous call settled, until it
 * returns true (done), the component unmounts or `active` turns false; after `limitMs` without being done
 * calls `onTimeout`. A throwing step (a network blip) counts as not done. Used after a payment gateway's
 * redirect, which proves nothing: the pages poll the backend until it confirms or reports a failure.
 */
export function usePolling(
  active: boolean,
  step: () => Promise<boolean>,
  onTimeout: () => void,
  { intervalMs = POLL_MS, limitMs = POLL_LIMIT_MS }: { intervalMs?: number; limitMs?: number } = {},
): void {
  const stepRef = useRef(step);
  const timeoutRef = useRef(onTimeout);
  useEffect(() => {
    stepRef.current = step;
    timeoutRef.current = onTimeout;
  });

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: number | undefined;
    const started = Date.now();
    const poll = async () => {
      let done = false;
      try {
        done = await stepRef.current();
      } catch {
        done = false;
      }
      if (stopped || done) return;
      if (Date.now() - started >= limitMs) {
        timeoutRef.current();
        return;
      }
      timer = window.setTimeout(() => void poll(), intervalMs);
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [active, intervalMs, limitMs]);
}
