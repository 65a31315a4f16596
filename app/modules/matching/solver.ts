/**
 * Exact global assignment of waiting children to volunteers (pure, no I/O).
 *
 * Problem: every child takes at most one volunteer, every volunteer at most
 * `capacity` children, only listed pairs are allowed. The objective is
 * lexicographic:
 *   1. the number of matched children,
 *   2. then children who have waited longer (whole weeks) first,
 *   3. then the total match score.
 *
 * It is solved as ONE weighted b-matching whose weight for matching child i on
 * pair (i, j) is
 *
 *     w(i, j) = PRIORITY_UNIT * priority(i) + round(score(i, j) * SCORE_UNITS)
 *     priority(i) = 1 + min(floor(waitingDays(i) / 7), MAX_WAITING_WEEKS)
 *
 * Why this weight is the lexicographic objective (docs/decisions/0100):
 * - The sets of children that can be matched together form a matroid (a
 *   transversal matroid). With positive child weights, every maximum-weight
 *   independent set is a basis, i.e. has maximum cardinality, so (1) needs no
 *   separate "BIG" term.
 * - Whether a basis has maximum total priority depends only on the ORDER of
 *   the priorities (matroid exchange argument), so the optimum matches the
 *   longest-waiting children first in the strict lexicographic sense (2).
 * - PRIORITY_UNIT exceeds any total quantised score of MAX_CHILDREN matches,
 *   so score can never outweigh one priority point (3).
 *
 * All weights are integers, so optimality is exact, not within a tolerance.
 *
 * Algorithm: ε-scaling forward/reverse auction (Bertsekas) on the replicated
 * problem in which every volunteer owns `capacity` slots with individual prices
 * and every child may stay unmatched (value 0). Each phase releases the slots
 * whose ε-slackness broke, lets free slots bid for children (reverse), then
 * lets children left without a slot bid for slots (forward). Values are
 * multiplied by PRICE_SCALE > #children, so the phase with ε = 1 is optimal;
 * in practice the loop stops earlier because it checks the exact duality gap
 * after every phase: the gap is a sum of integers, and once it is below
 * PRICE_SCALE the primal is optimal (its value and the optimum are multiples
 * of PRICE_SCALE).
 *
 * The auction works on CANDIDATE arcs only: the 16 best of each child (by score, and by
 * value at the starting prices) plus the arcs it holds. Optimality on the whole instance
 * is then proven by the exact duality gap over ALL pairs (fullGap); arcs that violate
 * slackness there join the candidates and the auction runs again. Only speed depends
 * on the choice of candidates.
 *
 * A cold solve starts from the exact optimum of the priority level alone (matroid
 * greedy plus alternating-path prices, see priorityStart), run on the candidates and
 * proven for all pairs by its own exact gap (else rerun on all pairs), so the ε
 * schedule only has to settle the scores.
 *
 * Warm start: prices and holdings of the previous result are carried over by
 * child and volunteer id, so children and volunteers may come and go. A new child
 * whom no pair lets gain anything at the carried prices (a referral who has waited
 * less than everyone matched) stays unmatched without a search; when nobody else has
 * to be placed, one exact gap pass over all pairs proves the carried state optimal.
 * Other new children are inserted by shortest augmenting paths on the previous duals
 * (one bidirectional search per path, see repairPending); when the full gap check
 * does not then prove optimality, or the searches exceed their budget, the solve
 * starts cold. With `retainGraph`, a result keeps its graph, and a solve warm-started
 * from it only compares the pairs it knows (reuseFullGraph) and reads the others.
 */

/** Score resolution: scores are compared in units of 1e-4 (the scoring module rounds to 4 decimals). */
export const SCORE_UNITS = 10_000;
/** Waiting time counts in whole weeks, capped at five years. */
export const MAX_WAITING_WEEKS = 260;
const CHILDREN_BITS = 15;
/** Largest number of children one solve accepts (the national instance is 20 000). */
export const MAX_CHILDREN = 2 ** CHILDREN_BITS - 1;
/** Weight of one priority point: more than the total score of MAX_CHILDREN matches. */
export const PRIORITY_UNIT = SCORE_UNITS * 2 ** CHILDREN_BITS;
/** Values are scaled by this (> MAX_CHILDREN) so that ε = 1 proves optimality. */
const PRICE_SCALE = 2 ** CHILDREN_BITS;
/** Ratio between the ε of successive scaling phases. */
const EPSILON_FACTOR = 8;
/**
 * Warm start: the augmenting-path searches may scan this many times the candidate arcs
 * before the solve starts cold. On the national instance one search can explore most of
 * them (a flat landscape of near-ties): ten declined children back on the list scan about
 * five times the candidate arcs; 82 long-waiting new children scanned about thirty times
 * with the backward search alone, about ten times the 8-arc graph with both searches
 * racing, and about four and a half times since they search as one bidirectional Dijkstra.
 */
const REPAIR_BUDGET = 32;
/** Arcs per child the warm insertions try first (the best of the candidates at the carried prices). */
const REPAIR_CANDIDATES = 8;
/** Fewer insertions than this run on all candidates at once (a retry would cost more than it saves). */
const NARROW_FROM = 16;
/**
 * Warm start: with more children to insert than this, the solve starts cold at once. On the
 * national instance the 82 insertions of 100 long-waiting new children take about 40–60 ms
 * (one bidirectional search each, 8 arcs per child) within a warm re-run of 130–200 ms,
 * against 550–900 ms for a cold solve.
 */
const REPAIR_MAX_WAITING = 128;
// Largest scaled value is PRIORITY_UNIT * 261 * PRICE_SCALE + ... ≈ 2.8e15 < 2^52, so
// every value, price and difference stays an exactly represented integer.

export interface MatchingChild {
  id: string;
  waitingDays: number;
}

export interface MatchingVolunteer {
  id: string;
  capacity: number;
}

/** [childIndex, volunteerIndex, score in [0, 1]] */
export type PairTuple = readonly [number, number, number];

/** Columnar pairs: avoids millions of small arrays for large instances. */
export interface PairColumns {
  child: Int32Array;
  volunteer: Int32Array;
  score: Float64Array;
}

export interface MatchingInstance {
  children: readonly MatchingChild[];
  volunteers: readonly MatchingVolunteer[];
  pairs: readonly PairTuple[] | PairColumns;
}

/** Everything a later solve needs to warm-start; keyed by ids, so instances may change. */
export interface WarmStartState {
  childIds: string[];
  volunteerIds: string[];
  /** Slots of volunteer v are slotStart[v] .. slotStart[v + 1] - 1. */
  slotStart: Int32Array;
  slotPrice: Float64Array;
  /** Slot held by each child, -1 when unmatched. */
  childSlot: Int32Array;
  /**
   * Each child's waiting priority in that solve. A week later every child has waited a
   * week longer: the warm start raises the prices set by waiting children by that step.
   */
  childPriority: Int32Array;
  /**
   * Which solve produced this state (a random UUID). A worker that still holds the result
   * recognises a copy of its state by it and reuses the graph it kept. Only speed depends
   * on it: whatever is reused is checked against the new instance.
   */
  serial?: string;
}

export interface MatchingResult {
  /** Volunteer index per child, -1 when unmatched. */
  assignment: Int32Array;
  /** Sum of w(i, j) over the matched pairs (an exact integer). */
  objective: number;
  matched: number;
  /** Sum of the (unquantised) scores of the matched pairs. */
  totalScore: number;
  state: WarmStartState;
  stats: {
    phases: number;
    forwardBids: number;
    reverseBids: number;
    warm: boolean;
    /** Warm start settled by shortest augmenting paths alone (no auction phase). */
    repaired: boolean;
    /** Cold auctions run on the candidate arcs (more than 1 when the full check added arcs). */
    rounds: number;
    /** Pairs known from the previous solve's kept graph (only compared, not read again). */
    reusedPairs: number;
  };
}

export interface SolveOptions {
  warmStart?: MatchingResult | WarmStartState;
  /**
   * Arcs per child the auction starts with (default 16). Only speed depends on it: arcs
   * left out are priced by the exact check on the whole instance and join when needed.
   * Tests use small values to exercise that.
   */
  candidates?: number;
  /**
   * Keep this solve's graph with its result, so that a later solve warm-started from the
   * result re-reads only the pairs it does not know yet (the solver worker does). Costs
   * memory while the result lives: about 16 bytes per pair (volunteer, score as given and
   * quantised), plus the candidate arcs.
   */
  retainGraph?: boolean;
  /**
   * The caller hands the pair columns over: it will not change them after this call (the
   * solver worker sets it, since its instance is its own structured-clone copy). A kept graph
   * then uses the volunteer and score columns in place instead of copying them (about 12
   * bytes per pair per solve). Pairs given as tuples become columns of the solver's own and
   * are always used in place.
   */
  pairsOwned?: boolean;
}

export function waitingPriority(waitingDays: number): number {
  return 1 + Math.min(Math.floor(waitingDays / 7), MAX_WAITING_WEEKS);
}

export function quantiseScore(score: number): number {
  return Math.round(score * SCORE_UNITS);
}

/** The objective weight w(i, j) of matching a child on a pair with this score. */
export function pairWeight(waitingDays: number, score: number): number {
  return PRIORITY_UNIT * waitingPriority(waitingDays) + quantiseScore(score);
}

export function toPairColumns(pairs: MatchingInstance["pairs"]): PairColumns {
  if (!Array.isArray(pairs)) return pairs as PairColumns;
  const tuples = pairs as readonly PairTuple[];
  const columns: PairColumns = {
    child: new Int32Array(tuples.length),
    volunteer: new Int32Array(tuples.length),
    score: new Float64Array(tuples.length),
  };
  for (let p = 0; p < tuples.length; p++) {
    const [child, volunteer, score] = tuples[p];
    // Non-integers would be truncated by the typed arrays; checked later against the original.
    if (!Number.isInteger(child) || !Number.isInteger(volunteer)) {
      throw new RangeError(`pair ${p}: indices must be integers`);
    }
    columns.child[p] = child;
    columns.volunteer[p] = volunteer;
    columns.score[p] = score;
  }
  return columns;
}

/**
 * The whole instance, child-major, as the pricing check and the priority start need it.
 * When the pairs are already grouped by child (the usual case) the arcs ARE the pairs:
 * nothing is copied but the quantised scores.
 */
interface FullGraph {
  nChildren: number;
  nVolunteers: number;
  nSlots: number;
  nArcs: number;
  childStart: Int32Array;
  arcVolunteer: Int32Array;
  /** round(score * SCORE_UNITS) */
  arcScore: Int32Array;
  /** Pair index of each arc; null when arc = pair. */
  arcPair: Int32Array | null;
  slotStart: Int32Array;
  slotVolunteer: Int32Array;
  /** waitingPriority per child. */
  priority: Int32Array;
  /** PRIORITY_UNIT * priority * PRICE_SCALE per child: value(arc) = base + score * PRICE_SCALE. */
  base: Float64Array;
}

/** The candidate arcs the auction works on, in both directions, values pre-scaled. */
interface Graph {
  nChildren: number;
  nVolunteers: number;
  nSlots: number;
  childStart: Int32Array;
  arcVolunteer: Int32Array;
  /** w(i, j) * PRICE_SCALE */
  arcValue: Float64Array;
  arcPair: Int32Array;
  volunteerStart: Int32Array;
  reverseChild: Int32Array;
  reverseValue: Float64Array;
  slotStart: Int32Array;
  slotVolunteer: Int32Array;
  /** waitingPriority per child. */
  priority: Int32Array;
}

/** Each child's waiting priority and value base (see FullGraph); throws on an invalid waiting time. */
function childWeights(children: readonly MatchingChild[]): Pick<FullGraph, "priority" | "base"> {
  const priority = new Int32Array(children.length);
  const base = new Float64Array(children.length);
  for (let i = 0; i < children.length; i++) {
    const days = children[i].waitingDays;
    if (!Number.isFinite(days) || days < 0) throw new RangeError(`child ${i}: invalid waitingDays`);
    priority[i] = waitingPriority(days);
    base[i] = PRIORITY_UNIT * priority[i] * PRICE_SCALE;
  }
  return { priority, base };
}

/** Each volunteer's slots, one per unit of capacity; throws on an invalid capacity. */
function volunteerSlots(volunteers: readonly MatchingVolunteer[]): Pick<FullGraph, "slotStart" | "slotVolunteer"> {
  const m = volunteers.length;
  const slotStart = new Int32Array(m + 1);
  for (let v = 0; v < m; v++) {
    const capacity = volunteers[v].capacity;
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`volunteer ${v}: invalid capacity`);
    slotStart[v + 1] = slotStart[v] + capacity;
  }
  const slotVolunteer = new Int32Array(slotStart[m]);
  for (let v = 0; v < m; v++) slotVolunteer.fill(v, slotStart[v], slotStart[v + 1]);
  return { slotStart, slotVolunteer };
}

function buildFullGraph(instance: MatchingInstance, pairs: PairColumns): FullGraph {
  const n = instance.children.length;
  const m = instance.volunteers.length;
  if (n > MAX_CHILDREN) {
    throw new RangeError(`at most ${MAX_CHILDREN} children per solve (got ${n}); solve per programme`);
  }
  const { priority, base } = childWeights(instance.children);
  const { slotStart, slotVolunteer } = volunteerSlots(instance.volunteers);
  const nSlots = slotStart[m];

  const nPairs = pairs.child.length;
  if (pairs.volunteer.length !== nPairs || pairs.score.length !== nPairs) {
    throw new RangeError("pair columns differ in length");
  }
  const pairChild = pairs.child;
  const pairVolunteer = pairs.volunteer;
  const pairScore = pairs.score;
  const childStart = new Int32Array(n + 1);
  const arcScore = new Int32Array(nPairs);
  // A repeated pair would make the replicated problem ambiguous: reject it. While the
  // pairs come grouped by child, this one pass finds every repeat.
  const lastSeenBy = new Int32Array(m).fill(-1);
  let grouped = true;
  let previousChild = 0;
  for (let p = 0; p < nPairs; p++) {
    const i = pairChild[p];
    const v = pairVolunteer[p];
    const score = pairScore[p];
    if (!(i >= 0 && i < n && v >= 0 && v < m)) throw new RangeError(`pair ${p}: index out of range`);
    if (!(score >= 0 && score <= 1)) throw new RangeError(`pair ${p}: score must be in [0, 1]`);
    if (i < previousChild) grouped = false;
    previousChild = i;
    if (lastSeenBy[v] === i) throw new RangeError(`duplicate pair (${i}, ${v})`);
    lastSeenBy[v] = i;
    childStart[i + 1]++;
    arcScore[p] = Math.round(score * SCORE_UNITS);
  }
  for (let i = 0; i < n; i++) childStart[i + 1] += childStart[i];

  let arcVolunteer = pairVolunteer;
  let arcPair: Int32Array | null = null;
  let sortedScore = arcScore;
  if (!grouped) {
    arcVolunteer = new Int32Array(nPairs);
    arcPair = new Int32Array(nPairs);
    sortedScore = new Int32Array(nPairs);
    const fill = childStart.slice(0, n);
    for (let p = 0; p < nPairs; p++) {
      const arc = fill[pairChild[p]]++;
      arcVolunteer[arc] = pairVolunteer[p];
      sortedScore[arc] = arcScore[p];
      arcPair[arc] = p;
    }
    lastSeenBy.fill(-1);
    for (let i = 0; i < n; i++) {
      for (let arc = childStart[i]; arc < childStart[i + 1]; arc++) {
        const v = arcVolunteer[arc];
        if (lastSeenBy[v] === i) throw new RangeError(`duplicate pair (${i}, ${v})`);
        lastSeenBy[v] = i;
      }
    }
  }
  return {
    nChildren: n,
    nVolunteers: m,
    nSlots,
    nArcs: nPairs,
    childStart,
    arcVolunteer,
    arcScore: sortedScore,
    arcPair,
    slotStart,
    slotVolunteer,
    priority,
    base,
  };
}

/** Lowest slot price per volunteer (Infinity for a volunteer without slots). */
function lowestPrices(full: FullGraph, slotPrice: Float64Array): Float64Array {
  const { nVolunteers, slotStart } = full;
  const lowest = new Float64Array(nVolunteers);
  for (let v = 0; v < nVolunteers; v++) {
    let price = Infinity;
    for (let s = slotStart[v]; s < slotStart[v + 1]; s++) if (slotPrice[s] < price) price = slotPrice[s];
    lowest[v] = price;
  }
  return lowest;
}

/**
 * One insertion step of a best-first list: puts (arc, value) at position `at` or before it,
 * moving the entries with lower values one place down (the entry at `at` is dropped).
 */
function insertBest(arcs: Int32Array, values: Int32Array | Float64Array, at: number, arc: number, value: number): void {
  let j = at;
  while (j > 0 && values[j - 1] < value) {
    values[j] = values[j - 1];
    arcs[j] = arcs[j - 1];
    j--;
  }
  values[j] = value;
  arcs[j] = arc;
}

/**
 * Candidate arcs as a list: arcs[start[i]] .. arcs[start[i + 1] - 1] are child i's arcs
 * of the full graph, in arc order (the order the auction's graph keeps).
 */
interface CandidateList {
  arcs: Int32Array;
  start: Int32Array;
}

/**
 * Marks the `count` best arcs of every child (or of the children in `only`) by value at
 * the given prices (the arcs a child would bid for), plus the arc of every held slot;
 * with `among`, only the arcs listed there count (a smaller graph for the warm insertions).
 */
function selectCandidates(
  full: FullGraph,
  slotPrice: Float64Array | null,
  childSlot: Int32Array | null,
  chosen: Uint8Array,
  count: number,
  only: Int32Array | null = null,
  among: CandidateList | null = null,
): void {
  const { nChildren, childStart, arcVolunteer, arcScore, base, slotVolunteer } = full;
  const lowest = slotPrice === null ? new Float64Array(full.nVolunteers) : lowestPrices(full, slotPrice);
  const topArc = new Int32Array(count);
  const topValue = new Float64Array(count);
  for (let k = 0, end = only === null ? nChildren : only.length; k < end; k++) {
    const i = only === null ? k : only[k];
    const from = among === null ? childStart[i] : among.start[i];
    const to = among === null ? childStart[i + 1] : among.start[i + 1];
    const held = childSlot !== null && childSlot[i] >= 0 ? slotVolunteer[childSlot[i]] : -1;
    if (to - from <= count) {
      if (among === null) chosen.fill(1, from, to);
      else for (let at = from; at < to; at++) chosen[among.arcs[at]] = 1;
      continue;
    }
    const b = base[i];
    let size = 0;
    for (let at = from; at < to; at++) {
      const arc = among === null ? at : among.arcs[at];
      const v = arcVolunteer[arc];
      if (v === held) chosen[arc] = 1;
      const value = b + arcScore[arc] * PRICE_SCALE - lowest[v];
      if (size === count && value <= topValue[count - 1]) continue;
      insertBest(topArc, topValue, size < count ? size++ : count - 1, arc, value);
    }
    for (let j = 0; j < size; j++) chosen[topArc[j]] = 1;
  }
}

/** Marks the `count` best-scoring arcs of every child (integers: cheaper than by value). */
function selectByScore(full: FullGraph, chosen: Uint8Array, count: number): void {
  const { nChildren, childStart, arcScore } = full;
  const topArc = new Int32Array(count);
  const topScore = new Int32Array(count);
  for (let i = 0; i < nChildren; i++) {
    const from = childStart[i];
    const to = childStart[i + 1];
    if (to - from <= count) {
      chosen.fill(1, from, to);
      continue;
    }
    for (let k = 0; k < count; k++) {
      topArc[k] = from + k;
      topScore[k] = arcScore[from + k];
    }
    // Sort the first `count` (descending), then keep the best seen.
    for (let k = 1; k < count; k++) insertBest(topArc, topScore, k, topArc[k], topScore[k]);
    let threshold = topScore[count - 1];
    for (let arc = from + count; arc < to; arc++) {
      const score = arcScore[arc];
      if (score <= threshold) continue;
      insertBest(topArc, topScore, count - 1, arc, score);
      threshold = topScore[count - 1];
    }
    for (let k = 0; k < count; k++) chosen[topArc[k]] = 1;
  }
}

/**
 * The arcs marked in `chosen` as a list: one pass over the flags of every arc, or with
 * `within`, over the arcs listed there only.
 */
function listCandidates(full: FullGraph, chosen: Uint8Array, within: CandidateList | null = null): CandidateList {
  const { nChildren, childStart } = full;
  const start = new Int32Array(nChildren + 1);
  let arcs = new Int32Array(within?.arcs.length ?? Math.max(16, nChildren * (CANDIDATES + 1)));
  let count = 0;
  for (let i = 0; i < nChildren; i++) {
    const from = within === null ? childStart[i] : within.start[i];
    const to = within === null ? childStart[i + 1] : within.start[i + 1];
    for (let at = from; at < to; at++) {
      const arc = within === null ? at : within.arcs[at];
      if (chosen[arc] === 0) continue;
      if (count === arcs.length) {
        const bigger = new Int32Array(arcs.length * 2);
        bigger.set(arcs);
        arcs = bigger;
      }
      arcs[count++] = arc;
    }
    start[i + 1] = count;
  }
  return { arcs: arcs.subarray(0, count), start };
}

/** The auction's graph: the candidate arcs of the full graph, in both directions. */
function buildCandidateGraph(full: FullGraph, candidates: CandidateList): Graph & { sub: FullGraph } {
  const { nChildren, nVolunteers, arcVolunteer: fullVolunteer, arcScore, base } = full;
  const { arcs: list, start: childStart } = candidates;
  const count = list.length;
  const volunteerStart = new Int32Array(nVolunteers + 1);
  for (let k = 0; k < count; k++) volunteerStart[fullVolunteer[list[k]] + 1]++;
  for (let v = 0; v < nVolunteers; v++) volunteerStart[v + 1] += volunteerStart[v];
  const arcVolunteer = new Int32Array(count);
  const arcValue = new Float64Array(count);
  const arcPair = new Int32Array(count);
  const subScore = new Int32Array(count);
  const reverseChild = new Int32Array(count);
  const reverseValue = new Float64Array(count);
  const volunteerFill = volunteerStart.slice(0, nVolunteers);
  const pairOf = full.arcPair;
  for (let i = 0; i < nChildren; i++) {
    const b = base[i];
    for (let k = childStart[i]; k < childStart[i + 1]; k++) {
      const arc = list[k];
      const v = fullVolunteer[arc];
      const value = b + arcScore[arc] * PRICE_SCALE;
      arcVolunteer[k] = v;
      arcValue[k] = value;
      subScore[k] = arcScore[arc];
      arcPair[k] = pairOf === null ? arc : pairOf[arc];
      const reverseArc = volunteerFill[v]++;
      reverseChild[reverseArc] = i;
      reverseValue[reverseArc] = value;
    }
  }
  return {
    nChildren,
    nVolunteers,
    nSlots: full.nSlots,
    childStart,
    arcVolunteer,
    arcValue,
    arcPair,
    volunteerStart,
    reverseChild,
    reverseValue,
    slotStart: full.slotStart,
    slotVolunteer: full.slotVolunteer,
    priority: full.priority,
    // The same arcs as a child-major instance, for the priority start.
    sub: { ...full, nArcs: count, childStart, arcVolunteer, arcScore: subScore, arcPair },
  };
}

/**
 * The exact duality gap of a priority-level start on the full instance (integers in
 * priority points): volunteer duals P(v) = its price in priority points (0 with a free
 * slot), child duals max(0, max over all its arcs of priority - P(v)). Zero iff the start
 * is optimal for the priority level of the whole instance.
 */
function priorityGap(full: FullGraph, start: StartState): number {
  const { nChildren, nVolunteers, childStart, arcVolunteer, slotStart, priority } = full;
  const unit = PRIORITY_UNIT * PRICE_SCALE;
  const dual = new Float64Array(nVolunteers);
  let gap = 0;
  for (let v = 0; v < nVolunteers; v++) {
    const capacity = slotStart[v + 1] - slotStart[v];
    dual[v] = capacity === 0 ? Infinity : start.slotPrice[slotStart[v]] / unit;
    if (capacity > 0) gap += capacity * dual[v];
  }
  for (let i = 0; i < nChildren; i++) {
    const p = priority[i];
    let best = 0;
    for (let arc = childStart[i]; arc < childStart[i + 1]; arc++) {
      const reduced = p - dual[arcVolunteer[arc]];
      if (reduced > best) best = reduced;
    }
    gap += best - (start.childSlot[i] >= 0 ? p : 0);
  }
  return gap;
}

/**
 * The exact duality gap of the auction's state on the FULL instance (all pairs, not only
 * the candidates), the smaller of the two dual solutions the state defines:
 * - children's side: slot prices as they are, each child's dual = its best value
 *   max(0, max over all its arcs of value - lowest price of the volunteer);
 * - slots' side: children's duals max(0, profit), each slot's dual = the best value any
 *   child offers its volunteer, max(0, max over arcs of value - profit).
 * Both are feasible duals by construction, so either gap bounds the distance to the
 * optimum; held pairs are tight, so the gap is a sum of exact integer differences.
 * Arcs outside `chosen` that violate slackness (a child would rather bid for them) are
 * added to it; returns how many were added.
 */
function fullGap(full: FullGraph, auction: Auction, chosen: Uint8Array): { gap: number; added: number } {
  const { nChildren, nVolunteers, childStart, arcVolunteer, arcScore, base, slotStart, nSlots } = full;
  const { childSlot, profit, slotPrice, slotOwner } = auction;
  const lowest = lowestPrices(full, slotPrice);
  const offer = new Float64Array(nVolunteers);
  let childGap = 0;
  let slotGap = 0;
  let added = 0;
  for (let i = 0; i < nChildren; i++) {
    const b = base[i];
    const held = childSlot[i] >= 0;
    // A child's own dual on the slots' side; an unheld child counts 0 in the primal.
    const own = held ? profit[i] : 0;
    const dual = own > 0 ? own : 0;
    let best = 0;
    for (let arc = childStart[i]; arc < childStart[i + 1]; arc++) {
      const v = arcVolunteer[arc];
      const value = b + arcScore[arc] * PRICE_SCALE;
      const reduced = value - lowest[v];
      if (reduced > best) best = reduced;
      const offered = value - dual;
      if (offered > offer[v]) offer[v] = offered;
      if (reduced > own && chosen[arc] === 0) {
        chosen[arc] = 1;
        added++;
      }
    }
    childGap += best - own;
    slotGap += dual - own;
  }
  for (let s = 0; s < nSlots; s++) if (slotOwner[s] < 0) childGap += slotPrice[s];
  for (let v = 0; v < nVolunteers; v++) {
    for (let s = slotStart[v]; s < slotStart[v + 1]; s++) {
      slotGap += offer[v] - (slotOwner[s] >= 0 ? slotPrice[s] : 0);
    }
  }
  return { gap: Math.min(childGap, slotGap), added };
}

/** childSlot value of a child that holds its outside option ("stay unmatched", worth 0). */
const OUTSIDE = -1;
/** childSlot value of a child that holds nothing yet and has to bid; its profit is kept. */
const UNASSIGNED = -2;
/** Candidates a bidder keeps between full scans of its arcs. */
const CACHE_SIZE = 4;
/** Arcs per child the auction starts with (the best at the starting prices). */
const CANDIDATES = 16;
/** A bidder with at most this many arcs scans them all instead of using its cache. */
const DIRECT_SCAN = 16;
/** Arc scans an insertion search runs before the other direction's search takes its turn. */
const SEARCH_CHUNK = 2048;

/** The CACHE_SIZE best (arc, value) pairs of a scan, best first, and the best value left out. */
class TopArcs {
  readonly arcs = new Int32Array(CACHE_SIZE);
  readonly values = new Float64Array(CACHE_SIZE);
  size = 0;
  leftOut = -Infinity;

  reset(): void {
    this.size = 0;
    this.leftOut = -Infinity;
  }

  offer(arc: number, value: number): void {
    const { arcs, values } = this;
    let k = this.size;
    if (k === CACHE_SIZE) {
      if (value <= values[k - 1]) {
        if (value > this.leftOut) this.leftOut = value;
        return;
      }
      if (values[k - 1] > this.leftOut) this.leftOut = values[k - 1];
      k--;
    } else {
      this.size++;
    }
    while (k > 0 && values[k - 1] < value) {
      values[k] = values[k - 1];
      arcs[k] = arcs[k - 1];
      k--;
    }
    values[k] = value;
    arcs[k] = arc;
  }
}

/** Binary min-heap of (key, node) with lazy deletion. */
class Heap {
  private keys = new Float64Array(1024);
  private nodes = new Int32Array(1024);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  topKey(): number {
    return this.keys[0];
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    const { keys, nodes } = this;
    let k = this.size++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[k] = keys[parent];
      nodes[k] = nodes[parent];
      k = parent;
    }
    keys[k] = key;
    nodes[k] = node;
  }

  pop(): number {
    const { keys, nodes } = this;
    const top = nodes[0];
    const size = --this.size;
    if (size === 0) return top;
    const key = keys[size];
    const node = nodes[size];
    let k = 0;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= size) break;
      if (child + 1 < size && keys[child + 1] < keys[child]) child++;
      if (keys[child] >= key) break;
      keys[k] = keys[child];
      nodes[k] = nodes[child];
      k = child;
    }
    keys[k] = key;
    nodes[k] = node;
    return top;
  }
}

/**
 * Forward/reverse auction state. Invariants between bids (ε-complementary slackness):
 * - profit[i] + price(s) >= value(i, v) - ε for every arc (i, v) and every slot s of v,
 *   and profit[i] >= -ε (the outside option is worth 0);
 * - a held slot is tight (profit + price = value); a child at OUTSIDE has profit 0;
 * - at the end of a phase every child holds a slot or OUTSIDE and every free slot costs 0.
 *
 * Forward bids (a child takes its best slot, raising its price) never free a slot;
 * reverse bids (a free slot lowers its price to take its best child) never leave a
 * child without a holding. So a phase runs the reverse stage, then the forward stage.
 *
 * Candidate caches: within a forward stage prices only rise, so a child's values only
 * fall; within a reverse stage profits only rise, so a slot's values only fall. Hence
 * the best CACHE_SIZE arcs of a bidder's last full scan in the current stage, plus the
 * best value left out at that time (an upper bound for those arcs since), decide most
 * bids without scanning all arcs.
 */
class Auction {
  readonly slotPrice: Float64Array;
  readonly slotOwner: Int32Array;
  readonly childSlot: Int32Array;
  readonly profit: Float64Array;
  /** Cheapest slot of each volunteer (free slots win ties) and the two lowest prices. */
  private readonly minSlot: Int32Array;
  private readonly minPrice: Float64Array;
  private readonly secondPrice: Float64Array;
  /** max(0, max over children of value - profit) per volunteer, from the last gap check. */
  private readonly volunteerBest: Float64Array;
  private readonly childQueue: Int32Array;
  private readonly slotQueue: Int32Array;
  private readonly slotQueued: Uint8Array;
  private readonly childCache: Int32Array;
  private readonly childCacheBound: Float64Array;
  private readonly childCacheStage: Int32Array;
  private readonly volunteerCache: Int32Array;
  private readonly volunteerCacheBound: Float64Array;
  private readonly volunteerCacheStage: Int32Array;
  private readonly top = new TopArcs();
  /** Children that bid in the next phase regardless of slackness (warm start). */
  private pending: number[] = [];
  private stage = 0;
  forwardBids = 0;
  reverseBids = 0;
  get childCount(): number {
    return this.g.nChildren;
  }

  constructor(private readonly g: Graph) {
    this.slotPrice = new Float64Array(g.nSlots);
    this.slotOwner = new Int32Array(g.nSlots).fill(-1);
    this.childSlot = new Int32Array(g.nChildren).fill(OUTSIDE);
    this.profit = new Float64Array(g.nChildren);
    this.minSlot = new Int32Array(g.nVolunteers);
    this.minPrice = new Float64Array(g.nVolunteers);
    this.secondPrice = new Float64Array(g.nVolunteers);
    this.volunteerBest = new Float64Array(g.nVolunteers);
    this.childQueue = new Int32Array(g.nChildren);
    this.slotQueue = new Int32Array(g.nSlots);
    this.slotQueued = new Uint8Array(g.nSlots);
    this.childCache = new Int32Array(g.nChildren * CACHE_SIZE);
    this.childCacheBound = new Float64Array(g.nChildren);
    this.childCacheStage = new Int32Array(g.nChildren).fill(-1);
    this.volunteerCache = new Int32Array(g.nVolunteers * CACHE_SIZE);
    this.volunteerCacheBound = new Float64Array(g.nVolunteers);
    this.volunteerCacheStage = new Int32Array(g.nVolunteers).fill(-1);
  }

  /**
   * Validates carried-over holdings and makes them tight. On a warm start, a child
   * without a valid holding (new, or its pair is gone) gets as profit its best value
   * at the current prices, which satisfies slackness on all its arcs, and bids in the
   * first phase. (Profit 0 would make every slot it can reach look violated.)
   */
  initialise(warm: boolean): void {
    const { g, slotOwner, childSlot, profit } = this;
    for (let v = 0; v < g.nVolunteers; v++) this.refreshVolunteer(v);
    for (let i = 0; i < g.nChildren; i++) {
      const slot = childSlot[i];
      const value = slot >= 0 ? this.arcValueTo(i, g.slotVolunteer[slot]) : -1;
      if (value >= 0) {
        profit[i] = value - this.slotPrice[slot];
        continue;
      }
      if (slot >= 0) slotOwner[slot] = -1;
      childSlot[i] = OUTSIDE;
      profit[i] = 0;
      if (warm && slot !== OUTSIDE) {
        childSlot[i] = UNASSIGNED;
        profit[i] = this.bestChildValue(i);
        this.pending.push(i);
      }
    }
    for (let v = 0; v < g.nVolunteers; v++) this.refreshVolunteer(v);
  }

  private bestChildValue(i: number): number {
    const { childStart, arcVolunteer, arcValue } = this.g;
    let best = 0;
    for (let arc = childStart[i]; arc < childStart[i + 1]; arc++) {
      const value = arcValue[arc] - this.minPrice[arcVolunteer[arc]];
      if (value > best) best = value;
    }
    return best;
  }

  /** Value of arc (i, v), or -1 when the pair does not exist. */
  private arcValueTo(i: number, v: number): number {
    const { childStart, arcVolunteer, arcValue } = this.g;
    for (let arc = childStart[i]; arc < childStart[i + 1]; arc++) {
      if (arcVolunteer[arc] === v) return arcValue[arc];
    }
    return -1;
  }

  private refreshVolunteer(v: number): void {
    const { slotStart } = this.g;
    const { slotPrice, slotOwner } = this;
    let lowest = Infinity;
    let second = Infinity;
    let lowestSlot = -1;
    for (let s = slotStart[v]; s < slotStart[v + 1]; s++) {
      const price = slotPrice[s];
      if (price < lowest || (price === lowest && slotOwner[s] < 0 && slotOwner[lowestSlot] >= 0)) {
        second = lowest;
        lowest = price;
        lowestSlot = s;
      } else if (price < second) {
        second = price;
      }
    }
    this.minSlot[v] = lowestSlot;
    this.minPrice[v] = lowest;
    this.secondPrice[v] = second;
  }

  /**
   * Exact duality gap, an integer in scaled units, measured from the children's side:
   * with slot prices fixed, each child's cheapest dual is its best available value.
   * At the end of a phase it is at most #children * ε.
   */
  childSideGap(): number {
    const { childStart, arcVolunteer, arcValue, nChildren, nSlots } = this.g;
    const { minPrice, profit, childSlot, slotOwner, slotPrice } = this;
    let gap = 0;
    for (let i = 0; i < nChildren; i++) {
      let best = 0;
      for (let arc = childStart[i]; arc < childStart[i + 1]; arc++) {
        const value = arcValue[arc] - minPrice[arcVolunteer[arc]];
        if (value > best) best = value;
      }
      gap += best - (childSlot[i] >= 0 ? profit[i] : 0);
    }
    for (let s = 0; s < nSlots; s++) if (slotOwner[s] < 0) gap += slotPrice[s];
    return gap;
  }

  /**
   * Exact duality gap measured from the slots' side: with the children's profits fixed,
   * each slot's cheapest dual is the best value a child offers it. Records that value
   * per volunteer, which is also what the next phase's slackness check needs.
   */
  slotSideGap(): number {
    const { volunteerStart, reverseChild, reverseValue, slotStart, nVolunteers, nChildren } = this.g;
    const { slotOwner, slotPrice, profit, childSlot, volunteerBest } = this;
    let gap = 0;
    for (let v = 0; v < nVolunteers; v++) {
      let best = 0;
      for (let arc = volunteerStart[v]; arc < volunteerStart[v + 1]; arc++) {
        const i = reverseChild[arc];
        const value = reverseValue[arc] - profit[i];
        if (value > best) best = value;
      }
      volunteerBest[v] = best;
      for (let s = slotStart[v]; s < slotStart[v + 1]; s++) gap += best - (slotOwner[s] >= 0 ? slotPrice[s] : 0);
    }
    // A child's dual is max(0, profit): a held child with a profit down to -ε adds
    // -profit; a child still waiting to bid (warm start) adds its whole profit.
    for (let i = 0; i < nChildren; i++) {
      if (childSlot[i] >= 0) {
        if (profit[i] < 0) gap -= profit[i];
      } else if (childSlot[i] === UNASSIGNED && profit[i] > 0) {
        gap += profit[i];
      }
    }
    return gap;
  }

  /**
   * Warm start: inserts the children still waiting to bid by shortest augmenting paths
   * (the Hungarian method on reduced costs profit + price - value, clamped at 0, from the
   * previous solution's prices). An augmenting path starts at a waiting child and ends at
   * a free slot, at that child's own outside option, or by sending a held child out
   * (cost: its profit). Searching forward from one new child explores the whole region
   * of zero reduced cost, which on large instances is most of the graph; so the search
   * runs BACKWARDS, from all path ends at once (distance t = the cost to reach an end);
   * alone, it would stop at the first waiting child it settles, at distance D: a shortest
   * augmenting path of the super-source problem, so augmenting it is a Hungarian step,
   * with the dual update on capped distances t' = min(t, D): profit -= t', price += t'.
   * Triangle inequalities t(i) <= rc(i, s) + t(s) keep every reduced cost >= 0 (as slack
   * as before), a held slot has t(slot) = t(holder) so held pairs stay tight, and a held
   * child's exit cost bounds t, so profits stay >= 0. Children at their outside option
   * are not on any path and keep profit 0. Only held children with a profit below
   * `seedBound` are path ends at first; when the radius would reach the bound, the search
   * is repeated with all of them (a child left out has exit cost >= the bound > the radius).
   * Two shortcuts keep the distances exact: nodes reached at the distance being settled
   * skip the heap (most reduced costs on the way are zero), and a volunteer's arcs are
   * scanned only from the slot settled with the lowest t + price (another slot of it
   * reaches each child at t + max(0, rc), never less), except for the holders of its
   * other slots, who would move within the volunteer.
   * The caller's exact duality-gap check decides whether the result is optimal.
   * The same shortest path can also be found FORWARD, from all waiting children at once
   * (distances f). Which direction settles less differs from one insertion to the next
   * (measured: either can be ten times the other), so both run in turns of SEARCH_CHUNK arc
   * scans as one bidirectional Dijkstra: every arc between the two searched regions is a
   * candidate path (cost f + reduced cost + t), and the search stops when the two radii
   * (everything nearer is settled) add up to the best candidate mu, which is then a
   * shortest path. The dual update splits mu into Rf <= the forward radius and
   * Rb = mu - Rf <= the backward radius: profit += min(f, Rf) - Rf - min(t, Rb), price -=
   * the same. An arc from the forward region into the backward one costs at least mu -
   * f - t, so its reduced cost stays >= 0; every other arc keeps its reduced cost >= 0 as
   * in either one-sided update, and the path met becomes tight. Measured on the 2 %
   * national instance with 100 long-waiting new children: 0.70 M arc scans for the 82
   * insertions, against 1.57 M when the first direction to finish alone was used.
   * Returns false (the state is then unusable) when the work exceeds `budget` arc scans.
   */
  repairPending(budget: number): boolean {
    const { nChildren, nSlots, nVolunteers, childStart, arcVolunteer, arcValue, volunteerStart, reverseChild } = this.g;
    const { reverseValue, slotVolunteer, slotStart } = this.g;
    const { slotOwner, slotPrice, childSlot, profit } = this;
    const nodes = nChildren + nSlots;
    const EXIT = -1;
    const seedBound = PRIORITY_UNIT * PRICE_SCALE;
    let work = 0;
    const waitingChildren: number[] = [];
    for (const j of this.pending) {
      if (childSlot[j] !== UNASSIGNED) continue;
      profit[j] = this.bestChildValue(j);
      if (profit[j] <= 0) {
        childSlot[j] = OUTSIDE; // worth nothing at these prices: its own outside option
        profit[j] = 0;
      } else {
        waitingChildren.push(j);
      }
    }
    const sources = Int32Array.from(waitingChildren);
    let nSources = sources.length;

    // The backward dual update lowers every profit and raises every price by Rb, except
    // at the nodes settled: that part is kept as one offset, so an update costs only the
    // nodes it settled. Stored values: profit[i] = true profit + offset for children not
    // at their outside option, slotPrice[s] = true price - offset; reduced costs (a profit
    // plus a price) need no correction, a child's exit cost does. Back to true values
    // when the list below is rebuilt and at the end.
    let offset = 0;
    const trueValues = (): void => {
      if (offset === 0) return;
      for (let i = 0; i < nChildren; i++) if (childSlot[i] !== OUTSIDE) profit[i] -= offset;
      for (let s = 0; s < nSlots; s++) slotPrice[s] += offset;
      offset = 0;
    };
    // The backward search's ends: free slots (only ever taken here), and the children
    // whose exit costs less than seedBound. Profits only fall, so a kept list holds every
    // child whose stored profit is below seedBound + SEED_MARGIN (and every waiting child);
    // while offset <= SEED_MARGIN it holds every child whose true profit is below seedBound.
    const SEED_MARGIN = seedBound;
    const freeSlots: number[] = [];
    for (let s = 0; s < nSlots; s++) if (slotOwner[s] < 0) freeSlots.push(s);
    const seedList = new Int32Array(nChildren);
    const listed = new Uint8Array(nChildren);
    let nListed = 0;
    const keepListed = (i: number): void => {
      if (listed[i] === 0 && profit[i] < seedBound + SEED_MARGIN) {
        listed[i] = 1;
        seedList[nListed++] = i;
      }
    };
    const rebuildList = (): void => {
      trueValues();
      for (let k = 0; k < nListed; k++) listed[seedList[k]] = 0;
      nListed = 0;
      for (let i = 0; i < nChildren; i++) {
        const slot = childSlot[i];
        if (slot === OUTSIDE) continue;
        if (slot === UNASSIGNED) {
          listed[i] = 1;
          seedList[nListed++] = i;
        } else keepListed(i);
      }
    };
    rebuildList();

    // The best augmenting path met so far, at cost num[MU]: child meetChild (a waiting child,
    // or reached forward through the slot it holds) moves into meetSlot (worth
    // num[MEET_VALUE] to it; EXIT: it is sent out), and the holder there goes on along the
    // backward search's path. The doubles written in the searches' loops live in a typed
    // array: a `let` that closures share holds a double as a heap number, so every write
    // allocated one (about 8 MB of garbage per re-run).
    const num = new Float64Array(6);
    const MU = 0;
    const MU_FORWARD = 1;
    const F_RADIUS = 2;
    const B_RADIUS = 3;
    const MEET_VALUE = 4;
    const FORWARD_VALUE = 5;
    num[MU] = Infinity;
    let meetChild = -1;
    let meetSlot = EXIT;
    // The best path found by the forward search alone (num[MU_FORWARD]); a restarted
    // backward search drops the others.
    num[MU_FORWARD] = Infinity;
    let forwardChild = -1;
    let forwardSlot = EXIT;
    const meet = (cost: number, child: number, slot: number, value: number): void => {
      num[MU] = cost;
      meetChild = child;
      meetSlot = slot;
      num[MEET_VALUE] = value;
    };
    const meetForward = (cost: number, child: number, slot: number, value: number): void => {
      num[MU_FORWARD] = cost;
      forwardChild = child;
      forwardSlot = slot;
      num[FORWARD_VALUE] = value;
      if (cost < num[MU]) meet(cost, child, slot, value);
    };
    // How far each search has settled (num[F_RADIUS], num[B_RADIUS]): every node nearer is settled.
    // Backward search: distances t to the nearest path end.
    const dist = new Float64Array(nodes).fill(Infinity);
    const done = new Uint8Array(nodes);
    // Where a node's path goes next: a child -> the slot it moves into (or EXIT), a slot
    // -> its holder (or EXIT for a free slot).
    const next = new Int32Array(nodes);
    const nextValue = new Float64Array(nChildren);
    const touched = new Int32Array(nodes);
    let nTouched = 0;
    const heap = new Heap();
    // Nodes reached at the distance being settled skip the heap: on these instances most
    // reduced costs on the way are zero.
    const same = new Int32Array(nodes);
    // Per volunteer, the lowest t + price of its slots settled in this search.
    const reach = new Float64Array(nVolunteers).fill(Infinity);
    const reached = new Int32Array(nVolunteers);
    let nReached = 0;
    const resetBackward = (): void => {
      for (let k = 0; k < nTouched; k++) {
        dist[touched[k]] = Infinity;
        done[touched[k]] = 0;
      }
      for (let k = 0; k < nReached; k++) reach[reached[k]] = Infinity;
      nTouched = 0;
      nReached = 0;
      heap.clear();
    };

    // Forward search: distances f from the waiting children.
    const fdist = new Float64Array(nodes).fill(Infinity);
    const fdone = new Uint8Array(nodes);
    // Per slot, the child that moves in on the way and what the slot is worth to it.
    const into = new Int32Array(nSlots);
    const intoValue = new Float64Array(nSlots);
    const ftouched = new Int32Array(nodes);
    let fTouched = 0;
    const fheap = new Heap();
    const fsame = new Int32Array(nodes);
    const resetForward = (): void => {
      for (let k = 0; k < fTouched; k++) {
        fdist[ftouched[k]] = Infinity;
        fdone[ftouched[k]] = 0;
      }
      fTouched = 0;
      fheap.clear();
    };

    // Both searches run in turns (see the loop below). They are plain functions that keep
    // what they need between turns in the variables here and return after `chunk` arc
    // scans (in a micro-benchmark, the same loop in a generator ran about five times
    // slower), or when the two radii together reach mu: then mu is a shortest path.
    const PAUSED = -2;
    const MET = -3;
    let bRunning = false;
    let bBound = seedBound;
    let bLevel = 0;
    const seed = (node: number, t: number): void => {
      if (t >= dist[node]) return;
      if (dist[node] === Infinity) touched[nTouched++] = node;
      dist[node] = t;
      next[node] = EXIT;
      heap.push(t, node);
    };
    const seedChild = (i: number): void => {
      const slot = childSlot[i];
      if (slot === OUTSIDE) return;
      const exit = profit[i] - offset > 0 ? profit[i] - offset : 0;
      if (slot === UNASSIGNED || exit < bBound) seed(i, exit);
    };
    const startBackward = (): void => {
      if (bBound === Infinity) for (let i = 0; i < nChildren; i++) seedChild(i);
      else for (let k = 0; k < nListed; k++) seedChild(seedList[k]);
      for (const s of freeSlots) if (slotOwner[s] < 0) seed(nChildren + s, 0);
      bLevel = 0;
      num[B_RADIUS] = 0;
      bRunning = true;
    };
    // Child i can move into `slot` (worth `value` to it) at distance nt, t being settled.
    const reachChild = (i: number, nt: number, t: number, slot: number, value: number): void => {
      if (nt >= dist[i] || nt >= num[MU]) return;
      if (dist[i] === Infinity) touched[nTouched++] = i;
      dist[i] = nt;
      next[i] = slot;
      nextValue[i] = value;
      // A child the forward search reached through its slot (or a waiting child) meets here.
      if (fdist[i] + nt < num[MU]) meet(fdist[i] + nt, i, slot, value);
      if (nt === t) same[bLevel++] = i;
      else heap.push(nt, i);
    };

    /** Settles nodes by t; returns MET when the radii reach mu, or PAUSED after `chunk` arc scans. */
    const backwardTurn = (chunk: number): number => {
      if (!bRunning) {
        bBound = seedBound;
        startBackward();
      }
      const quota = work + chunk;
      for (;;) {
        const bound = bBound;
        for (;;) {
          let t: number;
          let x: number;
          if (bLevel > 0) {
            x = same[--bLevel];
            t = dist[x];
          } else {
            if (heap.size === 0) break;
            t = heap.topKey();
            if (t + num[F_RADIUS] >= num[MU]) {
              num[B_RADIUS] = t; // every node nearer than the next one is settled
              return MET;
            }
            x = heap.pop();
            if (t > dist[x]) continue;
          }
          if (done[x]) continue;
          if (t >= bound) break;
          done[x] = 1;
          num[B_RADIUS] = t;
          if (x < nChildren) {
            // Whoever takes x's slot sends x on along its own path (a waiting child has no
            // slot: reachChild has met it already).
            if (childSlot[x] < 0) continue;
            const slotNode = nChildren + childSlot[x];
            if (t < dist[slotNode]) {
              if (dist[slotNode] === Infinity) touched[nTouched++] = slotNode;
              dist[slotNode] = t;
              next[slotNode] = x;
              same[bLevel++] = slotNode;
            }
            continue;
          }
          const slot = x - nChildren;
          const price = slotPrice[slot];
          const v = slotVolunteer[slot];
          if (t + price >= reach[v]) {
            // A slot of v settled before (t no higher) with t + price no higher reaches
            // every child at least as cheaply, except its own holder: only that one can
            // still gain by moving here.
            for (let other = slotStart[v]; other < slotStart[v + 1]; other++) {
              const h = slotOwner[other];
              if (other === slot || h < 0 || done[h]) continue;
              const rise = price - slotPrice[other];
              reachChild(h, t + (rise > 0 ? rise : 0), t, slot, profit[h] + slotPrice[other]);
            }
            continue;
          }
          if (reach[v] === Infinity) reached[nReached++] = v;
          reach[v] = t + price;
          work += volunteerStart[v + 1] - volunteerStart[v];
          for (let arc = volunteerStart[v]; arc < volunteerStart[v + 1]; arc++) {
            const i = reverseChild[arc];
            const held = childSlot[i];
            if (held === slot || held === OUTSIDE || done[i]) continue;
            const reduced = profit[i] + price - reverseValue[arc];
            reachChild(i, t + (reduced > 0 ? reduced : 0), t, slot, reverseValue[arc]);
          }
          if (work >= quota) return PAUSED;
        }
        heap.clear();
        if (bound === Infinity) {
          bRunning = false;
          num[B_RADIUS] = Infinity; // everything nearer than mu is settled
          return num[MU] < Infinity ? MET : -1;
        }
        // The radius reached the bound: search again with every held child as an end.
        // Paths met through the old search's labels go with it.
        resetBackward();
        num[MU] = num[MU_FORWARD];
        meetChild = forwardChild;
        meetSlot = forwardSlot;
        num[MEET_VALUE] = num[FORWARD_VALUE];
        bBound = Infinity;
        startBackward();
      }
    };

    let fRunning = false;
    let fLevel = 0;
    const startForward = (): void => {
      let kept = 0;
      fLevel = 0;
      num[F_RADIUS] = 0;
      for (let k = 0; k < nSources; k++) {
        const j = sources[k];
        if (childSlot[j] !== UNASSIGNED) continue;
        sources[kept++] = j;
        fdist[j] = 0;
        ftouched[fTouched++] = j;
        fsame[fLevel++] = j;
      }
      nSources = kept;
      fRunning = true;
    };

    /** Settles nodes by f; returns MET when the radii reach mu, or PAUSED after `chunk` arc scans. */
    const forwardTurn = (chunk: number): number => {
      if (!fRunning) startForward();
      const quota = work + chunk;
      let level = fLevel;
      for (;;) {
        let t: number;
        let x: number;
        if (level > 0) {
          x = fsame[--level];
          t = fdist[x];
        } else {
          if (fheap.size === 0) {
            num[F_RADIUS] = Infinity; // everything nearer than mu is settled
            break;
          }
          t = fheap.topKey();
          if (t + num[B_RADIUS] >= num[MU]) {
            num[F_RADIUS] = t; // every node nearer than the next one is settled
            break;
          }
          x = fheap.pop();
          if (t > fdist[x]) continue;
        }
        if (fdone[x]) continue;
        fdone[x] = 1;
        num[F_RADIUS] = t;
        if (x >= nChildren) {
          const s = x - nChildren;
          const holder = slotOwner[s];
          if (holder < 0) {
            // A free slot ends a path here.
            if (t < num[MU_FORWARD]) meetForward(t, into[s], s, intoValue[s]);
          } else if (t < fdist[holder]) {
            // The holder moves on at no cost; where the backward search has reached it, the searches meet.
            if (fdist[holder] === Infinity) ftouched[fTouched++] = holder;
            fdist[holder] = t;
            fsame[level++] = holder;
            if (dist[holder] < Infinity && t + dist[holder] < num[MU])
              meet(t + dist[holder], holder, next[holder], nextValue[holder]);
          }
          continue;
        }
        // Where the backward search has reached x, the searches meet.
        if (dist[x] < Infinity && t + dist[x] < num[MU]) meet(t + dist[x], x, next[x], nextValue[x]);
        const exit = profit[x] - offset;
        const exitCost = t + (exit > 0 ? exit : 0);
        if (exitCost < num[MU_FORWARD]) meetForward(exitCost, x, EXIT, 0);
        const base = profit[x];
        work += childStart[x + 1] - childStart[x];
        for (let arc = childStart[x]; arc < childStart[x + 1]; arc++) {
          const v = arcVolunteer[arc];
          const value = arcValue[arc];
          const gain = base - value;
          for (let s = slotStart[v]; s < slotStart[v + 1]; s++) {
            // Settled slots (x's own among them: its holder is reached from it) have
            // fdist <= t <= nt, so this one test also skips them.
            const node = nChildren + s;
            const reduced = gain + slotPrice[s];
            const nt = t + (reduced > 0 ? reduced : 0);
            if (nt >= fdist[node] || nt >= num[MU]) continue;
            // A slot the backward search has reached: x moving in meets its path there.
            if (dist[node] < Infinity && nt + dist[node] < num[MU]) meet(nt + dist[node], x, s, value);
            if (fdist[node] === Infinity) ftouched[fTouched++] = node;
            fdist[node] = nt;
            into[s] = x;
            intoValue[s] = value;
            if (nt === t) fsame[level++] = node;
            else fheap.push(nt, node);
          }
        }
        if (work >= quota) {
          fLevel = level;
          return PAUSED;
        }
      }
      fLevel = level;
      return MET;
    };

    let waiting = nSources;
    while (waiting > 0) {
      // Both searches run in turns until their radii together reach the cost of the best
      // path met (bidirectional Dijkstra): that path is a shortest augmenting path.
      bRunning = false;
      fRunning = false;
      num[F_RADIUS] = 0;
      num[B_RADIUS] = 0;
      num[MU] = Infinity;
      num[MU_FORWARD] = Infinity;
      meetChild = -1;
      let met = false;
      for (;;) {
        if (forwardTurn(SEARCH_CHUNK) === MET) {
          met = true;
          break;
        }
        const backward = backwardTurn(SEARCH_CHUNK);
        if (backward === MET) {
          met = true;
          break;
        }
        if (backward === -1 || work > budget) break;
      }
      if (!met || work > budget || meetChild < 0) {
        trueValues();
        this.pending = [];
        return false;
      }
      // Dual update with radii Rf + Rb = mu (Rf <= the forward radius, Rb <= the backward
      // radius): profit += min(f, Rf) - Rf - min(t, Rb), price -= the same; every reduced
      // cost stays >= 0 and the path met becomes tight.
      const Rf = num[F_RADIUS] < num[MU] ? num[F_RADIUS] : num[MU];
      const Rb = num[MU] - Rf;
      for (let k = 0; k < fTouched; k++) {
        const y = ftouched[k];
        if (!fdone[y] || fdist[y] >= Rf) continue;
        if (y < nChildren) {
          profit[y] -= Rf - fdist[y];
          keepListed(y);
        } else slotPrice[y - nChildren] += Rf - fdist[y];
      }
      // Nodes the backward search did not settle below Rb: Rb for all in the offset, the
      // difference at the nodes settled (their stored profits only rise).
      offset += Rb;
      for (let k = 0; k < nTouched; k++) {
        const y = touched[k];
        if (!done[y] || dist[y] >= Rb) continue;
        if (y < nChildren) profit[y] += Rb - dist[y];
        else slotPrice[y - nChildren] -= Rb - dist[y];
      }
      // Augment. The backward part: meetChild moves into meetSlot, whose holder moves on
      // along its path, ... until an end.
      const held = childSlot[meetChild];
      let child = meetChild;
      let slot = meetSlot;
      let value = num[MEET_VALUE];
      for (;;) {
        if (slot === EXIT) {
          // The child's own outside option (a waiting child, or a held child sent out).
          if (childSlot[child] >= 0 && slotOwner[childSlot[child]] === child) slotOwner[childSlot[child]] = -1;
          childSlot[child] = OUTSIDE;
          profit[child] = 0;
          break;
        }
        const holder = slotOwner[slot];
        const previous = childSlot[child];
        if (previous >= 0 && slotOwner[previous] === child) slotOwner[previous] = -1;
        slotOwner[slot] = child;
        childSlot[child] = slot;
        profit[child] = value - slotPrice[slot];
        keepListed(child);
        if (holder < 0) break; // a free slot ended the path
        child = holder;
        childSlot[holder] = UNASSIGNED;
        slot = next[holder];
        value = nextValue[holder];
      }
      // The forward part: the slot meetChild left goes to the child that moved into it on
      // the way, and so on back to the waiting child that started the path.
      slot = held;
      while (slot >= 0) {
        const mover = into[slot];
        const previous = childSlot[mover];
        slotOwner[slot] = mover;
        childSlot[mover] = slot;
        profit[mover] = intoValue[slot] - slotPrice[slot];
        keepListed(mover);
        slot = previous; // UNASSIGNED at the waiting child that started the path
      }
      waiting--;
      resetBackward();
      resetForward();
      if (offset > SEED_MARGIN) rebuildList();
    }
    trueValues();
    for (let v = 0; v < nVolunteers; v++) this.refreshVolunteer(v);
    this.pending = [];
    return true;
  }

  /** One ε-scaling phase; call slotSideGap() first. */
  runPhase(epsilon: number): void {
    const { nVolunteers, nChildren, slotStart } = this.g;
    const { childSlot, slotOwner, slotPrice, profit, volunteerBest, childQueue, slotQueue } = this;
    let children = 0;
    for (const i of this.pending) childQueue[children++] = i;
    this.pending = [];
    // A child whose profit fell below -ε would rather be unmatched: it lets go of its
    // slot. Raising an unassigned child's profit (here to 0) keeps every arc slack-free.
    for (let i = 0; i < nChildren; i++) {
      const slot = childSlot[i];
      if (slot < 0 || profit[i] >= -epsilon) continue;
      slotOwner[slot] = -1;
      childSlot[i] = UNASSIGNED;
      profit[i] = 0;
      childQueue[children++] = i;
    }
    // Slots whose slackness broke with the smaller ε (a child offers more than the
    // price + ε), and free slots that some child would pay for or that still have a
    // price, bid again. Raising a released slot's price to the best offer keeps its
    // arcs slack-free; its former child keeps its profit, so the reverse stage may
    // take it back directly.
    let slots = 0;
    for (let v = 0; v < nVolunteers; v++) {
      const best = volunteerBest[v];
      for (let s = slotStart[v]; s < slotStart[v + 1]; s++) {
        const owner = slotOwner[s];
        if (owner >= 0 ? best - slotPrice[s] <= epsilon : slotPrice[s] === 0 && best <= epsilon) continue;
        if (owner >= 0) {
          slotOwner[s] = -1;
          childSlot[owner] = UNASSIGNED;
          childQueue[children++] = owner;
        }
        slotPrice[s] = Math.max(best, slotPrice[s]);
        slotQueue[slots++] = s;
      }
      this.refreshVolunteer(v);
    }
    this.reverseStage(slots, epsilon);
    this.forwardStage(children, epsilon);
  }

  /** Free slots lower their price to take their best child, or rest at price 0. */
  private reverseStage(queued: number, epsilon: number): void {
    const { volunteerStart, reverseChild, reverseValue, slotVolunteer } = this.g;
    const { childSlot, slotOwner, slotPrice, profit, slotQueue, slotQueued, top } = this;
    const { volunteerCache, volunteerCacheBound, volunteerCacheStage } = this;
    const stage = ++this.stage;
    slotQueued.fill(0);
    for (let k = 0; k < queued; k++) slotQueued[slotQueue[k]] = 1;
    const { nSlots } = this.g;
    // Ring buffer; a slot is in it at most once.
    let head = 0;
    let size = queued;
    const push = (slot: number): void => {
      let tail = head + size;
      if (tail >= nSlots) tail -= nSlots;
      slotQueue[tail] = slot;
      slotQueued[slot] = 1;
      size++;
    };
    while (size > 0) {
      const s = slotQueue[head];
      head = head + 1 === nSlots ? 0 : head + 1;
      size--;
      slotQueued[s] = 0;
      if (slotOwner[s] >= 0) continue;
      const v = slotVolunteer[s];
      let best = -Infinity;
      let second = -Infinity;
      let bestArc = -1;
      const from = volunteerStart[v];
      const to = volunteerStart[v + 1];
      if (to - from <= DIRECT_SCAN) {
        for (let arc = from; arc < to; arc++) {
          const value = reverseValue[arc] - profit[reverseChild[arc]];
          if (value > best) {
            second = best;
            best = value;
            bestArc = arc;
          } else if (value > second) {
            second = value;
          }
        }
      } else {
        const base = v * CACHE_SIZE;
        if (volunteerCacheStage[v] !== stage) {
          top.reset();
          for (let arc = volunteerStart[v]; arc < volunteerStart[v + 1]; arc++) {
            top.offer(arc, reverseValue[arc] - profit[reverseChild[arc]]);
          }
          for (let k = 0; k < CACHE_SIZE; k++) volunteerCache[base + k] = k < top.size ? top.arcs[k] : -1;
          volunteerCacheBound[v] = top.leftOut;
          volunteerCacheStage[v] = stage;
        }
        for (let k = 0; k < CACHE_SIZE; k++) {
          const arc = volunteerCache[base + k];
          if (arc < 0) break;
          const value = reverseValue[arc] - profit[reverseChild[arc]];
          if (value > best) {
            second = best;
            best = value;
            bestArc = arc;
          } else if (value > second) {
            second = value;
          }
        }
        const boundR = volunteerCacheBound[v];
        if (best < boundR) {
          // A child outside the cache might be the best: rescan (the next visit is exact).
          volunteerCacheStage[v] = -1;
          push(s);
          continue;
        }
        // Children outside the cache offer at most the bound: using it as the second
        // best (an upper bound) keeps slackness for them and still raises the profit
        // of the chosen child by at least ε.
        if (boundR > second) second = boundR;
      }
      this.reverseBids++;
      if (bestArc < 0 || best < epsilon) {
        // No child is worth ε more than the slot's outside price: rest at price 0.
        slotPrice[s] = 0;
        this.refreshVolunteer(v);
        continue;
      }
      const i = reverseChild[bestArc];
      const price = Math.max(0, second - epsilon);
      const left = childSlot[i];
      if (left >= 0) {
        slotOwner[left] = -1;
        this.refreshVolunteer(slotVolunteer[left]);
        // A freed slot at price 0 already satisfies slackness; one with a price must bid.
        if (slotPrice[left] > 0 && slotQueued[left] === 0) push(left);
      }
      slotOwner[s] = i;
      childSlot[i] = s;
      slotPrice[s] = price;
      profit[i] = reverseValue[bestArc] - price;
      this.refreshVolunteer(v);
    }
  }

  /** Children without a holding bid for their best slot or take the outside option. */
  private forwardStage(queued: number, epsilon: number): void {
    const { childStart, arcVolunteer, arcValue, nChildren } = this.g;
    const { childSlot, slotOwner, slotPrice, profit, minPrice, secondPrice, minSlot, childQueue, top } = this;
    const { childCache, childCacheBound, childCacheStage } = this;
    const stage = ++this.stage;
    // Ring buffer; a child is in it at most once (only children without a holding are).
    let head = 0;
    let size = queued;
    while (size > 0) {
      const i = childQueue[head];
      head = head + 1 === nChildren ? 0 : head + 1;
      size--;
      if (childSlot[i] !== UNASSIGNED) continue;
      let best = 0; // the outside option
      let second = -Infinity;
      let bestArc = -1;
      const from = childStart[i];
      const to = childStart[i + 1];
      if (to - from <= DIRECT_SCAN) {
        // Few arcs: scanning them all is cheaper than keeping a cache.
        for (let arc = from; arc < to; arc++) {
          const v = arcVolunteer[arc];
          const value = arcValue[arc] - minPrice[v];
          if (value > best) {
            second = best;
            best = value;
            bestArc = arc;
            const alternative = arcValue[arc] - secondPrice[v];
            if (alternative > second) second = alternative;
          } else if (value > second) {
            second = value;
          }
        }
      } else {
        const base = i * CACHE_SIZE;
        if (childCacheStage[i] !== stage) {
          top.reset();
          for (let arc = childStart[i]; arc < childStart[i + 1]; arc++) {
            top.offer(arc, arcValue[arc] - minPrice[arcVolunteer[arc]]);
          }
          for (let k = 0; k < CACHE_SIZE; k++) childCache[base + k] = k < top.size ? top.arcs[k] : -1;
          childCacheBound[i] = top.leftOut;
          childCacheStage[i] = stage;
        }
        for (let k = 0; k < CACHE_SIZE; k++) {
          const arc = childCache[base + k];
          if (arc < 0) break;
          const v = arcVolunteer[arc];
          const value = arcValue[arc] - minPrice[v];
          if (value > best) {
            second = best;
            best = value;
            bestArc = arc;
            // Another slot of the same volunteer is an alternative too.
            const alternative = arcValue[arc] - secondPrice[v];
            if (alternative > second) second = alternative;
          } else if (value > second) {
            second = value;
          }
        }
        const boundF = childCacheBound[i];
        if (best < boundF) {
          childCacheStage[i] = -1;
          let tail = head + size;
          if (tail >= nChildren) tail -= nChildren;
          childQueue[tail] = i;
          size++;
          continue;
        }
        if (boundF > second) second = boundF; // an upper bound, as in the reverse stage
      }
      this.forwardBids++;
      if (bestArc < 0) {
        childSlot[i] = OUTSIDE; // nothing is worth more than staying unmatched
        profit[i] = 0;
        continue;
      }
      const v = arcVolunteer[bestArc];
      const slot = minSlot[v];
      // second >= 0 (the outside option), so the new profit stays >= -ε.
      const price = arcValue[bestArc] - second + epsilon;
      const previous = slotOwner[slot];
      if (previous >= 0) {
        childSlot[previous] = UNASSIGNED;
        let tail = head + size;
        if (tail >= nChildren) tail -= nChildren;
        childQueue[tail] = previous;
        size++;
      }
      slotOwner[slot] = i;
      childSlot[i] = slot;
      slotPrice[slot] = price;
      profit[i] = second - epsilon;
      this.refreshVolunteer(v);
    }
  }
}

/** A starting point for the auction: slot prices and the slot held by each child. */
interface StartState {
  slotPrice: Float64Array;
  childSlot: Int32Array;
}

/** Loads a starting point into a fresh auction. */
function loadStart(auction: Auction, start: StartState): void {
  auction.slotPrice.set(start.slotPrice);
  auction.childSlot.set(start.childSlot);
  for (let i = 0; i < start.childSlot.length; i++) {
    if (start.childSlot[i] >= 0) auction.slotOwner[start.childSlot[i]] = i;
  }
}

/** Where each child and volunteer of the new instance was in the previous one (-1: new). */
interface OldIndex {
  child: Int32Array;
  volunteer: Int32Array;
}

/** Matches the new instance to the previous state by id. */
function oldIndexById(instance: MatchingInstance, previous: WarmStartState): OldIndex {
  const oldVolunteer = new Map<string, number>();
  previous.volunteerIds.forEach((id, index) => oldVolunteer.set(id, index));
  const oldChild = new Map<string, number>();
  previous.childIds.forEach((id, index) => oldChild.set(id, index));
  if (oldVolunteer.size !== previous.volunteerIds.length || oldChild.size !== previous.childIds.length) {
    throw new RangeError("warm start: ids must be unique");
  }
  return {
    child: Int32Array.from(instance.children, (c) => oldChild.get(c.id) ?? -1),
    volunteer: Int32Array.from(instance.volunteers, (v) => oldVolunteer.get(v.id) ?? -1),
  };
}

/** Translates prices and held slots of the previous result onto the new instance, by id. */
function carryWarmStart(
  g: FullGraph,
  instance: MatchingInstance,
  previous: WarmStartState,
  index: OldIndex,
  unchanged: Int32Array | null = null,
): StartState {
  const auction = {
    slotPrice: new Float64Array(g.nSlots),
    childSlot: new Int32Array(g.nChildren),
  };
  // When a volunteer has fewer slots now, the slots held by children who are still here
  // are kept first (an approved match takes a child off the list and a slot off its
  // volunteer: the pair leaves together and the rest of the optimum stays optimal).
  let rank: ((slot: number) => number) | null = null;
  const rankSlots = (): ((slot: number) => number) => {
    const stays = new Uint8Array(previous.childIds.length);
    for (const old of index.child) if (old >= 0) stays[old] = 1;
    const holder = new Int32Array(previous.slotPrice.length).fill(-1);
    previous.childSlot.forEach((slot, child) => {
      if (slot >= 0) holder[slot] = child;
    });
    return (slot) => (holder[slot] < 0 ? 1 : stays[holder[slot]] === 1 ? 0 : 2);
  };
  // Time passes between runs: a week later every child has waited a week longer and every
  // value rose by one priority point. So must every price set by waiting children: a slot
  // priced at one priority point or more is contested by a child left unmatched. A slot
  // priced below that is reachable from a free slot by an alternating path (else a child
  // left unmatched would price it), where no unmatched child has a pair, so it keeps its
  // price. The step is the most common change of a carried child's priority; a child whose
  // priority changed by another step (capped waiting, or the week boundaries of a mid-week
  // run) starts without a holding, like a new child.
  const step = priorityStep(g, previous, index.child);
  const raise = step * PRIORITY_UNIT * PRICE_SCALE;
  const contested = PRIORITY_UNIT * PRICE_SCALE;
  // Old slot -> new slot, so held slots can be translated as well.
  const slotMap = new Int32Array(previous.slotPrice.length).fill(-1);
  for (let v = 0; v < g.nVolunteers; v++) {
    const old = index.volunteer[v];
    if (old < 0) continue;
    const oldStart = previous.slotStart[old];
    const oldCount = previous.slotStart[old + 1] - oldStart;
    const kept = Math.min(oldCount, g.slotStart[v + 1] - g.slotStart[v]);
    let order: number[] | null = null;
    if (kept < oldCount) {
      const byRank = (rank ??= rankSlots());
      order = Array.from({ length: oldCount }, (_, k) => oldStart + k).sort((a, b) => byRank(a) - byRank(b) || a - b);
    }
    for (let k = 0; k < kept; k++) {
      const oldSlot = order === null ? oldStart + k : order[k];
      slotMap[oldSlot] = g.slotStart[v] + k;
      const price = previous.slotPrice[oldSlot];
      auction.slotPrice[g.slotStart[v] + k] = price + (price >= contested ? raise : 0);
    }
  }
  // New children, children whose slot or pair is gone (a declined match) and children who
  // moved by another priority step start without a holding.
  for (let i = 0; i < g.nChildren; i++) {
    const old = index.child[i];
    const moved = old >= 0 && g.priority[i] - previous.childPriority[old] !== step;
    const oldSlot = old < 0 || moved ? UNASSIGNED : previous.childSlot[old];
    let slot = oldSlot === OUTSIDE ? OUTSIDE : UNASSIGNED;
    // A child whose pairs a kept graph shows unchanged still has the pair it held.
    const held = oldSlot >= 0 ? slotMap[oldSlot] : -1;
    if (held >= 0 && (unchanged?.[i] === old || hasPair(g, i, g.slotVolunteer[held]))) {
      slot = held;
    }
    auction.childSlot[i] = slot;
  }
  return auction;
}

function hasPair(g: FullGraph, child: number, volunteer: number): boolean {
  for (let arc = g.childStart[child]; arc < g.childStart[child + 1]; arc++) {
    if (g.arcVolunteer[arc] === volunteer) return true;
  }
  return false;
}

/** The most common change of priority among the children of both solves (0 when none is carried). */
function priorityStep(g: FullGraph, previous: WarmStartState, oldChild: Int32Array): number {
  const count = new Map<number, number>();
  let step = 0;
  let most = 0;
  for (let i = 0; i < g.nChildren; i++) {
    const old = oldChild[i];
    if (old < 0) continue;
    const change = g.priority[i] - previous.childPriority[old];
    const seen = (count.get(change) ?? 0) + 1;
    count.set(change, seen);
    if (seen > most) [step, most] = [change, seen];
  }
  return step;
}

/**
 * Cold start at the priority level. Ignoring scores, the problem is a maximum-weight
 * basis of a transversal matroid whose weights depend on the child only, so the greedy
 * (children by priority, highest first, each added if an augmenting path exists) is
 * optimal; a failed search marks the volunteers it visited dead for good (no later
 * augmentation can open a path from them to a free slot). Optimal prices for that
 * problem are p(v) = the highest priority of an unmatched child that reaches v by an
 * alternating path. Scaled by PRIORITY_UNIT * PRICE_SCALE they satisfy ε-complementary
 * slackness for the full values with ε = the largest score (SCORE_UNITS * PRICE_SCALE),
 * so the auction starts there instead of at the top of the value range. Only speed
 * depends on this start: the auction phases restore slackness from any state and the
 * duality gap check still proves optimality.
 */
function priorityStart(g: FullGraph): StartState {
  const { nChildren, nVolunteers, childStart, arcVolunteer, arcScore, slotStart, priority } = g;
  const slotOwner = new Int32Array(g.nSlots).fill(-1);
  const childSlot = new Int32Array(nChildren).fill(OUTSIDE);
  const slotPrice = new Float64Array(g.nSlots);
  // Children by priority, highest first (counting sort).
  const position = new Int32Array(MAX_WAITING_WEEKS + 3);
  for (let i = 0; i < nChildren; i++) position[priority[i]]++;
  for (let p = MAX_WAITING_WEEKS + 1, before = 0; p >= 0; p--) {
    const here = position[p];
    position[p] = before;
    before += here;
  }
  const order = new Int32Array(nChildren);
  for (let i = 0; i < nChildren; i++) order[position[priority[i]]++] = i;
  const free = new Int32Array(nVolunteers);
  for (let v = 0; v < nVolunteers; v++) free[v] = slotStart[v + 1] - slotStart[v];
  const childVolunteer = new Int32Array(nChildren).fill(-1);
  const mark = new Int32Array(nVolunteers).fill(-1);
  const dead = new Uint8Array(nVolunteers);
  const via = new Int32Array(nVolunteers);
  const queue = new Int32Array(nVolunteers);
  const place = (i: number, v: number): void => {
    for (let s = slotStart[v]; s < slotStart[v + 1]; s++) {
      if (slotOwner[s] < 0) {
        slotOwner[s] = i;
        childSlot[i] = s;
        break;
      }
    }
    free[v]--;
    childVolunteer[i] = v;
  };
  const unplace = (i: number): void => {
    const v = childVolunteer[i];
    slotOwner[childSlot[i]] = -1;
    childSlot[i] = OUTSIDE;
    free[v]++;
    childVolunteer[i] = -1;
  };
  for (let k = 0; k < nChildren; k++) {
    const j = order[k];
    // A free slot among the neighbours: take the best-scoring one.
    let bestArc = -1;
    for (let arc = childStart[j]; arc < childStart[j + 1]; arc++) {
      if (free[arcVolunteer[arc]] > 0 && (bestArc < 0 || arcScore[arc] > arcScore[bestArc])) bestArc = arc;
    }
    if (bestArc >= 0) {
      place(j, arcVolunteer[bestArc]);
      continue;
    }
    // Breadth-first search for an augmenting path.
    let head = 0;
    let tail = 0;
    let found = -1;
    for (let arc = childStart[j]; arc < childStart[j + 1]; arc++) {
      const w = arcVolunteer[arc];
      if (dead[w] || mark[w] === k) continue;
      mark[w] = k;
      via[w] = j;
      queue[tail++] = w;
    }
    search: while (head < tail) {
      const v = queue[head++];
      for (let s = slotStart[v]; s < slotStart[v + 1]; s++) {
        const c = slotOwner[s];
        for (let arc = childStart[c]; arc < childStart[c + 1]; arc++) {
          const w = arcVolunteer[arc];
          if (dead[w] || mark[w] === k) continue;
          mark[w] = k;
          via[w] = c;
          if (free[w] > 0) {
            found = w;
            break search;
          }
          queue[tail++] = w;
        }
      }
    }
    if (found < 0) {
      for (let q = 0; q < tail; q++) dead[queue[q]] = 1;
      continue;
    }
    for (let w = found; ; ) {
      const c = via[w];
      const previous = childVolunteer[c];
      if (previous >= 0) unplace(c);
      place(c, w);
      if (c === j) break;
      w = previous;
    }
  }
  // Prices: unmatched children, highest priority first, label what they reach.
  const label = new Int32Array(nVolunteers);
  for (let k = 0; k < nChildren; k++) {
    const j = order[k];
    if (childVolunteer[j] >= 0) continue;
    const p = priority[j];
    let head = 0;
    let tail = 0;
    for (let arc = childStart[j]; arc < childStart[j + 1]; arc++) {
      const w = arcVolunteer[arc];
      if (label[w] > 0) continue;
      label[w] = p;
      queue[tail++] = w;
    }
    while (head < tail) {
      const v = queue[head++];
      for (let s = slotStart[v]; s < slotStart[v + 1]; s++) {
        const c = slotOwner[s];
        if (c < 0) continue; // cannot happen at the optimum; the auction would repair it
        for (let arc = childStart[c]; arc < childStart[c + 1]; arc++) {
          const w = arcVolunteer[arc];
          if (label[w] > 0) continue;
          label[w] = p;
          queue[tail++] = w;
        }
      }
    }
  }
  const unit = PRIORITY_UNIT * PRICE_SCALE;
  for (let v = 0; v < nVolunteers; v++) {
    if (free[v] > 0) continue;
    for (let s = slotStart[v]; s < slotStart[v + 1]; s++) slotPrice[s] = label[v] * unit;
  }
  return { slotPrice, childSlot };
}

/**
 * A child without a holding (new, or its pair is gone) whose every pair is worth at most
 * the carried price of that volunteer's cheapest slot gains nothing from any slot: with
 * dual 0 it satisfies complementary slackness unmatched, so it stays unmatched without a
 * search (typically a new referral, who has waited less than everyone matched). Checks all
 * its pairs, not only candidates. Returns how many children still wait to be inserted.
 */
function settleWorthless(full: FullGraph, start: StartState): number {
  const { nChildren, childStart, arcVolunteer, arcScore, base } = full;
  let lowest: Float64Array | null = null;
  let waiting = 0;
  for (let i = 0; i < nChildren; i++) {
    if (start.childSlot[i] !== UNASSIGNED) continue;
    lowest ??= lowestPrices(full, start.slotPrice);
    let gains = false;
    for (let arc = childStart[i]; arc < childStart[i + 1] && !gains; arc++) {
      gains = base[i] + arcScore[arc] * PRICE_SCALE > lowest[arcVolunteer[arc]];
    }
    if (gains) waiting++;
    else start.childSlot[i] = OUTSIDE;
  }
  return waiting;
}

/**
 * A carried or repaired state as the result, when every child holds a slot or stays
 * unmatched and the exact duality gap on the whole instance (children's side: slot
 * prices as they are, each child's dual its best value over all its pairs) proves it
 * optimal; null otherwise (a held pair is gone, a slot came free with a price, a price
 * no longer fits).
 */
function carriedResult(
  instance: MatchingInstance,
  pairs: PairColumns,
  full: FullGraph,
  start: StartState,
  reusedPairs: number,
): MatchingResult | null {
  const { nChildren, childStart, arcVolunteer, arcScore, arcPair, base, slotVolunteer, nSlots } = full;
  const { slotPrice, childSlot } = start;
  const lowest = lowestPrices(full, slotPrice);
  const assignment = new Int32Array(nChildren).fill(-1);
  const owned = new Uint8Array(nSlots);
  let gap = 0;
  let objective = 0;
  let matched = 0;
  let totalScore = 0;
  for (let i = 0; i < nChildren; i++) {
    const slot = childSlot[i];
    const held = slot >= 0 ? slotVolunteer[slot] : -1;
    // The best of 0 and every arc's base + score - lowest price, with base added once.
    const b = base[i];
    let above = -b;
    let heldArc = -1;
    for (let arc = childStart[i], end = childStart[i + 1]; arc < end; arc++) {
      const v = arcVolunteer[arc];
      const reduced = arcScore[arc] * PRICE_SCALE - lowest[v];
      if (reduced > above) above = reduced;
      if (v === held) heldArc = arc;
    }
    const best = b + above;
    if (held < 0) {
      gap += best;
      continue;
    }
    if (heldArc < 0 || owned[slot] === 1) return null;
    owned[slot] = 1;
    const value = base[i] + arcScore[heldArc] * PRICE_SCALE;
    gap += best - (value - slotPrice[slot]);
    assignment[i] = held;
    matched++;
    objective += value / PRICE_SCALE; // exact: PRICE_SCALE is a power of two
    totalScore += pairs.score[arcPair === null ? heldArc : arcPair[heldArc]];
  }
  for (let s = 0; s < nSlots; s++) if (owned[s] === 0) gap += slotPrice[s];
  if (!(gap < PRICE_SCALE)) return null;
  const state = resultState(instance, full, slotPrice, childSlot);
  const stats = { phases: 0, forwardBids: 0, reverseBids: 0, warm: true, repaired: true, rounds: 0, reusedPairs };
  return { assignment, objective, matched, totalScore, state, stats };
}

/**
 * The graph of a solve, kept with its result's state so that the next solve from that
 * state can skip re-reading the pairs it already knows. Its volunteer and score columns
 * are our own copies (the solve used the caller's columns in place, which the caller may
 * reuse and change), so a changed pair is always seen; or, when nobody else can change them
 * (`pairsOwned`, or tuples converted by the solve), the columns themselves.
 */
interface RetainedGraph {
  full: FullGraph;
  childIds: readonly string[];
  volunteerIds: readonly string[];
  /** The pairs' scores as given (validated), compared byte for byte by a later solve. */
  score: Float64Array;
  /** Child id -> index in the kept graph, made on first reuse. */
  childIndex?: Map<string, number>;
  /** The arcs the solve's auction or repair worked on (null when it built none). */
  candidates: CandidateList | null;
}

/** A graph built from a kept one: `known[i]` is the kept child whose arcs child i reuses, or -1. */
interface ReusedGraph {
  full: FullGraph;
  reused: number;
  known: Int32Array;
  /** The kept graph's children and volunteers by id, which are the previous state's. */
  index: OldIndex;
}

const retainedGraphs = new WeakMap<WarmStartState, RetainedGraph>();

/** Keeps the graph with the result (when its arcs are the pairs in place, the usual case). */
function retain(
  result: MatchingResult,
  full: FullGraph,
  pairs: PairColumns,
  candidates: CandidateList | null,
  inPlace: boolean,
): void {
  if (full.arcPair === null) {
    const keep = <T extends Int32Array | Float64Array>(column: T): T =>
      (inPlace ? column.subarray(0, full.nArcs) : column.slice(0, full.nArcs)) as T;
    retainedGraphs.set(result.state, {
      full: { ...full, arcVolunteer: keep(pairs.volunteer) },
      score: keep(pairs.score),
      childIds: result.state.childIds,
      volunteerIds: result.state.volunteerIds,
      candidates,
    });
  }
}

/**
 * Candidate arcs for a warm start from a kept graph: a child whose arcs were reused keeps
 * the candidates it had there (chosen at the previous prices, which moved little); the
 * others are chosen at the carried prices. Null when the kept graph has no candidates.
 * Only speed depends on the candidates: the exact check covers every pair.
 */
function keptCandidates(
  kept: RetainedGraph,
  reuse: ReusedGraph,
  start: StartState,
  count: number,
): CandidateList | null {
  const previous = kept.candidates;
  if (previous === null) return null;
  const { full, known } = reuse;
  const n = full.nChildren;
  const others: number[] = [];
  for (let i = 0; i < n; i++) if (known[i] < 0) others.push(i);
  const chosen = new Uint8Array(full.nArcs);
  selectCandidates(full, start.slotPrice, start.childSlot, chosen, count, Int32Array.from(others));
  const listStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const old = known[i];
    let size = 0;
    if (old >= 0) size = previous.start[old + 1] - previous.start[old];
    else for (let arc = full.childStart[i]; arc < full.childStart[i + 1]; arc++) size += chosen[arc];
    listStart[i + 1] = listStart[i] + size;
  }
  const arcs = new Int32Array(listStart[n]);
  for (let i = 0; i < n; i++) {
    const old = known[i];
    let at = listStart[i];
    if (old >= 0) {
      // The same pairs in the same order, only where the child's arcs begin has moved.
      const shift = full.childStart[i] - kept.full.childStart[old];
      for (let k = previous.start[old]; k < previous.start[old + 1]; k++) arcs[at++] = previous.arcs[k] + shift;
    } else {
      for (let arc = full.childStart[i]; arc < full.childStart[i + 1]; arc++) if (chosen[arc] === 1) arcs[at++] = arc;
    }
  }
  return { arcs, start: listStart };
}

/**
 * The graph of an instance, reusing the kept graph of a previous solve wherever it still
 * holds: the volunteers must be the same (same ids, same order; capacities may change), the
 * pairs grouped by child. A child known from the kept graph (same id; the waiting week may
 * differ, scores do not depend on it) whose pairs are unchanged (same volunteers, the same
 * scores bit for bit: compared as bytes) takes its quantised scores from it; every other
 * child's pairs are read and validated as in buildFullGraph. Returns null for anything
 * else (other volunteers, pairs not grouped, invalid pairs), so the full build then
 * decides and reports errors the same way.
 */
function reuseFullGraph(kept: RetainedGraph, instance: MatchingInstance, pairs: PairColumns): ReusedGraph | null {
  const old = kept.full;
  const n = instance.children.length;
  const m = instance.volunteers.length;
  const nPairs = pairs.child.length;
  if (m !== old.nVolunteers || n > MAX_CHILDREN) return null;
  if (pairs.volunteer.length !== nPairs || pairs.score.length !== nPairs) return null;
  for (let v = 0; v < m; v++) if (instance.volunteers[v].id !== kept.volunteerIds[v]) return null;
  // Invalid waiting times and capacities throw here as in the full build (same order).
  const { priority, base } = childWeights(instance.children);
  const { slotStart, slotVolunteer } = volunteerSlots(instance.volunteers);
  kept.childIndex ??= new Map(kept.childIds.map((id, index) => [id, index]));
  if (kept.childIndex.size !== kept.childIds.length) return null; // the full build reports it
  const from = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const known = kept.childIndex.get(instance.children[i].id);
    from[i] = known ?? -1;
  }
  const { child: pairChild, volunteer: pairVolunteer, score: pairScore } = pairs;
  // Grouped by child: where each child's pairs begin (set at each change of child).
  const childStart = new Int32Array(n + 1);
  let previousChild = -1;
  for (let p = 0; p < nPairs; p++) {
    const i = pairChild[p];
    if (i === previousChild) continue;
    if (!(i > previousChild && i < n)) return null;
    childStart.fill(p, previousChild + 1, i + 1);
    previousChild = i;
  }
  childStart.fill(nPairs, previousChild + 1, n + 1);
  const bytes = (column: Int32Array | Float64Array): Buffer =>
    Buffer.from(column.buffer, column.byteOffset, column.byteLength);
  const newVolunteers = bytes(pairVolunteer);
  const oldVolunteers = bytes(old.arcVolunteer);
  const newScores = bytes(pairScore);
  const oldScores = bytes(kept.score);
  const arcScore = new Int32Array(nPairs);
  const lastSeenBy = new Int32Array(m).fill(-1);
  const reusedFrom = new Int32Array(n).fill(-1);
  let reused = 0;
  const sameCount = (i: number): boolean =>
    old.childStart[from[i] + 1] - old.childStart[from[i]] === childStart[i + 1] - childStart[i];
  /**
   * Children [i, end), kept side by side from kept child from[i] on: when their pairs are
   * the same, takes their quantised scores from the kept graph.
   */
  const takeKept = (i: number, end: number): boolean => {
    const first = childStart[i];
    const count = childStart[end] - first;
    const oldFirst = old.childStart[from[i]];
    // Same volunteers and bit-identical scores (the kept ones were validated): two byte
    // comparisons instead of validating and quantising every score again.
    if (
      newVolunteers.compare(oldVolunteers, oldFirst * 4, (oldFirst + count) * 4, first * 4, (first + count) * 4) !==
        0 ||
      newScores.compare(oldScores, oldFirst * 8, (oldFirst + count) * 8, first * 8, (first + count) * 8) !== 0
    )
      return false;
    arcScore.set(old.arcScore.subarray(oldFirst, oldFirst + count), first);
    for (let k = i; k < end; k++) reusedFrom[k] = from[k];
    reused += count;
    return true;
  };
  // Children kept in the same order (the usual case: new children are appended, a few
  // leave) form runs whose pairs lie side by side in both graphs: a whole run is compared
  // and copied at once, child by child only where that finds a difference.
  let runEnd = 0;
  for (let i = 0; i < n; i++) {
    const known = from[i];
    if (known >= 0 && i >= runEnd) {
      let end = i;
      while (end < n && from[end] === known + (end - i) && sameCount(end)) end++;
      runEnd = end;
      if (end - i > 1 && takeKept(i, end)) {
        i = end - 1;
        continue;
      }
    }
    if (known >= 0 && sameCount(i) && takeKept(i, i + 1)) continue;
    const first = childStart[i];
    const count = childStart[i + 1] - first;
    for (let p = first; p < first + count; p++) {
      const v = pairVolunteer[p];
      const score = pairScore[p];
      if (!(v >= 0 && v < m && score >= 0 && score <= 1) || lastSeenBy[v] === i) return null;
      lastSeenBy[v] = i;
      arcScore[p] = Math.round(score * SCORE_UNITS);
    }
  }
  const full: FullGraph = {
    nChildren: n,
    nVolunteers: m,
    nSlots: slotStart[m],
    nArcs: nPairs,
    childStart,
    arcVolunteer: pairVolunteer,
    arcScore,
    arcPair: null,
    slotStart,
    slotVolunteer,
    priority,
    base,
  };
  return {
    full,
    reused,
    known: reusedFrom,
    index: { child: from, volunteer: Int32Array.from({ length: m }, (_, v) => v) },
  };
}

/** A result's warm-start state; a child without a slot is recorded as unmatched. */
function resultState(
  instance: MatchingInstance,
  graph: Pick<Graph, "slotStart" | "priority">,
  slotPrice: Float64Array,
  childSlot: Int32Array,
): WarmStartState {
  return {
    childIds: instance.children.map((c) => c.id),
    volunteerIds: instance.volunteers.map((v) => v.id),
    slotStart: graph.slotStart,
    slotPrice,
    childSlot: childSlot.map((slot) => (slot >= 0 ? slot : OUTSIDE)),
    childPriority: graph.priority,
    serial: crypto.randomUUID(),
  };
}

function extractWarmState(previous: MatchingResult | WarmStartState): WarmStartState {
  return "state" in previous ? previous.state : previous;
}

export function solve(instance: MatchingInstance, options: SolveOptions = {}): MatchingResult {
  const pairs = toPairColumns(instance.pairs);
  // A kept graph may use the columns in place when nobody else can change them.
  const inPlace = options.pairsOwned === true || pairs !== instance.pairs;
  const previous = options.warmStart === undefined ? null : extractWarmState(options.warmStart);
  const kept = previous === null ? undefined : retainedGraphs.get(previous);
  const reuse = kept === undefined ? null : reuseFullGraph(kept, instance, pairs);
  const full = reuse?.full ?? buildFullGraph(instance, pairs);
  const reusedPairs = reuse?.reused ?? 0;
  const warm = previous !== null;
  const candidates = Math.max(1, Math.floor(options.candidates ?? CANDIDATES));
  if (warm) {
    // Insert new children (and children whose pair is gone) by shortest augmenting paths
    // from the previous prices, on the candidate arcs at those prices. That suffices when
    // the exact gap on the full instance proves optimality; otherwise start cold.
    const index = reuse?.index ?? oldIndexById(instance, previous!);
    const start = carryWarmStart(full, instance, previous!, index, reuse?.known ?? null);
    const waiting = settleWorthless(full, start);
    if (waiting === 0) {
      // Nobody has to be inserted: when the carried state is still optimal on the whole
      // instance (exact gap), it is the result; no auction graph is needed.
      const carried = carriedResult(instance, pairs, full, start, reusedPairs);
      if (carried !== null) {
        if (options.retainGraph)
          retain(carried, full, pairs, reuse && keptCandidates(kept!, reuse, start, candidates), inPlace);
        return carried;
      }
    }
    // One insertion can explore most of the candidate arcs: beyond a few dozen
    // insertions a cold solve costs less (skip the warm attempt altogether).
    if (waiting > 0 && waiting <= REPAIR_MAX_WAITING) {
      let wide = reuse && keptCandidates(kept!, reuse, start, candidates);
      if (wide === null) {
        const flags = new Uint8Array(full.nArcs);
        selectCandidates(full, start.slotPrice, start.childSlot, flags, candidates);
        wide = listCandidates(full, flags);
      }
      // Many insertions run on the best few of those arcs first (half the work); if that
      // does not prove optimal on the full instance, on all of them, then cold.
      const attempts = [wide];
      if (candidates > REPAIR_CANDIDATES && waiting > NARROW_FROM) {
        const narrow = new Uint8Array(full.nArcs);
        selectCandidates(full, start.slotPrice, start.childSlot, narrow, REPAIR_CANDIDATES, null, wide);
        attempts.unshift(listCandidates(full, narrow, wide));
      }
      for (const arcs of attempts) {
        const g = buildCandidateGraph(full, arcs);
        const auction = new Auction(g);
        loadStart(auction, start);
        auction.initialise(true);
        if (!auction.repairPending(REPAIR_BUDGET * g.childStart[g.nChildren])) continue;
        // The repaired state is the result when the exact gap on the whole instance proves it optimal.
        const result = carriedResult(instance, pairs, full, auction, reusedPairs);
        if (result !== null) {
          if (options.retainGraph) retain(result, full, pairs, wide, inPlace);
          return result;
        }
      }
    }
  }
  // Cold: the exact optimum of the priority level, then the ε-scaling auction on the
  // candidate arcs at its prices; the exact gap on the full instance decides, and arcs
  // that violate slackness join the candidates for another round.
  // The priority start runs on the best arcs by score; when the exact priority-level
  // gap on all pairs is not zero, it runs again on all pairs and the candidates are
  // chosen by value at its prices.
  let phases = 0;
  let rounds = 0;
  let chosen = new Uint8Array(full.nArcs);
  selectByScore(full, chosen, candidates);
  let next: (Graph & { sub: FullGraph }) | null = buildCandidateGraph(full, listCandidates(full, chosen));
  let start = priorityStart(next.sub);
  if (priorityGap(full, start) !== 0) {
    start = priorityStart(full);
    chosen = new Uint8Array(full.nArcs);
    selectCandidates(full, start.slotPrice, start.childSlot, chosen, candidates);
    next = null;
  }
  for (;;) {
    rounds++;
    const g = next ?? buildCandidateGraph(full, listCandidates(full, chosen));
    next = null;
    const auction = new Auction(g);
    loadStart(auction, start);
    auction.initialise(false);
    phases += runSchedule(auction);
    const check = fullGap(full, auction, chosen);
    if (check.gap < PRICE_SCALE) {
      const result = finish(instance, pairs, g, auction, { phases, warm, rounds, reusedPairs });
      if (options.retainGraph) retain(result, full, pairs, listCandidates(full, chosen), inPlace);
      return result;
    }
    if (check.added === 0) throw new Error(`matching solver: duality gap ${check.gap} on the full instance`);
  }
}

/**
 * The ε-scaling phases from the priority start: that start satisfies ε-slackness for
 * ε = the score range, so the schedule starts there and settles the scores. Stops when
 * the exact gap on the auction's arcs proves optimality there; returns the phases run.
 */
function runSchedule(auction: Auction): number {
  let epsilon = Math.max(1, Math.floor((SCORE_UNITS * PRICE_SCALE) / EPSILON_FACTOR));
  let phases = 0;
  for (;;) {
    // Either side's gap proves optimality once below PRICE_SCALE; after the ε = 1
    // phase the children's side is guaranteed to be (<= #children < PRICE_SCALE).
    const gap = auction.slotSideGap();
    if (gap < PRICE_SCALE) break;
    if (phases > 0 && epsilon === 1) {
      const childGap = auction.childSideGap();
      if (childGap < PRICE_SCALE) break;
      throw new Error(`matching solver: duality gap ${childGap} after the final phase`);
    }
    // A phase ends with a gap of about #children * ε / 2, so an ε far above
    // gap / #children would only repeat the previous phase: skip such phases.
    if (phases > 0) epsilon = Math.floor(epsilon / EPSILON_FACTOR);
    epsilon = Math.max(1, Math.min(epsilon, Math.floor(gap / Math.max(1, auction.childCount))));
    auction.runPhase(epsilon);
    phases++;
  }
  return phases;
}

function finish(
  instance: MatchingInstance,
  pairs: PairColumns,
  g: Graph,
  auction: Auction,
  figures: { phases: number; warm: boolean; rounds: number; reusedPairs: number },
): MatchingResult {
  const assignment = new Int32Array(g.nChildren).fill(-1);
  let objective = 0;
  let matched = 0;
  let totalScore = 0;
  for (let i = 0; i < g.nChildren; i++) {
    const slot = auction.childSlot[i];
    if (slot < 0) continue;
    const v = g.slotVolunteer[slot];
    assignment[i] = v;
    matched++;
    for (let arc = g.childStart[i]; arc < g.childStart[i + 1]; arc++) {
      if (g.arcVolunteer[arc] !== v) continue;
      objective += g.arcValue[arc] / PRICE_SCALE; // exact: PRICE_SCALE is a power of two
      totalScore += pairs.score[g.arcPair[arc]];
      break;
    }
  }
  return {
    assignment,
    objective,
    matched,
    totalScore,
    state: resultState(instance, g, auction.slotPrice, auction.childSlot),
    stats: {
      phases: figures.phases,
      forwardBids: auction.forwardBids,
      reverseBids: auction.reverseBids,
      warm: figures.warm,
      repaired: false,
      rounds: figures.rounds,
      reusedPairs: figures.reusedPairs,
    },
  };
}
