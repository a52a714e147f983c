// @ts-check
// The composite path on tfjs-backend-wasm: every op, forward and gradients, agrees with 'cpu'.
import '@tensorflow/tfjs-backend-wasm';
import { test } from 'uvu';
import { forward, gradients, operand } from '../helpers/prob_harness.mjs';
import { assertClose, randomValues, rng, simd } from '../helpers/setup.mjs';

const random = rng(2024);
const a = operand(randomValues(3 * 17, random, -2, 2), [3, 17]);
const b = operand(randomValues(3 * 17, random, -2, 2), [3, 17]);
const c = operand(randomValues(17, random, -2, 2), [17]);
const probabilities = operand(randomValues(3 * 17, random, 0, 1), [3, 17]);

/** @typedef {import('@tensorflow/tfjs-core').Tensor} Tensor */
/** @type {Array<[string, (...tensors: Tensor[]) => Tensor, Array<{ values: Float32Array, shape: number[] }>, number]>} */
const OPS = [
  ['gaussianLogLikelihood', (x, m, lv) => simd.gaussianLogLikelihood(x, m, lv, { varianceFloor: 0.3 }), [a, b, c], 3],
  ['bernoulliLogLikelihood', (x, l) => simd.bernoulliLogLikelihood(x, l), [probabilities, a], 3],
  [
    'bernoulliLogLikelihood none',
    (x, l) => simd.bernoulliLogLikelihood(x, l, { reduction: 'none' }),
    [probabilities, a],
    51,
  ],
  ['klStandardNormal', (m, lv) => simd.klStandardNormal(m, lv), [a, c], 3],
  ['reparameterize', (m, lv) => simd.reparameterize(m, lv, 9), [a, c], 51],
  ['sigmoidCrossEntropyWithLogits', (z, x) => simd.sigmoidCrossEntropyWithLogits(z, x), [probabilities, a], 51],
  ['softmaxCrossEntropyWithLogits', (z, x) => simd.softmaxCrossEntropyWithLogits(z, x, 0), [probabilities, a], 17],
  ['meanPairwiseSquaredError', (l, p) => simd.meanPairwiseSquaredError(l, p, [1, 0, 2]), [a, b], 1],
];

test('every op runs its composite on the wasm backend and matches cpu', async () => {
  for (const [name, op, operands, outSize] of OPS) {
    const expected = await forward('cpu', op, operands);
    const actual = await forward('wasm', op, operands);
    assertClose(actual.values, expected.values, { rtol: 1e-5, atol: 1e-5, what: `${name} forward` });
    const upstream = randomValues(outSize, rng(outSize));
    const expectedGrads = await gradients('cpu', op, operands, upstream);
    const actualGrads = await gradients('wasm', op, operands, upstream);
    actualGrads.forEach((g, i) =>
      assertClose(g, expectedGrads[i], { rtol: 1e-4, atol: 1e-5, what: `${name} gradient ${i}` }),
    );
  }
});

test.run();
