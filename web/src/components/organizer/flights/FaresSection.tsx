"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";

import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { emptyFare, fareBody } from "@/lib/flights/fares";
import { CABIN_CLASSES, type CabinClass } from "@/lib/flights/seat-map";

import { buttonClass } from "../form-controls";
import { FareFields, fareProblemKey } from "./FareFields";
import { FareRow } from "./FareRow";
import { SectionFeedback, type RouteActions } from "./useRouteActions";

type RouteRead = components["schemas"]["RouteRead"];

/** The route's fares (inline edit) and a form that adds one. */
export function FaresSection({ route, cabins, actions }: { route: RouteRead; cabins: string[]; actions: RouteActions }) {
  const t = useTranslations();
  const readOnly = route.status === "cancelled";
  return (
    <section aria-labelledby="fares-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="fares-title" className="text-lg font-semibold">{t("carrier.fares.title")}</h2>
      {route.fares.length === 0 ? (
        <p className="text-slate-700">{t("carrier.fares.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-700">
              <tr>
                <th scope="col" className="p-2">{t("carrier.fare.name")}</th>
                <th scope="col" className="p-2">{t("carrier.fare.cabin")}</th>
                <th scope="col" className="p-2 text-right">{t("carrier.fare.price")}</th>
                <th scope="col" className="p-2">{t("carrier.fare.active")}</th>
                <th scope="col" className="p-2">{t("carrier.fare.refundable")}</th>
                <th scope="col" className="p-2">{t("carrier.fare.changeable")}</th>
                <th scope="col" className="p-2">{`${t("carrier.fare.cabinBags")} / ${t("carrier.fare.checkedBags")}`}</th>
                <th scope="col" className="p-2">{t("carrier.fares.actions")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {route.fares.map((fare) => (
                <FareRow key={fare.id} fare={fare} actions={actions} readOnly={readOnly} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <SectionFeedback actions={actions} section="fares" />
      {readOnly ? null : <AddFareForm route={route} cabins={cabins} actions={actions} />}
    </section>
  );
}

function AddFareForm({ route, cabins, actions }: { route: RouteRead; cabins: string[]; actions: RouteActions }) {
  const t = useTranslations();
  const id = useId();
  const offered = CABIN_CLASSES.filter((cabin) => cabins.length === 0 || cabins.includes(cabin));
  const fresh = () => emptyFare(1, route.fares[0]?.currency ?? "KZT", (offered[offered.length - 1] ?? "economy") as CabinClass);
  const [draft, setDraft] = useState(fresh);

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body = fareBody(draft);
    if (typeof body === "string") return actions.fail("fares", t(body === "required" ? "carrier.fares.required" : fareProblemKey(body)));
    const { failure } = await actions.run(
      "add-fare",
      "fares",
      () => api.POST("/api/v1/flights/routes/{route_id}/fares", { params: { path: { route_id: route.id } }, body }),
      () => t("carrier.fares.added"),
    );
    if (failure === null) setDraft(fresh());
  }

  return (
    <form onSubmit={add} noValidate className="space-y-3 border-t border-slate-200 pt-4" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="font-semibold">{t("carrier.fares.add")}</h3>
      <FareFields draft={draft} idPrefix={id} cabins={offered} onChange={setDraft} />
      <button type="submit" className={buttonClass} disabled={actions.pending}>
        {actions.busy === "add-fare" ? t("carrier.fares.adding") : t("carrier.fares.addButton")}
      </button>
    </form>
  );
}
