import { getTranslations } from "next-intl/server";
import { notFound, redirect } from "next/navigation";

import { PaymentPanel } from "@/components/visitor/PaymentPanel";
import { serverApi } from "@/lib/api/server";

export default async function PaymentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const query = await searchParams;
  const t = await getTranslations();
  const api = await serverApi();
  const { data: booking, response } = await api.GET("/api/v1/bookings/{booking_id}", {
    params: { path: { booking_id: id } },
  });
  if (response.status === 401) redirect(`/login?next=/bookings/${encodeURIComponent(id)}/payment`);
  if (!booking) {
    if ([400, 403, 404, 422].includes(response.status)) notFound();
    throw new Error(`Could not load the booking (${response.status})`);
  }
  const outcome = query.outcome === "success" || query.outcome === "failure" ? query.outcome : null;
  const paymentId = typeof query.payment === "string" && query.payment ? query.payment : null;

  return (
    <section className="mx-auto max-w-lg space-y-6">
      <h1 className="text-2xl font-bold">{t("payment.title")}</h1>
      <PaymentPanel initial={booking} outcome={outcome} paymentId={paymentId} />
    </section>
  );
}
