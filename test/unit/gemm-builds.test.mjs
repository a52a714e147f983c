// @ts-check
// The plain-SIMD and relaxed-SIMD (fused multiply-add) builds of the GEMM give the same products within
// float32 tolerance: both meet the float64 reference bound, and they differ by at most the sum of the two.
// Node 20 validates relaxed SIMD only under --experimental-wasm-relaxed-simd: there this file re-runs
// itself in a child process with the flag.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { instantiateSimdWasm } from '../../dist/wasm/module.js';
import { assertWithin, referenceMatMul } from '../helpers/gemm_reference.mjs';
import { randomValues, rng, simd, simdBackend, tf } from '../helpers/setup.mjs';

const CHILD_ENV = 'GEMM_BUILDS_CHILD';

/** Runs `fn` on a fresh 'simd' backend of the given build, then restores the default ('auto'). */
async function onBuild(build, fn) {
  const previous = tf.getBackend();
  const register = () => tf.registerBackend('simd', async () => new simd.SimdBackend(await instantiateSimdWasm()), 3);
  simd.setWasmBuild(build);
  tf.removeBackend('simd');
  register();
  try {
    await tf.setBackend('simd');
    assert.is(simdBackend().build, build);
    return await fn();
  } finally {
    simd.setWasmBuild('auto');
    tf.removeBackend('simd');
    register();
    if (previous) await tf.setBackend(previous);
  }
}

if (!simd.supportsBuild('relaxed-simd')) {
  test('relaxed-SIMD build agrees with the SIMD build (child under --experimental-wasm-relaxed-simd)', () => {
    assert.not.ok(process.env[CHILD_ENV], 'the child process cannot run relaxed SIMD either');
    const child = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', fileURLToPath(import.meta.url)], {
      env: { ...process.env, [CHILD_ENV]: '1' },
      encoding: 'utf8',
    });
    assert.is(child.status, 0, `child failed:\n${child.stdout}\n${child.stderr}`);
    assert.match(child.stdout, /Passed:\s+\S*1\b/);
  });
} else {
  test('both builds meet the reference bound and agree with each other', async () => {
    const random = rng(11);
    const cases = [
      { m: 64, n: 64, k: 64 },
      { m: 257, n: 33, k: 300 },
      { m: 7, n: 255, k: 17 },
      { m: 100, n: 40, k: 500 },
      // Unpacked products: one and three rows, and a column.
      { m: 1, n: 500, k: 784 },
      { m: 3, n: 45, k: 257 },
      { m: 300, n: 1, k: 33 },
    ];
    for (const { m, n, k } of cases) {
      for (const [transposeA, transposeB] of [
        [false, false],
        [false, true],
        [true, false],
        [true, true],
      ]) {
        const aShape = transposeA ? [k, m] : [m, k];
        const bShape = transposeB ? [n, k] : [k, n];
        const a = randomValues(m * k, random);
        const b = randomValues(k * n, random);
        const bias = randomValues(n, random);
        const spec = { a, aShape, b, bShape, transposeA, transposeB, bias, biasShape: [n], activation: 'elu' };
        const expected = referenceMatMul(spec);
        const run = () =>
          tf.fused
            .matMul({
              a: tf.tensor(a, aShape),
              b: tf.tensor(b, bShape),
              transposeA,
              transposeB,
              bias: tf.tensor(bias),
              activation: 'elu',
            })
            .data();
        const plain = await onBuild('simd', run);
        const relaxed = await onBuild('relaxed-simd', run);
        const what = JSON.stringify({ m, n, k, transposeA, transposeB });
        assertWithin(plain, expected, `simd ${what}`);
        assertWithin(relaxed, expected, `relaxed-simd ${what}`);
        const twice = { values: Float64Array.from(plain), tolerance: expected.tolerance.map((t) => 2 * t) };
        assertWithin(relaxed, twice, `relaxed-simd vs simd ${what}`);
      }
    }
  });
}

test.run();
