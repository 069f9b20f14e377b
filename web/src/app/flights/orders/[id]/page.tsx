import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { loadOrder } from "@/components/flights/order/load";
import { OrderView } from "@/components/flights/order/OrderView";

export default async function FlightOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = await getTranslations();
  const loaded = await loadOrder(id);
  if (loaded.status === "signed_out") redirect(`/login?next=${encodeURIComponent(`/flights/orders/${id}`)}`);
  if (loaded.status === "not_found") notFound();
  return (
    <div className="space-y-4">
      <p>
        <Link href="/flights/orders" className="text-sm underline">
          ← {t("flights.order.back")}
        </Link>
      </p>
      <OrderView order={loaded.order} zones={loaded.zones} changes={loaded.changes} />
    </div>
  );
}
