"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";

import { CURRENCIES, toMinorUnits } from "@/lib/money";
import { readZone } from "@/lib/seating/zone";

import { TicketApprovalCheckbox } from "../approvals/TicketApprovalCheckbox";
import { buttonClass, Field, inputClass } from "../form-controls";
import { SectionAlert } from "./SectionFeedback";
import type { EventDetail } from "./types";
import type { ListingActions } from "./useListingActions";

/**
 * A new ticket type: a name and a price typed in major units of the chosen currency; for reserved seating,
 * optionally the price zone of the seats it sells; and whether it is sold on the organizer's approval.
 */
export function AddTicketTypeForm({ event, actions }: { event: EventDetail; actions: ListingActions }) {
  const t = useTranslations();
  const id = useId();
  const field = (name: string) => `${id}-${name}`;
  const [ticketName, setTicketName] = useState("");
  const [price, setPrice] = useState("");
  const [currency, setCurrency] = useState(event.ticket_types[0]?.currency ?? "KZT");
  const [zone, setZone] = useState("");
  const [approval, setApproval] = useState(false);

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!ticketName.trim() || !price.trim()) {
      actions.fail("tickets", t("org.tickets.required"));
      return;
    }
    const minor = toMinorUnits(price, currency);
    if (minor === null) {
      actions.fail("tickets", t("org.tickets.badPrice"));
      return;
    }
    const priceZone = readZone(zone);
    if (priceZone === undefined) {
      actions.fail("tickets", t("org.tickets.badZone"));
      return;
    }
    const body = { name: ticketName.trim(), price: minor, currency, description: "", max_per_order: 10, zone: priceZone, approval_required: approval };
    if (await actions.addTicketType(body)) {
      setTicketName("");
      setPrice("");
      setZone("");
      setApproval(false);
    }
  }

  return (
    <form onSubmit={add} noValidate className="space-y-3 border-t border-slate-200 pt-4">
      <h3 className="font-semibold">{t("org.tickets.add")}</h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id={field("ticket-name")} label={t("org.tickets.name")}>
          <input
            id={field("ticket-name")}
            required
            maxLength={100}
            className={inputClass}
            value={ticketName}
            onChange={(e) => setTicketName(e.target.value)}
          />
        </Field>
        <Field id={field("price")} label={t("org.tickets.price")}>
          <input
            id={field("price")}
            inputMode="decimal"
            required
            aria-describedby={field("price-hint")}
            className={inputClass}
            value={price}
            onChange={(e) => setPrice(e.target.value)}
          />
          <p id={field("price-hint")} className="mt-1 text-sm text-slate-600">
            {t("org.tickets.priceHint")}
          </p>
        </Field>
        <Field id={field("currency")} label={t("org.tickets.currency")}>
          <select id={field("currency")} className={inputClass} value={currency} onChange={(e) => setCurrency(e.target.value)}>
            {CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </Field>
        <Field id={field("zone")} label={t("org.tickets.zone")}>
          <input
            id={field("zone")}
            maxLength={40}
            autoCapitalize="none"
            spellCheck={false}
            aria-describedby={field("zone-hint")}
            className={inputClass}
            value={zone}
            onChange={(e) => setZone(e.target.value)}
          />
          <p id={field("zone-hint")} className="mt-1 text-sm text-slate-600">
            {t("org.tickets.zoneHint")}
          </p>
        </Field>
      </div>
      <TicketApprovalCheckbox id={field("approval")} checked={approval} onChange={setApproval} />
      <SectionAlert error={actions.error} section="tickets" />
      <button type="submit" className={buttonClass} disabled={actions.busy !== null}>
        {actions.busy === "ticket" ? t("org.tickets.adding") : t("org.tickets.addButton")}
      </button>
    </form>
  );
}
