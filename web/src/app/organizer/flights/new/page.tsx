import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { OrganizerNav } from "@/components/organizer/flights/OrganizerNav";
import { Forbidden, isOrganizer, LoadFailed } from "@/components/organizer/flights/page-guards";
import { RouteForm } from "@/components/organizer/flights/RouteForm";
import { serverApi } from "@/lib/api/server";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

export default async function NewRoutePage() {
  const user = await currentUser();
  if (!user) redirect("/login?next=/organizer/flights/new");
  if (!isOrganizer(user)) return <Forbidden />;
  const t = await getTranslations();
  const api = await serverApi();
  const aircraft = await api
    .GET("/api/v1/flights/aircraft", { params: { query: { limit: 100, offset: 0 } } })
    .then(({ data }) => data?.items ?? null)
    .catch(() => null);
  if (aircraft === null) return <LoadFailed href="/organizer/flights" back={t("carrier.routeForm.back")} />;
  return (
    <section className="space-y-6">
      <OrganizerNav current="flights" />
      <Link href="/organizer/flights" className="text-blue-800 underline">
        {t("carrier.routeForm.back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("carrier.routeForm.title")}</h1>
      {aircraft.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">
          {t("carrier.routes.needAircraft")}{" "}
          <Link href="/organizer/aircraft/new" className="text-blue-800 underline">
            {t("carrier.aircraft.new")}
          </Link>
        </p>
      ) : (
        <RouteForm aircraft={aircraft} />
      )}
    </section>
  );
}
