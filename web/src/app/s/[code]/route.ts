// A short share link (/s/CODE): the backend counts the visit (not link previews, which it tells apart by the
// User-Agent) and answers with a redirect to the page shared, which this route passes on as it is.
import type { NextRequest } from "next/server";

import { forwardedFor, parseTrustedProxies } from "@/lib/proxy/client-address";

import { GATE_INSTALLED, PEER_ADDRESS_HEADER } from "../../../../server/request-gate.mjs";
import { backendUrl } from "../../api/[...path]/route";

export const dynamic = "force-dynamic";

const CODE = /^[A-Za-z0-9]{4,12}$/;

async function follow(request: NextRequest, context: { params: Promise<{ code: string }> }): Promise<Response> {
  const { code } = await context.params;
  const gated = (globalThis as Record<symbol, unknown>)[GATE_INSTALLED] === true;
  const peer = gated ? request.headers.get(PEER_ADDRESS_HEADER) : null;
  if (!CODE.test(code) || peer === null) return new Response("Not found", { status: 404 });
  const headers = new Headers({ "user-agent": request.headers.get("user-agent") ?? "" });
  const client = forwardedFor(
    peer,
    request.headers.get("x-forwarded-for"),
    parseTrustedProxies(process.env.TESSERA_WEB_TRUSTED_PROXIES),
  );
  if (client !== null) headers.set("x-forwarded-for", client);
  let upstream: Response;
  try {
    upstream = await fetch(`${backendUrl()}/api/v1/s/${code}`, {
      method: request.method,
      headers,
      redirect: "manual",
      cache: "no-store",
    });
  } catch {
    return new Response("The service is not reachable", { status: 502 });
  }
  const location = upstream.headers.get("location");
  if (upstream.status !== 302 || location === null) return new Response("Not found", { status: 404 });
  return new Response(null, {
    status: 302,
    headers: {
      location,
      "cache-control": "no-store",
      "x-robots-tag": "noindex",
      "referrer-policy": "no-referrer",
    },
  });
}

export { follow as GET, follow as HEAD };
