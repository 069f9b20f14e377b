"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useId, useRef, useState, type FormEvent } from "react";

import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { formatDateTime } from "@/lib/time-zone";

import { describeApiError, networkError } from "./api-errors";
import { buttonClass, dangerButtonClass, inputClass, secondaryButtonClass } from "./form-controls";

type Review = components["schemas"]["ReviewRead"];
export type ReviewTab = "pending" | "approved" | "rejected";

export function ModerationQueue({
  status,
  initial,
  total,
}: {
  status: ReviewTab;
  initial: Review[];
  total: number;
}) {
  const t = useTranslations();
  const [reviews, setReviews] = useState(initial);
  const [removed, setRemoved] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const headingRef = useRef<HTMLParagraphElement>(null);

  function done(id: string, message: string) {
    setReviews((current) => current.filter((r) => r.id !== id));
    setRemoved((n) => n + 1);
    setNotice(message);
    // The item (and the focused button) is gone: keep keyboard focus somewhere sensible.
    headingRef.current?.focus();
  }

  return (
    <div className="space-y-4">
      <p ref={headingRef} tabIndex={-1} className="text-sm text-slate-600 focus:outline-none">
        {t("admin.reviews.total", { count: String(Math.max(0, total - removed)) })}
      </p>
      <p role="status" aria-live="polite" className={notice ? "rounded border border-green-200 bg-green-50 p-3 text-green-900" : "sr-only"}>
        {notice ?? ""}
      </p>
      {reviews.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">
          {t("admin.reviews.empty")}
        </p>
      ) : (
        <ul className="space-y-3">
          {reviews.map((review) => (
            <ReviewItem key={review.id} review={review} moderate={status === "pending"} onDone={done} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ReviewItem({
  review,
  moderate,
  onDone,
}: {
  review: Review;
  moderate: boolean;
  onDone: (id: string, message: string) => void;
}) {
  const t = useTranslations();
  const lang = useLocale();
  const id = useId();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonRef = useRef<HTMLInputElement>(null);

  async function approve() {
    setBusy(true);
    setError(null);
    try {
      const { data, error: apiError } = await api.POST("/api/v1/admin/reviews/{review_id}/approve", {
        params: { path: { review_id: review.id } },
      });
      if (data) {
        onDone(review.id, t("admin.reviews.approvedDone"));
        return;
      }
      setError(describeApiError(t, apiError));
    } catch {
      setError(networkError(t));
    }
    setBusy(false);
  }

  async function reject(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = reason.trim();
    if (!text) {
      setError(t("admin.reviews.reasonRequired"));
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { data, error: apiError } = await api.POST("/api/v1/admin/reviews/{review_id}/reject", {
        params: { path: { review_id: review.id } },
        body: { reason: text },
      });
      if (data) {
        onDone(review.id, t("admin.reviews.rejectedDone"));
        return;
      }
      setError(describeApiError(t, apiError));
    } catch {
      setError(networkError(t));
    }
    setBusy(false);
  }

  const stars = Math.max(0, Math.min(5, review.rating));

  return (
    <li data-testid="review-item" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p>
          <span aria-hidden="true" className="text-amber-500">
            {"★".repeat(stars)}
            <span className="text-slate-300">{"★".repeat(5 - stars)}</span>
          </span>{" "}
          <span data-testid="review-rating" className="text-sm text-slate-700">
            {t("admin.reviews.rating", { rating: String(review.rating) })}
          </span>
        </p>
        <p className="text-sm text-slate-600">
          <span data-testid="review-author">{t("admin.reviews.by", { author: review.author_name })}</span>
          {" · "}
          <time dateTime={review.created_at}>{formatDateTime(review.created_at, "UTC", lang)} UTC</time>
        </p>
      </div>
      {/* Plain text only: React escapes it; never rendered as HTML. */}
      <p data-testid="review-comment" className="break-words whitespace-pre-line">
        {review.comment || t("admin.reviews.noComment")}
      </p>
      <p className="text-sm">
        <Link href={`/events/${review.event_id}`} className="text-blue-800 underline">
          {t("admin.reviews.event")}
        </Link>
      </p>
      {review.rejection_reason && (
        <p className="text-sm text-slate-700">{t("admin.reviews.rejectionReason", { reason: review.rejection_reason })}</p>
      )}

      {moderate && (
        <div className="space-y-3">
          {rejecting ? (
            <form onSubmit={reject} noValidate className="space-y-2">
              <div>
                <label htmlFor={`${id}-reason`} className="font-medium">
                  {t("admin.reviews.reason")}
                </label>
                <input
                  ref={reasonRef}
                  id={`${id}-reason`}
                  required
                  maxLength={500}
                  autoFocus
                  className={inputClass}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              </div>
              <div className="flex flex-wrap gap-2">
                <button type="submit" className={dangerButtonClass} disabled={busy}>
                  {busy ? t("admin.reviews.working") : t("admin.reviews.reject")}
                </button>
                <button
                  type="button"
                  className={secondaryButtonClass}
                  disabled={busy}
                  onClick={() => {
                    setRejecting(false);
                    setReason("");
                    setError(null);
                  }}
                >
                  {t("admin.reviews.cancel")}
                </button>
              </div>
            </form>
          ) : (
            <div className="flex flex-wrap gap-2">
              <button type="button" className={buttonClass} disabled={busy} onClick={approve}>
                {busy ? t("admin.reviews.working") : t("admin.reviews.approve")}
              </button>
              <button
                type="button"
                className={dangerButtonClass}
                disabled={busy}
                onClick={() => {
                  setError(null);
                  setRejecting(true);
                }}
              >
                {t("admin.reviews.reject")}
              </button>
            </div>
          )}
          {error && (
            <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
              {error}
            </p>
          )}
        </div>
      )}
    </li>
  );
}
