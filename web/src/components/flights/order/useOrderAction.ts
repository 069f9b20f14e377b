"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { errorCode } from "@/lib/api/client";

type Call = () => Promise<{ data?: unknown; error?: unknown }>;

/**
 * One change to a traveller's order at a time (answer a schedule change, cancel, move seats): runs the call,
 * refreshes the page from the server after a success, and hands back the refusal's code (or "network").
 */
export function useOrderAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<string | null>(null);

  async function run(key: string, call: Call): Promise<{ ok: true } | { ok: false; code: string; error: unknown }> {
    setBusy(key);
    try {
      const { data, error } = await call();
      if (data === undefined || error !== undefined) return { ok: false, code: errorCode(error) ?? "unknown", error };
      startTransition(() => router.refresh());
      return { ok: true };
    } catch {
      return { ok: false, code: "network", error: null };
    } finally {
      setBusy(null);
    }
  }

  return { busy, pending: pending || busy !== null, run };
}
