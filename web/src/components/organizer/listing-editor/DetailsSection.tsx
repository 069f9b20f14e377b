"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";

import { approvalSettingsBody, hasApprovals } from "@/lib/approvals/settings";
import { hasTransfers, transferSettingsBody } from "@/lib/transfers/transfers";

import { ApprovalSettingsFields } from "../approvals/ApprovalSettingsFields";

import { buttonClass, Field, inputClass, isCategorySlug, toCategorySlug } from "../form-controls";
import { SectionAlert, SectionNotice } from "./SectionFeedback";
import { TransferSettingsFields } from "./TransferSettingsFields";
import type { EventDetail } from "./types";
import type { ListingActions } from "./useListingActions";

/**
 * Title, description, category, the rule for transferring tickets and selling on approval; read-only once the
 * listing is cancelled.
 */
export function DetailsSection({ event, actions }: { event: EventDetail; actions: ListingActions }) {
  const t = useTranslations();
  const id = useId();
  const field = (name: string) => `${id}-${name}`;
  const cancelled = event.status === "cancelled";
  const [title, setTitle] = useState(event.title);
  const [description, setDescription] = useState(event.description);
  const [category, setCategory] = useState(event.category);
  const transfers = hasTransfers(event);
  const [transfersEnabled, setTransfersEnabled] = useState(event.transfers_enabled);
  const [cutoff, setCutoff] = useState(String(event.transfer_cutoff_hours));
  const approvals = hasApprovals(event);
  const [approvalRequired, setApprovalRequired] = useState(event.approval_required);
  const [holdMinutes, setHoldMinutes] = useState(String(event.approval_hold_minutes));

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const slug = toCategorySlug(category);
    if (!title.trim()) {
      actions.fail("details", t("org.form.required"));
      return;
    }
    if (!isCategorySlug(slug)) {
      actions.fail("details", t("org.form.badCategory"));
      return;
    }
    const transferSettings = transfers ? transferSettingsBody(transfersEnabled, cutoff) : {};
    if (transferSettings === null) {
      actions.fail("details", t("transfers.organizer.badCutoff"));
      return;
    }
    const approvalSettings = approvals ? approvalSettingsBody(approvalRequired, holdMinutes) : {};
    if (approvalSettings === null) {
      actions.fail("details", t("approvalDesk.settings.badHold"));
      return;
    }
    await actions.saveDetails({ title: title.trim(), description, category: slug, ...transferSettings, ...approvalSettings });
  }

  return (
    <section aria-labelledby={field("details-h")} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={field("details-h")} className="text-lg font-semibold">
        {t("org.editor.details")}
      </h2>
      <form onSubmit={save} noValidate className="space-y-4">
        <Field id={field("title")} label={t("org.form.title")}>
          <input
            id={field("title")}
            required
            maxLength={200}
            disabled={cancelled}
            className={inputClass}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </Field>
        <Field id={field("description")} label={t("org.form.description")}>
          <textarea
            id={field("description")}
            rows={5}
            maxLength={20000}
            disabled={cancelled}
            className={inputClass}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </Field>
        <Field id={field("category")} label={t("org.form.category")}>
          <input
            id={field("category")}
            maxLength={60}
            autoCapitalize="none"
            disabled={cancelled}
            aria-describedby={field("category-hint")}
            className={inputClass}
            value={category}
            onChange={(e) => setCategory(e.target.value)}
          />
          <p id={field("category-hint")} className="mt-1 text-sm text-slate-600">
            {t("org.form.categoryHint")}
          </p>
        </Field>
        {transfers && (
          <TransferSettingsFields
            id={field("transfers")}
            enabled={transfersEnabled}
            cutoff={cutoff}
            disabled={cancelled}
            onEnabledChange={setTransfersEnabled}
            onCutoffChange={setCutoff}
          />
        )}
        {approvals && (
          <ApprovalSettingsFields
            id={field("approvals")}
            required={approvalRequired}
            holdMinutes={holdMinutes}
            disabled={cancelled}
            onRequiredChange={setApprovalRequired}
            onHoldMinutesChange={setHoldMinutes}
          />
        )}
        <SectionAlert error={actions.error} section="details" />
        <SectionNotice notice={actions.notice} section="details" />
        <button type="submit" className={buttonClass} disabled={cancelled || actions.busy !== null}>
          {actions.busy === "details" ? t("org.editor.saving") : t("org.editor.save")}
        </button>
      </form>
    </section>
  );
}
