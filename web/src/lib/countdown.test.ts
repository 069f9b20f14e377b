import { describe, expect, it } from "vitest";

import { formatCountdown, formatLongCountdown, secondsLeft } from "./countdown";

describe("countdown", () => {
  const now = new Date("2025-03-01T12:00:00Z");

  it("counts whole seconds left until the deadline", () => {
    expect(secondsLeft("2025-03-01T12:15:00Z", now)).toBe(900);
    expect(secondsLeft("2025-03-01T12:00:01.900Z", now)).toBe(1);
  });

  it("never goes negative", () => {
    expect(secondsLeft("2025-03-01T11:59:00Z", now)).toBe(0);
  });

  it("formats as m:ss", () => {
    expect(formatCountdown(900)).toBe("15:00");
    expect(formatCountdown(65)).toBe("1:05");
    expect(formatCountdown(9)).toBe("0:09");
    expect(formatCountdown(0)).toBe("0:00");
  });

  it("formats an hour or more as h:mm:ss, less as m:ss", () => {
    expect(formatLongCountdown(3600)).toBe("1:00:00");
    expect(formatLongCountdown(3599)).toBe("59:59");
    expect(formatLongCountdown(2 * 86_400 + 61)).toBe("48:01:01");
    expect(formatLongCountdown(0)).toBe("0:00");
  });
});
