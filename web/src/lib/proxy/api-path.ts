// Which requests the /api proxy may pass to the backend: only its public API, /api/v1/..., never the
// backend's other paths (/metrics, /schema, /sandbox, ...). Anything that could make the backend (or the
// URL parser of the fetch in between) resolve the path to somewhere else is refused, not cleaned up.

export const API_PREFIX = "/api/v1/";

// Characters an API path may hold (RFC 3986 pchar), "%" only as the start of an escape.
const PATH = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;
// Percent-encoded dot, slash, backslash or percent (the last means a second encoding: "%252e"), any case,
// and control characters.
const FORBIDDEN_ESCAPE = /%(?:2e|2f|5c|25|[01][0-9a-f]|7f)/i;

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The backend path and query for a request whose target was `rawTarget`, exactly as the client sent it
 * (Next.js resolves dot segments before routing, so only this can be checked), and whose catch-all
 * segments Next.js decoded into `segments` (everything after /api/); null to refuse the request.
 */
export function backendApiTarget(rawTarget: string, segments: readonly string[]): string | null {
  const queryStart = rawTarget.search(/[?#]/);
  const rawPath = queryStart === -1 ? rawTarget : rawTarget.slice(0, queryStart);
  const query = rawTarget.startsWith("?", queryStart) ? rawTarget.slice(queryStart).replace(/#.*$/, "") : "";
  if (!rawPath.startsWith(API_PREFIX) || !PATH.test(rawPath) || FORBIDDEN_ESCAPE.test(rawPath)) return null;
  const rawSegments = rawPath.slice("/api/".length).split("/");
  if (rawSegments.some((part) => part === "" || part === "." || part === "..")) return null;
  // What Next.js routed must be what was checked; a difference means the two read the target differently.
  const decoded = rawSegments.map(decodeSegment);
  if (decoded.length !== segments.length || decoded.some((part, index) => part !== segments[index])) return null;
  return rawPath + query;
}

export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

/**
 * The whole request body, refusing one over `limit` bytes: by its Content-Length before reading anything,
 * and by counting what arrives, since a chunked body declares no length.
 */
export async function readLimitedBody(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !(/^\d+$/.test(declared.trim()) && Number(declared) <= limit)) throw new BodyTooLargeError();
  if (request.body === null) return undefined;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
