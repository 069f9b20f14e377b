// Security headers on every page, asset and error response (the /api proxy sets its own), with a fresh
// CSP nonce per request. Next.js reads the nonce from the policy on the request and puts it on the scripts
// it inlines, so the same policy goes on the request and on the response.
import { NextResponse, type NextRequest } from "next/server";

import { applySecurityHeaders, isProductionSite, newNonce, pageContentSecurityPolicy } from "@/lib/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const production = isProductionSite();
  const policy = pageContentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === "development", production });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  applySecurityHeaders(response.headers, policy, production);
  return response;
}

export const config = {
  // Everything but /api/..., whose route handler sets the headers itself: running this in front of it would
  // also make Next.js buffer every request body up to 10 MB, before the proxy's own 1 MiB limit applies.
  matcher: ["/((?!api/).*)"],
};
