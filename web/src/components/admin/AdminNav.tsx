// The admin area's sections: reviews, no-show disputes, accounts and the audit log (current one marked).
import { useTranslations } from "next-intl";
import Link from "next/link";

export type AdminSection = "reviews" | "disputes" | "users" | "audit";

const LINKS: { section: AdminSection; href: string }[] = [
  { section: "reviews", href: "/admin/reviews" },
  { section: "disputes", href: "/admin/parties/disputes" },
  { section: "users", href: "/admin/users" },
  { section: "audit", href: "/admin/audit" },
];

export function AdminNav({ current }: { current: AdminSection }) {
  const t = useTranslations();
  return (
    <nav aria-label={t("admin.nav.label")} className="border-b border-slate-200 pb-2">
      <ul className="flex flex-wrap gap-2">
        {LINKS.map(({ section, href }) => (
          <li key={section}>
            <Link
              href={href}
              data-testid={`admin-nav-${section}`}
              aria-current={section === current ? "page" : undefined}
              className={`inline-block rounded px-3 py-1.5 font-medium ${
                section === current ? "bg-blue-700 text-white" : "text-blue-800 hover:bg-blue-50"
              }`}
            >
              {t(`admin.nav.${section}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
