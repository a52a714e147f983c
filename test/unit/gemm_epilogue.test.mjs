// @ts-check
// The GEMM's tile epilogue (assembly/gemm/epilogue.ts, finishTile8) against tfjs-backend-cpu, exactly: with a
// depth of 1 every output is one product, rounded once on both backends, so the bias and the activation
// decide the bits, signed zeros and NaN included (relu and relu6 of -0 and of NaN, a -0 bias, no bias).
import { test } from 'uvu';
import { assertSameBits } from '../helpers/float32.mjs';
import { onBackend, rng, tf } from '../helpers/setup.mjs';

const random = rng(77);
/** Values that exercise the activations' edges: signed zeros, NaN, negatives, values past 6. */
const EDGES = [-0, 0, Number.NaN, -1.5, 2.25, 7, -7, 0.5];
const pick = () => EDGES[Math.floor(random() * EDGES.length)];

test('fused matMul epilogues (bias or none; linear, relu, relu6, leakyrelu, elu) equal cpu bit for bit', async () => {
  // m ≥ 4 rows (packed GEMM, not the unpacked path), k = 1, n across full and edge tiles.
  for (const [m, n] of [
    [4, 8],
    [8, 16],
    [5, 19],
    [17, 3],
  ]) {
    const a = Array.from({ length: m }, pick);
    const b = Array.from({ length: n }, pick);
    const bias = Array.from({ length: n }, pick);
    for (const activation of ['linear', 'relu', 'relu6', 'leakyrelu', 'elu']) {
      for (const withBias of [true, false]) {
        const run = () => {
          const out = tf.fused.matMul({
            a: tf.tensor2d(a, [m, 1]),
            b: tf.tensor2d(b, [1, n]),
            bias: withBias ? tf.tensor1d(bias) : undefined,
            activation: /** @type {any} */ (activation),
            leakyreluAlpha: 0.25,
          });
          return out.dataSync();
        };
        const expected = await onBackend('cpu', () => tf.tidy(run));
        const actual = await onBackend('simd', () => tf.tidy(run));
        assertSameBits(actual, expected, `${m}×${n}, ${activation}, bias ${withBias}`);
      }
    }
  }
});

test.run();
