// Liveness of the web server itself, for container and Kubernetes probes (the backend has its own).
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
