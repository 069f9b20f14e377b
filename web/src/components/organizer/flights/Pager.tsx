// Previous / next links over a `{items, total, limit, offset}` page; the offset travels in `param`.
import { useTranslations } from "next-intl";
import Link from "next/link";

export function Pager({
  basePath,
  param = "offset",
  total,
  limit,
  offset,
}: {
  basePath: string;
  param?: string;
  total: number;
  limit: number;
  offset: number;
}) {
  const t = useTranslations();
  if (total <= limit && offset === 0) return null;
  const href = (value: number) => (value > 0 ? `${basePath}?${param}=${value}` : basePath);
  const previous = offset > 0 ? href(Math.max(0, offset - limit)) : null;
  const next = offset + limit < total ? href(offset + limit) : null;
  const linkClass = "rounded border border-slate-300 bg-white px-3 py-1.5 text-blue-800 hover:bg-slate-100";
  return (
    <nav aria-label={t("carrier.pager.label")} className="flex flex-wrap items-center gap-3 text-sm">
      {previous !== null ? (
        <Link href={previous} className={linkClass} scroll={false}>
          {t("carrier.pager.previous")}
        </Link>
      ) : null}
      <span className="text-slate-700">
        {t("carrier.pager.range", {
          from: String(Math.min(total, offset + 1)),
          to: String(Math.min(total, offset + limit)),
          total: String(total),
        })}
      </span>
      {next !== null ? (
        <Link href={next} className={linkClass} scroll={false}>
          {t("carrier.pager.next")}
        </Link>
      ) : null}
    </nav>
  );
}

/** Reads a non-negative whole offset from a search parameter (0 for anything else). */
export function offsetParam(value: string | string[] | undefined): number {
  const text = Array.isArray(value) ? value[0] : value;
  const number = Number(text);
  return Number.isInteger(number) && number >= 0 && number <= 1_000_000 ? number : 0;
}
