import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";

import type { components } from "@/lib/api/schema";
import { formatDateTime } from "@/lib/time-zone";

type SeatMapSummary = components["schemas"]["SeatMapSummary"];

/** A venue's seat maps, newest first: name, seats for sale, version, whether a session sells them. */
export async function SeatMapList({ maps, eventId }: { maps: readonly SeatMapSummary[]; eventId: string | null }) {
  const t = await getTranslations();
  const lang = await getLocale();
  if (maps.length === 0) return <p className="text-slate-700">{t("seatMaps.list.empty")}</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="seat-map-list">
      {maps.map((map) => (
        <li key={map.id} data-testid="seat-map-item" className="flex flex-wrap items-center justify-between gap-2 p-3">
          <span className="min-w-0">
            <span className="block font-medium break-words">{map.name}</span>
            <span className="block text-sm text-slate-600">
              {t("seatMaps.list.details", { seats: String(map.seat_count), version: String(map.version) })} ·{" "}
              <time dateTime={map.created_at}>{formatDateTime(map.created_at, "UTC", lang)}</time>
            </span>
          </span>
          <span className="flex items-center gap-3">
            {map.in_use && (
              <span className="rounded-full bg-green-100 px-2 py-0.5 text-xs font-semibold text-green-900">{t("seatMaps.list.inUse")}</span>
            )}
            <Link
              href={`/organizer/seat-maps/${map.id}${eventId ? `?event=${eventId}` : ""}`}
              className="text-blue-800 underline"
              aria-label={t(map.in_use ? "seatMaps.list.viewLabel" : "seatMaps.list.editLabel", { name: map.name })}
            >
              {map.in_use ? t("seatMaps.list.view") : t("seatMaps.list.edit")}
            </Link>
          </span>
        </li>
      ))}
    </ul>
  );
}
