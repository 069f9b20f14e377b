"use client";

import type { components } from "@/lib/api/schema";

import { AddDepartureForm, ScheduleForm } from "./DepartureForms";
import { DeparturesSection, type DeparturePage } from "./DeparturesSection";
import { FaresSection } from "./FaresSection";
import { RouteHeader } from "./RouteHeader";
import { useRouteActions } from "./useRouteActions";

type RouteRead = components["schemas"]["RouteRead"];

/** The carrier's page for one route: header and actions, fares, departures and the forms that add them. */
export function RouteEditor({
  route,
  departures,
  aircraftName,
  cabins,
  returnFlight,
}: {
  route: RouteRead;
  departures: DeparturePage;
  aircraftName: string | null;
  cabins: string[];
  returnFlight: string | null;
}) {
  const actions = useRouteActions();
  const open = route.status !== "cancelled";
  return (
    <div className="space-y-6">
      <RouteHeader route={route} aircraftName={aircraftName} returnFlight={returnFlight} actions={actions} />
      <FaresSection route={route} cabins={cabins} actions={actions} />
      <DeparturesSection route={route} page={departures} actions={actions} />
      {open ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <AddDepartureForm route={route} actions={actions} />
          <ScheduleForm route={route} actions={actions} />
        </div>
      ) : null}
    </div>
  );
}
