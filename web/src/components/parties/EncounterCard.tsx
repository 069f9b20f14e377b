"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";

import { buttonClass, Field, inputClass } from "@/components/organizer/form-controls";
import { api } from "@/lib/api/client";
import { canRate, ratingState } from "@/lib/parties/rating-state";
import type { Encounter } from "@/lib/parties/types";
import { formatDateTime } from "@/lib/time-zone";

import { partyErrorText } from "./errors";

function StarInput({ name, value, onChange }: { name: string; value: number; onChange: (score: number) => void }) {
  const t = useTranslations();
  return (
    <fieldset>
      <legend className="font-medium">{t("parties.ratings.score")}</legend>
      <div className="mt-1 flex gap-1">
        {[1, 2, 3, 4, 5].map((score) => (
          <label key={score} className="cursor-pointer text-2xl has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-600">
            <input type="radio" name={name} value={score} className="sr-only" checked={value === score} onChange={() => onChange(score)} />
            <span aria-hidden="true" className={score <= value ? "text-amber-500" : "text-slate-300"}>
              ★
            </span>
            <span className="sr-only">{t("parties.ratings.star", { count: String(score) })}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** One encounter: the state of its double-blind rating, the form while it may be rated, a no-show dispute. */
export function EncounterCard({ initial, timeZone }: { initial: Encounter; timeZone: string }) {
  const t = useTranslations();
  const lang = useLocale();
  const id = useId();
  const [encounter, setEncounter] = useState(initial);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState("");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [disputed, setDisputed] = useState(false);
  const state = ratingState(encounter);
  const when = (iso: string) => formatDateTime(iso, timeZone, lang);
  const path = { params: { path: { encounter_id: encounter.id } } };

  async function send(kind: "rating" | "dispute", event: FormEvent) {
    event.preventDefault();
    if (kind === "rating" && score === 0) {
      setError(t("parties.ratings.chooseScore"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { data, error: failure } =
        kind === "rating"
          ? await api.POST("/api/v1/parties/encounters/{encounter_id}/rating", { ...path, body: { score, comment: comment.trim() } })
          : await api.POST("/api/v1/parties/encounters/{encounter_id}/dispute", { ...path, body: { reason: reason.trim() } });
      if (data) {
        setEncounter(data);
        if (kind === "dispute") setDisputed(true);
      } else setError(partyErrorText(t, failure));
    } catch {
      setError(partyErrorText(t, null));
    }
    setBusy(false);
  }

  const stateText: Record<typeof state, string> = {
    cancelled: t("parties.ratings.state.cancelled"),
    noShow: t("parties.ratings.state.noShow"),
    revealed: t("parties.ratings.state.revealed"),
    waiting: t("parties.ratings.state.waiting"),
    notOpen: t("parties.ratings.state.notOpen", { time: when(encounter.window_opens_at) }),
    closed: t("parties.ratings.state.closed"),
    rateBack: t("parties.ratings.state.rateBack", { name: encounter.counterpart.name }),
    open: t("parties.ratings.state.open", { time: when(encounter.window_closes_at) }),
  };

  return (
    <li data-testid="encounter" data-state={state} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <p className="font-semibold">{encounter.movie_title}</p>
        <p className="text-sm text-slate-700">
          <time dateTime={encounter.starts_at}>{when(encounter.starts_at)}</time> ·{" "}
          {encounter.role === "guest"
            ? t("parties.ratings.hostedBy", { name: encounter.counterpart.name })
            : t("parties.ratings.guest", { name: encounter.counterpart.name })}
        </p>
      </div>
      <p className={state === "rateBack" ? "font-medium text-blue-900" : "text-slate-700"}>{stateText[state]}</p>
      {encounter.mine && <p>{t("parties.ratings.mine", { score: String(encounter.mine.score) })}{encounter.mine.comment && ` — ${encounter.mine.comment}`}</p>}
      {state === "revealed" &&
        (encounter.theirs ? (
          <p data-testid="their-rating">
            {t("parties.ratings.theirs", { score: String(encounter.theirs.score) })}
            {encounter.theirs.comment && ` — ${encounter.theirs.comment}`}
          </p>
        ) : (
          <p className="text-slate-600">{t("parties.ratings.theirsNone")}</p>
        ))}
      {canRate(state) && (
        <form onSubmit={(e) => void send("rating", e)} noValidate className="space-y-3">
          <StarInput name={`${id}-score`} value={score} onChange={setScore} />
          <Field id={`${id}-comment`} label={t("parties.ratings.comment")}>
            <textarea id={`${id}-comment`} rows={2} maxLength={1000} className={inputClass} value={comment} onChange={(e) => setComment(e.target.value)} />
          </Field>
          <button type="submit" className={buttonClass} disabled={busy} data-testid="rating-submit">
            {busy ? t("parties.ratings.submitting") : t("parties.ratings.submit")}
          </button>
        </form>
      )}
      {encounter.role === "guest" && encounter.no_show && state !== "noShow" && <p className="text-red-800">{t("parties.ratings.state.noShow")}</p>}
      {encounter.role === "guest" && encounter.no_show && !disputed && (
        <form onSubmit={(e) => void send("dispute", e)} noValidate className="space-y-2 border-t border-slate-200 pt-3">
          <h3 className="font-semibold">{t("parties.ratings.dispute")}</h3>
          <Field id={`${id}-reason`} label={t("parties.ratings.disputeReason")}>
            <textarea id={`${id}-reason`} rows={2} maxLength={500} required className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <button type="submit" className={buttonClass} disabled={busy || !reason.trim()}>
            {t("parties.ratings.disputeSubmit")}
          </button>
        </form>
      )}
      {disputed && <p role="status">{t("parties.ratings.disputeSent")}</p>}
      {error && (
        <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {error}
        </p>
      )}
    </li>
  );
}
