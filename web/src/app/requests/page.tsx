import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { Pagination } from "@/components/admin/Pagination";
import { RequestList } from "@/components/visitor/approvals/RequestList";
import { serverApi } from "@/lib/api/server";
import { venueZones } from "@/lib/api/venue-zones";

const PAGE_SIZE = 20;

/** "My requests": the signed-in buyer's requests for tickets sold on approval, newest first. */
export default async function RequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations();
  const raw = (await searchParams).page;
  const page = Math.max(1, Number.parseInt(typeof raw === "string" ? raw : "1", 10) || 1);

  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/requests", {
    params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
  });
  if (response.status === 401) redirect("/login?next=/requests");
  if (!data) throw new Error(`Could not load the requests (${response.status})`);
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const timeZones = await venueZones(api, data.items.map((request) => request.event_id));

  return (
    <section className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t("approvals.title")}</h1>
        <p className="text-slate-600">{t("approvals.intro")}</p>
      </div>
      {data.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {t("approvals.empty")}{" "}
          <Link href="/" className="underline">
            {t("approvals.browse")}
          </Link>
        </p>
      ) : (
        <RequestList initialRequests={data.items} timeZones={timeZones} />
      )}
      <Pagination
        label={t("catalog.pagination")}
        page={page}
        pages={pages}
        href={(n) => `/requests?page=${n}`}
        previous={t("catalog.prev")}
        next={t("catalog.next")}
        status={(n, total) => t("catalog.page", { page: String(n), pages: String(total) })}
      />
    </section>
  );
}
