import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { SearchForm } from "@/components/flights/SearchForm";

export default async function FlightSearchPage() {
  const t = await getTranslations();
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("flights.search.title")}</h1>
        <Link href="/flights/orders" className="underline">
          {t("flights.orders.title")}
        </Link>
      </div>
      <SearchForm />
    </section>
  );
}
