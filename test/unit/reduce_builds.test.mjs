// @ts-check
// The reduce kernels on the plain SIMD build, which runtimes without relaxed SIMD run (the other tests run
// whichever build this runtime picks, relaxed SIMD where it can): registered as a second backend.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { instantiateSimdWasm } from '../../dist/wasm/module.js';
import { ulps } from '../helpers/float32.mjs';
import { assertNear, assertSame, onBoth, wasmExp } from '../helpers/reduce_harness.mjs';
import { randomValues, rng, simd, simdBackend, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';

const PLAIN = 'simd-plain-reduce';

test.before(() => {
  tf.registerBackend(PLAIN, async () => {
    simd.setWasmBuild('simd');
    try {
      return new simd.SimdBackend(await instantiateSimdWasm());
    } finally {
      simd.setWasmBuild('auto');
    }
  });
  for (const config of tf.getKernelsForBackend('simd')) tf.registerKernel({ ...config, backendName: PLAIN });
});

test.after(() => {
  for (const config of tf.getKernelsForBackend(PLAIN)) tf.unregisterKernel(config.kernelName, PLAIN);
  tf.removeBackend(PLAIN);
});

test('the plain SIMD build reduces, scans and takes softmax as cpu does', async () => {
  await tf.setBackend(PLAIN);
  assert.is(simdBackend().build, 'simd');
  await tf.setBackend('cpu');
  const random = rng(401);
  for (const shape of [[255], [3, 17], [17, 255], [5, 3, 17]]) {
    const x = randomValues(size(shape), random, -3, 3);
    const last = shape.length - 1;
    const both = (op) => onBoth(x, shape, 'float32', op, PLAIN);
    const near = async (op, tol, what) => {
      const r = await both(op);
      assertNear(r.cpu, r.simd, tol, what);
    };
    const same = async (op, what) => {
      const r = await both(op);
      assertSame(r.cpu, r.simd, what);
    };
    await near((t) => tf.sum(t, 0), { rtol: 1e-5, atol: 1e-4 }, `sum ${shape}`);
    await near((t) => tf.mean(t, last), { rtol: 1e-5, atol: 1e-5 }, `mean ${shape}`);
    await same((t) => tf.max(t, 0), `max ${shape}`);
    await same((t) => tf.min(t, last), `min ${shape}`);
    await same((t) => tf.argMax(t, last), `argMax ${shape}`);
    await same((t) => tf.cumsum(t, 0), `cumsum ${shape}`);
    await near((t) => tf.softmax(t), { rtol: 2e-6, atol: 1e-12 }, `softmax ${shape}`);
  }
});

test('exp on the plain SIMD build is within 1 ulp too', async () => {
  const x = randomValues(50_001, rng(402), -104, 89);
  const got = await wasmExp(x, PLAIN);
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, ulps(got[i], Math.fround(Math.exp(x[i]))));
  assert.ok(worst <= 1, `worst ${worst} ulp`);
});

test.run();
