// @ts-check
// setWasmModule (precompiled modules for runtimes that forbid compiling at run time) and feature detection,
// in Node. Runs in a process of its own: handing over a module changes the state of every later backend.

import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as simd from '../../dist/index.js';
import { instantiateSimdWasm } from '../../dist/wasm/module.js';

/** Registers a backend like 'simd' under another name, so that it is created afresh with the current settings. */
function registerFreshSimdBackend(name) {
  if (tf.findBackendFactory(name) != null) tf.removeBackend(name);
  tf.registerBackend(name, async () => new simd.SimdBackend(await instantiateSimdWasm()));
  for (const config of tf.getKernelsForBackend('simd')) {
    if (tf.getKernel(config.kernelName, name) == null) tf.registerKernel({ ...config, backendName: name });
  }
}

test('detectWasmFeatures: SIMD present, flags agree with the builds the runtime validates', () => {
  const features = simd.detectWasmFeatures();
  assert.is(features.simd, true);
  assert.is(features.relaxedSimd, simd.supportsBuild('relaxed-simd'));
  assert.type(features.threads, 'boolean');
});

test('setWasmModule rejects what is not a module, and builds that do not exist', () => {
  assert.throws(() => simd.setWasmModule(new Uint8Array(8), 'simd'), /expected a WebAssembly.Module/);
  const module = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  // @ts-expect-error: a build that does not exist, on purpose
  assert.throws(() => simd.setWasmModule(module, 'sse'), /build must be 'simd' or 'relaxed-simd'/);
});

test('a backend made after setWasmModule runs the given module, and only given builds can be requested', async () => {
  const module = await WebAssembly.compile(await readFile(new URL('../../build/simd.wasm', import.meta.url)));
  // Spy on compile: with a module handed over, the embedded bytes must not be compiled.
  const compile = WebAssembly.compile;
  let compiled = 0;
  WebAssembly.compile = (...args) => {
    compiled++;
    return compile(...args);
  };
  try {
    simd.setWasmModule(module, 'simd');
    registerFreshSimdBackend('simd-given');
    assert.ok(await tf.setBackend('simd-given'));
    assert.is(/** @type {simd.SimdBackend} */ (tf.backend()).build, 'simd');
    const product = tf.matMul(
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    );
    assert.equal(Array.from(await product.data()), [19, 22, 43, 50]);
    product.dispose();
    assert.is(compiled, 0, 'the embedded bytes were compiled although a module was given');

    simd.setWasmBuild('relaxed-simd');
    registerFreshSimdBackend('simd-given');
    assert.is(await tf.setBackend('simd-given'), false);
  } finally {
    WebAssembly.compile = compile;
    simd.setWasmBuild('auto');
  }
});

test.run();
