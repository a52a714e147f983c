// @ts-check
// sigmoidCrossEntropyWithLogits, softmaxCrossEntropyWithLogits, meanPairwiseSquaredError:
// fused on 'simd', composite on 'cpu', against float64 references (TF's definitions).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BACKENDS, forward, gradients, operand } from '../helpers/prob_harness.mjs';
import { numericGradient, pairwise64, sigmoidXent64, softmaxXent64 } from '../helpers/prob_reference.mjs';
import { assertClose, onBackend, randomValues, rng, simd, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';

const sigmoidXent = (labels, logits) => simd.sigmoidCrossEntropyWithLogits(labels, logits);
const softmaxXent = (axis) => (labels, logits) => simd.softmaxCrossEntropyWithLogits(labels, logits, axis);
const pairwise = (labels, predictions, weights) => simd.meanPairwiseSquaredError(labels, predictions, weights);

function randomLabelsLogits(seed, shape, logitRange = 8) {
  const random = rng(seed);
  return [
    operand(randomValues(size(shape), random, 0, 1), shape),
    operand(randomValues(size(shape), random, -logitRange, logitRange), shape),
  ];
}

const ODD_SHAPES = [[1], [3], [17], [255], [2, 3, 5], [4, 33]];

test("sigmoidCrossEntropyWithLogits matches TF's formula in float64, up to logits of ±1e6", async () => {
  for (const [i, shape] of ODD_SHAPES.entries()) {
    for (const range of [8, 1e6]) {
      const [labels, logits] = randomLabelsLogits(i, shape, range);
      const expected = sigmoidXent64(labels, logits);
      for (const backend of BACKENDS) {
        const out = await forward(backend, sigmoidXent, [labels, logits]);
        assert.equal(out.shape, shape);
        assert.ok(out.values.every(Number.isFinite), `${backend}: finite`);
        // max(x, 0) − x·z subtracts products of size |x|: float32 rounds x·z to ~1e-7·|x|.
        const atol = 1e-5 + 1e-7 * range;
        assertClose(out.values, expected, { rtol: 1e-5, atol, what: `${backend} ${JSON.stringify(shape)} ±${range}` });
      }
    }
  }
});

test('sigmoidCrossEntropyWithLogits gradients (including x = 0): simd, cpu, finite differences', async () => {
  const [labels, logits] = randomLabelsLogits(7, [3, 7]);
  logits.values[0] = 0;
  logits.values[20] = -0;
  const upstream = randomValues(21, rng(8));
  const fused = await gradients('simd', sigmoidXent, [labels, logits], upstream);
  const composite = await gradients('cpu', sigmoidXent, [labels, logits], upstream);
  for (let k = 0; k < 2; k++) {
    assertClose(fused[k], composite[k], { rtol: 1e-5, atol: 1e-6, what: `simd vs cpu input ${k}` });
    const numeric = numericGradient(sigmoidXent64, [labels, logits], k, upstream);
    assertClose(fused[k], numeric, { rtol: 1e-3, atol: 1e-4, what: `finite differences input ${k}` });
  }
  assertClose([fused[1][0]], [(0.5 - labels.values[0]) * upstream[0]], { rtol: 1e-6, what: 'sigmoid(0) - z' });
});

test('softmaxCrossEntropyWithLogits matches float64 log-sum-exp, with logits up to 1e6, on any axis', async () => {
  for (const [i, shape] of [[1, 1], [3, 3], [2, 17], [4, 255], [2, 3, 5], [17]].entries()) {
    for (const range of [8, 1e6]) {
      const [labels, logits] = randomLabelsLogits(20 + i, shape, range);
      const expected = softmaxXent64(labels, logits);
      for (const backend of BACKENDS) {
        const out = await forward(backend, softmaxXent(-1), [labels, logits]);
        assert.equal(out.shape, shape.slice(0, -1));
        assert.ok(out.values.every(Number.isFinite), `${backend}: finite`);
        // Logits of 1e6 carry float32 rounding of ~0.06 into (x − max): compare at that scale.
        const atol = range > 100 ? 0.1 * shape[shape.length - 1] : 1e-4;
        assertClose(out.values, expected, { rtol: 1e-5, atol, what: `${backend} ${JSON.stringify(shape)} ±${range}` });
      }
    }
  }
  // A non-last axis equals the last axis of the transposed inputs.
  const [labels, logits] = randomLabelsLogits(40, [4, 6]);
  const t = (o) =>
    operand(
      Float32Array.from({ length: 24 }, (_, k) => o.values[(k % 4) * 6 + Math.floor(k / 4)]),
      [6, 4],
    );
  const expected = softmaxXent64(t(labels), t(logits));
  for (const backend of BACKENDS) {
    const out = await forward(backend, softmaxXent(0), [labels, logits]);
    assert.equal(out.shape, [6]);
    assertClose(out.values, expected, { rtol: 1e-5, atol: 1e-5, what: `${backend} axis 0` });
  }
});

test('softmaxCrossEntropyWithLogits gradients: simd, cpu, finite differences (last and first axis)', async () => {
  /** @type {Array<[number[], number]>} */
  const cases = [
    [[3, 7], -1],
    [[2, 17], 1],
    [[5, 3], 0],
    [[2, 3, 4], 1],
  ];
  for (const [shape, axis] of cases) {
    const [labels, logits] = randomLabelsLogits(size(shape), shape);
    const outShape = shape.filter((_, d) => d !== (axis + shape.length) % shape.length);
    const upstream = randomValues(size(outShape), rng(9));
    const fused = await gradients('simd', softmaxXent(axis), [labels, logits], upstream);
    const composite = await gradients('cpu', softmaxXent(axis), [labels, logits], upstream);
    for (let k = 0; k < 2; k++) {
      assertClose(fused[k], composite[k], {
        rtol: 1e-4,
        atol: 1e-5,
        what: `simd vs cpu input ${k} ${shape} axis ${axis}`,
      });
    }
    if (axis === -1 || axis === shape.length - 1) {
      for (let k = 0; k < 2; k++) {
        const numeric = numericGradient(softmaxXent64, [labels, logits], k, upstream);
        assertClose(fused[k], numeric, { rtol: 1e-3, atol: 1e-4, what: `finite differences input ${k} ${shape}` });
      }
    }
  }
});

test('cross-entropies: NaN in gives NaN out, empty shapes work, bad shapes name the op', async () => {
  const [labels, logits] = randomLabelsLogits(3, [3, 5]);
  logits.values[6] = NaN;
  for (const backend of BACKENDS) {
    const s = await forward(backend, sigmoidXent, [labels, logits]);
    assert.ok(Number.isNaN(s.values[6]) && s.values.filter(Number.isNaN).length === 1, `${backend} sigmoid`);
    const m = await forward(backend, softmaxXent(-1), [labels, logits]);
    assert.ok(Number.isNaN(m.values[1]) && m.values.filter(Number.isNaN).length === 1, `${backend} softmax`);
    const empty = [operand(new Float32Array(0), [0, 4]), operand(new Float32Array(0), [0, 4])];
    assert.equal((await forward(backend, sigmoidXent, empty)).shape, [0, 4]);
    assert.equal((await forward(backend, softmaxXent(-1), empty)).shape, [0]);
    const noClasses = await forward(backend, softmaxXent(-1), [
      operand(new Float32Array(0), [2, 0]),
      operand(new Float32Array(0), [2, 0]),
    ]);
    assertClose(noClasses.values, [0, 0], { what: `${backend} no classes` });
  }
  await onBackend('simd', () => {
    assert.throws(
      () => simd.sigmoidCrossEntropyWithLogits(tf.zeros([2, 3]), tf.zeros([3])),
      /sigmoidCrossEntropyWithLogits: labels of shape \[2,3\] and logits of shape \[3\] must have the same shape/,
    );
    assert.throws(
      () => simd.softmaxCrossEntropyWithLogits(tf.zeros([2, 3]), tf.zeros([2, 4])),
      /softmaxCrossEntropyWithLogits: labels of shape \[2,3\] and logits of shape \[2,4\]/,
    );
    assert.throws(
      () => simd.softmaxCrossEntropyWithLogits(tf.zeros([2, 3]), tf.zeros([2, 3]), 2),
      /softmaxCrossEntropyWithLogits: axis 2 is out of range/,
    );
  });
});

function randomPairwise(seed, shape, weights) {
  const random = rng(seed);
  return [
    operand(randomValues(size(shape), random, -3, 3), shape),
    operand(randomValues(size(shape), random, -3, 3), shape),
    weights,
  ];
}

/** The per-item weights the reference takes for a weights operand. */
const itemWeights = (weights, batch) =>
  weights.values.length === 1 ? new Float64Array(batch).fill(weights.values[0]) : Float64Array.from(weights.values);

test("meanPairwiseSquaredError matches TF's pairwise definition (scalar, per-item and zero weights)", async () => {
  const cases = [
    [[2, 3], operand(new Float32Array([1]), [])],
    [[3, 17], operand(new Float32Array([2, 0, 0.5]), [3])],
    [[4, 2, 5], operand(new Float32Array([1, 2, 3, 0]), [4, 1, 1])],
    [[5, 1], operand(new Float32Array([1]), [])],
    [[1, 255], operand(new Float32Array([3]), [1])],
    [[6], operand(new Float32Array([1]), [])],
  ];
  for (const [i, [shape, weights]] of cases.entries()) {
    const [labels, predictions] = randomPairwise(i, shape);
    const expected = pairwise64(labels, predictions, itemWeights(weights, shape[0]));
    for (const backend of BACKENDS) {
      const out = await forward(backend, pairwise, [labels, predictions, weights]);
      assert.equal(out.shape, []);
      assertClose(out.values, expected, { rtol: 1e-5, atol: 1e-5, what: `${backend} ${JSON.stringify(shape)}` });
    }
  }
  // labels [[1, 9, 2], [-5, -5, 7]], predictions [[4, 8, 12], [8, 1, 3]]: diffs [3, -1, 10] and [13, 6, -4],
  // pairs (16 + 49 + 121)/3 + (49 + 289 + 100)/3 = 62 + 146.
  for (const backend of BACKENDS) {
    const out = await forward(backend, pairwise, [
      operand(new Float32Array([1, 9, 2, -5, -5, 7]), [2, 3]),
      operand(new Float32Array([4, 8, 12, 8, 1, 3]), [2, 3]),
      operand(new Float32Array([1]), []),
    ]);
    assertClose(out.values, [208], { rtol: 1e-6, what: `${backend} worked example` });
  }
});

test("meanPairwiseSquaredError stays accurate where TF's two-sum formula cancels", async () => {
  // Diffs of 1e4 ± 1e-2: Σd² and (Σd)² agree to 8 digits, the spread lives in the 9th.
  const random = rng(11);
  const n = 64;
  const labels = operand(new Float32Array(n), [1, n]);
  const predictions = operand(
    Float32Array.from({ length: n }, () => 1e4 + (random() - 0.5) * 2e-2),
    [1, n],
  );
  const expected = pairwise64(labels, predictions, [1]);
  for (const backend of BACKENDS) {
    const out = await forward(backend, pairwise, [labels, predictions, operand(new Float32Array([1]), [])]);
    assertClose(out.values, expected, { rtol: 1e-2, what: backend });
  }
});

test('meanPairwiseSquaredError gradients: simd, cpu, finite differences, weights included', async () => {
  const cases = [
    [[3, 5], operand(new Float32Array([2, 0, -1]), [3])],
    [[2, 17], operand(new Float32Array([0.5]), [])],
    [[2, 2, 3], operand(new Float32Array([1, 3]), [2, 1])],
  ];
  for (const [i, [shape, weights]] of cases.entries()) {
    const [labels, predictions] = randomPairwise(100 + i, shape);
    const upstream = new Float32Array([1.7]);
    const fused = await gradients('simd', pairwise, [labels, predictions, weights], upstream);
    const composite = await gradients('cpu', pairwise, [labels, predictions, weights], upstream);
    const f = (l, p, w) => pairwise64(l, p, itemWeights(w, shape[0]));
    for (let k = 0; k < 3; k++) {
      const what = `input ${k} ${JSON.stringify(shape)}`;
      assertClose(fused[k], composite[k], { rtol: 1e-4, atol: 1e-5, what: `simd vs cpu ${what}` });
      // No finite difference across a weight of 0: the loss is discontinuous there (TF's num_present).
      if (k === 2 && weights.values.includes(0)) continue;
      const numeric = numericGradient(f, [labels, predictions, weights], k, upstream);
      assertClose(fused[k], numeric, { rtol: 1e-3, atol: 1e-3, what: `finite differences ${what}` });
    }
  }
});

test('meanPairwiseSquaredError: NaN, empty batch, and errors naming the op and shapes', async () => {
  const [labels, predictions] = randomPairwise(5, [2, 4]);
  predictions.values[1] = NaN;
  for (const backend of BACKENDS) {
    const nan = await forward(backend, pairwise, [labels, predictions, operand(new Float32Array([1, 1]), [2])]);
    assert.ok(Number.isNaN(nan.values[0]), backend);
    const masked = await forward(backend, pairwise, [labels, predictions, operand(new Float32Array([0, 1]), [2])]);
    assert.ok(Number.isFinite(masked.values[0]), `${backend}: a weight of 0 drops the NaN item, as TF's div_no_nan`);
    const empty = await forward(backend, pairwise, [
      operand(new Float32Array(0), [0, 3]),
      operand(new Float32Array(0), [0, 3]),
      operand(new Float32Array([1]), []),
    ]);
    assertClose(empty.values, [0], { what: `${backend} empty batch` });
  }
  await onBackend('simd', () => {
    assert.throws(
      () => simd.meanPairwiseSquaredError(tf.zeros([2, 3]), tf.zeros([2, 4])),
      /meanPairwiseSquaredError: labels of shape \[2,3\] and predictions of shape \[2,4\]/,
    );
    assert.throws(
      () => simd.meanPairwiseSquaredError(tf.zeros([2, 3]), tf.zeros([2, 3]), tf.ones([2, 3])),
      /meanPairwiseSquaredError: weights of shape \[2,3\] must be a scalar or one weight per batch item/,
    );
    assert.throws(
      () => simd.meanPairwiseSquaredError(tf.scalar(1), tf.scalar(1)),
      /meanPairwiseSquaredError: labels must have rank >= 1/,
    );
  });
});

test.run();
