"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";

import { errorMessage } from "@/i18n/translate";
import { api } from "@/lib/api/client";
import {
  clampQuantity,
  joinBody,
  readJoinRefusal,
  type WaitlistChoice,
  type WaitlistOption,
  type WaitlistReason,
} from "@/lib/waitlist/join";

import { waitlistErrorText } from "./errors";

type Result = { kind: "joined"; position: number | null } | { kind: "refused"; text: string; alreadyWaiting: boolean } | null;

/**
 * "Join the waiting list" under the booking form, when the seats asked for are not free: a ticket type and a
 * quantity (starting from what was asked), sent as POST /sessions/{id}/waitlist. When the server finds seats
 * free after all (`409 seats_available`), `onSeatsFree` says so on the booking form, which reads the seats again.
 * Signed-out visitors log in first and come back to the event.
 */
export function WaitlistJoinPanel({
  eventId,
  sessionId,
  options,
  initial,
  reason,
  signedIn,
  onSeatsFree,
}: {
  eventId: string;
  sessionId: string;
  options: readonly WaitlistOption[];
  initial: WaitlistChoice;
  reason: WaitlistReason;
  signedIn: boolean;
  onSeatsFree: (message: string) => void;
}) {
  const t = useTranslations();
  const id = useId();
  // What was typed here; until then the panel follows what the booking form asks for.
  const [edited, setEdited] = useState<WaitlistChoice | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);
  const choice = edited && options.some((o) => o.ticketTypeId === edited.ticketTypeId) ? edited : initial;
  const option = options.find((o) => o.ticketTypeId === choice.ticketTypeId) ?? options[0];

  async function join(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!option) return;
    setBusy(true);
    setResult(null);
    try {
      const { data, error } = await api.POST("/api/v1/sessions/{session_id}/waitlist", {
        params: { path: { session_id: sessionId } },
        body: joinBody(choice, option.max),
      });
      if (data) {
        setResult({ kind: "joined", position: data.position });
      } else {
        const refusal = readJoinRefusal(error);
        if (refusal.kind === "seats_available") onSeatsFree(waitlistErrorText(t, error));
        else setResult({ kind: "refused", text: waitlistErrorText(t, error), alreadyWaiting: refusal.kind === "already_waiting" });
      }
    } catch {
      setResult({ kind: "refused", text: errorMessage(t, null), alreadyWaiting: false });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-h`} data-testid="waitlist-join" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h3 id={`${id}-h`} className="font-semibold">
        {t("waitlist.join.title")}
      </h3>
      <p className="text-sm text-slate-700">{reason === "full" ? t("waitlist.join.full") : t("waitlist.join.short")}</p>

      {result?.kind === "joined" ? (
        <p role="status" data-testid="waitlist-joined" className="text-sm text-green-900">
          {result.position !== null ? t("waitlist.join.joined", { position: String(result.position) }) : t("waitlist.positionUnknown")}{" "}
          <Link href="/waitlist" className="font-medium underline">
            {t("waitlist.join.seeList")}
          </Link>
        </p>
      ) : signedIn ? (
        <form onSubmit={join} noValidate className="flex flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1">
            <label htmlFor={`${id}-type`} className="block text-sm font-medium">
              {t("waitlist.join.ticketType")}
            </label>
            <select
              id={`${id}-type`}
              value={choice.ticketTypeId}
              onChange={(e) => setEdited({ ticketTypeId: e.target.value, quantity: choice.quantity })}
              className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5"
            >
              {options.map((o) => (
                <option key={o.ticketTypeId} value={o.ticketTypeId}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-quantity`} className="block text-sm font-medium">
              {t("waitlist.join.quantity")}
            </label>
            <input
              id={`${id}-quantity`}
              type="number"
              inputMode="numeric"
              min={1}
              max={option?.max ?? 1}
              step={1}
              value={choice.quantity}
              onChange={(e) => setEdited({ ticketTypeId: choice.ticketTypeId, quantity: clampQuantity(Number.parseInt(e.target.value, 10), option?.max ?? 1) })}
              className="mt-1 block w-20 rounded border border-slate-300 bg-white px-2 py-1.5 text-right"
            />
          </div>
          <button
            type="submit"
            data-testid="waitlist-join-submit"
            disabled={busy}
            className="rounded bg-slate-900 px-4 py-2 font-semibold text-white hover:bg-slate-800 disabled:cursor-not-allowed disabled:opacity-60"
          >
            {busy ? t("waitlist.join.joining") : t("waitlist.join.submit")}
          </button>
        </form>
      ) : (
        <Link
          href={`/login?next=/events/${eventId}`}
          data-testid="waitlist-login"
          className="inline-block rounded bg-slate-900 px-4 py-2 font-semibold text-white hover:bg-slate-800"
        >
          {t("waitlist.join.login")}
        </Link>
      )}

      {result?.kind === "refused" && (
        <p role="alert" data-testid="waitlist-join-error" className="text-sm text-red-700">
          {result.text}
          {result.alreadyWaiting && (
            <>
              {" "}
              <Link href="/waitlist" className="font-medium underline">
                {t("waitlist.join.seeList")}
              </Link>
            </>
          )}
        </p>
      )}
    </section>
  );
}
