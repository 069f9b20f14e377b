import { getTranslations } from "next-intl/server";
import { notFound, redirect } from "next/navigation";

import { loadOrder } from "@/components/flights/order/load";
import { PaymentReturn } from "@/components/flights/order/PaymentReturn";

export default async function FlightPaymentReturnPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const query = await searchParams;
  const t = await getTranslations();
  const paymentId = typeof query.payment === "string" && /^[0-9a-f-]{36}$/i.test(query.payment) ? query.payment : null;
  const loaded = await loadOrder(id);
  if (loaded.status === "signed_out") {
    const back = `/flights/orders/${id}/payment${paymentId ? `?payment=${paymentId}` : ""}`;
    redirect(`/login?next=${encodeURIComponent(back)}`);
  }
  if (loaded.status === "not_found") notFound();
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-bold">{t("flights.payment.title")}</h1>
      <PaymentReturn initial={loaded.order} zones={loaded.zones} paymentId={paymentId} />
    </section>
  );
}
