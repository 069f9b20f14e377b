// Every change the route page makes goes through here: one action at a time, its error or notice shown in the
// section that owns it, and the page refreshed from the server after a success.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { networkError } from "../api-errors";
import { describeCarrierError } from "./carrier-errors";

export type RouteSection = "header" | "fares" | "departures" | "single" | "schedule";
export type SectionMessage = { section: RouteSection; text: string };
type ApiCall<T> = () => Promise<{ error?: unknown; data?: T }>;

export type RouteActions = {
  busy: string | null;
  pending: boolean;
  error: SectionMessage | null;
  notice: SectionMessage | null;
  fail: (section: RouteSection, text: string) => void;
  /** Runs one call; on failure shows its error in `section` (or returns it, with `quiet`); on success says `done`. */
  run: <T>(key: string, section: RouteSection, call: ApiCall<T>, done?: (data: T) => string | null, quiet?: boolean) => Promise<{ data: T | null; failure: string | null }>;
};

export function useRouteActions(): RouteActions {
  const router = useRouter();
  const t = useTranslations();
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<SectionMessage | null>(null);
  const [notice, setNotice] = useState<SectionMessage | null>(null);

  async function run<T>(
    key: string,
    section: RouteSection,
    call: ApiCall<T>,
    done?: (data: T) => string | null,
    quiet = false,
  ): Promise<{ data: T | null; failure: string | null }> {
    setBusy(key);
    setError(null);
    setNotice(null);
    let failure: string | null = null;
    let data: T | null = null;
    try {
      const result = await call();
      if (result.error !== undefined || result.data === undefined) failure = describeCarrierError(t, result.error);
      else data = result.data;
    } catch {
      failure = networkError(t);
    }
    setBusy(null);
    if (failure !== null) {
      if (!quiet) setError({ section, text: failure });
    } else {
      const text = done && data !== null ? done(data) : null;
      if (text) setNotice({ section, text });
      startTransition(() => router.refresh());
    }
    return { data, failure };
  }

  return {
    busy,
    pending: pending || busy !== null,
    error,
    notice,
    fail: (section, text) => {
      setNotice(null);
      setError({ section, text });
    },
    run,
  };
}

export function SectionFeedback({ actions, section }: { actions: RouteActions; section: RouteSection }) {
  if (actions.error?.section === section) {
    return (
      <p role="alert" aria-live="polite" data-testid={`${section}-error`} className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
        {actions.error.text}
      </p>
    );
  }
  if (actions.notice?.section === section) {
    return (
      <p role="status" data-testid={`${section}-notice`} className="rounded border border-green-200 bg-green-50 p-3 text-green-900">
        {actions.notice.text}
      </p>
    );
  }
  return null;
}
