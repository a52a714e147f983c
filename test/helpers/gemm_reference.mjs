// @ts-check
// Float64 reference for the GEMM tests: batched op(A)·op(B) with broadcast batches, bias and activation,
// plus the error bound each float32 result must meet.
import { broadcastShape, size } from './shapes.mjs';

/** Unit roundoff of float32. */
export const U32 = 2 ** -24;

function strides(shape) {
  const out = new Array(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) out[d] = out[d + 1] * shape[d + 1];
  return out;
}

/** Flat index into a tensor of `shape` for output multi-index `index` (right-aligned broadcasting). */
function broadcastIndex(shape, index) {
  const s = strides(shape);
  const offset = index.length - shape.length;
  let at = 0;
  for (let d = 0; d < shape.length; d++) at += (shape[d] === 1 ? 0 : index[d + offset]) * s[d];
  return at;
}

const ACTIVATIONS = {
  linear: (x) => x,
  relu: (x) => Math.max(0, x),
  relu6: (x) => Math.min(Math.max(0, x), 6),
  elu: (x) => (x >= 0 ? x : Math.exp(x) - 1),
  leakyrelu: (x, alpha) => (x < 0 ? alpha * x : x),
  prelu: (x, w) => (x < 0 ? w * x : x),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
};

/**
 * Reference values and per-element tolerance. For each output, with S = Σ_k |a_ik·b_kj| + |bias|, any
 * float32 summation order satisfies |c − exact| ≤ γ(K+1)·S with γ(n) = n·u/(1 − n·u) (Higham, Thm 3.1);
 * every activation here is 1-Lipschitz (|prelu weights| ≤ 1, alpha ≤ 1), and its own float32 evaluation
 * adds at most a few ulps: tolerance = γ(K+1)·S + 4·u·|ref|.
 * @param {{ a: ArrayLike<number>, aShape: number[], b: ArrayLike<number>, bShape: number[], transposeA?: boolean,
 *   transposeB?: boolean, bias?: ArrayLike<number>, biasShape?: number[], activation?: string, alpha?: number,
 *   prelu?: ArrayLike<number>, preluShape?: number[] }} product
 */
export function referenceMatMul({
  a,
  aShape,
  b,
  bShape,
  transposeA = false,
  transposeB = false,
  bias,
  biasShape,
  activation = 'linear',
  alpha = 0.2,
  prelu,
  preluShape,
}) {
  const ra = aShape.length;
  const rb = bShape.length;
  const m = transposeA ? aShape[ra - 1] : aShape[ra - 2];
  const k = transposeA ? aShape[ra - 2] : aShape[ra - 1];
  const n = transposeB ? bShape[rb - 2] : bShape[rb - 1];
  const outBatch = broadcastShape(aShape.slice(0, -2), bShape.slice(0, -2));
  const outShape = [...outBatch, m, n];
  const batches = size(outBatch);
  const values = new Float64Array(batches * m * n);
  const tolerance = new Float64Array(values.length);
  const gamma = ((k + 1) * U32) / (1 - (k + 1) * U32);
  const act = ACTIVATIONS[activation];
  const batchIndex = new Array(outBatch.length).fill(0);
  for (let bi = 0; bi < batches; bi++) {
    const aBase = broadcastIndex(aShape.slice(0, -2), batchIndex) * m * k;
    const bBase = broadcastIndex(bShape.slice(0, -2), batchIndex) * k * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let abs = 0;
        for (let p = 0; p < k; p++) {
          const x = a[aBase + (transposeA ? p * m + i : i * k + p)];
          const y = b[bBase + (transposeB ? j * k + p : p * n + j)];
          sum += x * y;
          abs += Math.abs(x * y);
        }
        const index = [...batchIndex, i, j];
        if (bias) {
          const v = bias[broadcastIndex(biasShape, index)];
          sum += v;
          abs += Math.abs(v);
        }
        const extra = activation === 'prelu' ? prelu[broadcastIndex(preluShape, index)] : alpha;
        const out = act(sum, extra);
        const at = (bi * m + i) * n + j;
        values[at] = out;
        tolerance[at] = gamma * abs + 4 * U32 * Math.abs(out) + 1e-38;
      }
    }
    for (let d = outBatch.length - 1; d >= 0; d--) {
      if (++batchIndex[d] < outBatch[d]) break;
      batchIndex[d] = 0;
    }
  }
  return { values, tolerance, outShape };
}

/** Throws at the first element outside its tolerance (NaN must match NaN). */
export function assertWithin(actual, { values, tolerance }, what) {
  if (actual.length !== values.length) throw new Error(`${what}: length ${actual.length} != ${values.length}`);
  for (let i = 0; i < values.length; i++) {
    const e = values[i];
    const ok = Number.isNaN(e) ? Number.isNaN(actual[i]) : Math.abs(actual[i] - e) <= tolerance[i];
    if (!ok) {
      throw new Error(`${what}: index ${i}: got ${actual[i]}, expected ${e} ± ${tolerance[i]}`);
    }
  }
}
