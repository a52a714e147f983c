// @ts-check
// Accuracy of the vectorised float32 transcendentals against float64 Math, in float32 ulps, over their
// whole domain: dense sweeps, random float32 bit patterns (denormals to the largest finite values) and
// special values (which must match exactly). Bounds are the measured maximum rounded up. Both builds
// are measured where the runtime has relaxed SIMD: it may fuse the polynomials' multiply-adds, the plain one
// never does.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { instantiateSimdWasm, setWasmBuild } from '../../dist/wasm/module.js';
import { maxUlpError } from '../helpers/elementwise_harness.mjs';
import { onBackend, rng, simd, simdBackend, tf } from '../helpers/setup.mjs';

/** A second backend running the plain SIMD build, with the same kernels as 'simd'. */
const PLAIN = 'simd-plain-build';
tf.registerBackend(PLAIN, async () => {
  setWasmBuild('simd');
  try {
    return new simd.SimdBackend(await instantiateSimdWasm());
  } finally {
    setWasmBuild('auto');
  }
});
for (const config of tf.getKernelsForBackend('simd')) tf.registerKernel({ ...config, backendName: PLAIN });
const BUILDS = [
  ['simd', 'default build'],
  [PLAIN, 'plain SIMD build'],
];

const SPECIALS = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 1e-45, -1e-45, 1e-38, 3.4e38, -3.4e38];

/** Every float32 pattern with equal probability: spans denormals up to 3.4e38, both signs. */
function randomBitPatterns(count, random) {
  const bits = new Uint32Array(count);
  for (let i = 0; i < count; i++) bits[i] = Math.floor(random() * 2 ** 32);
  return Array.from(new Float32Array(bits.buffer)).filter((v) => Number.isFinite(v));
}

function sweep(lo, hi, count) {
  return Array.from({ length: count }, (_, i) => Math.fround(lo + ((hi - lo) * i) / (count - 1)));
}

function inputsFor(ranges, seed) {
  const random = rng(seed);
  return Float32Array.from([
    ...SPECIALS,
    ...randomBitPatterns(100000, random),
    ...ranges.flatMap(([lo, hi]) => sweep(lo, hi, 50001)),
  ]);
}

async function simdResult(backend, op, x) {
  return onBackend(backend, async () => {
    const input = tf.tensor1d(x);
    const out = op(input);
    const data = await out.data();
    tf.dispose([input, out]);
    return data;
  });
}

const sigmoid64 = (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
// tfjs' softplus: exactly e^x or x beyond its cut-offs (the cpu's choice), log(1 + e^x) between.
const SOFTPLUS_CUT = Math.log(1.1920928955078125e-7) + 2;
const softplus64 = (x) => (x < SOFTPLUS_CUT ? Math.exp(x) : x > -SOFTPLUS_CUT ? x : Math.log1p(Math.exp(x)));

const CASES = [
  {
    name: 'exp',
    op: tf.exp,
    reference: Math.exp,
    ranges: [
      [-104, 89],
      [-1, 1],
    ],
    maxUlp: 1.5,
  },
  {
    name: 'log',
    op: tf.log,
    reference: Math.log,
    ranges: [
      [0, 4],
      [0.5, 2],
    ],
    maxUlp: 1,
  },
  {
    name: 'log1p',
    op: tf.log1p,
    reference: Math.log1p,
    ranges: [
      [-1, 4],
      [-1e-3, 1e-3],
    ],
    maxUlp: 2,
  },
  {
    name: 'expm1',
    op: tf.expm1,
    reference: Math.expm1,
    ranges: [
      [-90, 89],
      [-1, 1],
    ],
    maxUlp: 2.5,
  },
  {
    name: 'tanh',
    op: tf.tanh,
    reference: Math.tanh,
    ranges: [
      [-10, 10],
      [-1, 1],
    ],
    maxUlp: 1.5,
  },
  {
    name: 'sigmoid',
    op: tf.sigmoid,
    reference: sigmoid64,
    ranges: [
      [-110, 110],
      [-5, 5],
    ],
    maxUlp: 2.5,
  },
  // sin and cos are evaluated in float64 and rounded once: at most half an ulp, like the cpu's.
  {
    name: 'sin',
    op: tf.sin,
    reference: Math.sin,
    ranges: [
      [-6e5, 6e5],
      [-10, 10],
    ],
    maxUlp: 0.51,
  },
  {
    name: 'cos',
    op: tf.cos,
    reference: Math.cos,
    ranges: [
      [-6e5, 6e5],
      [-10, 10],
    ],
    maxUlp: 0.51,
  },
  {
    name: 'softplus',
    op: tf.softplus,
    reference: softplus64,
    ranges: [
      [-110, 110],
      [-15, 15],
    ],
    maxUlp: 2.5,
  },
];

for (const { name, op, reference, ranges, maxUlp } of CASES) {
  test(`${name} is within ${maxUlp} float32 ulp of float64 over its domain`, async () => {
    const x = inputsFor(ranges, name.length);
    for (const [backend, build] of BUILDS) {
      const got = await simdResult(backend, op, x);
      const { worst, at } = maxUlpError(got, x, reference, name);
      assert.ok(worst <= maxUlp, `${name} (${build}): ${worst.toFixed(2)} ulp at x = ${at}`);
    }
  });
}

test('the second backend runs the plain SIMD build', async () => {
  // The default build is relaxed SIMD where the runtime supports it, else the plain one again.
  assert.is(await onBackend(PLAIN, () => simdBackend().build), 'simd');
});

test('the ulp measure catches a wrong result', () => {
  const x = [1, 2];
  assert.throws(() => maxUlpError([Math.E, NaN], x, Math.exp, 'exp'));
  assert.ok(maxUlpError([Math.fround(Math.E) * (1 + 1e-6), Math.exp(2)], x, Math.exp, 'exp').worst > 5);
});

test.run();
