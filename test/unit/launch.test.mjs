// @ts-check
// Launched kernels (SimdWasm.launch, ThreadPool.launch): with two threads, a model run eagerly posts its small
// kernels to a worker, which runs them in order while tfjs's JavaScript goes on. Values are one thread's bit
// for bit; a tensor disposed while a queued kernel still reads it keeps its memory until that kernel ran;
// reads wait for the queue; memory stays flat; the exports that run beside queued kernels touch no memory.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MEMORYLESS_EXPORTS } from '../../dist/wasm/module.js';
import { onBackend, randomValues, rng, simdBackend, simdMemory, tf } from '../helpers/setup.mjs';
import { useThreadedSimd, withThreads } from '../helpers/threads.mjs';
import { waitFor } from '../helpers/wait_for.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const random = rng(31);

/** The pool of 'simd' (threaded), once its worker is ready. */
async function readyPool() {
  await useThreadedSimd();
  return onBackend('simd', async () => {
    const pool = simdBackend().threadPool;
    assert.ok(pool != null, 'the threaded build runs');
    await waitFor(() => pool.readyWorkers(1) >= 1, { timeoutMs: 4000, what: 'a worker ready' });
    // Earlier tests may have left the worker sitting out (a busy machine, or benched on purpose).
    pool.resetWorkerHealth();
    return pool;
  });
}

/** A MobileNet-like chain of small kernels (convolutions, depthwise, element-wise, reductions). */
function chain(x, filter, depthwise, bias) {
  return tf.tidy(() => {
    let y = tf.fused.conv2d({ x, filter, bias, activation: 'relu6', strides: 1, pad: 'same' });
    y = tf.depthwiseConv2d(y, depthwise, [2, 2], 'same');
    y = tf.add(y, tf.relu(y));
    y = tf.sigmoid(tf.mul(y, y));
    return tf.softmax(tf.mean(y, [1, 2]));
  });
}

// Input h×w×c, k channels out, and whether kernels get launched (the smallest run here while none is queued).
/** @type {Array<{ h: number, w: number, c: number, k: number, launches: boolean }>} */
const CHAINS = [
  { h: 1, w: 1, c: 1, k: 1, launches: false },
  { h: 3, w: 5, c: 3, k: 4, launches: false },
  { h: 17, w: 9, c: 3, k: 8, launches: true },
  { h: 32, w: 32, c: 8, k: 24, launches: true },
];
for (const { h, w, c, k, launches } of CHAINS) {
  test(`a chain of kernels on ${h}×${w}×${c} → ${k}: one thread's values bit for bit${launches ? ', run on the worker' : ''}`, async () => {
    const pool = await readyPool();
    const values = {
      x: randomValues(h * w * c, random),
      filter: randomValues(9 * c * k, random),
      depthwise: randomValues(9 * k, random),
      bias: randomValues(k, random),
    };
    const run = () => {
      const x = tf.tensor4d(values.x, [1, h, w, c]);
      const filter = tf.tensor4d(values.filter, [3, 3, c, k]);
      const depthwise = tf.tensor4d(values.depthwise, [3, 3, k, 1]);
      const bias = tf.tensor1d(values.bias);
      // Warm: the worker is awake after the first pass, as between a model's kernels.
      const outs = [0, 1, 2].map(() => chain(x, filter, depthwise, bias));
      const result = outs.map((t) => t.dataSync().slice());
      tf.dispose([x, filter, depthwise, bias, ...outs]);
      return result;
    };
    const one = await withThreads(1, run);
    const launched = pool.launchedKernels();
    const two = await withThreads(2, run);
    if (launches) assert.ok(pool.launchedKernels() > launched, 'kernels were launched');
    for (let i = 0; i < one.length; i++) {
      assert.equal(Array.from(two[i]), Array.from(one[i]), `pass ${i}`);
    }
  });
}

test('a tensor disposed while a queued kernel reads it keeps its memory until the kernel ran', async () => {
  const pool = await readyPool();
  await onBackend('simd', () => {
    // Large enough to be launched (LEAST_LAUNCHED_WORK), odd.
    const n = 16411;
    const launched = pool.launchedKernels();
    for (let round = 0; round < 40; round++) {
      const a = randomValues(n, random);
      const b = randomValues(n, random);
      const x = tf.tensor1d(a);
      const y = tf.tensor1d(b);
      const sums = [];
      for (let i = 0; i < 8; i++) sums.push(tf.add(x, y));
      const negated = tf.neg(sums[7]);
      // Freed while kernels reading them may still be queued; new tensors of the same size may take their
      // blocks only once those kernels ran.
      tf.dispose([x, y, ...sums.slice(0, 7)]);
      const decoys = [0, 1, 2].map(() => tf.fill([n], 1e6));
      const got = negated.dataSync();
      for (let i = 0; i < n; i++) {
        const expected = -Math.fround(a[i] + b[i]);
        if (got[i] !== expected) assert.unreachable(`round ${round}, value ${i}: ${got[i]} ≠ ${expected}`);
      }
      tf.dispose([sums[7], negated, ...decoys]);
    }
    assert.ok(pool.launchedKernels() > launched, 'kernels were launched');
  });
});

test('memory stays flat over many launched kernels, and no tensor leaks', async () => {
  await readyPool();
  await onBackend('simd', () => {
    const x = tf.randomUniform([1, 16, 16, 8], 0, 1, 'float32', 3);
    const filter = tf.randomNormal([3, 3, 8, 8], 0, 1, 'float32', 4);
    const depthwise = tf.randomNormal([3, 3, 8, 1], 0, 1, 'float32', 5);
    const bias = tf.randomNormal([8], 0, 1, 'float32', 6);
    const step = () => {
      const y = chain(x, filter, depthwise, bias);
      y.dataSync();
      y.dispose();
    };
    for (let i = 0; i < 200; i++) step();
    const before = simdMemory();
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 2000; i++) step();
    const after = simdMemory();
    assert.is(tf.memory().numTensors, tensors);
    assert.is(after.numBytesInWasm, before.numBytesInWasm);
    assert.is(after.wasmMemoryBytes, before.wasmMemoryBytes, 'the WebAssembly memory did not grow');
    tf.dispose([x, filter, depthwise, bias]);
  });
});

/** Whether export `name` of the module's text (build/simd.wat), or anything it calls, reads or writes memory. */
function touchesMemory(wat, name) {
  const exported = new RegExp(`\\(export "${name}" \\(func (\\$[^)\\s]+)\\)\\)`).exec(wat);
  assert.ok(exported, `${name} is exported`);
  const bodies = new Map();
  const starts = [...wat.matchAll(/\n \(func (\$[^\s]+)/g)];
  starts.forEach((m, i) => bodies.set(m[1], wat.slice(m.index, starts[i + 1]?.index ?? wat.length)));
  const seen = new Set();
  const visit = (fn) => {
    if (seen.has(fn)) return false;
    seen.add(fn);
    const body = (bodies.get(fn) ?? '').replace(/^[^\n]*\n/, '');
    if (/\b(\w+\.(load|store)\w*|memory\.\w+|\w+\.atomic\.\w+|call_indirect)\b/.test(body)) return true;
    return [...body.matchAll(/\(call (\$[^\s)]+)/g)].some((call) => visit(call[1]));
  };
  return visit(exported[1]);
}

test('the exports that run beside launched kernels read and write no memory', () => {
  const file = join(root, 'build/simd.wat');
  if (!existsSync(file)) throw new Error('build/simd.wat is missing: run npm run build:wasm');
  const wat = readFileSync(file, 'utf8');
  assert.ok(touchesMemory(wat, 'conv_depthwise_share_f32'), 'the check sees a kernel touch memory');
  for (const name of MEMORYLESS_EXPORTS) assert.not.ok(touchesMemory(wat, name), name);
});

test.run();
