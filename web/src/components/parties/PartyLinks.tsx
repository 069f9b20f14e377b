// Links between the watch-party pages, under each page's heading.
import { useTranslations } from "next-intl";
import Link from "next/link";

export function PartyLinks({ signedIn }: { signedIn: boolean }) {
  const t = useTranslations();
  return (
    <nav aria-label={t("parties.nav.link")} className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      <Link href="/parties" className="text-blue-800 underline">
        {t("parties.links.browse")}
      </Link>
      {signedIn && (
        <>
          <Link href="/parties/bookings" className="text-blue-800 underline">
            {t("parties.links.bookings")}
          </Link>
          <Link href="/parties/ratings" className="text-blue-800 underline">
            {t("parties.links.ratings")}
          </Link>
          <Link href="/parties/host" className="text-blue-800 underline" data-testid="party-host-link">
            {t("parties.links.host")}
          </Link>
        </>
      )}
    </nav>
  );
}
