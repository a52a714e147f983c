// @ts-check
// Unary element-wise kernels on 'simd' against tfjs-backend-cpu on random values with NaN, ±Infinity,
// ±0, denormals and huge values, sizes 0, 1, 3, 17 and 255. Tolerances per op (rtol; atol 0 unless given):
// exact where simd rounds the same float once; a few float32 ulp for the vectorised transcendentals
// (their accuracy against float64 is checked in elementwise_accuracy.test.mjs).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runOnBoth, valuesWithSpecials } from '../helpers/elementwise_harness.mjs';
import { assertClose, rng, simd } from '../helpers/setup.mjs';

const SIZES = [0, 1, 3, 17, 255];
const ULP = 1.2e-7;

const OPS = {
  Neg: { rtol: 0 },
  Sqrt: { rtol: 0 },
  Square: { rtol: 0 },
  Abs: { rtol: 0 },
  Sign: { rtol: 0 },
  Relu: { rtol: 0 },
  Relu6: { rtol: 0 },
  Reciprocal: { rtol: 0 },
  Floor: { rtol: 0 },
  Ceil: { rtol: 0 },
  Round: { rtol: 0 },
  Rsqrt: { rtol: 1 * ULP },
  Sin: { rtol: 0 },
  Cos: { rtol: 0 },
  IsNan: { rtol: 0 },
  IsInf: { rtol: 0 },
  IsFinite: { rtol: 0 },
  Exp: { rtol: 3 * ULP },
  Log: { rtol: 3 * ULP },
  Log1p: { rtol: 3 * ULP },
  Expm1: { rtol: 3 * ULP },
  Tanh: { rtol: 3 * ULP },
  Sigmoid: { rtol: 3 * ULP },
  Softplus: { rtol: 3 * ULP },
  // The cpu's e^x - 1 in float64 is 0 for |x| < 1e-16, where simd keeps x: absolute difference <= 2^-52.
  Elu: { rtol: 3 * ULP, atol: 2.3e-16 },
  Selu: { rtol: 4 * ULP, atol: 4e-16 },
  Erf: { rtol: 0, atol: 3e-7 },
  // alpha * x: alpha rounded to float32 first on simd.
  LeakyRelu: { rtol: ULP, attrs: { alpha: 0.2 } },
  Step: { rtol: 0, attrs: { alpha: 0.3 } },
  ClipByValue: { rtol: 0, attrs: { clipValueMin: -0.75, clipValueMax: 1.5 } },
};

for (const [name, { rtol, atol = 0, attrs = {} }] of Object.entries(OPS)) {
  test(`${name} float32 matches cpu, including special values`, async () => {
    const random = rng(name.length * 31 + 7);
    for (const size of SIZES) {
      for (const [lo, hi] of [
        [-3, 3],
        [-100, 100],
      ]) {
        const x = valuesWithSpecials(size, random, lo, hi, true);
        const [out, expected] = await runOnBoth(name, { x: [x, [size]] }, attrs);
        assertClose(out.data, expected.data, { rtol, atol, what: `${name} size ${size} in [${lo}, ${hi})` });
      }
    }
  });
}

test('Neg and Abs on int32 match cpu exactly', async () => {
  const random = rng(5);
  for (const name of ['Neg', 'Abs']) {
    for (const size of SIZES) {
      const x = Int32Array.from({ length: size }, () => Math.floor((random() - 0.5) * 2000));
      if (size > 3) x.set([-2147483648, 2147483647, 16777217], size - 3);
      const [out, expected] = await runOnBoth(name, { x: [x, [size], 'int32'] });
      assert.equal(out.data, expected.data, `${name} ${size}`);
    }
  }
});

test('LogicalNot matches cpu on bool tensors', async () => {
  const [out, expected] = await runOnBoth('LogicalNot', { x: [[1, 0, 0, 1, 1], [5], 'bool'] });
  assert.equal(out.data, expected.data);
  assert.equal(out.data, [0, 1, 1, 0, 0]);
});

test('unary ops on dtypes without a native export run on cpu with the same results', async () => {
  for (const name of ['Relu', 'Square', 'Sign']) {
    const [out, expected] = await runOnBoth(name, { x: [[-3, 0, 5, 7], [4], 'int32'] });
    assert.equal(out.data, expected.data, name);
  }
});

test('every unary op tested here is native on simd', () => {
  const { native } = simd.kernelCoverage();
  for (const name of [...Object.keys(OPS), 'LogicalNot']) assert.ok(native.includes(name), `${name} is not native`);
});

test.run();
