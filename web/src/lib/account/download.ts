// Saving what the page has (a fetched export, recovery codes) as a file the browser downloads.

/**
 * The file name a Content-Disposition header gives (`attachment; filename="x.json"`, or RFC 5987's
 * `filename*=UTF-8''x.json`), reduced to a safe name; `fallback` when it gives none.
 */
export function attachmentFileName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  let name: string | null = null;
  const extended = /filename\*\s*=\s*(?:[\w-]+)?'[^']*'([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      name = null;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(header);
    name = plain?.[1] ?? plain?.[2] ?? null;
  }
  // No directories, no control characters, nothing a file system would refuse.
  const safe = (name ?? "")
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "")
    .trim();
  return safe && safe !== "." && safe !== ".." ? safe : fallback;
}

/** The name the export is saved under when the answer names none: tessera-data-YYYY-MM-DD.json (UTC). */
export function exportFallbackName(now: Date): string {
  return `tessera-data-${now.toISOString().slice(0, 10)}.json`;
}

/** Has the browser save `blob` as `fileName` (a temporary link to an object URL, clicked once). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it started; give it a moment before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
