import type { NextConfig } from "next";

// The backend's address is read at run time by the /api proxy route (TESSERA_API_URL), never baked in here,
// so one build serves every environment.
const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
