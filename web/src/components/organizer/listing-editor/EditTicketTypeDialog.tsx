"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";

import type { components } from "@/lib/api/schema";
import { fromMinorUnits, toMinorUnits } from "@/lib/money";
import { readZone } from "@/lib/seating/zone";

import { TicketApprovalCheckbox } from "../approvals/TicketApprovalCheckbox";
import { Field, inputClass } from "../form-controls";
import { EditorDialog, saveChanges } from "./EditorDialog";
import { smallLinkButtonClass, type TicketTypeRead } from "./types";

type TicketTypeUpdate = components["schemas"]["TicketTypeUpdate"];

/**
 * "Edit" on a ticket type: name, price, price zone (reserved seating), whether it is on sale and whether it is
 * sold on the organizer's approval. The currency is the listing's and stays.
 * Only changed fields are sent; `onSave` returns the error to show in the dialog, or null when saved.
 */
export function EditTicketTypeDialog({
  type,
  busy,
  disabled,
  onSave,
}: {
  type: TicketTypeRead;
  busy: boolean;
  disabled: boolean;
  onSave: (body: TicketTypeUpdate) => Promise<string | null>;
}) {
  const t = useTranslations();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [price, setPrice] = useState("");
  const [onSale, setOnSale] = useState(true);
  const [zone, setZone] = useState("");
  const [approval, setApproval] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function openChange(next: boolean) {
    if (next) {
      setName(type.name);
      setPrice(fromMinorUnits(type.price, type.currency));
      setOnSale(type.is_active);
      setZone(type.zone ?? "");
      setApproval(type.approval_required);
      setError(null);
    }
    setOpen(next);
  }

  async function save() {
    setError(null);
    if (!name.trim() || !price.trim()) {
      setError(t("org.tickets.required"));
      return;
    }
    const minor = toMinorUnits(price, type.currency);
    if (minor === null) {
      setError(t("org.tickets.badPrice"));
      return;
    }
    const priceZone = readZone(zone);
    if (priceZone === undefined) {
      setError(t("org.tickets.badZone"));
      return;
    }
    const body: TicketTypeUpdate = {};
    if (priceZone !== (type.zone ?? null)) body.zone = priceZone;
    if (name.trim() !== type.name) body.name = name.trim();
    if (minor !== type.price) body.price = minor;
    if (onSale !== type.is_active) body.is_active = onSale;
    if (approval !== type.approval_required) body.approval_required = approval;
    await saveChanges(body, onSave, () => setOpen(false), setError);
  }

  return (
    <EditorDialog
      open={open}
      onOpenChange={openChange}
      trigger={
        <button
          type="button"
          data-testid="edit-ticket-type"
          disabled={disabled}
          aria-label={t("org.tickets.editLabel", { name: type.name })}
          className={smallLinkButtonClass}
        >
          {t("org.editor.edit")}
        </button>
      }
      title={t("org.tickets.editTitle")}
      description={t("org.tickets.editBody", { name: type.name })}
      busy={busy}
      error={error}
      closeLabel={t("org.editor.close")}
      submitLabel={busy ? t("org.editor.saving") : t("org.editor.save")}
      submitTestId="edit-ticket-type-save"
      onSubmit={save}
    >
      <Field id={`${id}-name`} label={t("org.tickets.name")}>
        <input
          id={`${id}-name`}
          required
          maxLength={100}
          className={inputClass}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <Field id={`${id}-price`} label={`${t("org.tickets.price")} (${type.currency})`}>
        <input
          id={`${id}-price`}
          inputMode="decimal"
          required
          aria-describedby={`${id}-price-hint`}
          className={inputClass}
          value={price}
          onChange={(e) => setPrice(e.target.value)}
        />
        <p id={`${id}-price-hint`} className="mt-1 text-sm text-slate-600">
          {t("org.tickets.currencyFixed", { currency: type.currency })}
        </p>
      </Field>
      <Field id={`${id}-zone`} label={t("org.tickets.zone")}>
        <input
          id={`${id}-zone`}
          maxLength={40}
          autoCapitalize="none"
          spellCheck={false}
          aria-describedby={`${id}-zone-hint`}
          className={inputClass}
          value={zone}
          onChange={(e) => setZone(e.target.value)}
        />
        <p id={`${id}-zone-hint`} className="mt-1 text-sm text-slate-600">
          {t("org.tickets.zoneHint")}
        </p>
      </Field>
      <div>
        <div className="flex items-center gap-2">
          <input
            id={`${id}-on-sale`}
            type="checkbox"
            aria-describedby={`${id}-on-sale-hint`}
            className="h-5 w-5 rounded border-slate-300"
            checked={onSale}
            onChange={(e) => setOnSale(e.target.checked)}
          />
          <label htmlFor={`${id}-on-sale`} className="font-medium">
            {t("org.tickets.onSale")}
          </label>
        </div>
        <p id={`${id}-on-sale-hint`} className="mt-1 text-sm text-slate-600">
          {t("org.tickets.onSaleHint")}
        </p>
      </div>
      <TicketApprovalCheckbox id={`${id}-approval`} checked={approval} onChange={setApproval} />
    </EditorDialog>
  );
}
