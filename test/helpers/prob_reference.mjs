// @ts-check
// Float64 references of the probabilistic ops, and central finite differences of them, for the prob tests.
// Inputs are the float32 values the ops see; everything after is computed in float64.
import { size } from './shapes.mjs';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Maps a flat index of `full` to the flat index of an operand of `shape` that broadcasts to it. */
export function broadcastIndexer(shape, full) {
  const rank = full.length;
  const padded = [...Array(rank - shape.length).fill(1), ...shape];
  const strides = new Array(rank).fill(0);
  let stride = 1;
  for (let d = rank - 1; d >= 0; d--) {
    strides[d] = padded[d] === 1 ? 0 : stride;
    stride *= padded[d];
  }
  return (flat) => {
    let index = 0;
    for (let d = rank - 1; d >= 0; d--) {
      index += (flat % full[d]) * strides[d];
      flat = Math.floor(flat / full[d]);
    }
    return index;
  };
}

/** Applies `perElement(values...)` over `full` and sums over the last axis unless `elementwise`. */
function rowReduce(full, operands, perElement, elementwise = false) {
  const count = size(full);
  const cols = full[full.length - 1];
  const index = operands.map(({ shape }) => broadcastIndexer(shape, full));
  const rows = cols === 0 ? size(full.slice(0, -1)) : count / cols;
  const out = new Float64Array(elementwise ? count : rows);
  for (let i = 0; i < count; i++) {
    const value = perElement(...operands.map(({ values }, k) => values[index[k](i)]));
    if (elementwise) out[i] = value;
    else out[Math.floor(i / cols)] += value;
  }
  return out;
}

/**
 * @typedef {{ values: ArrayLike<number>, shape: number[] }} Operand
 */

/**
 * @param {Operand} x
 * @param {Operand} mean
 * @param {Operand} logVar
 * @param {{ includeConstant?: boolean, reduction?: string, varianceFloor?: number }} [options]
 */
export function gaussian64(x, mean, logVar, { includeConstant = true, reduction = 'sum', varianceFloor } = {}) {
  const floor = varianceFloor == null ? -Infinity : Math.log(varianceFloor);
  const c = includeConstant ? HALF_LOG_2PI : 0;
  return rowReduce(
    x.shape,
    [x, mean, logVar],
    (xi, mi, lvi) => {
      const v = Number.isNaN(lvi) ? NaN : Math.max(lvi, floor);
      const z = (xi - mi) * Math.exp(-v / 2);
      return -(z * z + v) / 2 - c;
    },
    reduction === 'none',
  );
}

export function kl64(mean, logVar, full) {
  return rowReduce(full, [mean, logVar], (m, lv) => (Math.exp(lv) + m * m - 1 - lv) / 2);
}

export function reparameterize64(mean, logVar, eps) {
  return rowReduce(eps.shape, [mean, logVar, eps], (m, lv, e) => m + Math.exp(lv / 2) * e, true);
}

export function sigmoidXent64(labels, logits) {
  return rowReduce(
    logits.shape,
    [labels, logits],
    (z, x) => Math.max(x, 0) - x * z + Math.log1p(Math.exp(-Math.abs(x))),
    true,
  );
}

/** Softmax cross-entropy over the last axis. */
export function softmaxXent64(labels, logits) {
  const cols = logits.shape[logits.shape.length - 1];
  const rows = cols === 0 ? size(logits.shape.slice(0, -1)) : logits.values.length / cols;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, logits.values[r * cols + j]);
    let s = 0;
    for (let j = 0; j < cols; j++) s += Math.exp(logits.values[r * cols + j] - max);
    let loss = 0;
    for (let j = 0; j < cols; j++) {
      loss -= labels.values[r * cols + j] * (logits.values[r * cols + j] - max - Math.log(s));
    }
    out[r] = cols === 0 ? 0 : loss;
  }
  return out;
}

/** TF's definition read literally: Σ_b w_b · Σ_{i<j} ((pᵢ−pⱼ) − (lᵢ−lⱼ))² / C(n,2). */
export function pairwise64(labels, predictions, weights) {
  const batch = labels.shape[0];
  const n = batch === 0 ? 0 : labels.values.length / batch;
  let total = 0;
  for (let b = 0; b < batch; b++) {
    const w = weights[b];
    if (w === 0 || n < 2) continue;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const diff =
          predictions.values[b * n + i] -
          predictions.values[b * n + j] -
          (labels.values[b * n + i] - labels.values[b * n + j]);
        sum += diff * diff;
      }
    }
    total += (w * sum) / ((n * (n - 1)) / 2);
  }
  return new Float64Array([total]);
}

/**
 * Central finite differences of Σ_k u_k·f(operands)_k with respect to every value of operand `which`.
 * `operands` are {values, shape}; the values are copied to float64 first.
 */
export function numericGradient(f, operands, which, upstream) {
  const ops = operands.map(({ values, shape }) => ({ values: Float64Array.from(values), shape }));
  const target = ops[which].values;
  const grad = new Float64Array(target.length);
  const weighted = () => f(...ops).reduce((acc, v, k) => acc + v * upstream[k], 0);
  for (let i = 0; i < target.length; i++) {
    const original = target[i];
    const h = 1e-6 * Math.max(1, Math.abs(original));
    target[i] = original + h;
    const plus = weighted();
    target[i] = original - h;
    const minus = weighted();
    target[i] = original;
    grad[i] = (plus - minus) / (2 * h);
  }
  return grad;
}

/**
 * Bernoulli log p(x | l) = x·l − softplus(l) in the stable form (x − [l > 0])·l − log1p(exp(−|l|)), the product
 * taken as 0 where x − [l > 0] is 0 (its limit at l = ±Infinity).
 */
export function bernoulliTerm64(x, l) {
  const d = x - (l > 0 ? 1 : 0);
  return (d === 0 && !Number.isNaN(l) ? 0 : d * l) - Math.log1p(Math.exp(-Math.abs(l)));
}

export function bernoulli64(x, logits, { reduction = 'sum' } = {}) {
  return rowReduce(x.shape, [x, logits], bernoulliTerm64, reduction === 'none');
}

/** Gradients of Σ dy·log p: [dy·l, dy·(x − sigmoid(l))], dy per row (`reduction` 'sum') or per element. */
export function bernoulliGrad64(x, logits, dy, { reduction = 'sum' } = {}) {
  const cols = x.shape[x.shape.length - 1];
  const dx = new Float64Array(x.values.length);
  const dLogits = new Float64Array(x.values.length);
  for (let i = 0; i < x.values.length; i++) {
    const g = dy[reduction === 'none' ? i : Math.floor(i / cols)];
    const l = logits.values[i];
    dx[i] = g * l;
    dLogits[i] = g * (x.values[i] - 1 / (1 + Math.exp(-l)));
  }
  return [dx, dLogits];
}
