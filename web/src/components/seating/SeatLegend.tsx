import { useTranslations } from "next-intl";

import { SeatMark, type SeatLook } from "./SeatMark";

export type LegendItem = { key: string; text: string; look: SeatLook; accessible?: boolean };

/** What the seats' colours and shapes mean, each with a small drawing of such a seat. */
export function SeatLegend({ items }: { items: readonly LegendItem[] }) {
  const t = useTranslations();
  return (
    <ul aria-label={t("seating.legend.title")} data-testid="seat-legend" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
      {items.map((item) => (
        <li key={item.key} className="flex items-center gap-1">
          <svg width={18} height={18} viewBox="0 0 1 1" aria-hidden="true" className="shrink-0">
            <SeatMark code={item.key} x={0} y={0} accessible={item.accessible ?? false} number={null} label={null} {...item.look} />
          </svg>
          {item.text}
        </li>
      ))}
    </ul>
  );
}
