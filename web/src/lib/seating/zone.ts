// A ticket type's price zone as typed (reserved seating): the zone of the seats it sells.
import { ZONE_PATTERN } from "./drawing-form";

/** "" -> null (no zone); " Stalls " -> "stalls"; undefined when it is not a zone (a-z, 0-9, hyphens, ≤ 40). */
export function readZone(text: string): string | null | undefined {
  const zone = text.trim().toLowerCase();
  if (zone === "") return null;
  return ZONE_PATTERN.test(zone) && zone.length <= 40 ? zone : undefined;
}
