"use client";

import { useEffect, useState } from "react";

import { replaceEntry, type WaitlistEntry } from "@/lib/waitlist/entries";

import { WaitlistEntryCard } from "./WaitlistEntryCard";

/** The person's places in line, each updated in place by what its actions answer. */
export function WaitlistEntries({
  initialEntries,
  timeZones,
}: {
  initialEntries: WaitlistEntry[];
  timeZones: Record<string, string>;
}) {
  const [entries, setEntries] = useState(initialEntries);
  // The page is read again when an offer runs out: take what it read.
  useEffect(() => {
    setEntries(initialEntries);
  }, [initialEntries]);

  return (
    <ul className="space-y-3">
      {entries.map((entry) => (
        <WaitlistEntryCard
          key={entry.id}
          entry={entry}
          timeZone={timeZones[entry.event_id] ?? null}
          onChange={(updated) => setEntries((list) => replaceEntry(list, updated))}
        />
      ))}
    </ul>
  );
}
