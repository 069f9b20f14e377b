// The organizer area's sections: listings, aircraft and flights (current one marked for screen readers).
import { useTranslations } from "next-intl";
import Link from "next/link";

export type OrganizerSection = "listings" | "aircraft" | "flights";

const LINKS: { section: OrganizerSection; href: string }[] = [
  { section: "listings", href: "/organizer" },
  { section: "aircraft", href: "/organizer/aircraft" },
  { section: "flights", href: "/organizer/flights" },
];

export function OrganizerNav({ current }: { current: OrganizerSection }) {
  const t = useTranslations();
  return (
    <nav aria-label={t("carrier.nav.label")} className="border-b border-slate-200 pb-2">
      <ul className="flex flex-wrap gap-2">
        {LINKS.map(({ section, href }) => (
          <li key={section}>
            <Link
              href={href}
              data-testid={`organizer-nav-${section}`}
              aria-current={section === current ? "page" : undefined}
              className={`inline-block rounded px-3 py-1.5 font-medium ${
                section === current ? "bg-blue-700 text-white" : "text-blue-800 hover:bg-blue-50"
              }`}
            >
              {t(`carrier.nav.${section}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
