// A party in a list: film, public area, host, the next showing in its own zone, how many are coming up.
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";

import type { PartySummary } from "@/lib/parties/types";
import { formatDateTime } from "@/lib/time-zone";

export function PartyCard({ party, timeZone }: { party: PartySummary; timeZone: string | null }) {
  const t = useTranslations();
  const lang = useLocale();
  const next = party.next_slot_starts_at;
  return (
    <li data-testid="party-card" className="flex gap-4 rounded-lg border border-slate-200 bg-white p-4">
      {party.movie.poster_url && (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={party.movie.poster_url} alt="" width={64} height={96} className="h-24 w-16 rounded object-cover" />
      )}
      <div className="min-w-0 space-y-1">
        <h2 className="text-lg font-semibold">
          <Link href={`/parties/${party.id}`} className="text-blue-800 hover:underline">
            {party.movie.title}
            {party.movie.year ? ` (${party.movie.year})` : ""}
          </Link>
        </h2>
        <p className="text-slate-700">
          {party.place.public_area}, {party.place.city}
        </p>
        <p className="text-sm">
          <Link href={`/parties/hosts/${party.host.user_id}`} className="underline">
            {t("parties.browse.hostedBy", { host: party.host.display_name })}
          </Link>
        </p>
        <p className="text-sm text-slate-700">
          {next && timeZone ? (
            <time dateTime={next}>{t("parties.browse.next", { time: `${formatDateTime(next, timeZone, lang)} (${timeZone})` })}</time>
          ) : (
            t("parties.browse.noNext")
          )}
          {" · "}
          {t("parties.browse.upcoming", { count: String(party.upcoming_slots) })}
        </p>
      </div>
    </li>
  );
}
