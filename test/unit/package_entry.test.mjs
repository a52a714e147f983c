// The package as users import it (package.json "exports": the bundled entries in dist/bundle/), each check in a
// fresh Node process: the entries share one backend, and tfjs-backend-cpu is loaded only when a kernel
// without a native implementation first runs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';

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
    const top = tf.topk(tf.tensor1d([3, 1, 2]), 2).values.dataSync(); // TopK runs on the CPU fallback
    const coverage = simd.kernelCoverage();
    console.log(JSON.stringify({
      entry, value, cpuKernelsAfterMatMul, top: [...top],
      cpuKernelsAfterTopK: tf.getKernelsForBackend('cpu').length,
      nativeAndFallback: coverage.native.length + coverage.fallback.length,
      registeredOnSimd: tf.getKernelsForBackend('simd').length,
    }));
  `);
  assert.ok(result.entry.endsWith('/dist/bundle/index.js'), result.entry);
  assert.is(result.value, 3);
  assert.is(result.cpuKernelsAfterMatMul, 0, 'tfjs-backend-cpu loaded although every kernel was native');
  assert.equal(result.top, [3, 2]);
  assert.ok(result.cpuKernelsAfterTopK > 100, `cpu kernels after the fallback ran: ${result.cpuKernelsAfterTopK}`);
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

test.run();
