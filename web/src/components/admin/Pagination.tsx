// Previous / next links between the pages of an admin list, with where the reader is.
import Link from "next/link";

export function Pagination({
  label,
  page,
  pages,
  href,
  previous,
  next,
  status,
}: {
  label: string;
  page: number;
  pages: number;
  href: (page: number) => string;
  previous: string;
  next: string;
  status: (page: number, pages: number) => string;
}) {
  if (pages <= 1 && page <= 1) return null;
  const link = "rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50";
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-2">
      {page > 1 ? (
        <Link rel="prev" data-testid="page-prev" href={href(Math.min(page - 1, pages))} className={link}>
          {previous}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-600">{status(page, pages)}</span>
      {page < pages ? (
        <Link rel="next" data-testid="page-next" href={href(page + 1)} className={link}>
          {next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
