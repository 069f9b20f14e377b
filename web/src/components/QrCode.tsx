"use client";

import QRCode from "qrcode";
import { useEffect, useState } from "react";

/** A code drawn as a QR image (a placeholder while it renders): tickets and boarding passes alike. */
export function QrCode({ code, alt }: { code: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    QRCode.toDataURL(code, { margin: 1, width: 192 })
      .then((url) => {
        if (active) setSrc(url);
      })
      .catch(() => {
        if (active) setSrc(null);
      });
    return () => {
      active = false;
    };
  }, [code]);
  if (!src) return <div className="h-40 w-40 animate-pulse rounded bg-slate-100" aria-hidden="true" />;
  // eslint-disable-next-line @next/next/no-img-element
  return <img src={src} alt={alt} width={160} height={160} className="h-40 w-40" />;
}
