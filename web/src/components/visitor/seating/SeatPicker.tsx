"use client";

import { useLocale, useTranslations } from "next-intl";

import { SeatLegend, type LegendItem } from "@/components/seating/SeatLegend";
import { SeatMapView } from "@/components/seating/SeatMapView";
import { seatName, zoneName } from "@/components/seating/seat-names";
import type { SeatDescription } from "@/components/seating/SeatMapSvg";
import { CHOSEN_LOOK, freeLook, pickerLook, TAKEN_LOOK } from "@/lib/seating/looks";
import type { ZoneOffer } from "@/lib/seating/booking";
import type { PlanSeat } from "@/lib/seating/plan";
import { formatMoney } from "@/lib/money";

import { ChosenSeatList } from "./ChosenSeatList";
import type { SeatedBooking } from "./useSeatedBooking";

/** The buyer's map: free seats in their zone's colour, taken ones crossed out; the chosen seats listed below. */
export function SeatPicker({ seating }: { seating: SeatedBooking }) {
  const t = useTranslations();
  const lang = useLocale();
  const { map, seats, unavailable, offers, colors, chosen } = seating;
  if (!map) return null;
  const chosenCodes = new Set(chosen.map((c) => c.code));

  const priceText = (offer: ZoneOffer | undefined): string => {
    const prices = offer?.prices ?? [];
    if (prices.length === 0) return t("seating.map.notOnSale");
    const lowest = prices.reduce((min, p) => (p.price < min.price ? p : min));
    const amount = formatMoney(lowest.price, lowest.currency, lang);
    return prices.length === 1 ? amount : t("seating.map.priceFrom", { price: amount });
  };

  const describe = (seat: PlanSeat): SeatDescription => {
    const offer = offers.get(seat.zone);
    const forSale = (offer?.prices.length ?? 0) > 0;
    const taken = unavailable.has(seat.code) || !forSale;
    const isChosen = chosenCodes.has(seat.code);
    const parts = [seatName(t, seat), priceText(offer)];
    if (seat.accessible) parts.push(t("seating.map.wheelchair"));
    if (unavailable.has(seat.code)) parts.push(t("seating.map.taken"));
    return {
      ...pickerLook(isChosen ? "chosen" : taken ? "taken" : "free", colors.get(seat.zone)),
      label: parts.join(", "),
      pressed: isChosen,
      selectable: isChosen || !taken,
    };
  };

  const legend: LegendItem[] = [
    ...map.zones.map((offer) => ({
      key: `zone-${offer.zone}`,
      text: `${zoneName(offer.zone)} · ${priceText(offer)}`,
      look: freeLook(colors.get(offer.zone)),
    })),
    { key: "chosen", text: t("seating.legend.chosen"), look: CHOSEN_LOOK },
    { key: "taken", text: t("seating.legend.taken"), look: TAKEN_LOOK },
    { key: "wheelchair", text: t("seating.legend.wheelchair"), look: freeLook(undefined), accessible: true },
  ];

  return (
    <div className="space-y-3" data-testid="seat-picker">
      <SeatMapView
        testId="seat-map"
        sections={map.sections}
        seats={seats}
        width={map.width}
        height={map.height}
        describe={describe}
        onToggle={seating.toggle}
        label={t("seating.map.title", { name: map.name })}
        hint={t("seating.map.keyboardHint")}
      />
      <SeatLegend items={legend} />
      <ChosenSeatList seating={seating} />
    </div>
  );
}
