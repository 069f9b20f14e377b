"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

import { ReasonDialog } from "../ReasonDialog";
import { cancelDialogLabels } from "../flights/labels";
import { AircraftForm } from "./AircraftForm";
import { RetimeForm } from "./RetimeForm";
import { FeedbackLine, useDepartureAction, type Feedback } from "./useDepartureAction";

type Departure = components["schemas"]["DepartureRead"];
type Aircraft = components["schemas"]["AircraftRead"];

/** Retime, swap the aircraft or cancel; a cancelled departure changes no more. */
export function DepartureChanges({ departure, fleet }: { departure: Departure; fleet: Aircraft[] }) {
  const t = useTranslations();
  const action = useDepartureAction();
  const [feedback, setFeedback] = useState<Feedback>(null);
  if (departure.status === "cancelled") {
    return (
      <p data-testid="departure-cancelled" className="rounded bg-slate-100 p-3">
        {feedback?.kind === "notice" ? feedback.text : t("departure.cancelled")}
      </p>
    );
  }
  return (
    <section className="grid gap-6 rounded-lg border border-slate-200 bg-white p-4 lg:grid-cols-2">
      <RetimeForm departure={departure} action={action} />
      <div className="space-y-6">
        <AircraftForm departure={departure} fleet={fleet} action={action} />
        <div className="space-y-2">
          <h3 className="font-semibold">{t("departure.cancel.title")}</h3>
          <p className="text-sm text-slate-700">{t("departure.cancel.body")}</p>
          <ReasonDialog
            labels={cancelDialogLabels(t)}
            trigger={t("departure.cancel.button")}
            testId="cancel-this-departure"
            title={t("carrier.departures.cancelTitle")}
            body={t("departure.cancel.body")}
            busy={action.busy === "cancel"}
            disabled={action.pending}
            onConfirm={async (reason) => {
              const failure = await action.run("cancel", () =>
                api.POST("/api/v1/flights/departures/{departure_id}/cancel", {
                  params: { path: { departure_id: departure.id } },
                  body: { reason },
                }),
              );
              if (failure === null) setFeedback({ kind: "notice", text: t("departure.cancel.done") });
              return failure;
            }}
          />
          <FeedbackLine feedback={feedback} testId="cancel" />
        </div>
      </div>
    </section>
  );
}
