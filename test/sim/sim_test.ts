/**
 * Runs the deterministic simulator over a few hundred seeds; the long run
 * (`deno task sim --seeds 10000`) is in `deno task test:long`.
 */
import { deepStrictEqual as eq } from "node:assert/strict";
import { Simulation } from "./simulator.ts";

function runSeeds(base: number, count: number, nodes: number): string[] {
  const failures: string[] = [];
  for (let seed = base; seed < base + count; seed++) {
    const res = new Simulation(seed, { nodes }).run();
    for (const v of res.violations) {
      failures.push(
        `seed ${seed}: ${v}\n  replay: deno task sim --seeds 1 --seed-base ${seed} --nodes ${nodes} --trace`,
      );
    }
  }
  return failures;
}

const SEEDS = Deno.env.get("REEF_LONG") ? 2000 : 200;

Deno.test("Simulation.run() keeps every invariant on 3 nodes across seeds", () => {
  eq(runSeeds(1, SEEDS, 3), []);
});

Deno.test("Simulation.run() keeps every invariant on 5 nodes across seeds", () => {
  eq(runSeeds(100_001, SEEDS, 5), []);
});

Deno.test("Simulation.run() is deterministic for a seed", () => {
  const a = new Simulation(42, { nodes: 5 }).run();
  const b = new Simulation(42, { nodes: 5 }).run();
  eq(a.stats, b.stats);
});

Deno.test("Simulation.run() exercises every fault and operation", () => {
  const totals: Record<string, number> = {};
  for (let seed = 1; seed <= 50; seed++) {
    const res = new Simulation(seed, { nodes: seed % 2 ? 3 : 5 }).run();
    for (const [k, v] of Object.entries(res.stats)) {
      totals[k] = (totals[k] ?? 0) + v;
    }
  }
  const missing = Object.entries(totals).filter(([, v]) => v === 0).map(([k]) =>
    k
  );
  eq(missing, []);
});
