/**
 * `deno task sim --seeds N [--seed-base S] [--nodes 3|5] [--steps K]`:
 * runs the deterministic cluster simulator over N seeds and prints
 * `sim: N seeds, V violations` last; exits 1 on any violation, printing
 * the seed and the command that replays it.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { Simulation } from "./simulator.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    seeds: { type: "string", default: "100" },
    "seed-base": { type: "string", default: "1" },
    nodes: { type: "string" },
    steps: { type: "string", default: "300" },
    trace: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
  },
});

const seeds = Number(values.seeds);
const base = Number(values["seed-base"]);
const steps = Number(values.steps);
const nodesArg = values.nodes === undefined ? undefined : Number(values.nodes);
if (nodesArg !== undefined && nodesArg !== 3 && nodesArg !== 5) {
  console.error("--nodes must be 3 or 5");
  Deno.exit(2);
}

let violations = 0;
const totals: Record<string, number> = {};
const started = performance.now();
for (let i = 0; i < seeds; i++) {
  const seed = base + i;
  // Without --nodes, alternate 3 and 5 voters across seeds.
  const nodes = nodesArg ?? (seed % 2 === 0 ? 5 : 3);
  const res = new Simulation(seed, { nodes, steps, trace: values.trace }).run();
  for (const [k, v] of Object.entries(res.stats)) {
    totals[k] = (totals[k] ?? 0) + v;
  }
  if (res.violations.length > 0) {
    violations += res.violations.length;
    console.log(
      `seed ${seed} (${nodes} nodes): ${res.violations.length} violation(s)`,
    );
    for (const v of res.violations) console.log(`  ${v}`);
    console.log(
      `  replay: deno task sim --seeds 1 --seed-base ${seed} --nodes ${nodes} --steps ${steps} --trace`,
    );
  }
}
if (!values.quiet) {
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `totals over ${seeds} seeds in ${secs}s: ${JSON.stringify(totals)}`,
  );
}
console.log(`sim: ${seeds} seeds, ${violations} violations`);
if (violations > 0) Deno.exit(1);
