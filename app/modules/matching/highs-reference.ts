/**
 * Reference LP solves with HiGHS, for tests and the benchmark only: never import
 * this from application code (`highs` is a dev dependency).
 *
 * The assignment LP (rows: children <= 1, volunteers <= capacity; columns:
 * pairs in [0, 1]) is totally unimodular, so its LP optimum is the integer optimum.
 */
import loadHighs, { type Highs } from "highs";
import {
  pairWeight,
  quantiseScore,
  toPairColumns,
  waitingPriority,
  type MatchingInstance,
  type PairColumns,
} from "./solver";

export { loadHighs, type Highs };

type HighsModel = ReturnType<Highs["createModel"]>;

function buildModel(
  highs: Highs,
  instance: MatchingInstance,
  pairs: PairColumns,
  cost: Float64Array,
  integer = false,
): HighsModel {
  const nPairs = pairs.child.length;
  const nChildren = instance.children.length;
  const nRows = nChildren + instance.volunteers.length;
  const starts = new Int32Array(nPairs + 1);
  const indices = new Int32Array(2 * nPairs);
  for (let p = 0; p < nPairs; p++) {
    starts[p + 1] = 2 * (p + 1);
    indices[2 * p] = pairs.child[p];
    indices[2 * p + 1] = nChildren + pairs.volunteer[p];
  }
  const rowUpper = new Float64Array(nRows);
  rowUpper.fill(1, 0, nChildren);
  instance.volunteers.forEach((v, index) => (rowUpper[nChildren + index] = v.capacity));
  const model = highs.createModel({
    numCols: nPairs,
    numRows: nRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: cost,
    colLower: new Float64Array(nPairs),
    colUpper: new Float64Array(nPairs).fill(1),
    rowLower: new Float64Array(nRows).fill(-highs.infinity),
    rowUpper,
    matrix: { format: "csc", numRows: nRows, numCols: nPairs, starts, indices, values: new Float64Array(2 * nPairs).fill(1) },
    ...(integer ? { integrality: new Int32Array(nPairs).fill(highs.constants.variableType.integer) } : {}),
  });
  // Integer mode: prove optimality exactly, not within the default 1e-4 relative MIP gap.
  model.options.set(integer ? { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5 } : { output_flag: false });
  return model;
}

function runOptimal(highs: Highs, model: HighsModel): number {
  model.run();
  const status = model.getModelStatus();
  if (status !== highs.constants.modelStatus.optimal && status !== highs.constants.modelStatus.empty) {
    throw new Error(`HiGHS ended with model status ${status}`);
  }
  return model.getObjectiveValue();
}

/** Per-pair weights of the solver's objective (unscaled integers). */
export function objectiveCosts(instance: MatchingInstance, pairs: PairColumns): Float64Array {
  const cost = new Float64Array(pairs.child.length);
  for (let p = 0; p < cost.length; p++) {
    cost[p] = pairWeight(instance.children[pairs.child[p]].waitingDays, pairs.score[p]);
  }
  return cost;
}

/** LP optimum of the solver's weighted objective. */
export function highsObjective(
  highs: Highs,
  instance: MatchingInstance,
  options: Record<string, string | number | boolean> = {},
): number {
  const pairs = toPairColumns(instance.pairs);
  const model = buildModel(highs, instance, pairs, objectiveCosts(instance, pairs));
  try {
    model.options.set(options);
    return runOptimal(highs, model);
  } finally {
    model.dispose();
  }
}

export interface LexicographicOptimum {
  matched: number;
  prioritySum: number;
  scoreUnits: number;
}

/**
 * The lexicographic optimum computed stage by stage, independent of the solver's
 * weights: maximise the count; fix it and maximise the waiting priority; fix both and
 * maximise the quantised score. The rows fixing a stage break total unimodularity,
 * so this is solved as a MIP: use it on small instances. Stage values are
 * integers, so the rows fixing them use a 0.5 margin.
 */
export function highsLexicographic(highs: Highs, instance: MatchingInstance): LexicographicOptimum {
  const pairs = toPairColumns(instance.pairs);
  const nPairs = pairs.child.length;
  const all = Int32Array.from({ length: nPairs }, (_, p) => p);
  const ones = new Float64Array(nPairs).fill(1);
  const priority = new Float64Array(nPairs);
  const score = new Float64Array(nPairs);
  for (let p = 0; p < nPairs; p++) {
    priority[p] = waitingPriority(instance.children[pairs.child[p]].waitingDays);
    score[p] = quantiseScore(pairs.score[p]);
  }
  const model = buildModel(highs, instance, pairs, ones, true);
  try {
    const matched = Math.round(runOptimal(highs, model));
    if (nPairs === 0) return { matched: 0, prioritySum: 0, scoreUnits: 0 };
    model.addRow(matched - 0.5, highs.infinity, { indices: all, values: ones });
    model.changeColsCost({ kind: "range", from: 0, to: nPairs - 1 }, priority);
    const prioritySum = Math.round(runOptimal(highs, model));
    model.addRow(prioritySum - 0.5, highs.infinity, { indices: all, values: priority });
    model.changeColsCost({ kind: "range", from: 0, to: nPairs - 1 }, score);
    const scoreUnits = Math.round(runOptimal(highs, model));
    return { matched, prioritySum, scoreUnits };
  } finally {
    model.dispose();
  }
}
