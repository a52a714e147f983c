// @ts-check
// Two 'simd' instances and 'cpu' in one engine, as tfjs-core's "Switching cpu backends" specs do for 'cpu':
// tensors stay readable on the backend that made them whichever is active, ops take inputs from another
// backend (the engine moves their data), and removing an instance frees its tensors' memory, also while
// kernels it launched on its worker may still run.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomValues, rng, tf } from '../helpers/setup.mjs';

const random = rng(47);
const NAMES = ['simd1', 'simd2'];

/** Registers two fresh 'simd' instances under other names, with simd's kernels, runs `fn`, and removes them. */
async function withTwoSimds(fn) {
  const factory = tf.findBackendFactory('simd');
  assert.ok(factory != null, "'simd' is registered");
  const kernels = tf.getKernelsForBackend('simd');
  const previous = tf.getBackend();
  for (const name of NAMES) {
    tf.registerBackend(name, factory);
    for (const kernel of kernels) tf.registerKernel({ ...kernel, backendName: name });
  }
  try {
    await fn();
  } finally {
    for (const name of NAMES) {
      tf.removeBackend(name);
      for (const kernel of kernels) tf.unregisterKernel(kernel.kernelName, name);
    }
    await tf.setBackend(previous ?? 'simd');
  }
}

test('tensors made on two simd instances stay readable from either, and free their memory', async () => {
  await withTwoSimds(async () => {
    const before = tf.memory();
    await tf.setBackend('simd1');
    const a = tf.scalar(5);
    await tf.setBackend('simd2');
    const b = tf.tensor1d([3, -1, 7]);
    const after = tf.memory();
    assert.is(after.numDataBuffers - before.numDataBuffers, 2);
    assert.is(after.numTensors - before.numTensors, 2);
    assert.is(after.numBytes - before.numBytes, 16);
    assert.equal(Array.from(await a.data()), [5]);
    assert.equal(Array.from(await b.data()), [3, -1, 7]);
    await tf.setBackend('simd1');
    assert.equal(Array.from(a.dataSync()), [5]);
    assert.equal(Array.from(b.dataSync()), [3, -1, 7]);
    tf.dispose([a, b]);
    const end = tf.memory();
    assert.is(end.numDataBuffers, before.numDataBuffers);
    assert.is(end.numTensors, before.numTensors);
    assert.is(end.numBytes, before.numBytes);
  });
});

// Sizes from one value to ones large enough that the kernels are launched on a worker (two threads).
for (const n of [1, 17, 255, 40_003]) {
  test(`an op on inputs from two simd instances and cpu, ${n} values: the engine moves their data`, async () => {
    await withTwoSimds(async () => {
      const values = [randomValues(n, random), randomValues(n, random), randomValues(n, random)];
      const expected = values[0].map((v, i) => Math.fround(Math.fround(v + values[1][i]) * values[2][i]));
      await tf.setBackend('simd1');
      // Still being computed (launched) when simd2 needs it.
      const a = tf.relu(tf.neg(tf.neg(tf.tensor1d(values[0]))));
      const aValues = values[0].map((v) => Math.max(v, 0));
      await tf.setBackend('simd2');
      const b = tf.tensor1d(values[1]);
      await tf.setBackend('cpu');
      const c = tf.tensor1d(values[2]);
      await tf.setBackend('simd2');
      const sum = tf.tidy(() => tf.mul(tf.add(tf.tensor1d(values[0]), b), c));
      assert.equal(Array.from(sum.dataSync()), Array.from(expected));
      const mixed = tf.add(a, b);
      assert.equal(Array.from(await mixed.data()), Array.from(aValues.map((v, i) => Math.fround(v + values[1][i]))));
      tf.dispose([a, b, c, sum, mixed]);
    });
  });
}

test('removing a simd instance whose launched kernels may still run leaves the others working', async () => {
  const n = 40_003;
  const values = randomValues(n, random);
  await withTwoSimds(async () => {
    await tf.setBackend('simd2');
    const kept = tf.tensor1d(values);
    await tf.setBackend('simd1');
    const x = tf.tensor1d(values);
    const pending = [];
    for (let i = 0; i < 8; i++) pending.push(tf.sigmoid(tf.mul(x, x)));
    tf.removeBackend('simd1');
    tf.registerBackend('simd1', /** @type {any} */ (tf.findBackendFactory('simd')));
    await tf.setBackend('simd2');
    const doubled = tf.add(kept, kept);
    assert.equal(Array.from(doubled.dataSync()), Array.from(values.map((v) => Math.fround(v + v))));
    tf.dispose([kept, doubled, x, ...pending]);
  });
});

test.run();
