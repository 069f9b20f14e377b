"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";

import { ReasonDialog } from "@/components/organizer/ReasonDialog";
import { buttonClass } from "@/components/organizer/form-controls";
import { toLang, type Lang } from "@/i18n/catalogue";
import type { Translate } from "@/i18n/translate";
import { api } from "@/lib/api/client";
import { bannerItems, pastChanges, type BannerItem, type OrderChange } from "@/lib/flights/changes";
import { formatDateIn, formatTimeIn } from "@/lib/time-zone";

import type { FlightOrder } from "./types";
import { useOrderAction } from "./useOrderAction";

/** "Sun, 20 Dec 2026 07:30" in the airport's zone. */
function localTime(iso: string, zone: string, lang: Lang): string {
  return `${formatDateIn(iso, zone, lang)} ${formatTimeIn(iso, zone, lang)}`;
}

function answerError(t: Translate, code: string): string {
  return code === "change_not_pending" ? t("trip.banner.error.change_not_pending") : t("trip.banner.error.unknown");
}

/** At the top of the order: each unanswered change of a leg, what changed, by when to answer, accept or reject. */
export function ScheduleChangeBanner({ order, history }: { order: FlightOrder; history: OrderChange[] }) {
  const items = bannerItems(order, history);
  if (items.length === 0) return null;
  return (
    <div className="space-y-3">
      {items.map((item) => (
        <ChangeNotice key={item.change.change_id + item.leg.leg} orderId={order.id} item={item} />
      ))}
    </div>
  );
}

function ChangeNotice({ orderId, item }: { orderId: string; item: BannerItem }) {
  const t = useTranslations();
  const lang = toLang(useLocale());
  const action = useOrderAction();
  const [error, setError] = useState<string | null>(null);
  const { leg, change, wording } = item;
  const path = { params: { path: { order_id: orderId, change_id: change.change_id } } };
  const values = { leg: String(leg.leg), flight: leg.flight_number };
  const fromZone = leg.departure_timezone;
  const toZone = leg.arrival_timezone;

  async function accept() {
    setError(null);
    const result = await action.run("accept", () => api.POST("/api/v1/flights/orders/{order_id}/schedule-changes/{change_id}/accept", path));
    if (!result.ok) setError(answerError(t, result.code));
  }

  const times: string[] = [];
  if (wording !== "cancelled" && change.new_departs_at) {
    const next = localTime(change.new_departs_at, fromZone, lang);
    times.push(item.oldDepartsAt ? t("trip.banner.departs", { old: localTime(item.oldDepartsAt, fromZone, lang), new: next }) : t("trip.banner.departsNew", { new: next }));
  }
  if (wording !== "cancelled" && change.new_arrives_at) {
    const next = localTime(change.new_arrives_at, toZone, lang);
    times.push(item.oldArrivesAt ? t("trip.banner.arrives", { old: localTime(item.oldArrivesAt, toZone, lang), new: next }) : t("trip.banner.arrivesNew", { new: next }));
  }

  return (
    <section
      role="region"
      aria-labelledby={`change-${change.change_id}`}
      data-testid="schedule-change"
      data-kind={change.kind}
      className="space-y-3 rounded-lg border-2 border-amber-500 bg-amber-50 p-4"
    >
      <h2 id={`change-${change.change_id}`} className="text-lg font-bold text-amber-950">
        {wording === "cancelled" ? t("trip.banner.titleCancelled") : t("trip.banner.title")}
      </h2>
      <p data-testid="change-what" className="font-medium">
        {t(`trip.banner.kind.${wording}`, values)}
      </p>
      {times.length > 0 && (
        <ul className="text-sm" data-testid="change-times">
          {times.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <p className="text-sm" data-testid="change-deadline">
        {t("trip.banner.respondBy", { time: localTime(change.respond_by, fromZone, lang) })}
      </p>
      <div role="alert" aria-live="polite" data-testid="change-error" className="text-sm text-red-700 empty:hidden">
        {error}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" data-testid="accept-change" className={buttonClass} disabled={action.pending} onClick={() => void accept()}>
          {action.busy === "accept" ? t("trip.banner.accepting") : wording === "cancelled" ? t("trip.banner.keepRest") : t("trip.banner.accept")}
        </button>
        <ReasonDialog
          trigger={t("trip.banner.reject")}
          testId="reject-change"
          title={t("trip.banner.rejectTitle")}
          body={t("trip.banner.rejectBody")}
          labels={{
            keep: t("trip.banner.keep"),
            confirm: t("trip.banner.rejectConfirm"),
            busy: t("trip.banner.rejecting"),
            reason: t("trip.banner.reason"),
            hint: t("trip.banner.reasonHint"),
          }}
          busy={action.busy === "reject"}
          disabled={action.pending}
          onConfirm={async (reason) => {
            const result = await action.run("reject", () =>
              api.POST("/api/v1/flights/orders/{order_id}/schedule-changes/{change_id}/reject", { ...path, body: { reason } }),
            );
            return result.ok ? null : answerError(t, result.code);
          }}
        />
      </div>
    </section>
  );
}

const KINDS = new Set(["retimed", "aircraft", "cancelled"]);
const STATUSES = new Set(["accepted", "rejected", "superseded", "pending"]);

/** Changes already answered or replaced, newest first; nothing when there are none. */
export function PastChanges({ order, history }: { order: FlightOrder; history: OrderChange[] }) {
  const t = useTranslations();
  const lang = toLang(useLocale());
  const past = pastChanges(history);
  if (past.length === 0) return null;
  const zoneOf = (leg: number) => order.legs.find((l) => l.leg === leg)?.departure_timezone ?? "UTC";
  return (
    <section aria-labelledby="history-heading" className="space-y-2">
      <h2 id="history-heading" className="text-xl font-semibold">
        {t("trip.banner.history")}
      </h2>
      <ul className="space-y-1 text-sm" data-testid="change-history">
        {past.map((item) => (
          <li key={item.id} data-status={item.status}>
            {t("trip.banner.historyItem", {
              leg: String(item.leg),
              kind: KINDS.has(item.kind) ? t(`trip.banner.historyKind.${item.kind as "retimed" | "aircraft" | "cancelled"}`) : item.kind,
              status: STATUSES.has(item.status)
                ? t(`trip.banner.historyStatus.${item.status as "accepted" | "rejected" | "superseded" | "pending"}`)
                : item.status,
              time: localTime(item.created_at, zoneOf(item.leg), lang),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
