// The web app's HTTP server: Next.js's request handler behind a plain Node server, which first passes every
// request through request-gate.mjs (the real peer address and request target for the /api proxy). Run this
// instead of `next start`, and in the container instead of the standalone output's server.js:
//   node server/start.mjs [--dev] [-p PORT] [-H HOST]   (defaults: $PORT or 3000; $HOSTNAME or all interfaces)
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { GATE_INSTALLED, REQUEST_TARGET_HEADER, isRewrittenApiTarget, refuse, writePrivateHeaders } from "./request-gate.mjs";

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values: options } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
  },
});
const dev = options.dev ?? false;
const port = Number.parseInt(options.port ?? process.env.PORT ?? "3000", 10);
const hostname = options.hostname ?? process.env.HOSTNAME ?? undefined;
process.env.NODE_ENV = dev ? "development" : "production";

// The standalone output (the container image) has no next.config.*: its settings were fixed by the build
// and are handed to Next.js the way the server.js generated next to it does.
const recordedConfig = path.join(dir, ".next", "required-server-files.json");
const hasConfigFile = ["next.config.ts", "next.config.mjs", "next.config.js"].some((name) => existsSync(path.join(dir, name)));
if (!dev && !hasConfigFile && existsSync(recordedConfig)) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(JSON.parse(readFileSync(recordedConfig, "utf8")).config);
}

const { default: next } = await import("next");
const server = createServer();
const app = next({ dev, dir, hostname, port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();
globalThis[GATE_INSTALLED] = true;

server.on("request", (request, response) => {
  writePrivateHeaders(request);
  if (isRewrittenApiTarget(request.headers[REQUEST_TARGET_HEADER])) {
    refuse(response);
    return;
  }
  handle(request, response).catch((error) => {
    console.error(error);
    if (!response.headersSent) response.statusCode = 500;
    response.end();
  });
});
const keepAlive = Number.parseInt(process.env.KEEP_ALIVE_TIMEOUT ?? "", 10);
if (Number.isFinite(keepAlive) && keepAlive >= 0) server.keepAliveTimeout = keepAlive;
server.listen(port, hostname, () => {
  console.log(`Tessera web on http://${hostname ?? "localhost"}:${port} (${dev ? "development" : "production"})`);
});

// Stop taking connections, let requests in flight finish (up to 10 s), then exit.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
