import { getTranslations } from "next-intl/server";

import { ResultsView } from "@/components/flights/ResultsView";
import { SearchForm } from "@/components/flights/SearchForm";
import { serverApi } from "@/lib/api/server";
import { parseSearch, type SearchParams } from "@/lib/flights/search-params";

const KNOWN_ERRORS = new Set(["invalid_search", "airport_not_found", "validation_error"]);

export default async function FlightResultsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const t = await getTranslations();
  const { search, problems } = parseSearch(await searchParams);

  if (!search) {
    return (
      <section className="space-y-6">
        <h1 className="text-2xl font-bold">{t("flights.search.title")}</h1>
        <div role="alert" data-testid="search-error" className="rounded bg-red-50 p-4 text-red-800">
          <p>{t("flights.results.fixSearch")}</p>
          <ul className="list-inside list-disc">
            {problems.map((problem) => (
              <li key={problem}>{t(`flights.search.problem.${problem}`)}</li>
            ))}
          </ul>
        </div>
        <SearchForm />
      </section>
    );
  }

  const api = await serverApi();
  const { data, error } = await api.GET("/api/v1/flights/search", {
    params: {
      query: {
        origin: search.origin,
        destination: search.destination,
        departure_date: search.departureDate,
        return_date: search.returnDate,
        passengers: search.passengers,
        cabin: search.cabin,
      },
    },
  });

  const title = t("flights.results.title", { origin: search.origin, destination: search.destination });
  if (!data) {
    const body = (error ?? {}) as { code?: string; iata?: unknown };
    const code = body.code && KNOWN_ERRORS.has(body.code) ? body.code : "unknown";
    const iata = typeof body.iata === "string" ? body.iata : `${search.origin}/${search.destination}`;
    const message =
      code === "airport_not_found"
        ? t("flights.results.error.airport_not_found", { iata })
        : t(`flights.results.error.${code as "invalid_search" | "validation_error" | "unknown"}`);
    return (
      <section className="space-y-6">
        <h1 className="text-2xl font-bold">{title}</h1>
        <p role="alert" data-testid="search-error" data-code={code} className="rounded bg-red-50 p-4 text-red-800">
          {message}
        </p>
        <SearchForm initial={search} />
      </section>
    );
  }

  const outbound = data.slices[0];
  return (
    <section className="space-y-6">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">{title}</h1>
          <p className="text-slate-600">
            {t("flights.results.summary", { passengers: String(search.passengers), cabin: t(`flights.cabin.${search.cabin}`) })}
          </p>
        </div>
      </header>
      <details className="rounded-lg border border-slate-200 bg-white p-3">
        <summary className="cursor-pointer font-medium">{t("flights.results.changeSearch")}</summary>
        <div className="mt-3">
          <SearchForm initial={search} initialAirports={outbound ? [outbound.origin, outbound.destination] : [null, null]} />
        </div>
      </details>
      <ResultsView result={data} search={search} />
    </section>
  );
}
