import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { highsLexicographic, highsObjective, loadHighs, type Highs } from "./highs-reference";
import {
  pairWeight,
  quantiseScore,
  solve,
  toPairColumns,
  waitingPriority,
  type MatchingInstance,
  type MatchingResult,
  type PairTuple,
} from "./solver";
import { solveInWorker } from "./solver-worker";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const instanceArbitrary = fc
  .record({
    children: fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 0, maxLength: 14 }),
    volunteers: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 8 }),
    density: fc.double({ min: 0, max: 1, noNaN: true }),
    seed: fc.integer(),
  })
  .map((shape) =>
    // Ties (0, 1, repeated values) are where exactness bugs hide.
    randomInstance(shape, (random) => {
      const roll = random();
      return roll < 0.15 ? 1 : roll < 0.25 ? 0 : roll < 0.4 ? 0.5 : random();
    }),
  );

/** Children (their waiting days) and volunteers (their capacities) with a pair of each at `density`, scored by `score`. */
function randomInstance(
  { children, volunteers, density, seed }: { children: number[]; volunteers: number[]; density: number; seed: number },
  score: (random: () => number) => number,
): MatchingInstance & { pairs: PairTuple[] } {
  const random = mulberry32(seed);
  const pairs: PairTuple[] = [];
  for (let i = 0; i < children.length; i++) {
    for (let v = 0; v < volunteers.length; v++) {
      if (random() >= density) continue;
      pairs.push([i, v, score(random)]);
    }
  }
  return {
    children: children.map((waitingDays, i) => ({ id: `c${i}`, waitingDays })),
    volunteers: volunteers.map((capacity, v) => ({ id: `v${v}`, capacity })),
    pairs,
  };
}

/**
 * A larger seeded instance: each pair with probability `density` and a score in 1e-4 steps,
 * children's waiting days from `waitingDays`, volunteers with capacities 1-3.
 */
function seededInstance({
  children,
  volunteers,
  density,
  seed,
  waitingDays,
}: {
  children: number;
  volunteers: number;
  density: number;
  seed: number;
  waitingDays: (child: number) => number;
}) {
  const pairs: PairTuple[] = [];
  for (let i = 0; i < children; i++) {
    const r = mulberry32(seed + i);
    for (let v = 0; v < volunteers; v++) if (r() < density) pairs.push([i, v, Math.round(r() * 10_000) / 10_000]);
  }
  return {
    children: Array.from({ length: children }, (_, i) => ({ id: `c${i}`, waitingDays: waitingDays(i) })),
    volunteers: Array.from({ length: volunteers }, (_, v) => ({ id: `v${v}`, capacity: 1 + (v % 3) })),
    pairs,
  };
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Checks feasibility and recomputes the result's figures from the assignment alone. */
function audit(instance: MatchingInstance, result: MatchingResult) {
  const pairs = toPairColumns(instance.pairs);
  const scoreOf = new Map<string, number>();
  for (let p = 0; p < pairs.child.length; p++) scoreOf.set(`${pairs.child[p]}:${pairs.volunteer[p]}`, pairs.score[p]);
  const load = new Array<number>(instance.volunteers.length).fill(0);
  let objective = 0;
  let prioritySum = 0;
  let scoreUnits = 0;
  let matched = 0;
  result.assignment.forEach((v, i) => {
    if (v < 0) return;
    const score = scoreOf.get(`${i}:${v}`);
    expect(score, `child ${i} matched to volunteer ${v} without a pair`).toBeDefined();
    load[v]++;
    matched++;
    objective += pairWeight(instance.children[i].waitingDays, score!);
    prioritySum += waitingPriority(instance.children[i].waitingDays);
    scoreUnits += quantiseScore(score!);
  });
  load.forEach((count, v) => expect(count).toBeLessThanOrEqual(instance.volunteers[v].capacity));
  expect(result.matched).toBe(matched);
  expect(result.objective).toBe(objective);
  return { matched, prioritySum, scoreUnits };
}

describe("matching solver: lexicographic objective", () => {
  it("matches more children even at the cost of score", () => {
    // Volunteer 0 is the only option for child 1; child 0 prefers it but can take volunteer 1.
    const result = solve({
      children: [
        { id: "a", waitingDays: 10 },
        { id: "b", waitingDays: 10 },
      ],
      volunteers: [
        { id: "x", capacity: 1 },
        { id: "y", capacity: 1 },
      ],
      pairs: [
        [0, 0, 1],
        [0, 1, 0],
        [1, 0, 0],
      ],
    });
    expect(Array.from(result.assignment)).toEqual([1, 0]);
    expect(result.matched).toBe(2);
  });

  it("prefers the child who has waited more weeks over a better score", () => {
    const result = solve({
      children: [
        { id: "new", waitingDays: 2 },
        { id: "old", waitingDays: 15 },
      ],
      volunteers: [{ id: "x", capacity: 1 }],
      pairs: [
        [0, 0, 1],
        [1, 0, 0],
      ],
    });
    expect(Array.from(result.assignment)).toEqual([-1, 0]);
  });

  it("lets the score decide within the same waiting week", () => {
    const result = solve({
      children: [
        { id: "a", waitingDays: 7 },
        { id: "b", waitingDays: 13 },
      ],
      volunteers: [{ id: "x", capacity: 1 }],
      pairs: [
        [0, 0, 0.9],
        [1, 0, 0.2],
      ],
    });
    expect(Array.from(result.assignment)).toEqual([0, -1]);
    expect(result.totalScore).toBeCloseTo(0.9, 12);
  });

  it("respects capacities and leaves children without pairs unmatched", () => {
    const instance: MatchingInstance = {
      children: Array.from({ length: 5 }, (_, i) => ({ id: `c${i}`, waitingDays: i })),
      volunteers: [
        { id: "x", capacity: 2 },
        { id: "y", capacity: 0 },
      ],
      pairs: [
        [0, 0, 0.3],
        [1, 0, 0.4],
        [2, 0, 0.5],
        [3, 1, 1],
      ],
    };
    const result = solve(instance);
    expect(result.matched).toBe(2);
    expect(result.assignment[3]).toBe(-1);
    expect(result.assignment[4]).toBe(-1);
    audit(instance, result);
  });

  it("handles empty instances", () => {
    const result = solve({ children: [], volunteers: [], pairs: [] });
    expect(result.matched).toBe(0);
    expect(result.objective).toBe(0);
  });

  it("rejects invalid input", () => {
    const children = [{ id: "a", waitingDays: 1 }];
    const volunteers = [{ id: "x", capacity: 1 }];
    expect(() => solve({ children, volunteers, pairs: [[0, 0, 1.5]] })).toThrow(/score/);
    expect(() => solve({ children, volunteers, pairs: [[0, 1, 0.5]] })).toThrow(/range/);
    expect(() =>
      solve({
        children,
        volunteers,
        pairs: [
          [0, 0, 0.5],
          [0, 0, 0.6],
        ],
      }),
    ).toThrow(/duplicate/);
    expect(() => solve({ children, volunteers: [{ id: "x", capacity: 1.5 }], pairs: [] })).toThrow(/capacity/);
    expect(() => solve({ children: [{ id: "a", waitingDays: NaN }], volunteers, pairs: [] })).toThrow(/waitingDays/);
  });

  it("accepts tuples and columns alike", () => {
    const tuples: PairTuple[] = [
      [0, 0, 0.25],
      [1, 0, 0.75],
      [1, 1, 0.5],
    ];
    const base = {
      children: [
        { id: "a", waitingDays: 3 },
        { id: "b", waitingDays: 3 },
      ],
      volunteers: [
        { id: "x", capacity: 1 },
        { id: "y", capacity: 1 },
      ],
    };
    const fromTuples = solve({ ...base, pairs: tuples });
    const fromColumns = solve({ ...base, pairs: toPairColumns(tuples) });
    expect(fromColumns.objective).toBe(fromTuples.objective);
    expect(Array.from(fromColumns.assignment)).toEqual(Array.from(fromTuples.assignment));
  });
});

describe("matching solver: optimality against HiGHS", () => {
  it("equals the LP optimum of the weighted objective (gap <= 1e-9)", () => {
    fc.assert(
      fc.property(instanceArbitrary, (instance) => {
        const result = solve(instance);
        audit(instance, result);
        const reference = highsObjective(highs, instance);
        expect(Math.abs(result.objective - reference)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(reference)));
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it("equals the staged lexicographic optimum: count, then waiting, then score", () => {
    fc.assert(
      fc.property(instanceArbitrary, (instance) => {
        const figures = audit(instance, solve(instance));
        expect(figures).toEqual(highsLexicographic(highs, instance));
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

describe("matching solver: candidate arcs and the full pricing check", () => {
  // Children with more pairs than the auction's candidates: the auction works on a few
  // arcs per child, and the exact check on all pairs must add what the optimum needs.
  const denseArbitrary = fc
    .record({
      children: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 30 }),
      volunteers: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 20 }),
      density: fc.double({ min: 0.3, max: 1, noNaN: true }),
      seed: fc.integer(),
      candidates: fc.integer({ min: 1, max: 4 }),
      shuffle: fc.boolean(),
    })
    .map(({ candidates, shuffle, ...shape }) => {
      const instance = randomInstance(shape, (random) => {
        const roll = random();
        return roll < 0.2 ? 1 : roll < 0.3 ? 0.5 : Math.round(random() * 100) / 100;
      });
      // Pairs not grouped by child take the sorting path of the graph build.
      if (shuffle) instance.pairs.reverse();
      return { instance, candidates };
    });

  it("equals HiGHS and the default solve with few candidates per child", () => {
    let extraRounds = 0;
    fc.assert(
      fc.property(denseArbitrary, ({ instance, candidates }) => {
        const result = solve(instance, { candidates });
        if (result.stats.rounds > 1) extraRounds++;
        audit(instance, result);
        expect(result.objective).toBe(solve(instance).objective);
        const reference = highsObjective(highs, instance);
        expect(Math.abs(result.objective - reference)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(reference)));
      }),
      { numRuns: 120, seed: 41 },
    );
    // The pricing rounds themselves must be exercised.
    expect(extraRounds).toBeGreaterThan(5);
  });

  it("warm-starts with few candidates per child and still equals HiGHS", () => {
    fc.assert(
      fc.property(
        denseArbitrary,
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 5 }),
        (c, news) => {
          const { instance, candidates } = c;
          const previous = solve(instance, { candidates });
          const random = mulberry32(news.length * 7919 + instance.children.length);
          const tuples: PairTuple[] = [...(instance.pairs as PairTuple[])];
          const first = instance.children.length;
          news.forEach((_, k) => {
            for (let v = 0; v < instance.volunteers.length; v++) {
              if (random() < 0.7) tuples.push([first + k, v, Math.round(random() * 100) / 100]);
            }
          });
          const changed: MatchingInstance = {
            children: [...instance.children, ...news.map((waitingDays, k) => ({ id: `new${k}`, waitingDays }))],
            volunteers: instance.volunteers,
            pairs: tuples,
          };
          const warm = solve(changed, { warmStart: previous, candidates });
          audit(changed, warm);
          expect(warm.objective).toBe(highsObjective(highs, changed));
        },
      ),
      { numRuns: 80, seed: 43 },
    );
  });
});

describe("matching solver: warm start", () => {
  const changeArbitrary = fc.record({
    instance: instanceArbitrary,
    dropChildren: fc.array(fc.nat(), { maxLength: 4 }),
    dropVolunteers: fc.array(fc.nat(), { maxLength: 2 }),
    newChildren: fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 4 }),
    capacityDelta: fc.array(fc.integer({ min: -1, max: 1 }), { maxLength: 8 }),
    seed: fc.integer(),
  });

  /** Applies changes by id: the indices of the changed instance differ from the original's. */
  type Change = typeof changeArbitrary extends fc.Arbitrary<infer T> ? T : never;

  function change(c: Change): MatchingInstance {
    const { instance } = c;
    const random = mulberry32(c.seed);
    const pairs = toPairColumns(instance.pairs);
    const dropC = new Set(c.dropChildren.map((k) => k % Math.max(1, instance.children.length)));
    const dropV = new Set(c.dropVolunteers.map((k) => k % Math.max(1, instance.volunteers.length)));
    const keptChildren = instance.children.map((_, i) => i).filter((i) => !dropC.has(i));
    const keptVolunteers = instance.volunteers.map((_, v) => v).filter((v) => !dropV.has(v));
    const childIndex = new Map(keptChildren.map((old, i) => [old, i]));
    const volunteerIndex = new Map(keptVolunteers.map((old, v) => [old, v]));
    const children = [
      ...keptChildren.reverse().map((old) => instance.children[old]),
      ...c.newChildren.map((waitingDays, k) => ({ id: `new${k}`, waitingDays })),
    ];
    // Children were reversed: map old index -> new index accordingly.
    const reversed = (i: number) => keptChildren.length - 1 - i;
    const volunteers = keptVolunteers.map((old, v) => ({
      ...instance.volunteers[old],
      capacity: Math.max(0, instance.volunteers[old].capacity + (c.capacityDelta[v] ?? 0)),
    }));
    const tuples: PairTuple[] = [];
    for (let p = 0; p < pairs.child.length; p++) {
      const i = childIndex.get(pairs.child[p]);
      const v = volunteerIndex.get(pairs.volunteer[p]);
      if (i !== undefined && v !== undefined) tuples.push([reversed(i), v, pairs.score[p]]);
    }
    for (let k = 0; k < c.newChildren.length; k++) {
      for (let v = 0; v < volunteers.length; v++) {
        if (random() < 0.5) tuples.push([keptChildren.length + k, v, Math.round(random() * 100) / 100]);
      }
    }
    return { children, volunteers, pairs: tuples };
  }

  it("reaches the same optimum as a cold solve after children and volunteers change", () => {
    fc.assert(
      fc.property(changeArbitrary, (c) => {
        const previous = solve(c.instance);
        const changed = change(c);
        const warm = solve(changed, { warmStart: previous });
        audit(changed, warm);
        expect(warm.stats.warm).toBe(true);
        expect(warm.objective).toBe(solve(changed).objective);
        expect(warm.objective).toBe(highsObjective(highs, changed));
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it("reuses a kept graph after children leave, arrive and reorder and capacities change", () => {
    fc.assert(
      fc.property(changeArbitrary, (c) => {
        const previous = solve(c.instance, { retainGraph: true });
        const changed = change({ ...c, dropVolunteers: [] });
        (changed.pairs as PairTuple[]).sort((a, b) => a[0] - b[0]); // grouped by child, as the app builds them
        const warm = solve(changed, { warmStart: previous });
        // The children who stayed come first; their pairs are unchanged, so none is read again.
        const stayed = changed.children.filter((child) => !child.id.startsWith("new")).length;
        expect(warm.stats.reusedPairs).toBe((changed.pairs as PairTuple[]).filter(([child]) => child < stayed).length);
        audit(changed, warm);
        expect(warm.objective).toBe(solve(changed).objective);
        expect(warm.objective).toBe(highsObjective(highs, changed));
      }),
      { numRuns: 200, seed: 13 },
    );
  });

  it("inserts new children by augmenting paths alone and still equals the cold optimum and HiGHS", () => {
    let repairedRuns = 0;
    fc.assert(
      fc.property(
        instanceArbitrary,
        fc.array(fc.integer({ min: 0, max: 120 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer(),
        (instance, newChildren, seed) => {
          const previous = solve(instance);
          const changed = withAppendedChildren(instance, newChildren, seed);
          const warm = solve(changed, { warmStart: previous });
          if (warm.stats.repaired) repairedRuns++;
          audit(changed, warm);
          expect(warm.objective).toBe(solve(changed).objective);
          expect(warm.objective).toBe(highsObjective(highs, changed));
          expect(audit(changed, warm)).toEqual(highsLexicographic(highs, changed));
        },
      ),
      { numRuns: 150, seed: 29 },
    );
    // The repair path itself must be exercised, not only the cold fallback.
    expect(repairedRuns).toBeGreaterThan(100);
  });

  /** The first `children` children of one seeded 120-volunteer instance (waiting up to 400 days). */
  const growing = (seed: number, children: number) =>
    seededInstance({
      children,
      volunteers: 120,
      density: 0.1,
      seed,
      waitingDays: (i) => Math.floor(mulberry32(seed + i)() * 400),
    });

  it("repairs a larger instance after a few new children without an auction phase", () => {
    const before = growing(1000, 300);
    const after = growing(1000, 305);
    const warm = solve(after, { warmStart: solve(before) });
    expect(warm.stats.repaired).toBe(true);
    expect(warm.stats.phases).toBe(0);
    audit(after, warm);
    expect(warm.objective).toBe(solve(after).objective);
    expect(warm.objective).toBe(highsObjective(highs, after));
  });

  it("inserts a few dozen long-waiting new children by augmenting paths too", () => {
    const before = growing(1100, 300);
    const after = growing(1100, 350);
    const warm = solve(after, { warmStart: solve(before) });
    // More new children are matched than the former limit of 16 insertions.
    const newMatched = Array.from(warm.assignment.subarray(300)).filter((v) => v >= 0).length;
    expect(newMatched).toBeGreaterThan(16);
    expect(warm.stats).toMatchObject({ warm: true, repaired: true, phases: 0 });
    expect(audit(after, warm)).toEqual(highsLexicographic(highs, after));
  });

  /** The instance plus children appended after it, each with a pair to about 60 % of the volunteers. */
  function withAppendedChildren(instance: MatchingInstance & { pairs: PairTuple[] }, waiting: number[], seed: number) {
    const random = mulberry32(seed);
    const tuples: PairTuple[] = [...instance.pairs];
    const first = instance.children.length;
    waiting.forEach((_, k) => {
      for (let v = 0; v < instance.volunteers.length; v++) {
        if (random() < 0.6) tuples.push([first + k, v, random() < 0.3 ? 1 : Math.round(random() * 100) / 100]);
      }
    });
    return {
      children: [...instance.children, ...waiting.map((waitingDays, k) => ({ id: `new${k}`, waitingDays }))],
      volunteers: instance.volunteers,
      pairs: tuples,
    };
  }

  it("with the previous graph kept, reads only the new children's pairs and still equals the cold optimum and HiGHS", () => {
    fc.assert(
      // Instances with pairs: the kept graph has something to reuse.
      fc.property(
        instanceArbitrary.filter((i) => i.pairs.length > 0),
        fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 4 }),
        fc.integer(),
        (instance, waiting, seed) => {
          const previous = solve(instance, { retainGraph: true });
          const changed = withAppendedChildren(instance, waiting, seed);
          const warm = solve(changed, { warmStart: previous, retainGraph: true });
          expect(warm.stats.reusedPairs).toBe(instance.pairs.length);
          expect(audit(changed, warm)).toEqual(highsLexicographic(highs, changed));
          expect(warm.objective).toBe(solve(changed).objective);
          expect(warm.objective).toBe(highsObjective(highs, changed));
          // And again from that result: its own graph was kept too.
          const again = solve(changed, { warmStart: warm });
          expect(again.stats.reusedPairs).toBe(changed.pairs.length);
          expect(again.objective).toBe(warm.objective);
        },
      ),
      { numRuns: 150, seed: 41 },
    );
  });

  it("sees pairs the caller changed in place after the kept solve", () => {
    /** A pair whose child has no pair with some volunteer, or -1. */
    const repointable = (pairs: readonly PairTuple[], volunteers: number) =>
      pairs.findIndex(([child]) => pairs.filter(([other]) => other === child).length < volunteers);
    const instance = fc.sample(
      instanceArbitrary.filter((i) => i.pairs.length >= 4 && repointable(i.pairs, i.volunteers.length) >= 0),
      { numRuns: 1, seed: 8 },
    )[0];
    const pairs = toPairColumns(instance.pairs);
    const columns = { ...instance, pairs };
    const previous = solve(columns, { retainGraph: true });
    /** Pairs of the children none of whose pairs is in `changed`: the only ones a warm start may reuse. */
    const untouched = (changed: Set<number>) => {
      const touched = new Set([...changed].map((p) => pairs.child[p]));
      return Array.from(pairs.child).filter((child) => !touched.has(child)).length;
    };
    // Rescore every matched pair whose score changes when quantised, in the same arrays.
    const rescoredPairs = new Set<number>();
    for (let p = 0; p < pairs.score.length; p++) {
      if (previous.assignment[pairs.child[p]] !== pairs.volunteer[p] || pairs.score[p] === 0.5) continue;
      pairs.score[p] = 1 - pairs.score[p];
      rescoredPairs.add(p);
    }
    expect(rescoredPairs.size).toBeGreaterThan(0);
    const rescored = solve(columns, { warmStart: previous, retainGraph: true });
    expect(rescored.stats.reusedPairs).toBe(untouched(rescoredPairs));
    expect(rescored.objective).toBe(solve(columns).objective);
    expect(rescored.objective).toBe(highsObjective(highs, columns));
    // Re-point one pair to a volunteer its child had no pair with, in the same arrays.
    const p = repointable(instance.pairs, instance.volunteers.length);
    const taken = new Set(instance.pairs.filter(([child]) => child === pairs.child[p]).map(([, v]) => v));
    pairs.volunteer[p] = instance.volunteers.findIndex((_, v) => !taken.has(v));
    const repointed = solve(columns, { warmStart: rescored });
    expect(repointed.stats.reusedPairs).toBe(untouched(new Set([p])));
    audit(columns, repointed);
    expect(repointed.objective).toBe(solve(columns).objective);
    expect(repointed.objective).toBe(highsObjective(highs, columns));
  });

  it("uses handed-over pair columns in place in its kept graph, with the same results", () => {
    const before = growing(1200, 200);
    const after = growing(1200, 210);
    const columns = (instance: ReturnType<typeof growing>) => ({ ...instance, pairs: toPairColumns(instance.pairs) });
    const owned = solve(columns(before), { retainGraph: true, pairsOwned: true });
    const copied = solve(columns(before), { retainGraph: true });
    const next = columns(after);
    const fromOwned = solve(next, { warmStart: owned, retainGraph: true, pairsOwned: true });
    const fromCopied = solve(next, { warmStart: copied, retainGraph: true });
    // The 200 known children's pairs are reused from either kept graph.
    const knownPairs = toPairColumns(before.pairs).child.length;
    expect(fromOwned.stats.reusedPairs).toBe(knownPairs);
    expect(fromCopied.stats.reusedPairs).toBe(knownPairs);
    expect(fromOwned.objective).toBe(fromCopied.objective);
    expect(Array.from(fromOwned.assignment)).toEqual(Array.from(fromCopied.assignment));
    expect(fromOwned.objective).toBe(highsObjective(highs, after));
  });

  it("leaves new referrals who outrank nobody unmatched without a search", () => {
    const build = (nChildren: number, referrals: number) =>
      seededInstance({
        children: nChildren + referrals,
        volunteers: 60,
        density: 0.15,
        seed: 500,
        // Everyone waited at least two weeks; referrals arrived this week.
        waitingDays: (i) => (i < nChildren ? 14 + Math.floor(mulberry32(3 + i)() * 300) : i % 7),
      });
    const before = build(200, 0);
    const after = build(200, 30);
    const previous = solve(before, { retainGraph: true });
    expect(previous.matched).toBe(120); // every slot is taken: the referrals outrank nobody
    const warm = solve(after, { warmStart: previous, retainGraph: true });
    expect(warm.stats).toMatchObject({ warm: true, repaired: true, phases: 0, forwardBids: 0, reverseBids: 0 });
    expect(warm.stats.reusedPairs).toBe(before.pairs.length);
    expect(Array.from(warm.assignment.slice(200))).toEqual(new Array(30).fill(-1));
    expect(audit(after, warm)).toEqual(highsLexicographic(highs, after));
    expect(warm.objective).toBe(solve(after).objective);
    // Without the kept graph the same shortcut applies, only the pairs are read again.
    const unkept = solve(after, { warmStart: solve(before) });
    expect(unkept.stats).toMatchObject({ repaired: true, phases: 0, reusedPairs: 0 });
    expect(unkept.objective).toBe(warm.objective);
  });

  it("keeps the optimum without a search when approved matches leave with their slots", () => {
    const before = seededInstance({
      children: 150,
      volunteers: 40,
      density: 0.2,
      seed: 900,
      waitingDays: (i) => Math.floor(mulberry32(40 + i)() * 300),
    });
    /** The instance without the approved children and their pairs; each one's volunteer has a slot less. */
    const afterApprovals = (approved: Set<number>, assignment: Int32Array) => {
      const index = new Map<number, number>();
      before.children.forEach((_, i) => !approved.has(i) && index.set(i, index.size));
      const capacity = before.volunteers.map((v) => v.capacity);
      approved.forEach((i) => capacity[assignment[i]]--);
      return {
        children: before.children.filter((_, i) => index.has(i)),
        volunteers: before.volunteers.map((v, k) => ({ ...v, capacity: capacity[k] })),
        pairs: before.pairs.filter(([i]) => index.has(i)).map(([i, v, score]): PairTuple => [index.get(i)!, v, score]),
      };
    };
    const previous = solve(before, { retainGraph: true });
    // Coordinators approved every fifth matched child: each leaves the list, its volunteer has a slot less.
    const matched = [...previous.assignment.keys()].filter((i) => previous.assignment[i] >= 0);
    const approved = new Set(matched.filter((_, k) => k % 5 === 0));
    const after = afterApprovals(approved, previous.assignment);
    const warm = solve(after, { warmStart: previous });
    expect(warm.stats).toMatchObject({ warm: true, repaired: true, phases: 0, forwardBids: 0, reverseBids: 0 });
    // Every staying child's pairs are known: none is read again.
    expect(warm.stats.reusedPairs).toBe(after.pairs.length);
    expect(warm.matched).toBe(previous.matched - approved.size);
    expect(audit(after, warm)).toEqual(highsLexicographic(highs, after));
    expect(warm.objective).toBe(solve(after).objective);
  });

  /** The same instance a week later: every child has waited seven days longer. */
  function aWeekLater<T extends MatchingInstance>(instance: T): T {
    return { ...instance, children: instance.children.map((c) => ({ ...c, waitingDays: c.waitingDays + 7 })) };
  }

  it("a week later, when everyone has waited a week longer, keeps the optimum without a search", () => {
    const before = seededInstance({
      children: 200,
      volunteers: 60,
      density: 0.15,
      seed: 700,
      waitingDays: (i) => Math.floor(mulberry32(70 + i)() * 300),
    });
    const weekLater = aWeekLater(before);
    const previous = solve(before, { retainGraph: true });
    const warm = solve(weekLater, { warmStart: previous, retainGraph: true });
    expect(warm.stats).toMatchObject({ warm: true, repaired: true, phases: 0, forwardBids: 0, reverseBids: 0 });
    // Scores do not depend on the waiting week: every pair is known.
    expect(warm.stats.reusedPairs).toBe(before.pairs.length);
    expect(Array.from(warm.assignment)).toEqual(Array.from(previous.assignment));
    expect(audit(weekLater, warm)).toEqual(highsLexicographic(highs, weekLater));
    // A child at the five-year cap does not move with the others: it is inserted again.
    const capped = {
      ...weekLater,
      children: weekLater.children.map((c, i) => (i === 3 ? { ...c, waitingDays: 5 * 365 + 30 } : c)),
    };
    const fromCapped = solve(capped, { warmStart: solve({ ...before, children: capped.children }) });
    expect(fromCapped.stats.warm).toBe(true);
    expect(fromCapped.objective).toBe(highsObjective(highs, capped));
  });

  it("a week later keeps the optimum without a search also when slots stay free and children wait", () => {
    // Sparse pairs: some volunteers keep free slots while other children find no slot.
    const before = seededInstance({
      children: 200,
      volunteers: 150,
      density: 0.012,
      seed: 710,
      waitingDays: (i) => Math.floor(mulberry32(71 + i)() * 300),
    });
    const previous = solve(before);
    const slots = before.volunteers.reduce((sum, v) => sum + v.capacity, 0);
    expect(previous.matched).toBeLessThan(slots);
    expect(previous.matched).toBeLessThan(before.children.filter((_, i) => before.pairs.some(([c]) => c === i)).length);
    const weekLater = aWeekLater(before);
    const warm = solve(weekLater, { warmStart: previous });
    expect(warm.stats).toMatchObject({ warm: true, repaired: true, phases: 0, forwardBids: 0, reverseBids: 0 });
    expect(audit(weekLater, warm)).toEqual(highsLexicographic(highs, weekLater));
  });

  it("re-inserts children whose match was declined (the pair is gone) by augmenting paths, a week later", () => {
    const before = seededInstance({
      children: 200,
      volunteers: 60,
      density: 0.15,
      seed: 800,
      waitingDays: (i) => Math.floor(mulberry32(80 + i)() * 300),
    });
    const previous = solve(before, { retainGraph: true });
    const declined = [...previous.assignment.keys()].filter((i) => previous.assignment[i] >= 0).slice(0, 5);
    const after = {
      ...aWeekLater(before),
      pairs: before.pairs.filter(([i, v]) => !(declined.includes(i) && previous.assignment[i] === v)),
    };
    const warm = solve(after, { warmStart: previous, retainGraph: true });
    expect(warm.stats).toMatchObject({ warm: true, repaired: true, phases: 0 });
    for (const i of declined) expect(warm.assignment[i]).not.toBe(previous.assignment[i]);
    expect(audit(after, warm)).toEqual(highsLexicographic(highs, after));
    expect(warm.objective).toBe(solve(after).objective);
  });

  it("is a no-op when nothing changed", () => {
    const instance = fc.sample(instanceArbitrary, { numRuns: 1, seed: 3 })[0];
    const first = solve(instance);
    const again = solve(instance, { warmStart: first.state });
    expect(again.objective).toBe(first.objective);
    expect(again.stats.forwardBids + again.stats.reverseBids).toBe(0);
  });
});

describe("matching solver: worker thread", () => {
  it("solves off the main thread with the same result", async () => {
    const instance = fc.sample(instanceArbitrary, { numRuns: 1, seed: 5 })[0];
    const inWorker = await solveInWorker(instance);
    const direct = solve(instance);
    expect(inWorker.objective).toBe(direct.objective);
    expect(Array.from(inWorker.assignment)).toEqual(Array.from(direct.assignment));
    const warm = await solveInWorker(instance, { warmStart: inWorker });
    expect(warm.objective).toBe(direct.objective);
  });

  it("keeps its results' graphs and reuses them for the next warm start", async () => {
    const instance = fc.sample(
      instanceArbitrary.filter((i) => i.pairs.length > 0),
      { numRuns: 1, seed: 6 },
    )[0];
    const first = await solveInWorker(instance);
    expect(first.state.serial).toEqual(expect.any(String));
    const changed = {
      ...instance,
      children: [...instance.children, { id: "late", waitingDays: 200 }],
      pairs: [...instance.pairs, ...instance.volunteers.map((_, v): PairTuple => [instance.children.length, v, 0.5])],
    };
    const warm = await solveInWorker(changed, { warmStart: first });
    expect(warm.stats.reusedPairs).toBe(instance.pairs.length);
    expect(warm.objective).toBe(solve(changed).objective);
    // A state the worker does not hold (made on this thread) is used as it is.
    const elsewhere = await solveInWorker(changed, {
      warmStart: solve(instance, { retainGraph: true }),
    });
    expect(elsewhere.stats.reusedPairs).toBe(0);
    expect(elsewhere.objective).toBe(warm.objective);
  });

  it("reports solver errors as a rejected promise", async () => {
    await expect(
      solveInWorker({ children: [{ id: "a", waitingDays: 1 }], volunteers: [], pairs: [[0, 0, 1]] }),
    ).rejects.toThrow(/range/);
  });
});
