"use client";

import { setNonce } from "get-nonce";

// Radix's dialogs and selects insert <style> elements (scroll locking) at run time; the page's
// Content-Security-Policy admits them only with this document's nonce, which Next.js put on its scripts.
// It is read from the document, not passed from the server: a refresh renders the layout again with the
// nonce of another response, which this document's policy would not accept.
if (typeof document !== "undefined") {
  const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
  if (nonce) setNonce(nonce);
}

/** Rendered once in the root layout, so the nonce is set before any dialog opens. */
export function StyleNonce(): null {
  return null;
}
