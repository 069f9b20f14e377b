// Runs after every other flow (see playwright.config.ts): it uses up this machine's sign-in budget.
import { SIGN_IN_ATTEMPTS_PER_MINUTE, expect, test } from "./support";

// TESSERA_LOGIN_RATE_PER_IP as global-setup.ts sets it: 30 sign-in attempts per address and minute.
const LIMIT = SIGN_IN_ATTEMPTS_PER_MINUTE;

test("a client cannot dodge the per-address sign-in limit by claiming other addresses", async ({ request }) => {
  const statuses: number[] = [];
  let refused: { code?: string } | null = null;
  for (let attempt = 1; attempt <= LIMIT + 1 && refused === null; attempt++) {
    const response = await request.post("/api/v1/auth/login", {
      headers: {
        // A new address on every attempt, in every header a proxy might believe, the web app's own included.
        "x-forwarded-for": `203.0.113.${attempt}`,
        "x-real-ip": `198.51.100.${attempt}`,
        "x-tessera-peer-address": `192.0.2.${attempt}`,
      },
      // A new e-mail each time too, so only the per-address limit can stop these.
      data: { email: `nobody-${Date.now()}-${attempt}@example.com`, password: "not the password" },
    });
    statuses.push(response.status());
    if (response.status() === 429) refused = (await response.json()) as { code?: string };
    else expect(response.status(), `attempt ${attempt}`).toBe(401);
  }
  expect(refused, `statuses: ${statuses.join(" ")}`).not.toBeNull();
  expect(refused?.code).toBe("rate_limited");
});
