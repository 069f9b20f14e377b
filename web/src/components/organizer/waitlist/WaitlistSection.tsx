"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

import { secondaryButtonClass } from "../form-controls";
import { useSessionWaitlist } from "./useSessionWaitlist";
import { WaitlistTable } from "./WaitlistTable";

const COUNTS = [
  ["waiting", "waiting"],
  ["seatsWanted", "seats_wanted"],
  ["offered", "offered"],
] as const;

/**
 * A session's waiting list on its organizer page: how many wait and for how many seats, the offers running,
 * the line itself, and "Offer free seats now" (offers are otherwise made by themselves as seats come back).
 */
export function WaitlistSection({ sessionId }: { sessionId: string }) {
  const t = useTranslations();
  const id = useId();
  const waitlist = useSessionWaitlist(sessionId);
  const { line } = waitlist;

  return (
    <section aria-labelledby={`${id}-h`} data-testid="waitlist-desk" className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={`${id}-h`} className="text-lg font-semibold">
          {t("waitlistDesk.title")}
        </h2>
        <button
          type="button"
          data-testid="waitlist-offer"
          aria-describedby={`${id}-hint`}
          disabled={waitlist.busy !== null || line === null}
          onClick={() => void waitlist.offer()}
          className={secondaryButtonClass}
        >
          {waitlist.busy === "offer" ? t("waitlistDesk.offering") : t("waitlistDesk.offer")}
        </button>
      </div>
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        {t("waitlistDesk.offerHint")}
      </p>

      {waitlist.loading && !line && (
        <p role="status" className="text-sm text-slate-600">
          {t("waitlistDesk.loading")}
        </p>
      )}
      {waitlist.loadFailed && !waitlist.loading && (
        <p role="alert" className="flex flex-wrap items-center gap-3 rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {t("waitlistDesk.loadError")}
          <button type="button" className="rounded border border-slate-300 bg-white px-3 py-1 text-slate-800" onClick={() => void waitlist.load()}>
            {t("common.retry")}
          </button>
        </p>
      )}
      {waitlist.message && (
        <p
          role={waitlist.message.kind === "error" ? "alert" : "status"}
          data-testid="waitlist-desk-message"
          className={waitlist.message.kind === "error" ? "rounded border border-red-200 bg-red-50 p-3 text-red-800" : "rounded border border-green-200 bg-green-50 p-3 text-green-900"}
        >
          {waitlist.message.text}
        </p>
      )}

      {line && (
        <>
          <dl className="grid grid-cols-3 gap-3" data-testid="waitlist-counts">
            {COUNTS.map(([label, key]) => (
              <div key={key} className="rounded border border-slate-200 bg-slate-50 px-3 py-2">
                <dt className="text-xs text-slate-600">{t(`waitlistDesk.count.${label}`)}</dt>
                <dd className="text-lg font-semibold" data-testid={`waitlist-count-${label}`}>
                  {line[key]}
                </dd>
              </div>
            ))}
          </dl>
          {line.items.length === 0 ? (
            <p className="text-slate-700">{t("waitlistDesk.empty")}</p>
          ) : (
            <WaitlistTable items={line.items} busy={waitlist.busy} onRemove={waitlist.remove} />
          )}
        </>
      )}
    </section>
  );
}
