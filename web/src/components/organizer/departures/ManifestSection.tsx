"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

import { buttonClass, secondaryButtonClass } from "@/components/organizer/form-controls";
import { EditorDialog } from "@/components/organizer/listing-editor/EditorDialog";
import type { Translate } from "@/i18n/translate";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

import { networkError, parseApiError } from "../api-errors";
import { cabinLabel } from "../flights/labels";
import { departureErrorText } from "./departure-errors";

type Manifest = components["schemas"]["Manifest"];
type ManifestDocument = components["schemas"]["ManifestDocument"];

/**
 * Confirmed passengers with masked documents. "Reveal documents" asks first (every reveal is recorded), then
 * shows them in full from memory only: never stored, dropped on "Hide", when the page is left (also into the
 * back-forward cache) and on unmount.
 */
export function ManifestSection({ departureId, manifest }: { departureId: string; manifest: Manifest | null }) {
  const t = useTranslations();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<Map<string, ManifestDocument> | null>(null);

  useEffect(() => {
    const forget = () => setRevealed(null);
    window.addEventListener("pagehide", forget);
    return () => {
      window.removeEventListener("pagehide", forget);
      forget();
    };
  }, []);

  async function reveal() {
    setBusy(true);
    setError(null);
    try {
      const { data, error: apiError } = await api.GET("/api/v1/flights/departures/{departure_id}/manifest", {
        params: { path: { departure_id: departureId }, query: { reveal: "documents" } },
      });
      if (data) {
        setRevealed(new Map(data.items.map((item) => [item.passenger_id, item.document])));
        setOpen(false);
      } else {
        const { code, detail } = parseApiError(apiError);
        const text = departureErrorText(t, apiError);
        setError(code === "manifest_not_available" && detail ? `${text} ${detail}` : text);
      }
    } catch {
      setError(networkError(t));
    }
    setBusy(false);
  }

  return (
    <section aria-labelledby="manifest-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="manifest">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="manifest-title" className="text-lg font-semibold">
          {t("departure.manifest.title")}
        </h2>
        {manifest && manifest.items.length > 0 &&
          (revealed ? (
            <button type="button" data-testid="hide-documents" className={secondaryButtonClass} onClick={() => setRevealed(null)}>
              {t("departure.manifest.hide")}
            </button>
          ) : (
            <EditorDialog
              open={open}
              onOpenChange={(next) => {
                setOpen(next);
                if (next) setError(null);
              }}
              trigger={
                <button type="button" data-testid="reveal-documents" className={buttonClass}>
                  {t("departure.manifest.reveal")}
                </button>
              }
              title={t("departure.manifest.revealTitle")}
              description={t("departure.manifest.revealBody")}
              busy={busy}
              error={error}
              closeLabel={t("departure.manifest.cancel")}
              submitLabel={busy ? t("departure.manifest.revealing") : t("departure.manifest.revealConfirm")}
              submitTestId="reveal-documents-confirm"
              onSubmit={reveal}
            >
              {null}
            </EditorDialog>
          ))}
      </div>
      {manifest === null ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {t("departure.manifest.loadFailed")}
        </p>
      ) : manifest.items.length === 0 ? (
        <p className="text-slate-700">{t("departure.manifest.empty")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            {revealed ? t("departure.manifest.revealed") : t("departure.manifest.intro")} {t("departure.manifest.count", { count: String(manifest.total) })}
          </p>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-700">
                <tr>
                  <th scope="col" className="p-2">{t("departure.manifest.reference")}</th>
                  <th scope="col" className="p-2">{t("departure.manifest.name")}</th>
                  <th scope="col" className="p-2">{t("departure.manifest.seat")}</th>
                  <th scope="col" className="p-2">{t("departure.manifest.cabin")}</th>
                  <th scope="col" className="p-2">{t("departure.manifest.document")}</th>
                  <th scope="col" className="p-2">{t("departure.manifest.boarded")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {manifest.items.map((item) => {
                  const full = revealed?.get(item.passenger_id);
                  return (
                    <tr key={item.passenger_id} data-testid="manifest-row" data-seat={item.seat} data-boarded={item.checked_in_at !== null}>
                      <td className="p-2 font-mono">{item.order_reference}</td>
                      <th scope="row" className="p-2 font-medium">
                        {item.family_name}/{item.given_name}
                      </th>
                      <td className="p-2 font-mono">{item.seat}</td>
                      <td className="p-2">{cabinLabel(t, item.cabin)}</td>
                      <td className="p-2 font-mono" data-testid="manifest-document" data-revealed={full ? "true" : "false"}>
                        {full ? documentText(t, full) : [item.document.series_masked, item.document.number_masked].filter(Boolean).join(" ")}
                      </td>
                      <td className="p-2">{item.checked_in_at ? t("departure.manifest.yes") : t("departure.manifest.no")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function documentText(t: Translate, document: ManifestDocument): string {
  return t("departure.manifest.fullDocument", {
    number: [document.series, document.number].filter(Boolean).join(" ") || "—",
    country: document.issuing_country ?? "—",
    expires: document.expires_on ?? "—",
    birth: document.birth_date ?? "—",
  });
}
