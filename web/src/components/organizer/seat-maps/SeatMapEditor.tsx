"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState, type FormEvent } from "react";

import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { addRow, addSection, newDrawing, removeRow, removeSection, updateRow, updateSection } from "@/lib/seating/drawing-edits";
import { draftFromDrawing, drawingBody, type DrawingDraft } from "@/lib/seating/drawing-form";

import { describeApiError, networkError, parseApiError } from "../api-errors";
import { buttonClass, Field, inputClass, secondaryButtonClass } from "../form-controls";
import { draftProblemText, invalidFields } from "./draft-problems";
import { DrawingPreview } from "./DrawingPreview";
import { SectionFields } from "./SectionFields";
import { drawingProblems, useDrawingPreview } from "./useDrawingPreview";

type SeatMapRead = components["schemas"]["SeatMapRead"];

/**
 * Draws a venue's seat map (`existing` null) or redraws one. The drawing is sections of rows; the preview
 * beside it shows the seats the server generates, live. A map a session sells can no longer change: it is
 * shown read-only, with why.
 */
export function SeatMapEditor({ venueId, eventId, existing }: { venueId: string; eventId: string | null; existing: SeatMapRead | null }) {
  const t = useTranslations();
  const router = useRouter();
  const id = useId();
  const [draft, setDraft] = useState<DrawingDraft>(() => (existing ? draftFromDrawing(existing.drawing) : newDrawing()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const readOnly = existing?.in_use ?? false;

  const { body, problems } = useMemo(() => drawingBody(draft), [draft]);
  // The preview needs no name: a map without one yet still shows its seats.
  const previewBody = useMemo(() => drawingBody({ ...draft, name: draft.name.trim() || "-" }).body, [draft]);
  const preview = useDrawingPreview(readOnly ? null : previewBody, existing);
  const invalid = invalidFields(problems);
  const edit = (next: (d: DrawingDraft) => DrawingDraft) => {
    setNotice(null);
    setDraft(next);
  };

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setNotice(null);
    if (!body || problems.length > 0 || preview.problems.length > 0) {
      setError(problems.some((p) => p.field === "name") ? t("seatMaps.editor.nameRequired") : t("seatMaps.editor.fixFirst"));
      return;
    }
    setBusy(true);
    try {
      const { data, error: failure } = existing
        ? await api.PUT("/api/v1/seat-maps/{seat_map_id}", { params: { path: { seat_map_id: existing.id } }, body })
        : await api.POST("/api/v1/venues/{venue_id}/seat-maps", { params: { path: { venue_id: venueId } }, body });
      if (data) {
        if (existing) {
          setNotice(t("seatMaps.editor.saved", { version: String(data.version) }));
          router.refresh();
        } else {
          router.push(`/organizer/seat-maps/${data.id}${eventId ? `?event=${eventId}` : ""}`);
          return;
        }
      } else {
        const { code } = parseApiError(failure);
        if (code === "invalid_seat_map") setError(`${t("seatMaps.editor.refused")} ${drawingProblems(failure).join(" ")}`);
        else if (code === "seat_map_in_use") setError(t("seatMaps.editor.inUse"));
        else setError(describeApiError(t, failure));
      }
    } catch {
      setError(networkError(t));
    }
    setBusy(false);
  }

  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <form onSubmit={save} noValidate className="min-w-0 space-y-4" aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`} className="text-lg font-semibold">
          {existing ? t("seatMaps.editor.editTitle") : t("seatMaps.editor.newTitle")}
        </h2>
        {readOnly && (
          <p role="note" data-testid="seat-map-in-use" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
            {t("seatMaps.editor.inUse")}
          </p>
        )}
        <fieldset disabled={readOnly} className="min-w-0 space-y-4">
          <Field id={`${id}-name`} label={t("seatMaps.field.name")}>
            <input
              id={`${id}-name`}
              required
              maxLength={200}
              aria-invalid={invalid.has("::name")}
              className={`${inputClass} aria-[invalid=true]:border-red-600`}
              value={draft.name}
              onChange={(e) => edit((d) => ({ ...d, name: e.target.value }))}
            />
          </Field>
          {draft.sections.map((section, index) => (
            <SectionFields
              key={section.key}
              section={section}
              index={index}
              disabled={readOnly}
              invalid={invalid}
              canRemove={draft.sections.length > 1}
              onChange={(change) => edit((d) => updateSection(d, section.key, change))}
              onRemove={() => edit((d) => removeSection(d, section.key))}
              onAddRow={() => edit((d) => addRow(d, section.key))}
              onChangeRow={(rowKey, change) => edit((d) => updateRow(d, section.key, rowKey, change))}
              onRemoveRow={(rowKey) => edit((d) => removeRow(d, section.key, rowKey))}
            />
          ))}
        </fieldset>
        {!readOnly && (
          <>
            <button type="button" className={secondaryButtonClass} onClick={() => edit(addSection)} data-testid="add-section">
              {t("seatMaps.editor.addSection")}
            </button>
            {error && (
              <p role="alert" data-testid="seat-map-error" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
                {error}
              </p>
            )}
            {notice && (
              <p role="status" className="rounded border border-green-200 bg-green-50 p-3 text-green-900">
                {notice}
              </p>
            )}
            <div>
              <button type="submit" className={buttonClass} disabled={busy} data-testid="save-seat-map">
                {busy ? t("seatMaps.editor.saving") : existing ? t("seatMaps.editor.save") : t("seatMaps.editor.create")}
              </button>
            </div>
          </>
        )}
      </form>
      {/* The map's name is asked for when saving; the list is about the seats. */}
      <DrawingPreview state={preview} formProblems={problems.filter((p) => p.field !== "name").map((p) => draftProblemText(t, p))} />
    </div>
  );
}
