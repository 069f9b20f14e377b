import { describe, expect, it } from "vitest";

import { retimeDefaults, retimeTimes, type RetimeInput } from "./retime";

const base: RetimeInput = { date: "2026-12-20", time: "08:30", mode: "duration", duration: "100", arrivalDate: "", arrivalTime: "" };

describe("retimeTimes", () => {
  it("sends local times with each airport's offset", () => {
    expect(retimeTimes(base, "Asia/Almaty", "Asia/Almaty")).toEqual({
      ok: true,
      departs_at: "2026-12-20T08:30:00+05:00",
      arrives_at: "2026-12-20T10:10:00+05:00",
    });
  });

  it("puts the arrival in the destination's zone", () => {
    const result = retimeTimes({ ...base, time: "23:00", duration: "240" }, "Asia/Almaty", "Europe/Berlin");
    expect(result).toEqual({ ok: true, departs_at: "2026-12-20T23:00:00+05:00", arrives_at: "2026-12-20T23:00:00+01:00" });
  });

  it("takes a local arrival instead of a duration", () => {
    const result = retimeTimes({ ...base, mode: "arrival", arrivalDate: "2026-12-20", arrivalTime: "10:00" }, "Asia/Almaty", "Asia/Almaty");
    expect(result).toMatchObject({ ok: true, arrives_at: "2026-12-20T10:00:00+05:00" });
  });

  it("names what is wrong", () => {
    expect(retimeTimes({ ...base, time: "8:30" }, "Asia/Almaty", "Asia/Almaty")).toEqual({ ok: false, problem: "departure" });
    expect(retimeTimes({ ...base, duration: "0" }, "Asia/Almaty", "Asia/Almaty")).toEqual({ ok: false, problem: "duration" });
    expect(retimeTimes({ ...base, duration: "abc" }, "Asia/Almaty", "Asia/Almaty")).toEqual({ ok: false, problem: "duration" });
    expect(retimeTimes({ ...base, mode: "arrival" }, "Asia/Almaty", "Asia/Almaty")).toEqual({ ok: false, problem: "arrival" });
    const early = { ...base, mode: "arrival" as const, arrivalDate: "2026-12-20", arrivalTime: "08:00" };
    expect(retimeTimes(early, "Asia/Almaty", "Asia/Almaty")).toEqual({ ok: false, problem: "order" });
  });

  it("refuses a schedule that does not change", () => {
    const current = { departs_at: "2026-12-20T03:30:00Z", arrives_at: "2026-12-20T05:10:00Z" };
    expect(retimeTimes(base, "Asia/Almaty", "Asia/Almaty", current)).toEqual({ ok: false, problem: "unchanged" });
  });
});

describe("retimeDefaults", () => {
  it("reads the current schedule as local times and a duration", () => {
    expect(retimeDefaults("2026-12-20T02:30:00Z", "2026-12-20T04:10:00Z", "Asia/Almaty", "Asia/Almaty")).toEqual({
      date: "2026-12-20",
      time: "07:30",
      mode: "duration",
      duration: "100",
      arrivalDate: "2026-12-20",
      arrivalTime: "09:10",
    });
  });
});
