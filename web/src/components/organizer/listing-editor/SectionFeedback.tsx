// A section's error (announced) and notice, from the one the editor's actions last left.
import type { SectionMessage } from "./useListingActions";
import type { Section } from "./types";

export function SectionAlert({ error, section }: { error: SectionMessage | null; section: Section }) {
  if (error?.section !== section) return null;
  return (
    <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
      {error.text}
    </p>
  );
}

export function SectionNotice({ notice, section }: { notice: SectionMessage | null; section: Section }) {
  if (notice?.section !== section) return null;
  return (
    <p role="status" className="rounded border border-green-200 bg-green-50 p-3 text-green-900">
      {notice.text}
    </p>
  );
}
