// Previous / next links over a `{items, total, limit, offset}` page; `href` keeps the page's other filters.
import { useTranslations } from "next-intl";
import Link from "next/link";

export function PartyPager({ total, limit, offset, href }: { total: number; limit: number; offset: number; href: (offset: number) => string }) {
  const t = useTranslations();
  if (total <= limit && offset === 0) return null;
  const linkClass = "rounded border border-slate-300 bg-white px-3 py-1.5 text-blue-800 hover:bg-slate-100";
  return (
    <nav aria-label={t("parties.browse.pages")} className="flex flex-wrap items-center gap-3 text-sm">
      {offset > 0 && (
        <Link href={href(Math.max(0, offset - limit))} rel="prev" className={linkClass}>
          {t("parties.browse.previous")}
        </Link>
      )}
      <span className="text-slate-700">
        {t("parties.browse.range", { from: String(Math.min(total, offset + 1)), to: String(Math.min(total, offset + limit)), total: String(total) })}
      </span>
      {offset + limit < total && (
        <Link href={href(offset + limit)} rel="next" className={linkClass}>
          {t("parties.browse.nextPage")}
        </Link>
      )}
    </nav>
  );
}

/** A path with its query, leaving out empty values and a zero offset. */
export function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === "" || (key === "offset" && value === 0)) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
