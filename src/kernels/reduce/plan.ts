// Turns "reduce these axes of this shape" into a few WASM calls, each reducing the middle axis of an
// [outer, n, inner] view. Size-1 axes are dropped and neighbouring axes of the same kind merged, so the
// common cases (rows, columns) take one call; any other axis set takes one call per group of reduced axes,
// innermost group first, with an intermediate tensor between calls. No transpose is needed.
import { backend_util, util } from '@tensorflow/tfjs-core';

export interface ReductionStep {
  outer: number;
  n: number;
  inner: number;
}

export interface ReductionPlan {
  /** Output shape without the reduced axes (tfjs-backend-cpu's order: the kept axes in order). */
  outShape: number[];
  /** Output shape with the reduced axes kept as size 1. */
  keepDimsShape: number[];
  /** Elements folded into one output element. */
  reduceSize: number;
  outSize: number;
  /** WASM calls in order; empty only when the output or the reduced axes hold no element. */
  steps: ReductionStep[];
}

interface Group {
  size: number;
  reduced: boolean;
}

/** `axis` null or undefined means every axis, as in util.parseAxisParam. */
export function planReduction(shape: number[], axis: number | number[] | undefined): ReductionPlan {
  const axes = util.parseAxisParam(axis as number | number[], shape);
  const [outShape, reduceShape] = backend_util.computeOutAndReduceShapes(shape, axes);
  const reduceSize = util.sizeFromShape(reduceShape);
  const outSize = util.sizeFromShape(outShape);
  const keepDimsShape = backend_util.expandShapeToKeepDim(outShape, axes);
  const steps = reduceSize === 0 || outSize === 0 ? [] : planSteps(mergedGroups(shape, axes));
  // Only size-1 axes (or none) reduced: still one pass, as cpu's sum of one value is 0 + x (+0 for -0).
  if (steps.length === 0 && reduceSize > 0 && outSize > 0) steps.push({ outer: outSize, n: 1, inner: 1 });
  return { outShape, keepDimsShape, reduceSize, outSize, steps };
}

/** The shape as alternating runs of kept and reduced axes, size-1 axes left out. Plain loops: this runs per call. */
function mergedGroups(shape: number[], axes: number[]): Group[] {
  const groups: Group[] = [];
  for (let dim = 0; dim < shape.length; dim++) {
    const size = shape[dim];
    if (size === 1) continue;
    const reduced = axes.includes(dim);
    const last = groups.length > 0 ? groups[groups.length - 1] : undefined;
    if (last !== undefined && last.reduced === reduced) last.size *= size;
    else groups.push({ size, reduced });
  }
  return groups;
}

function planSteps(groups: Group[]): ReductionStep[] {
  const steps: ReductionStep[] = [];
  for (;;) {
    let g = groups.length - 1;
    while (g >= 0 && !groups[g].reduced) g--;
    if (g < 0) return steps;
    let outer = 1;
    for (let i = 0; i < g; i++) outer *= groups[i].size;
    let inner = 1;
    for (let i = g + 1; i < groups.length; i++) inner *= groups[i].size;
    steps.push({ outer, n: groups[g].size, inner });
    const before = groups[g - 1];
    const after = groups[g + 1];
    if (before != null && after != null) {
      // Both neighbours are kept runs: they become one run.
      groups.splice(g - 1, 3, { size: before.size * after.size, reduced: false });
    } else {
      groups.splice(g, 1);
    }
  }
}

/** One step reducing a single axis (ArgMax/ArgMin, scans), size-1 or not. */
export function singleAxisStep(shape: number[], axis: number): ReductionStep {
  return {
    outer: util.sizeFromShape(shape.slice(0, axis)),
    n: shape[axis],
    inner: util.sizeFromShape(shape.slice(axis + 1)),
  };
}

/**
 * Whether the axes are given in ascending order. cpu folds the reduced values in the order the axes are
 * given; only then do the first values it meets (which decide the sign of a zero maximum) match ours.
 */
export function axesAscending(shape: number[], axis: number | number[] | undefined): boolean {
  const axes = util.parseAxisParam(axis as number | number[], shape);
  return axes.every((a, i) => i === 0 || axes[i - 1] < a);
}
