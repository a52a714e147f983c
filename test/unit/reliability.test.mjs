// @ts-check
// Concurrency and determinism: switching backends mid-program, disposing and re-creating the backend many
// times, 100,000 tensors alive at once, and bit-identical training run to run (two child processes).

import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose, onBackend, randomValues, rng, simdMemory, tf } from '../helpers/setup.mjs';

/** One small computation with a known answer: Σ (x·2 + 1) over x = 0..n-1, through a matMul and a softmax. */
async function probe(n = 7) {
  return tf.tidy(() => {
    const x = tf.range(0, n);
    const y = tf.add(tf.mul(x, 2), 1);
    const total = tf.sum(tf.matMul(tf.reshape(y, [1, n]), tf.ones([n, 1])));
    return [total.dataSync()[0], tf.sum(tf.softmax(y)).dataSync()[0]];
  });
}

test('switching between cpu and simd 200 times mid-program: values and memory hold', async () => {
  const random = rng(11);
  const values = randomValues(33, random);
  await tf.ready();
  const previous = tf.getBackend();
  let carried = await onBackend('cpu', () => tf.tensor1d(values));
  const start = await onBackend('simd', () => simdMemory().numTensors);
  for (let i = 0; i < 200; i++) {
    await tf.setBackend(i % 2 ? 'cpu' : 'simd');
    // A tensor made on the other backend is used here, and the result carried on to the next switch.
    const next = tf.tidy(() => tf.sub(tf.add(carried, 1), 1));
    carried.dispose();
    carried = next;
    const [total] = await probe();
    assert.is(total, 49);
  }
  assertClose(await carried.data(), values, { rtol: 1e-6, atol: 1e-6, what: 'carried values' });
  carried.dispose();
  await tf.setBackend(previous);
  assert.ok((await onBackend('simd', () => simdMemory().numTensors)) <= start, 'no tensors left from the switching');
});

test('the simd backend removed and registered again 200 times, computing each time', async () => {
  const factory = tf.findBackendFactory('simd');
  assert.ok(factory, 'the package registered a factory');
  await tf.ready();
  const previous = tf.getBackend();
  for (let i = 0; i < 200; i++) {
    tf.removeBackend('simd');
    tf.registerBackend('simd', factory, 3);
    await tf.setBackend('simd');
    const [total, softmaxSum] = await probe(3 + (i % 5));
    const n = 3 + (i % 5);
    assert.is(total, n * n);
    assert.ok(Math.abs(softmaxSum - 1) < 1e-6);
  }
  assert.is(simdMemory().numBytesInWasm, 0, 'a fresh backend holds nothing');
  await tf.setBackend(previous);
});

test('tf.engine().reset() 100 times, as the tfjs test harness does, with tensors alive each time', async () => {
  for (let i = 0; i < 100; i++) {
    tf.engine().reset();
    await tf.setBackend('simd');
    const kept = tf.ones([16]); // left alive on purpose: reset() must drop it with the old backend
    const [total] = await probe();
    assert.is(total, 49);
    assert.is(simdMemory().numTensors, 1);
    assert.is((await tf.sum(kept).data())[0], 16);
  }
  tf.engine().reset();
  await tf.setBackend('simd');
  assert.is(simdMemory().numTensors, 0);
});

test('100,000 small tensors alive at once: every value intact, all bytes back after disposal, memory reused', async () => {
  await onBackend('simd', async () => {
    const before = simdMemory();
    const round = () => {
      const tensors = [];
      for (let i = 0; i < 100_000; i++) tensors.push(tf.tensor1d([i, -i]));
      assert.is(simdMemory().numTensors, before.numTensors + 100_000);
      assert.is(simdMemory().numBytesInWasm, before.numBytesInWasm + 800_000);
      for (const i of [0, 1, 4095, 50_000, 99_999]) assert.equal(Array.from(tensors[i].dataSync()), [i, -i]);
      const total = tf.tidy(() => tf.addN(tensors.slice(0, 1000)).dataSync());
      assert.equal(Array.from(total), [499_500, -499_500]);
      tf.dispose(tensors);
      assert.is(simdMemory().numTensors, before.numTensors);
      assert.is(simdMemory().numBytesInWasm, before.numBytesInWasm);
      return simdMemory().wasmMemoryBytes;
    };
    const heapAfterFirst = round();
    const heapAfterSecond = round();
    assert.is(heapAfterSecond, heapAfterFirst, 'the second round fits in the memory freed by the first');
  });
});

/** Runs the training fingerprint script in a fresh process. */
function fingerprint(build, nodeFlags = []) {
  const { status, stdout, stderr } = spawnSync(
    process.execPath,
    [...nodeFlags, 'test/fuzz/train_fingerprint.mjs', build, '100'],
    { encoding: 'utf8' },
  );
  assert.is(status, 0, stderr);
  return JSON.parse(stdout.trim().split('\n').pop());
}

test('determinism: the same seed trains bit-identically in two processes (plain SIMD build)', () => {
  const first = fingerprint('simd');
  const second = fingerprint('simd');
  assert.is(first.build, 'simd');
  assert.is(first.steps, 100);
  assert.ok(Number.isFinite(first.lastElbo));
  assert.equal(second, first);
});

test('determinism: the same seed trains bit-identically in two processes (relaxed-SIMD build)', () => {
  const flags = ['--experimental-wasm-relaxed-simd'];
  const probeRun = spawnSync(process.execPath, [...flags, '-e', 'WebAssembly.validate(new Uint8Array(0))'], {
    encoding: 'utf8',
  });
  if (probeRun.status !== 0) return; // a runtime without the flag has no relaxed build to compare
  const first = fingerprint('relaxed-simd', flags);
  const second = fingerprint('relaxed-simd', flags);
  assert.is(first.build, 'relaxed-simd');
  assert.equal(second, first);
});

test.run();
