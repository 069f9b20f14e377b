import "server-only";

import { serverApi } from "./api/server";
import type { components } from "./api/schema";

export type Me = components["schemas"]["UserRead"];

/** The signed-in user for server components, or null. */
export async function currentUser(): Promise<Me | null> {
  const api = await serverApi();
  try {
    const { data } = await api.GET("/api/v1/auth/me");
    return data ?? null;
  } catch {
    return null;
  }
}
