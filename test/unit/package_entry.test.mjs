// @ts-check
// The package as users import it (package.json "exports": the bundled entries in dist/bundle/), each check in a
// fresh Node process: the entries share one backend, and tfjs-backend-cpu is loaded only when a kernel
// without a native implementation first runs.

import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

/** Runs an ES module source in a fresh `node` from the repository root; returns its last stdout line as JSON. */
function runFresh(source) {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8' });
  assert.is(child.status, 0, child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').pop());
}

test('the package entry resolves to the bundle, and a native-only program never loads tfjs-backend-cpu', () => {
  const result = runFresh(`
    import * as tf from '@tensorflow/tfjs-core';
    import * as simd from 'tfjs-backend-simd';
    const entry = import.meta.resolve('tfjs-backend-simd');
    await tf.setBackend('simd');
    const product = tf.matMul(tf.ones([17, 3]), tf.ones([3, 5]));
    const value = product.dataSync()[0];
    const cpuKernelsAfterMatMul = tf.getKernelsForBackend('cpu').length;
    const unique = tf.unique(tf.tensor1d([3, 1, 3])).values.dataSync(); // Unique runs on the CPU fallback
    const coverage = simd.kernelCoverage();
    console.log(JSON.stringify({
      entry, value, cpuKernelsAfterMatMul, unique: [...unique],
      cpuKernelsAfterFallback: tf.getKernelsForBackend('cpu').length,
      nativeAndFallback: coverage.native.length + coverage.fallback.length,
      registeredOnSimd: tf.getKernelsForBackend('simd').length,
    }));
  `);
  assert.ok(result.entry.endsWith('/dist/bundle/index.js'), result.entry);
  assert.is(result.value, 3);
  assert.is(result.cpuKernelsAfterMatMul, 0, 'tfjs-backend-cpu loaded although every kernel was native');
  assert.equal(result.unique, [3, 1]);
  assert.ok(
    result.cpuKernelsAfterFallback > 100,
    `cpu kernels after the fallback ran: ${result.cpuKernelsAfterFallback}`,
  );
  // Once cpu is loaded the fallback list is settled to cpu's kernels: native + fallback = everything on 'simd'.
  assert.is(result.registeredOnSimd, result.nativeAndFallback);
});

test('the models entry and the main entry share one backend and one set of kernels', () => {
  const result = runFresh(`
    import * as tf from '@tensorflow/tfjs-core';
    import { SimdBackend, gaussianLogLikelihood } from 'tfjs-backend-simd';
    import { VAE } from 'tfjs-backend-simd/models';
    await tf.setBackend('simd');
    const vae = new VAE({ inputDim: 12, hiddenUnits: [8], latentDim: 2, decoder: 'bernoulli', seed: 3 });
    const x = tf.round(tf.randomUniform([16, 12], 0, 1, 'float32', 5));
    const history = await vae.fit(x, { epochs: 2, batchSize: 8 });
    const ll = gaussianLogLikelihood(tf.zeros([2, 3]), tf.zeros([2, 3]), tf.zeros([2, 3])).dataSync();
    console.log(JSON.stringify({
      sameBackendClass: tf.backend() instanceof SimdBackend,
      elbo: history.elbo,
      ll: [...ll],
    }));
  `);
  assert.ok(result.sameBackendClass, 'tf.backend() is not the SimdBackend the main entry exports');
  assert.is(result.elbo.length, 2);
  assert.ok(result.elbo.every(Number.isFinite), `ELBO ${result.elbo}`);
  const expected = -1.5 * Math.log(2 * Math.PI);
  result.ll.forEach((v) => assert.ok(Math.abs(v - expected) < 1e-5, `${v} vs ${expected}`));
});

/**
 * Source that counts the .wasm files read from disk (the loader reads them with node:fs's readFileSync where
 * it starts synchronously, else with node:fs/promises).
 */
const COUNT_WASM_READS = `
  globalThis.wasmReads = [];
  const count = (path) => {
    if (String(path).endsWith('.wasm')) globalThis.wasmReads.push(String(path).split('/').pop());
  };
  const fsAsync = process.getBuiltinModule('node:fs/promises');
  const readFile = fsAsync.readFile;
  fsAsync.readFile = (path, ...rest) => (count(path), readFile(path, ...rest));
  const fsSync = process.getBuiltinModule('node:fs');
  const readFileSync = fsSync.readFileSync;
  fsSync.readFileSync = (path, ...rest) => (count(path), readFileSync(path, ...rest));`;

test('the main entry reads only the one .wasm build it runs; the embedded entry reads none', () => {
  for (const [entry, expected] of [
    ['tfjs-backend-simd', 1],
    ['tfjs-backend-simd/embedded', 0],
  ]) {
    const result = runFresh(`
      ${COUNT_WASM_READS}
      const tf = await import('@tensorflow/tfjs-core');
      const simd = await import('${entry}');
      simd.setThreadCount(1);
      await tf.setBackend('simd');
      const value = tf.matMul([[1, 2]], [[3], [4]]).dataSync()[0];
      console.log(JSON.stringify({ value, build: tf.backend().build, reads: globalThis.wasmReads }));
    `);
    assert.is(result.value, 11);
    assert.is(result.reads.length, expected, `${entry} read ${result.reads.join(', ')}`);
    if (expected === 1) assert.is(result.reads[0], result.build === 'relaxed-simd' ? 'simd-relaxed.wasm' : 'simd.wasm');
  }
});

test("'tfjs-backend-simd/models' alone registers the backend", () => {
  const result = runFresh(`
    import * as tf from '@tensorflow/tfjs-core';
    import { VAE } from 'tfjs-backend-simd/models';
    const switched = await tf.setBackend('simd');
    const vae = new VAE({ inputDim: 4, hiddenUnits: [3], latentDim: 2, decoder: 'bernoulli', seed: 1 });
    const elbo = vae.elbo(tf.zeros([2, 4])).dataSync();
    console.log(JSON.stringify({ switched, backend: tf.getBackend(), elbo: [...elbo] }));
  `);
  assert.is(result.switched, true);
  assert.is(result.backend, 'simd');
  assert.ok(result.elbo.length === 2 && result.elbo.every(Number.isFinite), `ELBO ${result.elbo}`);
});

test.run();
