"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";

import { CheckIn } from "@/components/organizer/CheckIn";
import { secondaryButtonClass } from "@/components/organizer/form-controls";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

import { partyErrorText } from "../errors";
import { GuestReputation } from "../Reputation";

type Guests = components["schemas"]["SlotGuests"];

/** GET /parties/slots/{id}/guests with no-show toggles, and the door scanner (POST /parties/checkin). */
export function SlotGuests({ slotId }: { slotId: string }) {
  const t = useTranslations();
  const [guests, setGuests] = useState<Guests | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const { data, error: failure } = await api.GET("/api/v1/parties/slots/{slot_id}/guests", { params: { path: { slot_id: slotId } } });
      if (data) setGuests(data);
      else setError(partyErrorText(t, failure));
    } catch {
      setError(partyErrorText(t, null));
    }
  }, [slotId, t]);

  useEffect(() => {
    void load();
  }, [load]);

  async function toggle(encounterId: string, mark: boolean) {
    setBusy(encounterId);
    setError(null);
    try {
      const options = { params: { path: { encounter_id: encounterId } } };
      const { data, error: failure } = mark
        ? await api.POST("/api/v1/parties/encounters/{encounter_id}/no-show", options)
        : await api.DELETE("/api/v1/parties/encounters/{encounter_id}/no-show", options);
      if (data) await load();
      else setError(partyErrorText(t, failure));
    } catch {
      setError(partyErrorText(t, null));
    }
    setBusy(null);
  }

  return (
    <section className="space-y-3 border-t border-slate-200 pt-3" data-testid="slot-guests">
      <h4 className="font-semibold">{t("partyHost.guests.heading")}</h4>
      {error && (
        <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {error}
        </p>
      )}
      {guests === null ? (
        !error && <p className="text-sm text-slate-600">{t("common.loading")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            {t("partyHost.guests.taken", { taken: String(guests.places_taken), capacity: String(guests.capacity) })}
          </p>
          {guests.items.length === 0 ? (
            <p className="text-sm text-slate-600">{t("partyHost.guests.empty")}</p>
          ) : (
            <ul className="divide-y divide-slate-200">
              {guests.items.map((guest) => (
                <li key={guest.booking_id} data-testid="slot-guest" className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <div>
                    <p className="font-medium">
                      {guest.guest.name} · {t("partyHost.guests.places", { count: String(guest.places) })}
                    </p>
                    <p className="text-sm">
                      <span className={guest.checked_in ? "text-green-800" : "text-slate-600"}>
                        {guest.checked_in ? t("partyHost.guests.checkedIn") : t("partyHost.guests.notCheckedIn")}
                      </span>
                      {guest.no_show && <span className="ml-2 font-semibold text-red-800">{t("partyHost.guests.noShow")}</span>}
                    </p>
                    <GuestReputation rating={guest.guest_reputation} />
                  </div>
                  <button
                    type="button"
                    className={secondaryButtonClass}
                    disabled={busy !== null || guest.checked_in}
                    aria-pressed={guest.no_show}
                    data-testid="no-show-toggle"
                    onClick={() => void toggle(guest.encounter_id, !guest.no_show)}
                  >
                    {guest.no_show ? t("partyHost.guests.clearNoShow") : t("partyHost.guests.markNoShow")}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <CheckIn
        sessionId={slotId}
        endpoint="party"
        title={t("partyHost.guests.checkinTitle")}
        hint={t("partyHost.guests.checkinHint")}
        onCheckedIn={() => void load()}
      />
    </section>
  );
}
