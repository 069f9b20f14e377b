// Security headers every response carries, shared by the Node server (its own refusals) and the app
// (src/lib/security-headers.ts adds the page policy with its per-request nonce).

/**
 * Strict-Transport-Security only where the site is served over HTTPS for sure: deployments say so with
 * TESSERA_ENV=production. NODE_ENV cannot tell, since every production build runs with it, including a
 * local `make run` on plain http; nor can the request's scheme, which behind a TLS-terminating edge arrives
 * in an X-Forwarded-Proto the client may have written.
 * @param {Record<string, string | undefined>} [env]
 */
export function isProductionSite(env = process.env) {
  return env.TESSERA_ENV === "production";
}

/** JSON from the API is never a document: it may not load or frame anything. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * The headers every response carries besides its Content-Security-Policy.
 * @param {boolean} production
 * @returns {[string, string][]}
 */
export function commonSecurityHeaders(production) {
  /** @type {[string, string][]} */
  const headers = [
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    // For browsers that predate CSP frame-ancestors.
    ["X-Frame-Options", "DENY"],
  ];
  if (production) headers.push(["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]);
  return headers;
}
