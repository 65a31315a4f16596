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
 * A cold solve starts from the exact optimum of the priority level alone (matroid
 * greedy plus alternating-path prices, see priorityStart), so the ε schedule only has
 * to settle the scores.
 *
 * Warm start: prices and holdings of the previous result are carried over by
 * child and volunteer id, so children and volunteers may come and go. New children
 * are inserted by shortest augmenting paths on the previous duals; when the gap check
 * does not then prove optimality, the solve starts cold.
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
/** Warm start: shortest-path repairs may scan this many times the arcs before starting cold. */
const REPAIR_BUDGET = 2;
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
  };
}

export interface SolveOptions {
  warmStart?: MatchingResult | WarmStartState;
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

/** Adjacency of the instance in both directions, values pre-scaled. */
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
  maxValue: number;
}

function buildGraph(instance: MatchingInstance, pairs: PairColumns): Graph {
  const n = instance.children.length;
  const m = instance.volunteers.length;
  if (n > MAX_CHILDREN) {
    throw new RangeError(`at most ${MAX_CHILDREN} children per solve (got ${n}); solve per programme`);
  }
  const priority = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const days = instance.children[i].waitingDays;
    if (!Number.isFinite(days) || days < 0) throw new RangeError(`child ${i}: invalid waitingDays`);
    priority[i] = waitingPriority(days);
  }
  const slotStart = new Int32Array(m + 1);
  for (let v = 0; v < m; v++) {
    const capacity = instance.volunteers[v].capacity;
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`volunteer ${v}: invalid capacity`);
    slotStart[v + 1] = slotStart[v] + capacity;
  }
  const nSlots = slotStart[m];
  const slotVolunteer = new Int32Array(nSlots);
  for (let v = 0; v < m; v++) slotVolunteer.fill(v, slotStart[v], slotStart[v + 1]);

  const nPairs = pairs.child.length;
  if (pairs.volunteer.length !== nPairs || pairs.score.length !== nPairs) {
    throw new RangeError("pair columns differ in length");
  }
  const childStart = new Int32Array(n + 1);
  const volunteerStart = new Int32Array(m + 1);
  for (let p = 0; p < nPairs; p++) {
    const i = pairs.child[p];
    const v = pairs.volunteer[p];
    const score = pairs.score[p];
    if (i < 0 || i >= n || v < 0 || v >= m) throw new RangeError(`pair ${p}: index out of range`);
    if (!(score >= 0 && score <= 1)) throw new RangeError(`pair ${p}: score must be in [0, 1]`);
    childStart[i + 1]++;
    volunteerStart[v + 1]++;
  }
  for (let i = 0; i < n; i++) childStart[i + 1] += childStart[i];
  for (let v = 0; v < m; v++) volunteerStart[v + 1] += volunteerStart[v];

  const arcVolunteer = new Int32Array(nPairs);
  const arcValue = new Float64Array(nPairs);
  const arcPair = new Int32Array(nPairs);
  const reverseChild = new Int32Array(nPairs);
  const reverseValue = new Float64Array(nPairs);
  const childFill = childStart.slice(0, n);
  const volunteerFill = volunteerStart.slice(0, m);
  let maxValue = 0;
  for (let p = 0; p < nPairs; p++) {
    const i = pairs.child[p];
    const v = pairs.volunteer[p];
    const value = (PRIORITY_UNIT * priority[i] + quantiseScore(pairs.score[p])) * PRICE_SCALE;
    if (value > maxValue) maxValue = value;
    const arc = childFill[i]++;
    arcVolunteer[arc] = v;
    arcValue[arc] = value;
    arcPair[arc] = p;
    const reverseArc = volunteerFill[v]++;
    reverseChild[reverseArc] = i;
    reverseValue[reverseArc] = value;
  }
  // A repeated pair would make the replicated problem ambiguous: reject it.
  const lastSeenBy = new Int32Array(m).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let arc = childStart[i]; arc < childStart[i + 1]; arc++) {
      const v = arcVolunteer[arc];
      if (lastSeenBy[v] === i) throw new RangeError(`duplicate pair (${i}, ${v})`);
      lastSeenBy[v] = i;
    }
  }
  return {
    nChildren: n,
    nVolunteers: m,
    nSlots,
    childStart,
    arcVolunteer,
    arcValue,
    arcPair,
    volunteerStart,
    reverseChild,
    reverseValue,
    slotStart,
    slotVolunteer,
    priority,
    maxValue,
  };
}

/** childSlot value of a child that holds its outside option ("stay unmatched", worth 0). */
const OUTSIDE = -1;
/** childSlot value of a child that holds nothing yet and has to bid; its profit is kept. */
const UNASSIGNED = -2;
/** Candidates a bidder keeps between full scans of its arcs. */
const CACHE_SIZE = 6;

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
   * Warm start: inserts each child still waiting to bid by one shortest augmenting path
   * (Dijkstra on reduced costs profit + price - value, clamped at 0, from the previous
   * solution's prices), then updates the duals of the settled nodes as the Hungarian
   * method does. This keeps every held pair tight, free slots at price 0 and every
   * reduced cost >= min(previous reduced cost, 0), so the state stays as slack as the
   * previous optimum; the caller's exact duality-gap check decides whether that
   * suffices. The path may end at a free slot, at the new child's outside option, or
   * by sending a held child to its outside option (the lowest-value child it reaches).
   * Returns false (nothing changed) when the work exceeds `budget` arc scans.
   */
  repairPending(budget: number): boolean {
    const { nChildren, childStart, arcVolunteer, arcValue, slotStart, slotVolunteer } = this.g;
    const { slotOwner, slotPrice, childSlot, profit } = this;
    const nodes = nChildren + this.g.nSlots;
    const dist = new Float64Array(nodes).fill(Infinity);
    const predArc = new Int32Array(nodes);
    const settled: number[] = [];
    const touched: number[] = [];
    const heap = new Heap();
    let work = 0;
    const pending = this.pending;
    for (let k = 0; k < pending.length; k++) {
      const j = pending[k];
      if (childSlot[j] !== UNASSIGNED) continue;
      // Earlier repairs may have raised prices: start from j's best value now.
      profit[j] = this.bestChildValue(j);
      // Terminal: 0 = j stays out, 1 = a free slot, 2 = a held child goes out.
      let best = Math.max(0, profit[j]);
      let terminalKind = 0;
      let terminal = j;
      dist[j] = 0;
      touched.push(j);
      heap.push(0, j);
      while (heap.size > 0) {
        const d = heap.topKey();
        const x = heap.pop();
        if (d >= best) break;
        if (d > dist[x]) continue;
        settled.push(x);
        if (x >= nChildren) {
          // A held slot: its holder is reached at the same distance (matched arc).
          const h = slotOwner[x - nChildren];
          if (d < dist[h]) {
            if (dist[h] === Infinity) touched.push(h);
            dist[h] = d;
            predArc[h] = -1;
            heap.push(d, h);
          }
          continue;
        }
        const i = x;
        if (i !== j) {
          const out = d + Math.max(0, profit[i]);
          if (out < best) {
            best = out;
            terminalKind = 2;
            terminal = i;
          }
        }
        work += childStart[i + 1] - childStart[i];
        for (let arc = childStart[i]; arc < childStart[i + 1]; arc++) {
          const v = arcVolunteer[arc];
          const value = arcValue[arc];
          for (let slot = slotStart[v]; slot < slotStart[v + 1]; slot++) {
            if (slot === childSlot[i]) continue;
            const reduced = profit[i] + slotPrice[slot] - value;
            const nd = d + (reduced > 0 ? reduced : 0);
            const node = nChildren + slot;
            if (nd >= dist[node]) continue;
            if (dist[node] === Infinity) touched.push(node);
            dist[node] = nd;
            predArc[node] = arc;
            if (slotOwner[slot] < 0) {
              if (nd < best) {
                best = nd;
                terminalKind = 1;
                terminal = slot;
              }
            } else if (nd < best) {
              heap.push(nd, node);
            }
          }
        }
      }
      heap.clear();
      // Give up as soon as the paths so far project past the budget.
      if (work > budget || (work / (k + 1)) * pending.length > 2 * budget) {
        for (const x of touched) dist[x] = Infinity;
        return false;
      }
      // Dual update: settled nodes move by (best - distance).
      for (const x of settled) {
        const delta = best - dist[x];
        if (delta <= 0) continue;
        if (x >= nChildren) slotPrice[x - nChildren] += delta;
        else profit[x] -= delta;
      }
      // Augment backwards from the terminal.
      let slot = -1;
      let child = j;
      if (terminalKind === 0) {
        childSlot[j] = OUTSIDE;
        profit[j] = 0;
      } else {
        if (terminalKind === 1) {
          slot = terminal;
          child = arcChild(predArc[nChildren + slot]);
        } else {
          const h = terminal;
          slot = childSlot[h];
          childSlot[h] = OUTSIDE;
          slotOwner[slot] = -1;
          profit[h] = 0;
          child = arcChild(predArc[nChildren + slot]);
        }
        for (;;) {
          const arc = predArc[nChildren + slot];
          const old = childSlot[child];
          slotOwner[slot] = child;
          childSlot[child] = slot;
          profit[child] = arcValue[arc] - slotPrice[slot];
          if (child === j) break;
          slot = old;
          child = arcChild(predArc[nChildren + slot]);
        }
      }
      for (const x of settled) if (x >= nChildren) this.refreshVolunteer(slotVolunteer[x - nChildren]);
      for (const x of touched) dist[x] = Infinity;
      settled.length = 0;
      touched.length = 0;
    }
    this.pending = [];
    return true;

    function arcChild(arc: number): number {
      // Children's arcs are contiguous: binary search the owner of an arc.
      let lo = 0;
      let hi = nChildren - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (childStart[mid] <= arc) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    }
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
      let best = -Infinity;
      let second = -Infinity;
      let bestArc = -1;
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
      let best = 0; // the outside option
      let second = -Infinity;
      let bestArc = -1;
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

/** Copies prices and held slots of the previous result onto the new instance, by id. */
function applyWarmStart(auction: Auction, g: Graph, instance: MatchingInstance, previous: WarmStartState): void {
  const oldVolunteer = new Map<string, number>();
  previous.volunteerIds.forEach((id, index) => oldVolunteer.set(id, index));
  const oldChild = new Map<string, number>();
  previous.childIds.forEach((id, index) => oldChild.set(id, index));
  if (oldVolunteer.size !== previous.volunteerIds.length || oldChild.size !== previous.childIds.length) {
    throw new RangeError("warm start: ids must be unique");
  }
  // Old slot -> new slot, so held slots can be translated as well.
  const slotMap = new Int32Array(previous.slotPrice.length).fill(-1);
  for (let v = 0; v < g.nVolunteers; v++) {
    const old = oldVolunteer.get(instance.volunteers[v].id);
    if (old === undefined) continue;
    const oldStart = previous.slotStart[old];
    const kept = Math.min(previous.slotStart[old + 1] - oldStart, g.slotStart[v + 1] - g.slotStart[v]);
    for (let k = 0; k < kept; k++) {
      slotMap[oldStart + k] = g.slotStart[v] + k;
      auction.slotPrice[g.slotStart[v] + k] = previous.slotPrice[oldStart + k];
    }
  }
  // New children, and children whose slot is gone, start without a holding.
  for (let i = 0; i < g.nChildren; i++) {
    const old = oldChild.get(instance.children[i].id);
    const oldSlot = old === undefined ? UNASSIGNED : previous.childSlot[old];
    let slot = oldSlot === OUTSIDE ? OUTSIDE : UNASSIGNED;
    if (oldSlot >= 0 && slotMap[oldSlot] >= 0) slot = slotMap[oldSlot];
    auction.childSlot[i] = slot;
    if (slot >= 0) auction.slotOwner[slot] = i;
  }
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
function priorityStart(auction: Auction, g: Graph): void {
  const { nChildren, nVolunteers, childStart, arcVolunteer, arcValue, slotStart, priority } = g;
  const { slotOwner, childSlot, slotPrice } = auction;
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
      if (free[arcVolunteer[arc]] > 0 && (bestArc < 0 || arcValue[arc] > arcValue[bestArc])) bestArc = arc;
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
}

function extractWarmState(previous: MatchingResult | WarmStartState): WarmStartState {
  return "state" in previous ? previous.state : previous;
}

export function solve(instance: MatchingInstance, options: SolveOptions = {}): MatchingResult {
  const pairs = toPairColumns(instance.pairs);
  const g = buildGraph(instance, pairs);
  let auction = new Auction(g);
  const warm = options.warmStart !== undefined;
  let repaired = false;
  if (warm) {
    // Insert new children (and children whose pair is gone) by shortest augmenting paths
    // from the previous prices. That suffices when the gap check proves optimality; after
    // other changes (e.g. a freed slot still has a price), or when the paths get long
    // (a flat landscape of near-ties makes each one explore most of the graph), start
    // cold, which costs less than an ε schedule from the carried-over prices.
    applyWarmStart(auction, g, instance, extractWarmState(options.warmStart!));
    auction.initialise(true);
    if (auction.repairPending(REPAIR_BUDGET * (g.childStart[g.nChildren] + g.nChildren))) {
      const gap = auction.slotSideGap();
      repaired = gap < PRICE_SCALE;
    }
    if (!repaired) auction = new Auction(g);
  }
  if (!repaired) {
    priorityStart(auction, g);
    auction.initialise(false);
  }

  // The priority start satisfies ε-slackness for ε = the score range, so the schedule
  // starts there; the phases settle the scores.
  let epsilon = Math.max(1, Math.floor((SCORE_UNITS * PRICE_SCALE) / EPSILON_FACTOR));
  let phases = 0;
  while (!repaired) {
    // Either side's gap proves optimality once below PRICE_SCALE; after the ε = 1
    // phase the children's side is guaranteed to be (<= #children < PRICE_SCALE).
    const gap = auction.slotSideGap();
    if (gap < PRICE_SCALE) break;
    if (phases > 0 && epsilon === 1) {
      const childGap = auction.childSideGap();
      if (childGap < PRICE_SCALE) break;
      throw new Error(`matching solver: duality gap ${childGap} after the final phase`);
    }
    if (phases > 0) epsilon = Math.max(1, Math.floor(epsilon / EPSILON_FACTOR));
    auction.runPhase(epsilon);
    phases++;
  }

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
    state: {
      childIds: instance.children.map((c) => c.id),
      volunteerIds: instance.volunteers.map((v) => v.id),
      slotStart: g.slotStart,
      slotPrice: auction.slotPrice,
      childSlot: auction.childSlot,
    },
    stats: {
      phases,
      forwardBids: auction.forwardBids,
      reverseBids: auction.reverseBids,
      warm,
      repaired,
    },
  };
}
