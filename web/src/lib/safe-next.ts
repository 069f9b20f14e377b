// Where to go after signing in (the `next` parameter): only a path on this site, never an open redirect.

// Any fixed origin works: the candidate must resolve to it, which is true exactly when it is a path on
// whatever origin the site has (and the same answer on the server, which does not know its public origin).
const SITE = "https://site.invalid";

// Control characters (the URL parser silently drops tabs and newlines, so "/\t/evil.example" would become
// "//evil.example") and backslashes (browsers read "/\evil.example" as "//evil.example").
const FORBIDDEN = /[\u0000-\u001f\u007f\\]/;

/** The same-origin path (with query and fragment) to go to, or null for the default page. */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith("/") || FORBIDDEN.test(next)) return null;
  // Percent-encoded, the same characters and a leading "//" are just as suspect ("/%09/evil.example").
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return null;
  }
  if (FORBIDDEN.test(decoded) || decoded.startsWith("//")) return null;
  let url: URL;
  try {
    url = new URL(next, SITE);
  } catch {
    return null;
  }
  if (url.origin !== SITE) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
