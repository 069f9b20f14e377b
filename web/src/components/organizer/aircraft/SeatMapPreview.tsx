"use client";

import { useTranslations } from "next-intl";

import type { PreviewCabin, PreviewSeat, SeatMapPreview as Preview } from "@/lib/flights/seat-map";

import { cabinLabel } from "../flights/labels";

/** The seats the builder's map will generate: rows down, letters across, aisles as gaps. */
export function SeatMapPreview({ preview }: { preview: Preview }) {
  const t = useTranslations();
  return (
    <section aria-labelledby="seat-map-preview-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="seat-map-preview-title" className="text-lg font-semibold">
        {t("carrier.preview.title")}
      </h2>
      <p aria-live="polite" className="font-medium" data-testid="preview-total" data-count={preview.total}>
        {t("carrier.preview.total", { count: String(preview.total) })}
      </p>
      <ul className="text-sm text-slate-700">
        {preview.cabins.map((cabin) => (
          <li key={cabin.cabin} data-testid={`preview-cabin-${cabin.cabin}`} data-count={cabin.seatCount}>
            {t("carrier.preview.cabinCount", { cabin: cabinLabel(t, cabin.cabin), count: String(cabin.seatCount) })}
            {cabin.blocked > 0 ? ` (${t("carrier.preview.blocked", { count: String(cabin.blocked) })})` : null}
          </li>
        ))}
      </ul>
      {preview.problems.length > 0 ? (
        <div className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="preview-problems">
          <h3 className="font-semibold">{t("carrier.preview.problems")}</h3>
          <ul className="list-disc pl-5">
            {preview.problems.map((problem) => (
              <li key={`${problem.code}-${problem.value}`}>{t(`carrier.problem.${problem.code}`, { value: problem.value })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Legend />
      {preview.cabins.length === 0 ? (
        <p className="text-sm text-slate-600">{t("carrier.preview.empty")}</p>
      ) : (
        <div className="max-h-[36rem] space-y-4 overflow-auto">
          {preview.cabins.map((cabin) => (
            <CabinGrid key={cabin.cabin} cabin={cabin} />
          ))}
        </div>
      )}
    </section>
  );
}

function Legend() {
  const t = useTranslations();
  return (
    <div className="flex flex-wrap gap-3 text-xs text-slate-700" aria-label={t("carrier.preview.legend")} role="group">
      <span className="flex items-center gap-1">
        <span aria-hidden="true" className="rounded bg-red-100 px-1 font-semibold text-red-800">EXIT</span>
        {t("carrier.preview.exit")}
      </span>
      <span className="flex items-center gap-1">
        <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm border-2 border-emerald-600" />
        {t("carrier.preview.legroom")}
      </span>
      <span className="flex items-center gap-1">
        <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm bg-slate-300" />
        {t("carrier.preview.blockedSeat")}
      </span>
    </div>
  );
}

function CabinGrid({ cabin }: { cabin: PreviewCabin }) {
  const t = useTranslations();
  const header = [...cabin.layout];
  return (
    <table className="border-separate border-spacing-1 text-xs" data-testid={`preview-grid-${cabin.cabin}`}>
      <caption className="text-left text-sm font-semibold">{cabinLabel(t, cabin.cabin)}</caption>
      <thead>
        <tr>
          <td />
          {header.map((char, index) =>
            char === "-" ? (
              <td key={index} className="w-3" aria-hidden="true" />
            ) : (
              <th key={index} scope="col" className="w-7 text-center font-medium text-slate-600">
                {char}
              </th>
            ),
          )}
          <td />
        </tr>
      </thead>
      <tbody>
        {cabin.rows.map((row) => (
          <tr key={row.row} data-testid="preview-row" data-row={row.row}>
            <th scope="row" className="pr-1 text-right font-medium text-slate-600 tabular-nums">
              <span className="sr-only">{t("carrier.preview.row", { row: String(row.row) })}</span>
              <span aria-hidden="true">{row.row}</span>
            </th>
            {row.cells.map((seat, index) =>
              seat === null ? <td key={index} className="w-3" aria-hidden="true" /> : <SeatCell key={seat.code} seat={seat} />,
            )}
            <td className="pl-1">
              {row.exitRow ? (
                <span className="rounded bg-red-100 px-1 font-semibold text-red-800" title={t("carrier.preview.exit")}>
                  EXIT
                </span>
              ) : null}
              {row.extraLegroom ? <span className="sr-only">{t("carrier.preview.legroom")}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SeatCell({ seat }: { seat: PreviewSeat }) {
  const t = useTranslations();
  const position = t(seat.position === "aisle" ? "carrier.preview.aislePosition" : `carrier.preview.${seat.position}`);
  const label = seat.blocked
    ? t("carrier.preview.seatBlocked", { code: seat.code, position })
    : t("carrier.preview.seat", { code: seat.code, position });
  const tone = seat.blocked
    ? "bg-slate-300 text-slate-500 line-through"
    : seat.exitRow
      ? "bg-red-50 text-red-900"
      : "bg-blue-50 text-blue-900";
  const border = seat.extraLegroom ? "border-2 border-emerald-600" : "border border-slate-300";
  return (
    <td
      data-seat={seat.code}
      data-blocked={seat.blocked || undefined}
      title={label}
      className={`h-7 w-7 rounded text-center align-middle ${tone} ${border}`}
    >
      <span aria-hidden="true">{seat.letter}</span>
      <span className="sr-only">{label}</span>
    </td>
  );
}
