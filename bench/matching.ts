/**
 * Matching solver benchmark: `npm run bench:matching [-- --instance FILE.json] [-- --no-highs]`.
 *
 * Prints one JSON line per instance. HiGHS runs on the same instance in a child
 * process (one at a time, after the solver), so its out-of-memory abort cannot
 * take the benchmark down and its heap does not count in `peak_rss_mb`.
 *
 * Timing, the same for both: the app calls the solver on one long-lived worker
 * thread, so `solver_ms` is the median of `solver_runs` complete `solve()` calls
 * (graph build and exactness proof included) after one call that warms up the JIT;
 * that first call is reported as `solver_first_ms`. HiGHS likewise loads its
 * WebAssembly and solves a tiny LP first, then `highs_ms` is the median of
 * `highs_runs` complete calls (model build included) with the fastest of the LP
 * methods tried (`highs_method`). When HiGHS fails, `highs_ms` is null and
 * `highs_status` says why. `peak_rss_mb` is the process's peak so far; the garbage of
 * the previous line is collected before each line.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  pairWeight,
  solve,
  toPairColumns,
  type MatchingInstance,
  type PairColumns,
} from "../app/modules/matching/solver";

interface GeneratedSpec {
  name: string;
  children: number;
  volunteers: number;
  density: number;
  seed: number;
}

type InstanceSource = { kind: "generated"; spec: GeneratedSpec } | { kind: "file"; path: string };

const DEFAULT_SPECS: GeneratedSpec[] = [
  { name: "200x150 dense", children: 200, volunteers: 150, density: 1, seed: 1 },
  { name: "2000x1000 15%", children: 2000, volunteers: 1000, density: 0.15, seed: 2 },
  { name: "20000x8000 1%", children: 20000, volunteers: 8000, density: 0.01, seed: 3 },
  { name: "20000x8000 2%", children: 20000, volunteers: 8000, density: 0.02, seed: 4 },
];
const INCREMENTAL_CHILDREN = 100;
/** Waiting times are drawn below these: up to two years in the generated instances, under a week for referrals. */
const MAX_WAITING_DAYS = 730;
const REFERRAL_WAITING_DAYS = 7;
/** Matches declined in the week between two runs (`next week`). */
const DECLINES = 10;
/** Per HiGHS child process (one method on one instance). */
const HIGHS_TIMEOUT_MS = 900_000;
/** Timed runs per measurement: more for small instances, where one run is noisy. */
const runsFor = (pairs: number): number => (pairs <= 100_000 ? 31 : pairs <= 1_000_000 ? 5 : 3);
/**
 * Timed runs of a warm re-run. Its own code (the kept-graph comparison, the insertions) runs
 * only in warm solves, so the first few calls still compile and run two to three times as
 * slow; the solver worker is long-lived and has compiled them by the second week. Nine calls
 * after the first put the median past that; the first call is reported as solver_first_ms.
 */
const WARM_RUNS = 9;
/** HiGHS stops repeating a method after this much time (its first run always counts). */
const HIGHS_REPEAT_BUDGET_MS = 30_000;

/**
 * HiGHS LP methods tried. On these costs (3.3e8 per waiting week next to score units of 1)
 * the dual simplex (the default) is very slow (over 200 s on 2000x1000) and presolve only
 * costs time; interior point needs crossover to end at an exact vertex. Small instances
 * try every method and report the fastest; larger ones only the interior point method.
 */
const HIGHS_METHODS: { name: string; options: Record<string, string | number | boolean>; maxPairs: number }[] = [
  { name: "ipm, presolve off", options: { solver: "ipm", presolve: "off" }, maxPairs: Infinity },
  {
    name: "primal simplex, presolve off",
    options: { solver: "simplex", simplex_strategy: 4, presolve: "off" },
    maxPairs: 100_000,
  },
  { name: "default (dual simplex, presolve)", options: {}, maxPairs: 100_000 },
];

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Appends the pairs of children [from, to) to the columns, each volunteer with probability `density`. */
function samplePairs(random: () => number, from: number, to: number, volunteers: number, density: number): PairColumns {
  const expected = Math.ceil((to - from) * volunteers * density * 1.05) + 16;
  let child = new Int32Array(expected);
  let volunteer = new Int32Array(expected);
  let score = new Float64Array(expected);
  let count = 0;
  const logSkip = Math.log(1 - Math.min(density, 1 - 1e-12));
  for (let i = from; i < to; i++) {
    // Geometric skips: O(pairs) instead of O(children x volunteers) random draws.
    let v = density >= 1 ? 0 : Math.floor(Math.log(1 - random()) / logSkip);
    while (v < volunteers) {
      if (count === child.length) {
        const grow = <T extends Int32Array | Float64Array>(a: T): T => {
          const bigger = new (a.constructor as new (n: number) => T)(a.length * 2);
          bigger.set(a);
          return bigger;
        };
        child = grow(child);
        volunteer = grow(volunteer);
        score = grow(score);
      }
      child[count] = i;
      volunteer[count] = v;
      score[count] = Math.round(random() * 10_000) / 10_000;
      count++;
      v += density >= 1 ? 1 : 1 + Math.floor(Math.log(1 - random()) / logSkip);
    }
  }
  return { child: child.slice(0, count), volunteer: volunteer.slice(0, count), score: score.slice(0, count) };
}

function generate(spec: GeneratedSpec): MatchingInstance {
  const random = prng(spec.seed);
  const children = Array.from({ length: spec.children }, (_, i) => ({
    id: `c${i}`,
    waitingDays: Math.floor(random() * MAX_WAITING_DAYS),
  }));
  const volunteers = Array.from({ length: spec.volunteers }, (_, v) => ({
    id: `v${v}`,
    capacity: 1 + Math.floor(random() * 3),
  }));
  return { children, volunteers, pairs: samplePairs(random, 0, spec.children, spec.volunteers, spec.density) };
}

/**
 * The incremental case: the same instance plus `count` new children with their pairs,
 * each with a waiting time drawn from [0, maxWaitingDays).
 */
function withNewChildren(
  instance: MatchingInstance,
  count: number,
  density: number,
  seed: number,
  maxWaitingDays: number,
): MatchingInstance {
  const random = prng(seed);
  const first = instance.children.length;
  const children = [
    ...instance.children,
    ...Array.from({ length: count }, (_, k) => ({ id: `new${k}`, waitingDays: Math.floor(random() * maxWaitingDays) })),
  ];
  const old = toPairColumns(instance.pairs);
  const added = samplePairs(random, first, first + count, instance.volunteers.length, density);
  const concat = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
    const joined = new (a.constructor as new (n: number) => T)(a.length + b.length);
    joined.set(a);
    joined.set(b, a.length);
    return joined;
  };
  return {
    children,
    volunteers: instance.volunteers,
    pairs: {
      child: concat(old.child, added.child),
      volunteer: concat(old.volunteer, added.volunteer),
      score: concat(old.score, added.score),
    },
  };
}

function loadInstanceFile(path: string): MatchingInstance {
  const parsed = JSON.parse(readFileSync(path, "utf8")) as MatchingInstance;
  return { ...parsed, pairs: toPairColumns(parsed.pairs) };
}

function loadSource(source: InstanceSource): MatchingInstance {
  return source.kind === "file" ? loadInstanceFile(source.path) : generate(source.spec);
}

/** Highest-weight-first greedy assignment, the baseline a simple implementation would use. */
function greedyObjective(instance: MatchingInstance): number {
  const pairs = toPairColumns(instance.pairs);
  const weight = new Float64Array(pairs.child.length);
  for (let p = 0; p < weight.length; p++) {
    weight[p] = pairWeight(instance.children[pairs.child[p]].waitingDays, pairs.score[p]);
  }
  const order = Uint32Array.from({ length: weight.length }, (_, p) => p).sort((a, b) => weight[b] - weight[a]);
  const childTaken = new Uint8Array(instance.children.length);
  const capacityLeft = Int32Array.from(instance.volunteers, (v) => v.capacity);
  let objective = 0;
  for (const p of order) {
    const i = pairs.child[p];
    const v = pairs.volunteer[p];
    if (childTaken[i] || capacityLeft[v] === 0) continue;
    childTaken[i] = 1;
    capacityLeft[v]--;
    objective += weight[p];
  }
  return objective;
}

interface HighsRun {
  ms: number;
  objective: number;
  runs: number;
}

type HighsOutcome = { ok: true; run: HighsRun; method: string } | { ok: false; status: string };

/** Runs HiGHS in a child process per method; the fastest successful method wins. */
function runHighsIsolated(source: InstanceSource, pairs: number): HighsOutcome {
  let best: HighsOutcome | null = null;
  const failures: string[] = [];
  for (const method of HIGHS_METHODS) {
    if (pairs > method.maxPairs) continue;
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        fileURLToPath(import.meta.url),
        "--highs-child",
        JSON.stringify({ source, options: method.options, runs: runsFor(pairs) }),
      ],
      { encoding: "utf8", timeout: HIGHS_TIMEOUT_MS, maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) {
      const stderr = child.stderr ?? "";
      const reason =
        child.error && (child.error as NodeJS.ErrnoException).code === "ETIMEDOUT"
          ? `timeout after ${Math.round(HIGHS_TIMEOUT_MS / 1000)} s`
          : /OOM|out of memory|Cannot enlarge memory|Array buffer allocation failed/i.test(stderr)
          ? `out of memory (HiGHS WebAssembly heap is capped at 2 GiB) after ${Math.round(
              (performance.now() - started) / 1000,
            )} s`
          : `failed: ${stderr.trim().split("\n").pop() ?? child.status}`;
      failures.push(`${method.name}: ${reason}`);
      continue;
    }
    try {
      const run = JSON.parse(child.stdout.trim().split("\n").pop()!) as HighsRun;
      if (best === null || !best.ok || run.ms < best.run.ms) best = { ok: true, run, method: method.name };
    } catch {
      failures.push(`${method.name}: unreadable output`);
    }
  }
  return best ?? { ok: false, status: failures.join("; ") };
}

async function highsChild(job: {
  source: InstanceSource;
  options: Record<string, string | number | boolean>;
  runs: number;
}): Promise<void> {
  const { loadHighs, highsObjective } = await import("../app/modules/matching/highs-reference");
  const instance = loadSource(job.source);
  const highs = await loadHighs();
  // Warm-up: the WebAssembly compiles and tiers up on a tiny LP (not timed).
  highsObjective(highs, {
    children: [{ id: "a", waitingDays: 0 }],
    volunteers: [{ id: "b", capacity: 1 }],
    pairs: [[0, 0, 0.5]],
  });
  const times: number[] = [];
  let objective = 0;
  // Slow solves run fewer times: more runs would only repeat the same minutes.
  const begun = performance.now();
  for (let r = 0; r < job.runs; r++) {
    const started = performance.now();
    objective = highsObjective(highs, instance, job.options);
    times.push(performance.now() - started);
    if (performance.now() - begun > HIGHS_REPEAT_BUDGET_MS) break;
  }
  console.log(JSON.stringify({ ms: median(times), objective, runs: times.length }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Median wall time of `runs` calls after one untimed warm-up call (reported as `first`). The
 * previous call's result is let go before the next call, so two results (each may keep its
 * graph) never count together in the peak memory.
 */
function timeCalls<T>(runs: number, call: () => T): { result: T; ms: number; first: number; runs: number } {
  let started = performance.now();
  let result: T | null = call();
  const first = performance.now() - started;
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    result = null;
    started = performance.now();
    result = call();
    times.push(performance.now() - started);
  }
  return { result: result as T, ms: median(times), first, runs };
}

const relativeGap = (reference: number, value: number): number =>
  reference === 0 ? Math.abs(value) : Math.abs(reference - value) / Math.abs(reference);
const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
const peakRssMb = (): number => round(process.resourceUsage().maxRSS / 1024);
/**
 * Collects the previous measurement's garbage (`npm run bench:matching` runs node with
 * --expose-gc), so one line's leftovers do not count in the next line's peak memory.
 */
const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

function report(name: string, instance: MatchingInstance, withHighs: boolean, source: InstanceSource) {
  collectGarbage();
  const pairCount = toPairColumns(instance.pairs).child.length;
  const timed = timeCalls(runsFor(pairCount), () => solve(instance));
  const result = timed.result;
  const greedy = greedyObjective(instance);
  const highs = withHighs ? runHighsIsolated(source, pairCount) : null;
  const run = highs?.ok ? highs.run : null;
  console.log(
    JSON.stringify({
      instance: name,
      children: instance.children.length,
      volunteers: instance.volunteers.length,
      pairs: pairCount,
      matched: result.matched,
      total_score: round(result.totalScore, 4),
      solver_ms: round(timed.ms),
      highs_ms: run ? round(run.ms) : null,
      objective: result.objective,
      highs_objective: run ? run.objective : null,
      gap: run ? relativeGap(run.objective, result.objective) : null,
      greedy_gap: relativeGap(result.objective, greedy),
      peak_rss_mb: peakRssMb(),
      speedup: run ? round(run.ms / timed.ms) : null,
      solver_runs: timed.runs,
      solver_first_ms: round(timed.first),
      highs_runs: run ? run.runs : null,
      highs_method: highs?.ok ? highs.method : null,
      highs_status: highs === null ? "not run" : highs.ok ? "optimal" : highs.status,
    }),
  );
  return result;
}

/** What changed between the previous run and this one (see INCREMENTAL_VARIANTS). */
interface RerunChange {
  /** Proposals approved: each approved child leaves with its pairs, its volunteer has one slot less. */
  approvals: number;
  /** Matches declined: the child stays on the list, its matched pair is gone (never proposed again). */
  declines: number;
  /** Children referred since (waiting under a week), appended with their pairs. */
  referrals: number;
  /** Days since the previous run: every child has waited that much longer. */
  daysLater: number;
}

/** The instance of a re-run after `change`, from the previous instance and its result. */
function withRerunChange(
  instance: MatchingInstance,
  previous: ReturnType<typeof solve>,
  change: RerunChange,
  density: number,
  seed: number,
): MatchingInstance {
  const approved = new Uint8Array(instance.children.length);
  const declined = new Uint8Array(instance.children.length);
  const capacity = instance.volunteers.map((v) => v.capacity);
  for (let i = 0, taken = 0, refused = 0; i < instance.children.length; i += 7) {
    if (previous.assignment[i] < 0) continue;
    if (taken < change.approvals) {
      approved[i] = 1;
      capacity[previous.assignment[i]]--;
      taken++;
    } else if (refused < change.declines) {
      declined[i] = 1;
      refused++;
    } else break;
  }
  const newIndex = new Int32Array(instance.children.length);
  const children: MatchingInstance["children"][number][] = [];
  instance.children.forEach((child, i) => {
    newIndex[i] = children.length;
    if (!approved[i]) children.push({ ...child, waitingDays: child.waitingDays + change.daysLater });
  });
  const old = toPairColumns(instance.pairs);
  const stays = (p: number): boolean =>
    !approved[old.child[p]] && !(declined[old.child[p]] && old.volunteer[p] === previous.assignment[old.child[p]]);
  let kept = 0;
  for (let p = 0; p < old.child.length; p++) if (stays(p)) kept++;
  const staying: PairColumns = {
    child: new Int32Array(kept),
    volunteer: new Int32Array(kept),
    score: new Float64Array(kept),
  };
  for (let p = 0, q = 0; p < old.child.length; p++) {
    if (!stays(p)) continue;
    staying.child[q] = newIndex[old.child[p]];
    staying.volunteer[q] = old.volunteer[p];
    staying.score[q] = old.score[p];
    q++;
  }
  const remaining: MatchingInstance = {
    children,
    volunteers: instance.volunteers.map((v, k) => ({ ...v, capacity: capacity[k] })),
    pairs: staying,
  };
  return withNewChildren(remaining, change.referrals, density, seed, REFERRAL_WAITING_DAYS);
}

/**
 * Four re-runs, each from the same previous result (kept as the solver worker keeps it):
 * - `incremental+100`: 100 new children who have waited anything up to two years (like the
 *   base instance), so most of them outrank children matched before and the marginal
 *   waiting week rises: every slot price changes;
 * - `incremental+100 referrals`: 100 children referred since the last run (waiting under a
 *   week), the usual re-run between two approvals;
 * - `incremental+100 approvals+100 referrals`: 100 proposals approved (those children leave,
 *   their volunteers have a slot less) and 100 children referred;
 * - `incremental+100 next week`: the weekly re-run. Every child has waited seven days
 *   longer (one priority point more, so the marginal week moves with them), 100 proposals
 *   were approved, 10 matches declined (the child is back on the list without that pair)
 *   and 100 children referred.
 */
const INCREMENTAL_VARIANTS: {
  suffix: string;
  change: (base: MatchingInstance, previous: ReturnType<typeof solve>, spec: GeneratedSpec) => MatchingInstance;
}[] = [
  {
    suffix: "",
    change: (base, _, spec) =>
      withNewChildren(base, INCREMENTAL_CHILDREN, spec.density, spec.seed + 1000, MAX_WAITING_DAYS),
  },
  {
    suffix: " referrals",
    change: (base, _, spec) =>
      withNewChildren(base, INCREMENTAL_CHILDREN, spec.density, spec.seed + 1000, REFERRAL_WAITING_DAYS),
  },
  {
    suffix: ` approvals+${INCREMENTAL_CHILDREN} referrals`,
    change: (base, previous, spec) =>
      withRerunChange(
        base,
        previous,
        { approvals: INCREMENTAL_CHILDREN, declines: 0, referrals: INCREMENTAL_CHILDREN, daysLater: 0 },
        spec.density,
        spec.seed + 2000,
      ),
  },
  {
    suffix: ` next week`,
    change: (base, previous, spec) =>
      withRerunChange(
        base,
        previous,
        { approvals: INCREMENTAL_CHILDREN, declines: DECLINES, referrals: INCREMENTAL_CHILDREN, daysLater: 7 },
        spec.density,
        spec.seed + 3000,
      ),
  },
];

function reportIncremental(
  base: MatchingInstance,
  spec: GeneratedSpec,
  previous: ReturnType<typeof solve>,
  variant: (typeof INCREMENTAL_VARIANTS)[number],
) {
  collectGarbage();
  const changed = variant.change(base, previous, spec);
  const pairCount = toPairColumns(changed.pairs).child.length;
  // Every call warm-starts from the same previous result, as the app does per programme,
  // and keeps its own graph with the pairs in place, as the solver worker does (its instance
  // is its own copy; nothing here changes `changed` either).
  collectGarbage();
  // Only the figures of each warm result stay: its kept graph does not count in the cold solve's memory.
  const warmTimed = timeCalls(WARM_RUNS, () => {
    const { matched, totalScore, objective, stats } = solve(changed, {
      warmStart: previous,
      retainGraph: true,
      pairsOwned: true,
    });
    return { matched, totalScore, objective, stats };
  });
  const warm = warmTimed.result;
  // No HiGHS here (it cannot hold the 2 % instance): the reference is a cold solve.
  collectGarbage();
  const coldTimed = timeCalls(runsFor(pairCount), () => solve(changed));
  const cold = coldTimed.result;
  console.log(
    JSON.stringify({
      instance: `incremental+${INCREMENTAL_CHILDREN}${variant.suffix}`,
      children: changed.children.length,
      volunteers: changed.volunteers.length,
      pairs: pairCount,
      matched: warm.matched,
      total_score: round(warm.totalScore, 4),
      solver_ms: round(warmTimed.ms),
      highs_ms: null,
      objective: warm.objective,
      highs_objective: null,
      gap: null,
      cold_ms: round(coldTimed.ms),
      cold_gap: relativeGap(cold.objective, warm.objective),
      greedy_gap: relativeGap(warm.objective, greedyObjective(changed)),
      peak_rss_mb: peakRssMb(),
      solver_runs: warmTimed.runs,
      solver_first_ms: round(warmTimed.first),
      repaired: warm.stats.repaired,
      reused_pairs: warm.stats.reusedPairs,
      highs_status: "not run (reference: cold solve)",
    }),
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const childIndex = args.indexOf("--highs-child");
  if (childIndex >= 0) return highsChild(JSON.parse(args[childIndex + 1]));
  const withHighs = !args.includes("--no-highs");
  const fileIndex = args.indexOf("--instance");
  if (fileIndex >= 0) {
    const source: InstanceSource = { kind: "file", path: args[fileIndex + 1] };
    report(source.path, loadSource(source), withHighs, source);
    return;
  }
  const only = args.indexOf("--only");
  const specs = only >= 0 ? DEFAULT_SPECS.filter((s) => s.name.startsWith(args[only + 1])) : DEFAULT_SPECS;
  for (const spec of specs) {
    const source: InstanceSource = { kind: "generated", spec };
    const instance = generate(spec);
    const result = report(spec.name, instance, withHighs, source);
    if (spec === DEFAULT_SPECS[DEFAULT_SPECS.length - 1]) {
      // The previous run as the worker has it: the same optimum, with its graph kept.
      const previous = solve(instance, { retainGraph: true, pairsOwned: true });
      if (previous.objective !== result.objective) throw new Error("matching bench: the solver is not deterministic");
      for (const variant of INCREMENTAL_VARIANTS) reportIncremental(instance, spec, previous, variant);
    }
  }
}

await main();
