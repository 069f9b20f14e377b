"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";

import { secondaryButtonClass } from "@/components/organizer/form-controls";
import { EditorDialog } from "@/components/organizer/listing-editor/EditorDialog";
import { ReasonDialog } from "@/components/organizer/ReasonDialog";
import { api } from "@/lib/api/client";
import { slotDraftOf, slotTimes } from "@/lib/parties/slot-time";
import type { Slot } from "@/lib/parties/types";
import { formatDateTime } from "@/lib/time-zone";

import { partyErrorText } from "../errors";
import { SlotFields, type SlotFormState } from "./SlotFields";
import { SlotGuests } from "./SlotGuests";
import { slotErrorText } from "./slot-errors";

/** One showing in the editor: its times in the place's zone, move, cancel, and its guest list. */
export function SlotRow({ slot, slots }: { slot: Slot; slots: Slot[] }) {
  const t = useTranslations();
  const lang = useLocale();
  const router = useRouter();
  const id = useId();
  const [moving, setMoving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [showGuests, setShowGuests] = useState(false);
  const initial = (): SlotFormState => ({ ...slotDraftOf(slot.starts_at, slot.ends_at, slot.timezone), capacity: String(slot.capacity) });
  const [value, setValue] = useState<SlotFormState>(initial);
  const cancelled = slot.status === "cancelled";
  const when = (iso: string) => formatDateTime(iso, slot.timezone, lang);

  async function move() {
    const parsed = slotTimes(value, slot.timezone);
    if (!parsed.ok) {
      setError(t(`partyHost.slots.problem.${parsed.problem}`));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { data, error: failure } = await api.PATCH("/api/v1/parties/slots/{slot_id}", {
        params: { path: { slot_id: slot.id } },
        body: {
          starts_at: parsed.times.starts_at,
          ...(parsed.times.ends_at ? { ends_at: parsed.times.ends_at } : {}),
          ...(value.capacity.trim() ? { capacity: Number(value.capacity) } : {}),
        },
      });
      if (data) {
        setMoving(false);
        router.refresh();
      } else setError(slotErrorText(t, lang, failure, slots));
    } catch {
      setError(partyErrorText(t, null));
    }
    setBusy(false);
  }

  async function cancel(reason: string): Promise<string | null> {
    setBusy(true);
    try {
      const { data, error: failure } = await api.POST("/api/v1/parties/slots/{slot_id}/cancel", {
        params: { path: { slot_id: slot.id } },
        body: { reason },
      });
      if (data) {
        router.refresh();
        return null;
      }
      return partyErrorText(t, failure);
    } catch {
      return partyErrorText(t, null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li data-testid="party-slot" data-slot-id={slot.id} className="space-y-2 rounded border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="font-medium">
          <time dateTime={slot.starts_at}>{when(slot.starts_at)}</time> – <time dateTime={slot.ends_at}>{when(slot.ends_at)}</time>
        </p>
        <p className="text-sm text-slate-700">
          {cancelled
            ? t("partyHost.slots.cancelled")
            : `${t("partyHost.slots.seats", { left: String(slot.seats_left), capacity: String(slot.capacity) })} · ${t("partyHost.slots.closes", { time: when(slot.booking_closes_at) })}`}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={secondaryButtonClass}
          aria-expanded={showGuests}
          aria-controls={`${id}-guests`}
          data-testid="slot-guests-toggle"
          onClick={() => setShowGuests((v) => !v)}
        >
          {showGuests ? t("partyHost.slots.hideGuests") : t("partyHost.slots.guests")}
        </button>
        {!cancelled && (
          <>
            <EditorDialog
              open={moving}
              onOpenChange={(open) => {
                setMoving(open);
                setError(null);
                if (open) setValue(initial());
              }}
              trigger={
                <button type="button" className={secondaryButtonClass} data-testid="slot-move">
                  {t("partyHost.slots.move")}
                </button>
              }
              title={t("partyHost.slots.moveTitle")}
              description={t("partyHost.slots.zone", { zone: slot.timezone })}
              busy={busy}
              error={error}
              closeLabel={t("partyHost.slots.close")}
              submitLabel={busy ? t("partyHost.slots.moving") : t("partyHost.slots.moveSave")}
              submitTestId="slot-move-save"
              onSubmit={move}
            >
              <SlotFields idPrefix={`${id}-move`} value={value} onChange={setValue} />
            </EditorDialog>
            <ReasonDialog
              trigger={t("partyHost.slots.cancel")}
              testId="slot-cancel"
              title={t("partyHost.slots.cancelTitle")}
              body={t("partyHost.slots.cancelBody")}
              labels={{
                keep: t("partyHost.slots.keep"),
                confirm: t("partyHost.slots.cancel"),
                busy: t("partyHost.slots.cancelling"),
                reason: t("partyHost.slots.reason"),
                hint: t("partyHost.slots.reasonHint"),
              }}
              busy={busy}
              disabled={busy}
              onConfirm={cancel}
            />
          </>
        )}
      </div>
      <div id={`${id}-guests`}>{showGuests && <SlotGuests slotId={slot.id} />}</div>
    </li>
  );
}
