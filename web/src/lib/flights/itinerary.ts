// Timetable arithmetic for flights: every time is read in the airport's own zone, never the browser's.
import { dayShift } from "@/lib/time-zone";

/** "+1" when the local arrival date is a day after the local departure date ("-1" is possible across the date line); "" otherwise. */
export function dayShiftLabel(departsAt: string, departureZone: string, arrivesAt: string, arrivalZone: string): string {
  const shift = dayShift(departsAt, departureZone, arrivesAt, arrivalZone);
  if (shift === 0) return "";
  return shift > 0 ? `+${shift}` : String(shift);
}

/** 100 minutes -> {hours: 1, minutes: 40}. */
export function splitDuration(totalMinutes: number): { hours: number; minutes: number } {
  const safe = Math.max(0, Math.round(totalMinutes));
  return { hours: Math.floor(safe / 60), minutes: safe % 60 };
}
