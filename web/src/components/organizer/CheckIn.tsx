"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";

import { seatCodeName } from "@/components/seating/seat-names";
import type { Lang } from "@/i18n/catalogue";
import type { Translate } from "@/i18n/translate";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { browserTimeZone, formatDateTime } from "@/lib/time-zone";

import { describeApiError, networkError, parseApiError } from "./api-errors";
import { buttonClass, inputClass } from "./form-controls";

type CheckInResult = components["schemas"]["CheckInResult"];
type Outcome = { kind: "ok"; result: CheckInResult } | { kind: "error"; code: string | null; text: string } | null;

/** What the door sees when a ticket is refused: each refusal the backend names gets its own wording. */
export function checkInErrorText(
  t: Translate,
  lang: Lang,
  error: unknown,
  timeZone: string,
): { code: string | null; text: string } {
  const parsed = parseApiError(error);
  switch (parsed.code) {
    case "already_checked_in": {
      const at = parsed.extra.checked_in_at;
      const seat = parsed.extra.seat;
      const text =
        typeof at === "string" ? t("org.checkin.already", { time: formatDateTime(at, timeZone, lang) }) : t("org.checkin.alreadyNoTime");
      // A seated ticket: the door can still show the way to the seat.
      return { code: parsed.code, text: typeof seat === "string" && seat ? `${text} ${t("org.checkin.seat", { seat: seatCodeName(t, seat) })}` : text };
    }
    case "invalid_ticket_code":
      return { code: parsed.code, text: t("org.checkin.invalid") };
    case "ticket_not_valid":
      return {
        code: parsed.code,
        text: parsed.extra.ticket_status === "cancelled" ? t("org.checkin.cancelled") : t("org.checkin.notPaid"),
      };
    case "wrong_session":
      return { code: parsed.code, text: t("org.checkin.wrongSession") };
    case "checkin_closed":
      return { code: parsed.code, text: t("org.checkin.closed") };
    case "not_found":
      return { code: parsed.code, text: t("org.checkin.notFound") };
    default:
      return { code: parsed.code, text: describeApiError(t, error) };
  }
}

/**
 * Admits tickets at the door of one session: the backend refuses tickets for any other session. A flight's
 * departure is a session too: boarding passes its id and its own heading and hint. A watch party's host
 * scans with `endpoint="party"` (POST /parties/checkin, which scopes codes to the host's own slots);
 * `onCheckedIn` tells a client parent to reload what it shows.
 */
export function CheckIn({
  sessionId,
  title,
  hint,
  endpoint = "session",
  onCheckedIn,
}: {
  sessionId: string;
  title?: string;
  hint?: string;
  endpoint?: "session" | "party";
  onCheckedIn?: () => void;
}) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const t = useTranslations();
  const lang = useLocale();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = code.trim();
    if (!value) {
      setOutcome({ kind: "error", code: null, text: t("org.checkin.empty") });
      input.current?.focus();
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const { data, error } =
        endpoint === "party"
          ? await api.POST("/api/v1/parties/checkin", { body: { code: value } })
          : await api.POST("/api/v1/checkin", { body: { code: value, session_id: sessionId } });
      if (data) {
        setOutcome({ kind: "ok", result: data });
        setCode("");
        onCheckedIn?.();
        startTransition(() => router.refresh());
      } else {
        setOutcome({ kind: "error", ...checkInErrorText(t, lang, error, browserTimeZone()) });
      }
    } catch {
      setOutcome({ kind: "error", code: null, text: networkError(t) });
    }
    setBusy(false);
    input.current?.focus();
  }

  return (
    <section aria-labelledby={`${id}-h`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        {title ?? t("org.checkin.title")}
      </h2>
      <form onSubmit={submit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <label htmlFor={`${id}-code`} className="font-medium">
            {t("org.checkin.code")}
          </label>
          <input
            ref={input}
            id={`${id}-code`}
            name="code"
            required
            maxLength={64}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby={`${id}-hint`}
            className={`${inputClass} font-mono uppercase`}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
            {hint ?? t("org.checkin.codeHint")}
          </p>
        </div>
        <button type="submit" data-testid="check-in" className={`${buttonClass} sm:mb-7`} disabled={busy}>
          {busy ? t("org.checkin.checking") : t("org.checkin.button")}
        </button>
      </form>
      <div
        data-testid="check-in-result"
        role="status"
        aria-live="polite"
        data-state={outcome?.kind ?? "idle"}
        data-code={outcome?.kind === "error" ? (outcome.code ?? undefined) : undefined}
        className={
          outcome === null
            ? ""
            : outcome.kind === "ok"
              ? "rounded border border-green-300 bg-green-50 p-3 text-green-900"
              : "rounded border border-red-300 bg-red-50 p-3 text-red-900"
        }
      >
        {outcome?.kind === "ok" && (
          <>
            <p className="font-semibold">
              {t("org.checkin.ok", { attendee: outcome.result.attendee_name || t("org.checkin.noName") })}
            </p>
            <p className="text-sm">
              {t("org.checkin.okDetails", {
                ticketType: outcome.result.ticket_type_name,
                reference: outcome.result.booking_reference,
              })}
            </p>
            {outcome.result.seat && (
              <p className="text-lg font-semibold" data-testid="check-in-seat" data-seat={outcome.result.seat}>
                {t("org.checkin.seat", { seat: seatCodeName(t, outcome.result.seat) })}
              </p>
            )}
          </>
        )}
        {outcome?.kind === "error" && <p className="font-semibold">{outcome.text}</p>}
      </div>
    </section>
  );
}
