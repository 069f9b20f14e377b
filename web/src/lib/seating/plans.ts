import type { components } from "@/lib/api/schema";

export type SeatPlan = components["schemas"]["SeatPlan"];

type LoadPlan = (seatMapId: string, version: number) => Promise<SeatPlan | null>;

/** Plans kept by this page: a 10,000-seat hall's is about a megabyte, and a buyer looks at one or two. */
const KEPT = 4;

/**
 * The plans of seat map versions, each fetched once. A version's plan never changes, so the live map (polled)
 * only says which version it goes with; the browser's cache keeps the plan for good as well. A fetch that
 * failed is forgotten, so the next poll asks again.
 */
export function createPlanCache(load: LoadPlan) {
  const plans = new Map<string, Promise<SeatPlan | null>>();
  return function seatPlan(seatMapId: string, version: number): Promise<SeatPlan | null> {
    const key = `${seatMapId}.${version}`;
    let plan = plans.get(key);
    if (plan === undefined) {
      plan = load(seatMapId, version).catch(() => null);
      plans.set(key, plan);
      void plan.then((found) => {
        if (found === null && plans.get(key) === plan) plans.delete(key);
      });
      for (const oldest of plans.keys()) {
        if (plans.size <= KEPT) break;
        plans.delete(oldest);
      }
    }
    return plan;
  };
}
