// The colours of price zones on seat maps: each zone of a map gets its own, in the order the zones sort,
// so a map always shows the same zone in the same colour. Hex values serve as SVG attributes (no styles).

const PALETTE = ["#2563eb", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#db2777", "#65a30d", "#ca8a04"];

/** A colour per zone; more zones than colours start the palette again. */
export function zoneColors(zones: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(zones)].sort();
  return new Map(sorted.map((zone, i) => [zone, PALETTE[i % PALETTE.length]!]));
}

/** The seats' neutral colours, shared by every map. */
export const SEAT_COLORS = {
  taken: "#cbd5e1",
  takenMark: "#64748b",
  chosen: "#0f172a",
  held: "#f59e0b",
  sold: "#475569",
  blocked: "#e2e8f0",
  blockedMark: "#b91c1c",
  label: "#475569",
  stage: "#e2e8f0",
} as const;
