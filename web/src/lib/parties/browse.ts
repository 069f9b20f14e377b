// The browse page's filters: from the URL to the API's query (dates become whole UTC days).
export type BrowseFilters = { city: string; q: string; from: string; to: string; offset: number };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

export function browseFilters(query: Record<string, string | string[] | undefined>): BrowseFilters {
  const offset = Number(first(query.offset) || "0");
  const from = first(query.from);
  const to = first(query.to);
  return {
    city: first(query.city).slice(0, 100),
    q: first(query.q).slice(0, 100),
    from: DATE.test(from) ? from : "",
    to: DATE.test(to) ? to : "",
    offset: Number.isInteger(offset) && offset >= 0 && offset <= 1_000_000 ? offset : 0,
  };
}

/** `date_from` at the start of the first day, `date_to` at the start of the day after the last (exclusive). */
export function browseQuery(filters: BrowseFilters): { city?: string; q?: string; date_from?: string; date_to?: string } {
  const query: { city?: string; q?: string; date_from?: string; date_to?: string } = {};
  if (filters.city) query.city = filters.city;
  if (filters.q) query.q = filters.q;
  if (filters.from) query.date_from = `${filters.from}T00:00:00Z`;
  if (filters.to) {
    const next = new Date(`${filters.to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    query.date_to = next.toISOString().replace(".000Z", "Z");
  }
  return query;
}
