"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";

import { buttonClass } from "@/components/organizer/form-controls";
import { api } from "@/lib/api/client";
import { slotTimes } from "@/lib/parties/slot-time";
import type { Slot } from "@/lib/parties/types";

import { partyErrorText } from "../errors";
import { SlotFields, type SlotFormState } from "./SlotFields";
import { slotErrorText } from "./slot-errors";

const EMPTY: SlotFormState = { date: "", start: "", end: "", capacity: "" };

/** POST /parties/{id}/slots; an overlap (`409 slot_overlap`) is shown here, naming the showing it hits. */
export function AddSlotForm({ partyId, timeZone, slots }: { partyId: string; timeZone: string; slots: Slot[] }) {
  const t = useTranslations();
  const lang = useLocale();
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState<SlotFormState>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string | null; text: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = slotTimes(value, timeZone);
    if (!parsed.ok) {
      setError({ code: null, text: t(`partyHost.slots.problem.${parsed.problem}`) });
      return;
    }
    const capacity = value.capacity.trim() ? Number(value.capacity) : null;
    setBusy(true);
    setError(null);
    try {
      const { data, error: failure } = await api.POST("/api/v1/parties/{party_id}/slots", {
        params: { path: { party_id: partyId } },
        body: { starts_at: parsed.times.starts_at, ends_at: parsed.times.ends_at, capacity },
      });
      if (data) {
        setValue(EMPTY);
        router.refresh();
      } else {
        const code = failure && typeof failure === "object" && "code" in failure && typeof failure.code === "string" ? failure.code : null;
        setError({ code, text: slotErrorText(t, lang, failure, slots) });
      }
    } catch {
      setError({ code: null, text: partyErrorText(t, null) });
    }
    setBusy(false);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3 border-t border-slate-200 pt-4" data-testid="add-slot-form">
      <h3 className="font-semibold">{t("partyHost.slots.add")}</h3>
      <SlotFields idPrefix={id} value={value} onChange={setValue} />
      {error && (
        <p role="alert" aria-live="polite" data-testid="slot-error" data-code={error.code ?? undefined} className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {error.text}
        </p>
      )}
      <button type="submit" className={buttonClass} disabled={busy} data-testid="add-slot">
        {busy ? t("partyHost.slots.adding") : t("partyHost.slots.add")}
      </button>
    </form>
  );
}
