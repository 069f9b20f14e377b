// Server components call the backend directly, forwarding the visitor's cookies.
import "server-only";

import createClient from "openapi-fetch";
import { cookies } from "next/headers";

import type { paths } from "./schema";

export function backendUrl(): string {
  return (process.env.TESSERA_API_URL ?? "http://127.0.0.1:8000").replace(/\/$/, "");
}

export async function serverApi() {
  const jar = await cookies();
  const cookie = jar
    .getAll()
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
  return createClient<paths>({
    baseUrl: backendUrl(),
    headers: cookie ? { cookie } : {},
    fetch: (request: Request) => fetch(request, { cache: "no-store" }),
  });
}
