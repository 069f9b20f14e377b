// How a reputation reads: an average only once the backend gives one (three revealed ratings), else "new".
import type { GuestRating, HostRating } from "./types";

export type RatingDisplay = { kind: "new"; count: number } | { kind: "average"; average: string; count: number };

/** "4.67" with the language's decimal mark, or "new" while the backend keeps the average null. */
export function ratingDisplay(rating: HostRating | GuestRating, lang: "en" | "ru"): RatingDisplay {
  if (rating.average === null || rating.count <= 0) return { kind: "new", count: rating.count };
  const average = new Intl.NumberFormat(lang === "ru" ? "ru-RU" : "en-GB", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 2,
  }).format(rating.average);
  return { kind: "average", average, count: rating.count };
}

/** Whole stars for an average (rounded to the nearest half is not worth it for text): 4.67 → 5, 3.2 → 3. */
export function roundedStars(average: number): number {
  return Math.min(5, Math.max(0, Math.round(average)));
}
