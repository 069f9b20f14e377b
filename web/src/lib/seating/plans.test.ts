import { describe, expect, it } from "vitest";

import { createPlanCache, type SeatPlan } from "./plans";

const plan = (seatMapId: string, version: number): SeatPlan => ({
  seat_map_id: seatMapId,
  version,
  name: "Hall",
  width: 1,
  height: 1,
  zones: [],
  sections: [],
});

describe("seat plans", () => {
  it("fetches a map version's plan once however often the live map is polled", async () => {
    const asked: string[] = [];
    const seatPlan = createPlanCache(async (id, version) => {
      asked.push(`${id}.${version}`);
      return plan(id, version);
    });
    const [a, b] = await Promise.all([seatPlan("m1", 1), seatPlan("m1", 1)]);
    expect(a).toEqual(plan("m1", 1));
    expect(b).toBe(a);
    expect(await seatPlan("m1", 2)).toEqual(plan("m1", 2));
    await seatPlan("m1", 1);
    expect(asked).toEqual(["m1.1", "m1.2"]);
  });

  it("asks again after a failure, whether the answer was empty or the network failed", async () => {
    let calls = 0;
    const seatPlan = createPlanCache(async (id, version) => {
      calls += 1;
      if (calls === 1) return null;
      if (calls === 2) throw new TypeError("offline");
      return plan(id, version);
    });
    expect(await seatPlan("m1", 1)).toBeNull();
    expect(await seatPlan("m1", 1)).toBeNull();
    expect(await seatPlan("m1", 1)).toEqual(plan("m1", 1));
    expect(calls).toBe(3);
  });

  it("keeps the four plans fetched last", async () => {
    const asked: string[] = [];
    const seatPlan = createPlanCache(async (id, version) => {
      asked.push(id);
      return plan(id, version);
    });
    for (const id of ["a", "b", "c", "d", "e"]) await seatPlan(id, 1);
    await seatPlan("e", 1);
    await seatPlan("b", 1);
    await seatPlan("a", 1);
    expect(asked).toEqual(["a", "b", "c", "d", "e", "a"]);
  });
});
