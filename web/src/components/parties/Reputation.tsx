// A user's reputation as host and/or guest: an average only from three revealed ratings on, else "new".
import { useLocale, useTranslations } from "next-intl";

import { ratingDisplay } from "@/lib/parties/reputation";
import type { GuestRating, HostRating } from "@/lib/parties/types";

function Score({ rating, testId }: { rating: HostRating | GuestRating; testId: string }) {
  const t = useTranslations();
  const shown = ratingDisplay(rating, useLocale());
  return (
    <span data-testid={testId} className="inline-flex flex-wrap items-baseline gap-x-2">
      <span className="font-semibold">
        {shown.kind === "new" ? t("parties.rep.new") : t("parties.rep.average", { average: shown.average })}
      </span>
      <span className="text-sm text-slate-600">{t("parties.rep.count", { count: String(shown.count) })}</span>
    </span>
  );
}

export function HostReputation({ rating }: { rating: HostRating }) {
  const t = useTranslations();
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-2">
      <span className="text-sm text-slate-600">{t("parties.rep.asHost")}:</span>
      <Score rating={rating} testId="host-reputation" />
    </span>
  );
}

export function GuestReputation({ rating }: { rating: GuestRating }) {
  const t = useTranslations();
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-2">
      <span className="text-sm text-slate-600">{t("parties.rep.asGuest")}:</span>
      <Score rating={rating} testId="guest-reputation" />
      <span className="text-sm text-slate-600">
        {t("parties.rep.attended", { count: String(rating.attended) })} · {t("parties.rep.noShows", { count: String(rating.no_shows) })}
      </span>
    </span>
  );
}
