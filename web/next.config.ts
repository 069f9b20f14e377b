import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// The backend's address is read at run time by the /api proxy route (TESSERA_API_URL), never baked in here,
// so one build serves every environment. Container builds set NEXT_OUTPUT=standalone for a small image;
// `npm start` (next start) keeps working with the default output.
const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  ...(process.env.NEXT_OUTPUT === "standalone" ? { output: "standalone" as const } : {}),
};

// Messages and the language (from the "lang" cookie) for every request: src/i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

export default withNextIntl(config);
