"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRef, useState } from "react";

import { ReasonDialog } from "@/components/organizer/ReasonDialog";
import type { Translate } from "@/i18n/translate";
import { api, errorCode } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { cancelChoices, cancelLegs, quoteLegs, type CancelChoice } from "@/lib/flights/changes";
import { formatMoney } from "@/lib/money";

import type { FlightOrder } from "./types";
import { useOrderAction } from "./useOrderAction";

type Quote = components["schemas"]["CancellationQuote"];
type QuoteState = { kind: "loading" } | { kind: "ok"; quote: Quote } | { kind: "error"; text: string };

function cancelError(t: Translate, code: string): string {
  return code === "invalid_cancel" || code === "not_cancellable" ? t(`trip.cancel.error.${code}`) : t("trip.cancel.error.unknown");
}

/** Cancel the whole trip or (a paid round trip) the return: the refund is quoted in the dialog before confirming. */
export function CancelTrip({ order }: { order: FlightOrder }) {
  const t = useTranslations();
  const lang = useLocale();
  const action = useOrderAction();
  const [now] = useState(() => Date.now());
  const choices = cancelChoices(order, now);
  const [choice, setChoice] = useState<CancelChoice>("all");
  const [quote, setQuote] = useState<QuoteState>({ kind: "loading" });
  const request = useRef(0);
  if (choices.length === 0) return null;
  const chosen = choices.includes(choice) ? choice : "all";

  async function loadQuote() {
    const ticket = ++request.current;
    setQuote({ kind: "loading" });
    const legs = quoteLegs(chosen);
    try {
      const { data, error } = await api.GET("/api/v1/flights/orders/{order_id}/cancellation-quote", {
        params: { path: { order_id: order.id }, query: legs ? { legs } : {} },
      });
      if (ticket !== request.current) return;
      if (data) setQuote({ kind: "ok", quote: data });
      else {
        const code = errorCode(error);
        setQuote({ kind: "error", text: code ? cancelError(t, code) : t("trip.cancel.quoteFailed") });
      }
    } catch {
      if (ticket === request.current) setQuote({ kind: "error", text: t("trip.cancel.quoteFailed") });
    }
  }

  return (
    <section aria-labelledby="cancel-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="cancel-trip">
      <h2 id="cancel-heading" className="text-xl font-semibold">
        {t("trip.cancel.title")}
      </h2>
      {choices.length > 1 && (
        <fieldset>
          <legend className="text-sm font-medium">{t("trip.cancel.choice")}</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {choices.map((value) => (
              <label key={value} className="flex items-center gap-2">
                <input type="radio" name="cancel-choice" data-testid={`cancel-choice-${value}`} checked={chosen === value} onChange={() => setChoice(value)} />
                {t(`trip.cancel.${value}`)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <ReasonDialog
        trigger={t("trip.cancel.open")}
        testId="cancel-order"
        title={chosen === "return" ? t("trip.cancel.dialogTitleReturn") : t("trip.cancel.dialogTitle")}
        body={chosen === "return" ? t("trip.cancel.return") : t("trip.cancel.all")}
        labels={{
          keep: t("trip.cancel.keep"),
          confirm: t("trip.cancel.confirm"),
          busy: t("trip.cancel.cancelling"),
          reason: t("trip.cancel.reason"),
          hint: t("trip.cancel.reasonHint"),
        }}
        busy={action.busy === "cancel"}
        disabled={action.pending}
        onOpenChange={(open) => {
          if (open) void loadQuote();
          else request.current++;
        }}
        onConfirm={async (reason) => {
          const result = await action.run("cancel", () =>
            api.POST("/api/v1/flights/orders/{order_id}/cancel", {
              params: { path: { order_id: order.id } },
              body: { legs: cancelLegs(chosen), reason },
            }),
          );
          return result.ok ? null : cancelError(t, result.code);
        }}
      >
        <p role="status" aria-live="polite" data-testid="cancel-quote" data-state={quote.kind}
          data-refund={quote.kind === "ok" ? quote.quote.refund : undefined}
          className="rounded bg-slate-100 p-3 font-medium">
          {quote.kind === "loading" && t("trip.cancel.quoting")}
          {quote.kind === "error" && quote.text}
          {quote.kind === "ok" &&
            (quote.quote.refund > 0
              ? t("trip.cancel.refund", { amount: formatMoney(quote.quote.refund, quote.quote.currency, lang) })
              : t("trip.cancel.noRefund"))}
        </p>
      </ReasonDialog>
    </section>
  );
}
