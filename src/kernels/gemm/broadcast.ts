// Batch broadcasting for matrix products: which matrix of an operand each output matrix reads, and where a
// broadcast operand (bias, prelu weights) sits relative to each output element.
import { util } from '@tensorflow/tfjs-core';

const SINGLE_MATRIX: readonly number[] = Object.freeze([0]) as readonly number[];

/** For each output batch index (row-major over `outBatch`), the flat batch index of an operand of batch shape `batch`. */
export function batchIndices(batch: number[], outBatch: number[]): readonly number[] {
  if (outBatch.length === 0) return SINGLE_MATRIX;
  const strides = broadcastStrides(batch, 1, outBatch);
  return mapOutputIndices(outBatch, strides);
}

/**
 * Element strides of a tensor of `shape` broadcast to `outShape` (0 along broadcast dims), given that one
 * element of its last dimension is `unit` elements apart. `shape` aligns to the right of `outShape`.
 */
export function broadcastStrides(shape: number[], unit: number, outShape: number[]): number[] {
  const natural = shape.length === 0 ? [] : [...util.computeStrides(shape), 1].map((s) => s * unit);
  const offset = outShape.length - shape.length;
  return outShape.map((_, d) => {
    const own = d - offset;
    return own < 0 || shape[own] === 1 ? 0 : natural[own];
  });
}

/** Sum of index·stride for each multi-index of `shape`, in row-major order. */
export function mapOutputIndices(shape: number[], strides: number[]): number[] {
  const count = util.sizeFromShape(shape);
  const out = new Array<number>(count);
  const index = new Array<number>(shape.length).fill(0);
  for (let flat = 0; flat < count; flat++) {
    let at = 0;
    for (let d = 0; d < shape.length; d++) at += index[d] * strides[d];
    out[flat] = at;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}
