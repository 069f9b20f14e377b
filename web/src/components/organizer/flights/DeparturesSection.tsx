"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";

import { toLang } from "@/i18n/catalogue";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { dayShift, formatDateIn, formatTimeIn } from "@/lib/time-zone";

import { ReasonDialog } from "../ReasonDialog";
import { cabinLabel, cancelDialogLabels, statusLabel } from "./labels";
import { Pager } from "./Pager";
import { StatusBadge } from "./StatusBadge";
import { SectionFeedback, type RouteActions } from "./useRouteActions";

type RouteRead = components["schemas"]["RouteRead"];
type DepartureRead = components["schemas"]["DepartureRead"];
export type DeparturePage = { items: DepartureRead[]; total: number; limit: number; offset: number };

/** The route's departures in time order, each in its airports' own local time, with a cancel button. */
export function DeparturesSection({ route, page, actions }: { route: RouteRead; page: DeparturePage; actions: RouteActions }) {
  const t = useTranslations();
  return (
    <section aria-labelledby="departures-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="departures-title" className="text-lg font-semibold">{t("carrier.departures.title")}</h2>
      {page.items.length === 0 ? (
        <p className="text-slate-700">{t("carrier.departures.empty")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-600">{t("carrier.departures.timesNote")}</p>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-700">
                <tr>
                  <th scope="col" className="p-2">{t("carrier.departures.date")}</th>
                  <th scope="col" className="p-2">{t("carrier.departures.departs", { airport: route.origin.iata })}</th>
                  <th scope="col" className="p-2">{t("carrier.departures.arrives", { airport: route.destination.iata })}</th>
                  <th scope="col" className="p-2">{t("carrier.departures.seatsLeft")}</th>
                  <th scope="col" className="p-2">{t("carrier.departures.status")}</th>
                  <th scope="col" className="p-2">{t("carrier.departures.actions")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {page.items.map((departure) => (
                  <DepartureRow key={departure.id} departure={departure} actions={actions} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Pager basePath={`/organizer/flights/${route.id}`} total={page.total} limit={page.limit} offset={page.offset} />
      <SectionFeedback actions={actions} section="departures" />
    </section>
  );
}

function DepartureRow({ departure, actions }: { departure: DepartureRead; actions: RouteActions }) {
  const t = useTranslations();
  const lang = toLang(useLocale());
  const date = formatDateIn(departure.departs_at, departure.departure_timezone, lang);
  const shift = dayShift(departure.departs_at, departure.departure_timezone, departure.arrives_at, departure.arrival_timezone);
  const cancelled = departure.status === "cancelled";
  return (
    <tr data-testid="departure-row" data-departure={departure.id}>
      <th scope="row" className="p-2 font-medium whitespace-nowrap">
        <Link href={`/organizer/departures/${departure.id}`} data-testid="open-departure" className="text-blue-800 underline">
          {date}
        </Link>
      </th>
      <td className="p-2 tabular-nums" data-testid="departure-time">
        <time dateTime={departure.departs_at}>{formatTimeIn(departure.departs_at, departure.departure_timezone, lang)}</time>
      </td>
      <td className="p-2 tabular-nums whitespace-nowrap" data-testid="arrival-time">
        <time dateTime={departure.arrives_at}>{formatTimeIn(departure.arrives_at, departure.arrival_timezone, lang)}</time>
        {shift !== 0 ? (
          <sup className="ml-0.5 font-semibold text-amber-800" title={t("carrier.departures.nextDayLabel", { days: String(shift) })}>
            <span aria-hidden="true">{shift > 0 ? t("carrier.departures.nextDay", { days: String(shift) }) : String(shift)}</span>
            <span className="sr-only">{t("carrier.departures.nextDayLabel", { days: String(shift) })}</span>
          </sup>
        ) : null}
      </td>
      <td className="p-2">
        <ul>
          {Object.entries(departure.seats_left).map(([cabin, left]) => (
            <li key={cabin} className="whitespace-nowrap">
              {cabinLabel(t, cabin)}: <span className="tabular-nums">{left}</span>
            </li>
          ))}
        </ul>
      </td>
      <td className="p-2">
        <StatusBadge status={departure.status} label={statusLabel(t, departure.status)} testId="departure-status" />
        {departure.on_sale ? <span className="ml-1 text-xs text-green-800">{t("carrier.departures.onSale")}</span> : null}
      </td>
      <td className="p-2">
        {cancelled ? null : (
          <ReasonDialog
            labels={cancelDialogLabels(t)}
            small
            trigger={t("carrier.departures.cancel")}
            triggerLabel={t("carrier.departures.cancelLabel", { date })}
            testId={`cancel-departure-${departure.id}`}
            title={t("carrier.departures.cancelTitle")}
            body={t("carrier.departures.cancelBody", { date })}
            busy={actions.busy === `cancel-${departure.id}`}
            disabled={actions.pending}
            onConfirm={async (reason) =>
              (
                await actions.run(
                  `cancel-${departure.id}`,
                  "departures",
                  () =>
                    api.POST("/api/v1/flights/departures/{departure_id}/cancel", {
                      params: { path: { departure_id: departure.id } },
                      body: { reason },
                    }),
                  () => t("carrier.departures.cancelled"),
                  true,
                )
              ).failure
            }
          />
        )}
      </td>
    </tr>
  );
}
