import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { Pagination } from "@/components/admin/Pagination";
import { WaitlistEntries } from "@/components/visitor/waitlist/WaitlistEntries";
import { serverApi } from "@/lib/api/server";
import { venueZones } from "@/lib/api/venue-zones";

const PAGE_SIZE = 20;

export default async function WaitlistPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations();
  const raw = (await searchParams).page;
  const page = Math.max(1, Number.parseInt(typeof raw === "string" ? raw : "1", 10) || 1);

  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/waitlist", {
    params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
  });
  if (response.status === 401) redirect("/login?next=/waitlist");
  if (!data) throw new Error(`Could not load the waiting list (${response.status})`);
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const timeZones = await venueZones(api, data.items.map((entry) => entry.event_id));

  return (
    <section className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t("waitlist.title")}</h1>
        <p className="text-slate-600">{t("waitlist.intro")}</p>
      </div>
      {data.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {t("waitlist.empty")}{" "}
          <Link href="/" className="underline">
            {t("waitlist.browse")}
          </Link>
        </p>
      ) : (
        <WaitlistEntries initialEntries={data.items} timeZones={timeZones} />
      )}
      <Pagination
        label={t("catalog.pagination")}
        page={page}
        pages={pages}
        href={(n) => `/waitlist?page=${n}`}
        previous={t("catalog.prev")}
        next={t("catalog.next")}
        status={(n, total) => t("catalog.page", { page: String(n), pages: String(total) })}
      />
    </section>
  );
}
