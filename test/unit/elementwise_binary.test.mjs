// @ts-check
// Binary element-wise kernels on 'simd' against tfjs-backend-cpu, over broadcasting shapes, odd sizes,
// empty tensors and NaN/Infinity. Tolerance: exact for int32/bool outputs and for ops computed the same
// way (one float32 rounding, or per-lane float64); 2 float32 ulp (rtol 2.4e-7) for SquaredDifference.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { planBroadcast } from '../../dist/kernels/elementwise/broadcast.js';
import { runOnBoth, valuesWithSpecials } from '../helpers/elementwise_harness.mjs';
import { assertClose, rng, simd } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';

const SHAPE_PAIRS = [
  [[], []],
  [[1], [1]],
  [[3], [3]],
  [[17], [17]],
  [[255], [255]],
  [[17], []],
  [[], [255]],
  [[3], [1]],
  [[4, 17], [17]],
  [[17], [4, 17]],
  [
    [4, 17],
    [4, 1],
  ],
  [
    [4, 1],
    [4, 17],
  ],
  [
    [1, 5],
    [3, 1],
  ],
  [
    [2, 3, 4],
    [3, 1],
  ],
  [
    [2, 1, 3],
    [4, 1],
  ],
  [
    [2, 3, 1, 5],
    [1, 3, 4, 1],
  ],
  [
    [2, 2, 2, 2, 3],
    [2, 1, 2, 1, 3],
  ],
  [[0], [0]],
  [[0, 3], [3]],
  [[2, 0], [1]],
  [[64, 33], [33]],
];

const FLOAT_OPS = {
  Add: { rtol: 0 },
  Sub: { rtol: 0 },
  Multiply: { rtol: 0 },
  RealDiv: { rtol: 0 },
  Maximum: { rtol: 0 },
  Minimum: { rtol: 0 },
  Pow: { rtol: 0 },
  SquaredDifference: { rtol: 2.4e-7 },
  Mod: { rtol: 0 },
  FloorDiv: { rtol: 0 },
  Equal: { rtol: 0 },
  NotEqual: { rtol: 0 },
  Less: { rtol: 0 },
  LessEqual: { rtol: 0 },
  Greater: { rtol: 0 },
  GreaterEqual: { rtol: 0 },
};

for (const [name, { rtol }] of Object.entries(FLOAT_OPS)) {
  test(`${name} float32 matches cpu on broadcast shapes, with NaN and Infinity`, async () => {
    const random = rng(name.length * 101);
    for (const [aShape, bShape] of SHAPE_PAIRS) {
      const a = valuesWithSpecials(size(aShape), random, -4, 4, true);
      const b = valuesWithSpecials(size(bShape), random, -4, 4, true);
      // Equal values exercise the comparisons' boundaries.
      for (let i = 0; i < Math.min(a.length, b.length); i += 5) b[i] = a[i];
      const [out, expected] = await runOnBoth(name, { a: [a, aShape], b: [b, bShape] });
      assertClose(out.data, expected.data, { rtol, atol: 0, what: `${name} ${JSON.stringify([aShape, bShape])}` });
    }
  });
}

const INT_OPS = [
  'Add',
  'Sub',
  'Multiply',
  'Maximum',
  'Minimum',
  'FloorDiv',
  'Mod',
  'Pow',
  'SquaredDifference',
  'Equal',
  'NotEqual',
  'Less',
  'LessEqual',
  'Greater',
  'GreaterEqual',
];

test('int32 ops match cpu exactly, wrapping on overflow', async () => {
  const random = rng(11);
  const int = (size) => Int32Array.from({ length: size }, () => Math.floor((random() - 0.5) * 200));
  const huge = (size) => Int32Array.from({ length: size }, () => Math.floor((random() - 0.5) * 2 ** 32));
  for (const name of INT_OPS) {
    for (const [aShape, bShape] of SHAPE_PAIRS) {
      const a = int(size(aShape));
      const b = int(size(bShape));
      if (a.length > 2) a[1] = 2147483647; // overflows
      const [out, expected] = await runOnBoth(name, { a: [a, aShape, 'int32'], b: [b, bShape, 'int32'] });
      assert.equal(out.data, expected.data, `${name} ${JSON.stringify([aShape, bShape])}`);
      // Products and squares beyond 2^53 round in the cpu's float64 before wrapping.
      const [outHuge, expectedHuge] = await runOnBoth(name, {
        a: [huge(size(aShape)), aShape, 'int32'],
        b: [huge(size(bShape)), bShape, 'int32'],
      });
      assert.equal(outHuge.data, expectedHuge.data, `${name} large ${JSON.stringify([aShape, bShape])}`);
    }
  }
});

test('logical ops and comparisons match cpu on bool tensors', async () => {
  const random = rng(12);
  for (const name of ['LogicalAnd', 'LogicalOr', 'Equal', 'NotEqual', 'Less', 'LessEqual', 'Greater', 'GreaterEqual']) {
    for (const [aShape, bShape] of SHAPE_PAIRS) {
      const a = Uint8Array.from({ length: size(aShape) }, () => (random() < 0.5 ? 1 : 0));
      const b = Uint8Array.from({ length: size(bShape) }, () => (random() < 0.5 ? 1 : 0));
      const [out, expected] = await runOnBoth(name, { a: [a, aShape, 'bool'], b: [b, bShape, 'bool'] });
      assert.equal(out.data, expected.data, `${name} ${JSON.stringify([aShape, bShape])}`);
    }
  }
});

test('Prelu broadcasts alpha, EluGrad follows the output sign', async () => {
  const random = rng(13);
  const preluShapes = [
    [[17], [17]],
    [[4, 17], [17]],
    [
      [2, 3, 5],
      [1, 1, 5],
    ],
    [[255], []],
    [[0, 3], [3]],
  ];
  for (const [xShape, alphaShape] of preluShapes) {
    const x = valuesWithSpecials(size(xShape), random, -3, 3, true);
    const alpha = valuesWithSpecials(size(alphaShape), random, 0, 0.5);
    const [out, expected] = await runOnBoth('Prelu', { x: [x, xShape], alpha: [alpha, alphaShape] });
    assertClose(out.data, expected.data, { rtol: 0, atol: 0, what: `Prelu ${xShape}` });
  }
  for (const n of [0, 1, 3, 17, 255]) {
    const dy = valuesWithSpecials(n, random, -2, 2, true);
    const y = valuesWithSpecials(n, random, -1, 2, true);
    const [out, expected] = await runOnBoth('EluGrad', { dy: [dy, [n]], y: [y, [n]] });
    // dy * (y + 1) rounds twice in float32, once in the cpu's float64.
    assertClose(out.data, expected.data, { rtol: 2.4e-7, atol: 0, what: `EluGrad ${n}` });
  }
});

test('mixed dtypes and dtypes without a native export run on cpu with the same results', async () => {
  const [mod, modCpu] = await runOnBoth('Mod', { a: [[7, -7, 9], [3], 'int32'], b: [[3, 3, -4], [3], 'int32'] });
  assert.equal(mod.data, modCpu.data);
  const [div, divCpu] = await runOnBoth('RealDiv', { a: [[7, -7, 9], [3], 'int32'], b: [[2], [1], 'int32'] });
  assert.equal(div.data, divCpu.data);
});

test('the broadcast plan keeps the fast shapes to one inner loop per row', () => {
  const plan = (a, b, out) => planBroadcast(a, b, out);
  assert.equal(plan([2, 3, 4], [2, 3, 4], [2, 3, 4]), { inner: 24, aInc: 1, bInc: 1, outer: [] });
  assert.equal(plan([5], [], [5]), { inner: 5, aInc: 1, bInc: 0, outer: [] });
  assert.equal(plan([1, 1], [7], [1, 7]), { inner: 7, aInc: 0, bInc: 1, outer: [] });
  assert.equal(plan([8, 3], [3], [8, 3]), { inner: 3, aInc: 1, bInc: 1, outer: [{ size: 8, aStride: 3, bStride: 0 }] });
  assert.equal(plan([8, 3], [8, 1], [8, 3]), {
    inner: 3,
    aInc: 1,
    bInc: 0,
    outer: [{ size: 8, aStride: 3, bStride: 1 }],
  });
  assert.equal(plan([], [], []), { inner: 1, aInc: 1, bInc: 1, outer: [] });
  // Merges the two trailing dims both inputs traverse alike.
  assert.equal(plan([2, 3, 4], [3, 4], [2, 3, 4]), {
    inner: 12,
    aInc: 1,
    bInc: 1,
    outer: [{ size: 2, aStride: 12, bStride: 0 }],
  });
});

test('every binary op tested here is native on simd', () => {
  const { native } = simd.kernelCoverage();
  for (const name of [...Object.keys(FLOAT_OPS), 'LogicalAnd', 'LogicalOr', 'Prelu', 'EluGrad', 'AddN']) {
    assert.ok(native.includes(name), `${name} is not native`);
  }
});

test.run();
