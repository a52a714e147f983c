// @ts-check
// Random op graphs: two broadcasting inputs combined, then a chain of 1-6 steps (element-wise, reductions that
// broadcast back, softmax, layout moves, matMul), differentiated end to end. Each step takes its parameters from
// its own seed and the shape it meets, so any chain is valid.
import fc from 'fast-check';
import { SPECIAL_FLOATS } from './arbitraries.mjs';
import { broadcastPair, withDy } from './cases.mjs';

/** Steps do not grow a tensor past this many elements (they are skipped instead). */
const MAX_GRAPH_SIZE = 4096;

/**
 * Ordinary magnitudes and the special values (±0, ±Infinity, NaN), without overflowing chains. Values below
 * 1e-20 (denormals and tiny normals, tested op by op) become 0 here: a step may round one to 0 on one backend
 * only (elu(−1e-38) is −1e-38 on 'simd', exp(x) − 1 = 0 on 'cpu'), and a later product with Infinity turns
 * that into −Infinity against NaN.
 */
const flushDenormal = (v) => (Math.abs(v) < 1e-20 ? 0 : v);
const graphValue = fc
  .oneof(
    { weight: 20, arbitrary: fc.float({ min: Math.fround(-3), max: Math.fround(3), noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_FLOATS.filter((v) => !Number.isFinite(v) || Math.abs(v) <= 6)) },
  )
  .map(flushDenormal);

/**
 * The steps, each [fn(h, seed), smooth]. Gradients are compared only through smooth steps: at a kink (relu,
 * abs, max, a comparison) a last-bit difference in the value before it may pick the other side.
 */
/** @returns {Array<[(h: any, seed: number) => any, boolean]>} */
function steps(tf) {
  const axisOf = (h, seed) => seed % h.rank;
  // sin of a large intermediate (outer products reach 1e5) turns its argument's rounding into a different value:
  // squashed by tanh first (sin itself is fuzzed over its whole range op by op).
  const smoothUnary = [tf.tanh, tf.sigmoid, (h) => tf.sin(tf.tanh(h)), tf.neg, tf.square, tf.elu, tf.softplus, tf.erf];
  // No sqrt(|h|): after a cancelling step it turns rounding noise ε into √ε, unboundedly ill-conditioned at 0.
  const kinkedUnary = [tf.relu, tf.abs, tf.relu6, (h) => tf.exp(tf.neg(tf.abs(h))), (h) => tf.log1p(tf.abs(h))];
  const smoothBinary = [tf.add, tf.mul, tf.sub, tf.squaredDifference];
  const constant = (s) => ((s >> 3) % 7) - 3 + 0.5;
  return [
    [(h, s) => smoothUnary[s % smoothUnary.length](h), true],
    [(h, s) => kinkedUnary[s % kinkedUnary.length](h), false],
    [(h, s) => smoothBinary[s % smoothBinary.length](h, constant(s)), true],
    [(h, s) => (s % 2 ? tf.maximum : tf.minimum)(h, constant(s)), false],
    [(h, s) => (h.rank ? tf.sub(h, tf.mean(h, axisOf(h, s), true)) : h), true],
    [(h, s) => (h.rank ? tf.div(h, tf.sqrt(tf.add(tf.mean(tf.square(h), axisOf(h, s), true), 1))) : h), true],
    [(h, s) => (h.rank ? tf.div(h, tf.add(tf.max(tf.abs(h), axisOf(h, s), true), 1)) : h), false],
    [(h) => (h.rank ? tf.softmax(h) : h), true],
    [
      (h, s) =>
        h.rank >= 2
          ? tf.transpose(
              h,
              [...Array(h.rank).keys()].sort((a, b) => ((a * 7 + s) % 5) - ((b * 7 + s) % 5)),
            )
          : h,
      true,
    ],
    [(h, s) => (h.rank ? tf.reverse(h, axisOf(h, s)) : h), true],
    [
      (h, s) =>
        h.rank
          ? tf.slice(
              h,
              h.shape.map((d, i) => (s >> i) % (Math.floor(d / 2) + 1)),
              -1,
            )
          : h,
      true,
    ],
    [(h, s) => (h.rank && 2 * h.size <= MAX_GRAPH_SIZE ? tf.concat([h, tf.tanh(h)], axisOf(h, s)) : h), true],
    [(h, s) => (h.rank ? tf.cumsum(h, axisOf(h, s), (s & 1) === 1, (s & 2) === 2) : h), true],
    [
      (h) => {
        if (h.rank === 0 || h.shape[0] ** 2 > MAX_GRAPH_SIZE) return h;
        const m = tf.reshape(h, [h.shape[0], -1]);
        return tf.matMul(m, m, false, true);
      },
      true,
    ],
    [
      (h) =>
        h.rank && h.size * 3 <= MAX_GRAPH_SIZE
          ? tf.pad(
              h,
              h.shape.map((_, i) => [i % 2, 1]),
            )
          : h,
      true,
    ],
    [(h, s) => (h.rank >= 2 ? tf.sum(h, axisOf(h, s)) : h), true],
    [(h) => tf.where(tf.greater(h, 0), h, tf.mul(h, 0.1)), false],
    [(h, s) => (h.rank ? tf.logSumExp(h, axisOf(h, s), true) : h), true],
  ];
}

export function graphOps(tf) {
  const all = steps(tf);
  /** The largest finite |value| of a tensor (0 when empty or all non-finite). */
  const largest = (t) =>
    t.size === 0 ? 0 : tf.max(tf.where(tf.isFinite(t), tf.abs(t), tf.zerosLike(t))).dataSync()[0];
  /** The chain's output and the largest finite magnitude among its inputs and every intermediate result. */
  const runChain = ([x, y], chain) => {
    let h = tf.add(x, y);
    let magnitude = Math.max(largest(x), largest(y), largest(h));
    for (const [kind, seed] of chain) {
      h = all[kind][0](h, seed);
      magnitude = Math.max(magnitude, largest(h));
    }
    return { h, magnitude };
  };
  return [
    {
      name: 'random graph',
      kernels: ['*'],
      weight: 10,
      // tfjs-backend-cpu's concat of empty tensors returns a plain Array, which its slice cannot subarray().
      cpuBugs: [/vals\.subarray is not a function/],
      // Chains compound roundings and a step may cancel (centre then sum; outer products raise magnitudes to the 4th
      // power before a difference): every element is judged relative to the largest finite magnitude the chain reached
      // at any step on 'cpu', values and gradients alike. A gradient through a cancelling step sums contributions that
      // cancel to rounding noise: 1e-4 absolute; gradients multiply the chain's derivatives, so their bound is looser.
      // This property hunts wrong kernels and leaks, which miss by far more; the per-op bounds are tight.
      tol: { rtol: 1e-3, atol: 1e-5 },
      gradTol: { rtol: 5e-3, atol: 1e-4 },
      scale: {
        fn: (tensors, { chain }) => {
          const { h, magnitude } = runChain(tensors, chain);
          return tf.fill(h.shape, magnitude);
        },
        use: 'magnitude',
      },
      gradScale: {
        outputOf: (tensors, { chain }) => runChain(tensors, chain).h,
        gradFn: (tensors, { chain }) => {
          const { magnitude } = runChain(tensors, chain);
          return tensors.map((t) => tf.fill(t.shape, magnitude));
        },
        use: 'magnitude',
      },
      arb: withDy(
        fc
          .tuple(
            broadcastPair({ valueArbs: [graphValue, graphValue], maxRank: 3 }),
            fc.array(fc.tuple(fc.nat(all.length - 1), fc.nat(1 << 20)), { minLength: 1, maxLength: 6 }),
          )
          .map(([{ inputs }, chain]) => ({ inputs, params: { chain } })),
      ),
      run: ([x, y], { chain }) => chain.reduce((h, [kind, seed]) => all[kind][0](h, seed), tf.add(x, y)),
      grad: ({ chain }) => chain.every(([kind]) => all[kind][1]),
    },
  ];
}
