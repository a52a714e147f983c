// @ts-check
// Every discrepancy the differential fuzzer found, replayed as a fixed case (shrunk by fast-check, then
// written out by hand), through the same comparison against 'cpu', plus the behaviour each fix guarantees.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as simd from '../../dist/index.js';
import { compareCase, tf } from '../fuzz/differential.mjs';
import { allOps } from '../fuzz/ops.mjs';

const ops = Object.fromEntries(allOps(tf).map((op) => [op.name, op]));
const MAX = 3.4028234663852886e38;
const f32 = (shape, values) => ({ shape, dtype: 'float32', values });
const zeros = (n) => new Array(n).fill(0);
const withAt = (n, entries) => {
  const v = zeros(n);
  for (const [i, x] of entries) v[i] = x;
  return v;
};

/**
 * @template T
 * @param {() => T} fn
 * @returns {Promise<T>}
 */
async function onSimd(fn) {
  await tf.setBackend('simd');
  return /** @type {T} */ (tf.tidy(/** @type {() => any} */ (fn)));
}

/** [op name, what went wrong, case]: each must now agree with cpu. */
/** @type {Array<[string, string, object]>} */
const replayed = [
  [
    'erf',
    'float32 formula lost erf(x) near 0 (−2.98e-7 for −5.3e-7)',
    { inputs: [f32([6], [-3.5185115621061414e-7, -5.3e-7, 1e-6, 1e-30, 0.25, -0.49])], params: {}, dySeed: 1 },
  ],
  [
    'add',
    "gradient of a broadcast into an empty shape: Reshape's error was not cpu's",
    { inputs: [f32([0, 0], []), f32([1], [0])], params: {}, dySeed: 0 },
  ],
  [
    'mean',
    'row of two −3.4e38 in one float32 block: −Infinity instead of −8.5e36',
    {
      inputs: [
        f32(
          [5, 1, 16],
          withAt(80, [
            [7, -MAX],
            [51, -MAX],
          ]),
        ),
      ],
      params: { axis: null, keepDims: false },
      dySeed: 0,
    },
  ],
  [
    'mean',
    'mean over axes [0, 3]: the float32 intermediate of the first call overflowed',
    {
      inputs: [
        f32(
          [2, 3, 2, 4],
          withAt(48, [
            [24, MAX],
            [25, MAX],
            [26, MAX],
          ]),
        ),
      ],
      params: { axis: [0, 3], keepDims: false },
      dySeed: 0,
    },
  ],
  [
    'mean',
    'column mean (middle axis) whose float32 block sum overflowed',
    {
      inputs: [
        f32(
          [3, 5],
          withAt(15, [
            [0, MAX],
            [5, MAX],
            [10, -MAX],
            [1, -MAX],
            [6, -MAX],
            [11, MAX],
          ]),
        ),
      ],
      params: { axis: 0, keepDims: true },
      dySeed: 0,
    },
  ],
  [
    'cumsum',
    "negative axis: 'cannot allocate NaN bytes'",
    {
      inputs: [
        f32(
          [17],
          zeros(17).map((_, i) => i - 8),
        ),
      ],
      params: { axis: -1, exclusive: false, reverse: false },
      dySeed: 0,
    },
  ],
  [
    'cumprod',
    'negative axis on a matrix, exclusive and reversed',
    {
      inputs: [f32([3, 4], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])],
      params: { axis: -2, exclusive: true, reverse: true },
      dySeed: 0,
    },
  ],
  [
    'klStandardNormal',
    "per-feature logVar = +Infinity and upstream values of both signs: NaN, not cpu's ±Infinity",
    { inputs: [f32([1, 9, 4], zeros(36)), f32([4], [0, Infinity, -Infinity, 1])], params: {}, dySeed: 7 },
  ],
  [
    'reparameterize',
    "per-feature logVar = +Infinity, ε·dz of both signs over the rows: NaN, not cpu's ±Infinity",
    { inputs: [f32([3, 3], zeros(9)), f32([3], [0, 0, Infinity])], params: { seed: 208 }, dySeed: 0 },
  ],
  [
    'random graph',
    "centred then summed over the same axis, through Infinity: a float32 sum an ulp off cpu's made ε·Infinity, not NaN",
    {
      inputs: [f32([16, 7], zeros(112)), f32([3, 1, 16, 7], withAt(336, [[143, Infinity]]))],
      params: {
        chain: [
          [2, 978283],
          [4, 763635],
          [15, 976327],
          [2, 0],
        ],
      },
      dySeed: 57477036,
    },
  ],
];

for (const [name, what, c] of replayed) {
  test(`regression: ${name}: ${what}`, async () => {
    assert.is(await compareCase(ops[name], c), null);
  });
}

test('erf near 0 is the cpu formula in float64 (relative error < 1e-6, not an absolute 3e-7)', async () => {
  const xs = [-5.3e-7, 3e-8, -1e-3, 0.3];
  const got = await onSimd(() => tf.erf(tf.tensor1d(xs)).dataSync());
  xs.forEach((x, i) => {
    const expected = (2 / Math.sqrt(Math.PI)) * x; // erf(x) ≈ 2x/√π for small x; A&S is accurate to 1e-9 here
    if (Math.abs(x) < 1e-6) assert.ok(Math.abs(got[i] - expected) < 2e-9, `erf(${x}) = ${got[i]}`);
  });
});

test('mean of finite values is finite even where their float32 sum overflows', async () => {
  const m = await onSimd(() => tf.mean(tf.tensor1d([MAX, MAX, MAX, MAX])).dataSync()[0]);
  assert.is(m, Math.fround(MAX));
  const s = await onSimd(() => tf.sum(tf.tensor1d([MAX, MAX, -MAX])).dataSync()[0]);
  assert.is(s, Math.fround(MAX), 'the block is summed again in float64, as on cpu');
});

test('cumsum and cumprod count a negative axis from the end', async () => {
  const [neg, pos] = await onSimd(() => {
    const x = tf.tensor2d([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    return [tf.cumsum(x, -1).arraySync(), tf.cumsum(x, 1).arraySync()];
  });
  assert.equal(neg, pos);
  assert.equal(neg, [
    [1, 3, 6],
    [4, 9, 15],
  ]);
  const prod = await onSimd(() =>
    tf
      .cumprod(
        tf.tensor2d(
          [
            [1, 2],
            [3, 4],
          ],
          undefined,
          'int32',
        ),
        -2,
      )
      .arraySync(),
  );
  assert.equal(
    prod,
    [
      [1, 2],
      [3, 8],
    ],
    'int32 (run by the cpu kernel) too',
  );
});

// The fuzzer's comparison counts an item whose composite overflows as undefined, so this one is asserted directly.
test('a slice of a concatenation of empty tensors is empty (tfjs-backend-cpu throws "vals.subarray is not a function")', async () => {
  const shape = await onSimd(() => tf.slice(tf.concat([tf.zeros([0]), tf.zeros([0])]), [0], -1).shape);
  assert.equal(shape, [0]);
});

test('pairwise squared error: an item with Infinity has NaN gradients (as cpu), the other items finite ones', async () => {
  const [dLabels] = await onSimd(() =>
    tf
      .grads((l, p) => simd.meanPairwiseSquaredError(l, p))([
        tf.zeros([2, 3]),
        tf.tensor2d([
          [1, Infinity, 2],
          [1, 2, 4],
        ]),
      ])
      .map((g) => g.arraySync()),
  );
  assert.ok(dLabels[0].every(Number.isNaN), JSON.stringify(dLabels));
  assert.ok(dLabels[1].every(Number.isFinite), JSON.stringify(dLabels));
});

test.run();
