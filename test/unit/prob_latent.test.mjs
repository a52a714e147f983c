// @ts-check
// klStandardNormal and reparameterize: fused on 'simd', composite on 'cpu', against float64 references.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BACKENDS, forward, gradients, operand } from '../helpers/prob_harness.mjs';
import { broadcastIndexer, kl64, numericGradient, reparameterize64 } from '../helpers/prob_reference.mjs';
import { assertClose, onBackend, randomValues, rng, simd, tf } from '../helpers/setup.mjs';
import { broadcastShape, size } from '../helpers/shapes.mjs';

const kl = (mean, logVar) => simd.klStandardNormal(mean, logVar);
const sample = (seed) => (mean, logVar) => simd.reparameterize(mean, logVar, seed);

function randomPair(seed, meanShape, logVarShape, logVarRange = [-3, 3]) {
  const random = rng(seed);
  return [
    operand(randomValues(size(meanShape), random, -2, 2), meanShape),
    operand(randomValues(size(logVarShape), random, ...logVarRange), logVarShape),
  ];
}

/** The ε reparameterize draws for a seed: tf.randomNormal's, the same generator on every backend. */
async function epsFor(shape, seed) {
  return onBackend('cpu', async () => {
    const eps = tf.randomNormal(shape, 0, 1, 'float32', seed);
    const values = await eps.data();
    eps.dispose();
    return operand(values, shape);
  });
}

const SHAPES = [
  [
    [1, 1],
    [1, 1],
  ],
  [[3, 3], [3]],
  [
    [2, 17],
    [2, 17],
  ],
  [[4, 255], [255]],
  [[5], []],
  [
    [2, 3, 5],
    [3, 1],
  ],
  [[17], [17]],
];

test('klStandardNormal matches float64 for every broadcast shape', async () => {
  for (const [i, [ms, ls]] of SHAPES.entries()) {
    const [mean, logVar] = randomPair(10 + i, ms, ls);
    const full = broadcastShape(ms, ls);
    const expected = kl64(mean, logVar, full);
    for (const backend of BACKENDS) {
      const out = await forward(backend, kl, [mean, logVar]);
      assert.equal(out.shape, full.slice(0, -1));
      assertClose(out.values, expected, { rtol: 1e-5, atol: 1e-5, what: `${backend} ${JSON.stringify([ms, ls])}` });
    }
  }
});

test('klStandardNormal: logVar from -80 to 80 stays finite, NaN propagates per row', async () => {
  const [mean, logVar] = randomPair(3, [4, 40], [4, 40], [-80, 80]);
  const expected = kl64(mean, logVar, [4, 40]);
  for (const backend of BACKENDS) {
    const out = await forward(backend, kl, [mean, logVar]);
    assert.ok(out.values.every(Number.isFinite), backend);
    assertClose(out.values, expected, { rtol: 1e-5, what: backend });
  }
  mean.values[41] = NaN;
  for (const backend of BACKENDS) {
    const out = await forward(backend, kl, [mean, logVar]);
    assert.ok(Number.isNaN(out.values[1]) && out.values.filter(Number.isNaN).length === 1, backend);
  }
});

test('klStandardNormal gradients: simd equals cpu and float64 central differences', async () => {
  for (const [i, [ms, ls]] of [
    [
      [3, 5],
      [3, 5],
    ],
    [[2, 17], [17]],
    [
      [4, 3],
      [1, 3],
    ],
    [
      [3, 1],
      [3, 6],
    ],
  ].entries()) {
    const [mean, logVar] = randomPair(50 + i, ms, ls);
    const full = broadcastShape(ms, ls);
    const upstream = randomValues(size(full.slice(0, -1)), rng(60 + i));
    const fused = await gradients('simd', kl, [mean, logVar], upstream);
    const composite = await gradients('cpu', kl, [mean, logVar], upstream);
    for (let k = 0; k < 2; k++) {
      const what = `input ${k} ${JSON.stringify([ms, ls])}`;
      assertClose(fused[k], composite[k], { rtol: 1e-5, atol: 1e-5, what: `simd vs cpu ${what}` });
      const numeric = numericGradient((m, l) => kl64(m, l, full), [mean, logVar], k, upstream);
      assertClose(fused[k], numeric, { rtol: 1e-3, atol: 1e-3, what: `finite differences ${what}` });
    }
  }
});

test('klStandardNormal: empty batches, and errors that name the op and shapes', async () => {
  for (const backend of BACKENDS) {
    const out = await forward(backend, kl, [operand(new Float32Array(0), [0, 4]), operand(new Float32Array(4), [4])]);
    assert.equal(out.shape, [0]);
    const grads = await gradients(
      backend,
      kl,
      [operand(new Float32Array(0), [0, 4]), operand(new Float32Array(4), [4])],
      new Float32Array(0),
    );
    assertClose(grads[1], new Float32Array(4), { what: backend });
  }
  await onBackend('simd', () => {
    assert.throws(
      () => simd.klStandardNormal(tf.zeros([2, 3]), tf.zeros([2, 4])),
      /klStandardNormal: mean of shape \[2,3\] and logVar of shape \[2,4\] cannot be broadcast together/,
    );
    assert.throws(() => simd.klStandardNormal(tf.scalar(0), tf.scalar(0)), /klStandardNormal: .*rank >= 1/);
  });
});

test("reparameterize: z = mean + exp(logVar/2)·ε with the seed's ε, reproducible, on every shape", async () => {
  for (const [i, [ms, ls]] of SHAPES.entries()) {
    const [mean, logVar] = randomPair(70 + i, ms, ls, [-80, 80]);
    const full = broadcastShape(ms, ls);
    const eps = await epsFor(full, 1234 + i);
    const expected = reparameterize64(mean, logVar, eps);
    const runs = [];
    for (const backend of [...BACKENDS, 'simd']) {
      const out = await forward(backend, sample(1234 + i), [mean, logVar]);
      assert.equal(out.shape, full);
      assertClose(out.values, expected, { rtol: 1e-5, atol: 1e-6, what: `${backend} ${JSON.stringify([ms, ls])}` });
      runs.push(out.values);
    }
    assert.equal(Array.from(runs[2]), Array.from(runs[1]), 'same seed, same z on simd');
  }
  const [mean, logVar] = randomPair(99, [64], [64]);
  const a = await forward('simd', sample(1), [mean, logVar]);
  const b = await forward('simd', sample(2), [mean, logVar]);
  assert.not.equal(Array.from(a.values), Array.from(b.values), 'different seeds, different z');
});

test('reparameterize gradients reach mean and logVar: simd equals cpu and finite differences', async () => {
  for (const [i, [ms, ls]] of [
    [
      [3, 5],
      [3, 5],
    ],
    [[2, 17], [17]],
    [[4, 3], []],
    [
      [3, 1],
      [3, 6],
    ],
  ].entries()) {
    const [mean, logVar] = randomPair(80 + i, ms, ls);
    const full = broadcastShape(ms, ls);
    const eps = await epsFor(full, 77);
    const upstream = randomValues(size(full), rng(90 + i));
    const fused = await gradients('simd', sample(77), [mean, logVar], upstream);
    const composite = await gradients('cpu', sample(77), [mean, logVar], upstream);
    for (let k = 0; k < 2; k++) {
      const what = `input ${k} ${JSON.stringify([ms, ls])}`;
      assertClose(fused[k], composite[k], { rtol: 1e-5, atol: 1e-5, what: `simd vs cpu ${what}` });
      const numeric = numericGradient((m, l) => reparameterize64(m, l, eps), [mean, logVar], k, upstream);
      assertClose(fused[k], numeric, { rtol: 1e-3, atol: 1e-3, what: `finite differences ${what}` });
    }
  }
});

test('reparameterize: NaN propagates, empty shapes work, bad shapes name the op', async () => {
  const [mean, logVar] = randomPair(5, [2, 5], [2, 5]);
  logVar.values[3] = NaN;
  for (const backend of BACKENDS) {
    const out = await forward(backend, sample(3), [mean, logVar]);
    assert.ok(Number.isNaN(out.values[3]) && out.values.filter(Number.isNaN).length === 1, backend);
    const empty = await forward(backend, sample(3), [
      operand(new Float32Array(0), [0, 3]),
      operand(new Float32Array(3), [3]),
    ]);
    assert.equal(empty.shape, [0, 3]);
  }
  await onBackend('simd', () => {
    assert.throws(
      () => simd.reparameterize(tf.zeros([2, 3]), tf.zeros([4])),
      /reparameterize: mean of shape \[2,3\] and logVar of shape \[4\]/,
    );
  });
});

test('broadcast reference helper agrees with tf broadcasting', () => {
  const index = broadcastIndexer([3, 1], [2, 3, 5]);
  assert.is(index(0), 0);
  assert.is(index(5), 1);
  assert.is(index(15), 0);
});

test.run();
