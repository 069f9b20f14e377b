// The hold countdown on the payment page, and the one on a waiting-list offer.

export function secondsLeft(expiresAt: string, now: Date = new Date()): number {
  return Math.max(0, Math.floor((new Date(expiresAt).getTime() - now.getTime()) / 1000));
}

export function formatCountdown(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${s.toString().padStart(2, "0")}`;
}

/** A countdown that may run for hours (a waiting-list offer): h:mm:ss from an hour up, m:ss below. */
export function formatLongCountdown(seconds: number): string {
  if (seconds < 3600) return formatCountdown(seconds);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${m.toString().padStart(2, "0")}:${s.toString().padStart(2, "0")}`;
}
