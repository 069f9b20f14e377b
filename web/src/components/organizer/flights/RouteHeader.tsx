"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";

import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

import { buttonClass, Field, inputClass, secondaryButtonClass } from "../form-controls";
import { EditorDialog } from "../listing-editor/EditorDialog";
import { airportText } from "@/components/flights/AirportCombobox";
import { ReasonDialog } from "../ReasonDialog";
import { cancelDialogLabels, statusLabel } from "./labels";
import { StatusBadge } from "./StatusBadge";
import { SectionFeedback, type RouteActions } from "./useRouteActions";

type RouteRead = components["schemas"]["RouteRead"];

/** Flight number, airports and status, with Publish, Create return route and Cancel route. */
export function RouteHeader({
  route,
  aircraftName,
  returnFlight,
  actions,
}: {
  route: RouteRead;
  aircraftName: string | null;
  returnFlight: string | null;
  actions: RouteActions;
}) {
  const t = useTranslations();
  const cancelled = route.status === "cancelled";
  const path = { params: { path: { route_id: route.id } } };
  return (
    <header className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold" data-testid="route-title">
          {route.flight_number}
        </h1>
        <StatusBadge status={route.status} label={statusLabel(t, route.status)} testId="route-status" />
      </div>
      <p className="text-slate-800">
        {airportText(route.origin)} → {airportText(route.destination)}
      </p>
      {aircraftName ? (
        <p className="text-sm text-slate-700">
          {t("carrier.route.aircraft")}: {aircraftName}
        </p>
      ) : null}
      {route.return_route_id ? (
        <p className="text-sm">
          {t("carrier.route.returnRoute")}:{" "}
          <Link href={`/organizer/flights/${route.return_route_id}`} className="text-blue-800 underline" data-testid="return-route-link">
            {t("carrier.route.openReturn", { flight: returnFlight ?? "" }).trim()}
          </Link>
        </p>
      ) : null}
      {cancelled ? (
        <p className="text-slate-700">{t("carrier.route.cancelledNote")}</p>
      ) : (
        <div className="flex flex-wrap gap-2">
          {route.status === "draft" ? (
            <button
              type="button"
              className={buttonClass}
              data-testid="publish-route"
              aria-describedby="publish-hint"
              disabled={actions.pending}
              onClick={() =>
                void actions.run("publish", "header", () => api.POST("/api/v1/flights/routes/{route_id}/publish", path), () =>
                  t("carrier.route.published"),
                )
              }
            >
              {actions.busy === "publish" ? t("carrier.route.publishing") : t("carrier.route.publish")}
            </button>
          ) : null}
          {route.return_route_id ? null : <ReturnRouteDialog route={route} actions={actions} />}
          <ReasonDialog
            labels={cancelDialogLabels(t)}
            trigger={t("carrier.route.cancelRoute")}
            testId="cancel-route"
            title={t("carrier.route.cancelRouteTitle")}
            body={t("carrier.route.cancelRouteBody")}
            busy={actions.busy === "cancel-route"}
            disabled={actions.pending}
            onConfirm={async (reason) =>
              (await actions.run("cancel-route", "header", () =>
                api.POST("/api/v1/flights/routes/{route_id}/cancel", { ...path, body: { reason } }),
              undefined, true)).failure
            }
          />
        </div>
      )}
      {route.status === "draft" ? (
        <p id="publish-hint" className="text-sm text-slate-600">
          {t("carrier.route.publishHint")}
        </p>
      ) : null}
      <SectionFeedback actions={actions} section="header" />
    </header>
  );
}

function ReturnRouteDialog({ route, actions }: { route: RouteRead; actions: RouteActions }) {
  const t = useTranslations();
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [number, setNumber] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function create() {
    if (!number.trim()) return setError(t("carrier.routeForm.required"));
    const { data, failure } = await actions.run(
      "return",
      "header",
      () =>
        api.POST("/api/v1/flights/routes/{route_id}/return", {
          params: { path: { route_id: route.id } },
          body: { flight_number: number.trim().toUpperCase() },
        }),
      undefined,
      true,
    );
    if (data) {
      setOpen(false);
      router.push(`/organizer/flights/${data.id}`);
    } else setError(failure);
  }

  return (
    <EditorDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
      trigger={
        <button type="button" className={secondaryButtonClass} data-testid="create-return" disabled={actions.pending}>
          {t("carrier.route.createReturn")}
        </button>
      }
      title={t("carrier.route.returnTitle")}
      description={t("carrier.route.returnBody", { from: route.destination.iata, to: route.origin.iata })}
      busy={actions.busy === "return"}
      error={error}
      closeLabel={t("carrier.route.close")}
      submitLabel={actions.busy === "return" ? t("carrier.route.creatingReturn") : t("carrier.route.createReturn")}
      submitTestId="create-return-confirm"
      onSubmit={create}
    >
      <Field id={`${id}-number`} label={t("carrier.route.returnNumber")}>
        <input
          id={`${id}-number`}
          maxLength={8}
          spellCheck={false}
          className={`${inputClass} uppercase`}
          value={number}
          onChange={(e) => setNumber(e.target.value.toUpperCase())}
        />
      </Field>
    </EditorDialog>
  );
}
