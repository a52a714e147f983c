// @ts-check
// Threads (src/threads/): products split over worker threads give the single-thread results bit for bit
// (each output summed in the same order), on odd sizes, every transpose and every fused epilogue; packing
// runs and tile rectangles cover everything once; workers really take chunks; a worker that keeps arriving
// late is left out, then retried; backends come and go without hanging.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-layers'; // registers tfjs-core's gradients (the conv cases take some)
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { productOnThisThread, runProductShares, splitProduct } from '../../dist/kernels/gemm/threads.js';
import { ADAM_SPLIT } from '../../dist/kernels/optim/AdamUpdate.js';
import { CHUNK_ARGS, MAX_CHUNKS } from '../../dist/threads/control.js';
import { ThreadPool } from '../../dist/threads/pool.js';
import { splitRange } from '../../dist/threads/sweep.js';
import { WorkerHealth } from '../../dist/threads/worker_health.js';
import { onBackend, randomValues, rng, simd, simdBackend, simdMemory, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';
import { jobsSinceReset, useThreadedSimd, workersEnlisted } from '../helpers/threads.mjs';
import { waitFor } from '../helpers/wait_for.mjs';

/** @typedef {import('../../dist/wasm/module.js').SimdWasm} SimdWasm */
/** @typedef {import('../../dist/kernels/gemm/threads.js').GemmProduct} GemmProduct */
/** @typedef {import('../../dist/kernels/gemm/threads.js').GemmEpilogue} GemmEpilogue */

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const random = rng(10);
const ODD = [1, 3, 17, 255, 257, 513];
const TRANSPOSES = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

/** Waits (event loop free) until `pool` has `count` workers ready. */
async function workersReady(pool, count) {
  await waitFor(() => pool.readyWorkers(count) >= count, { timeoutMs: 4000, what: `${count} worker(s) ready` });
}

/** Threads of this process (Linux), or null where /proc is not there. */
function processThreads() {
  try {
    return Number(/Threads:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
  } catch {
    return null;
  }
}

/** Runs `fn` with the thread count set to `count`, then back to 2. */
function withThreads(count, fn) {
  simd.setThreadCount(count);
  try {
    return fn();
  } finally {
    simd.setThreadCount(2);
  }
}

test.before(async () => {
  await useThreadedSimd();
  await onBackend('simd', async () => {
    const backend = simdBackend();
    assert.ok(backend.threadPool != null, 'Node has shared memory: the threaded build runs');
    await workersReady(backend.threadPool, 1);
  });
});

test('setThreadCount takes integers >= 1 only', () => {
  for (const bad of [0, -1, 1.5, NaN, '2']) {
    // @ts-expect-error: '2' is a string, on purpose
    assert.throws(() => simd.setThreadCount(bad), /integer >= 1/);
  }
});

test('the backend reports its build and thread count', async () => {
  await onBackend('simd', async () => {
    const backend = simdBackend();
    backend.threadPool.resetWorkerHealth(); // earlier files' products on a loaded machine may have benched it
    assert.is(backend.threadCount, 2);
    assert.ok(['simd', 'relaxed-simd'].includes(backend.build));
    assert.is(
      withThreads(3, () => backend.threadCount),
      3,
    );
  });
});

test('public path: large products, every transpose and epilogue, threaded equal to single-thread bit for bit', async () => {
  // The last two: A packed in three groups of rows (over 2M floats of it); B too large to pack whole (over
  // 8M floats), so shares of whole columns.
  const cases = [
    [257, 513, 255],
    [513, 17, 513],
    [3, 1025, 1024],
    [1025, 257, 17],
    [2000, 24, 2049],
    [9, 4100, 2049],
  ];
  /** @type {Array<null | { activation: tf.fused.Activation, bias?: string, alpha?: number }>} */
  const epilogues = [
    null,
    { activation: 'relu', bias: 'row' },
    { activation: 'prelu', bias: 'none' },
    { activation: 'leakyrelu', alpha: 0.3 },
    { activation: 'elu', bias: 'row' },
    { activation: 'sigmoid' },
    { activation: 'relu6', bias: 'full' },
  ];
  await onBackend('simd', async () => {
    let index = 0;
    for (const [m, n, k] of cases) {
      for (const [transposeA, transposeB] of TRANSPOSES) {
        const epilogue = epilogues[index++ % epilogues.length];
        const a = tf.tensor(randomValues(m * k, random), transposeA ? [k, m] : [m, k]);
        const b = tf.tensor(randomValues(k * n, random), transposeB ? [n, k] : [k, n]);
        const biasShape = { row: [n], full: [m, n] }[epilogue?.bias];
        const bias = biasShape && tf.tensor(randomValues(size(biasShape), random), biasShape);
        const prelu = epilogue?.activation === 'prelu' ? tf.tensor(randomValues(n, random), [n]) : undefined;
        const product = () =>
          epilogue == null
            ? tf.matMul(a, b, transposeA, transposeB)
            : tf.fused.matMul({
                a,
                b,
                transposeA,
                transposeB,
                bias,
                activation: epilogue.activation,
                preluActivationWeights: prelu,
                leakyreluAlpha: epilogue.alpha,
              });
        const single = withThreads(1, product);
        simdBackend().threadPool.resetWorkerHealth();
        const threaded = product();
        const what = JSON.stringify({ m, n, k, transposeA, transposeB, epilogue });
        // Products of three rows or fewer run unpacked, their columns split over threads.
        assert.ok(jobsSinceReset(simdBackend().threadPool) > 0, `${what}: split over threads`);
        assert.equal(await threaded.data(), await single.data(), `${what}: bit for bit`);
        tf.dispose([a, b, bias, prelu, single, threaded]);
      }
    }
  });
});

/**
 * The backend's wasm, with a main-thread `kernel` that counts the chunks it runs and pauses `pauseMs` before
 * each (so that a worker gets to take some).
 */
function countingWasm(wasm, counter, kernel = 'gemm_f32', pauseMs = 5) {
  /** @type {Record<string, Function>} */
  const kernels = { ...wasm.kernels };
  const pause = new Int32Array(new SharedArrayBuffer(4));
  kernels[kernel] = (...args) => {
    counter.main++;
    Atomics.wait(pause, 0, 0, pauseMs);
    return wasm.kernels[kernel](...args);
  };
  const counting = {
    kernels,
    threads: wasm.threads,
    alloc: (b) => wasm.alloc(b),
    free: (p) => wasm.free(p),
    withScratch: (b, run) => wasm.withScratch(b, run),
    call: (name, args) => kernels[name](...args),
    // Kernels this stand-in is handed run here (and are counted): the pool under test launches none.
    launcher: null,
    launch: (name, args) => void kernels[name](...args),
    callLaunched: (name, args) => void kernels[name](...args),
    settle: () => wasm.settle(),
  };
  return /** @type {SimdWasm} */ (/** @type {unknown} */ (counting)); // what the pool and the kernels use of one
}

test('chunks of odd sizes, transposes and epilogues: workers take some, results equal the plain gemm', async () => {
  await onBackend('simd', async () => {
    const backend = simdBackend();
    const counter = { main: 0 };
    const pool = ThreadPool.of(countingWasm(backend.wasm, counter));
    try {
      await workersReady(pool, 1);
      let chunks = 0;
      for (const m of ODD) {
        for (const n of ODD) {
          const k = ODD[(m + n) % ODD.length];
          const [transposeA, transposeB] = TRANSPOSES[(m * 3 + n) % 4];
          const a = tf.tensor(randomValues(m * k, random), [m, k]);
          const b = tf.tensor(randomValues(k * n, random), [k, n]);
          const bias = tf.tensor(randomValues(m * n, random), [m, n]);
          const plain = tf.zeros([m, n]);
          const split = tf.zeros([m, n]);
          const [rsA, csA] = transposeA ? [1, m] : [k, 1];
          const [rsB, csB] = transposeB ? [1, k] : [k === 0 ? 1 : n, 1];
          /** @type {(c: tf.Tensor) => GemmProduct} */
          const product = (c) => [m, n, k, backend.ptr(a), rsA, csA, backend.ptr(b), rsB, csB, backend.ptr(c), n];
          // Leaky relu with a full-matrix bias: the epilogue's pointers move with every chunk.
          /** @type {GemmEpilogue} */
          const epilogue = [4, 0.25, backend.ptr(bias), n * 4, 4, 0, 0, 0];
          productOnThisThread(backend.wasm, 'gemm_f32', product(plain), epilogue);
          const parts = splitProduct(product(split), epilogue, 7);
          chunks += parts.length;
          runProductShares(backend.wasm, pool, parts, 1);
          const what = JSON.stringify({ m, n, k, transposeA, transposeB, chunks: parts.length });
          assert.equal(await split.data(), await plain.data(), what);
          tf.dispose([a, b, bias, plain, split]);
        }
      }
      assert.ok(counter.main < chunks, `the worker took none of ${chunks} chunks`);
    } finally {
      pool.dispose();
    }
  });
});

test("a job of chunks longer than a chunk's slot, or of unequal lengths, is refused by name", async () => {
  await onBackend('simd', async () => {
    const backend = simdBackend();
    const pool = ThreadPool.of(backend.wasm);
    const out = backend.wasm.alloc(64 * 4);
    try {
      await workersReady(pool, 1);
      // elementwise_fill_4byte(out, n, bits) reads its first three arguments; the rest pad the chunk.
      const chunk = (i, length) => [out + i * 4, 1, 1000 + i, ...new Array(length - 3).fill(0)];
      const chunks = (length) => Array.from({ length: 64 }, (_, i) => chunk(i, length));
      assert.throws(
        () => pool.run('elementwise_fill_4byte', chunks(CHUNK_ARGS + 1), 1),
        (/** @type {Error} */ e) =>
          e instanceof RangeError && /elementwise_fill_4byte/.test(e.message) && /at most 40/.test(e.message),
      );
      assert.throws(
        () => pool.run('elementwise_fill_4byte', [chunk(0, 3), chunk(1, 4)], 1),
        (/** @type {Error} */ e) => e instanceof RangeError && /got 3, 4/.test(e.message),
      );
      // The longest chunks a slot holds reach the worker whole.
      pool.run('elementwise_fill_4byte', chunks(CHUNK_ARGS), 1);
      assert.equal(
        Array.from(backend.wasm.i32(out, 64)),
        Array.from({ length: 64 }, (_, i) => 1000 + i),
      );
    } finally {
      backend.wasm.free(out);
      pool.dispose();
    }
  });
});

test('a lowered thread count: workers beyond it sit jobs out (not enlisted)', async () => {
  await onBackend('simd', async () => {
    const backend = simdBackend();
    backend.threadPool.resetWorkerHealth();
    const a = tf.randomUniform([256, 256]);
    try {
      const single = withThreads(1, () => tf.matMul(a, a));
      simd.setThreadCount(3);
      tf.matMul(a, a).dispose();
      await workersReady(backend.threadPool, 2);
      backend.threadPool.resetWorkerHealth();
      const three = tf.matMul(a, a);
      assert.is(workersEnlisted(backend.threadPool), 2, '3 threads: both workers enlisted');
      simd.setThreadCount(2);
      backend.threadPool.resetWorkerHealth();
      const two = tf.matMul(a, a);
      assert.is(workersEnlisted(backend.threadPool), 1, '2 threads: one worker sits the jobs out');
      assert.equal(await three.data(), await single.data(), '3 threads: bit for bit');
      assert.equal(await two.data(), await single.data(), '2 threads: bit for bit');
      tf.dispose([single, three, two]);
    } finally {
      simd.setThreadCount(2);
      a.dispose();
    }
  });
});

test('chunks cover C exactly once, on micro-tile edges', () => {
  for (const [m, n, parts] of [
    [1, 1, 4],
    [17, 255, 3],
    [513, 3, 6],
    [100, 100, 64],
    [8, 1024, 5],
  ]) {
    const chunks = splitProduct([m, n, 9, 1000, 9, 1, 5000, n, 1, 90000, n], [0, 0, 0, 0, 0, 0, 0, 0], parts);
    assert.ok(chunks.length >= 1 && chunks.length <= parts, `${m}×${n}: ${chunks.length} chunks for ${parts}`);
    const byColumns = n >= m;
    let covered = 0;
    for (const chunk of chunks) {
      const offset = (chunk[9] - 90000) / 4;
      assert.is(offset, byColumns ? covered : covered * n, `${m}×${n}: chunk starts where the last ended`);
      covered += byColumns ? chunk[1] : chunk[0];
      if (covered < (byColumns ? n : m)) assert.is((byColumns ? chunk[1] : chunk[0]) % (byColumns ? 8 : 4), 0);
    }
    assert.is(covered, byColumns ? n : m);
  }
});

test('backends re-created many times (as the tfjs-core suite does): workers stop on dispose, results stay right', async () => {
  const previous = tf.getBackend();
  const a = randomValues(300 * 300, random);
  const b = randomValues(300 * 300, random);
  const { instantiateSimdWasm } = await import('../../dist/wasm/module.js');
  const threadsBefore = processThreads();
  let reference;
  const pools = [];
  for (let round = 0; round < 12; round++) {
    // Removing a backend disposes it; the kernels stay registered under its name.
    tf.removeBackend('simd');
    tf.registerBackend('simd', async () => new simd.SimdBackend(await instantiateSimdWasm()), 3);
    await tf.setBackend('simd');
    const backend = simdBackend();
    pools.push(backend.threadPool);
    if (round % 2 === 0) await workersReady(backend.threadPool, 1);
    const values = await tf.matMul(tf.tensor(a, [300, 300]), tf.tensor(b, [300, 300])).data();
    if (reference == null) reference = values;
    assert.equal(values, reference, `round ${round}: bit for bit`);
  }
  await tf.setBackend(previous);
  tf.removeBackend('simd');
  tf.registerBackend('simd', async () => new simd.SimdBackend(await instantiateSimdWasm()), 3);
  assert.ok(
    pools.every((pool) => pool.readyWorkers(1) === 0),
    'a disposed pool has no worker ready',
  );
  // Every pool (the last removed just now) told its workers to quit: their threads end, not 12 more than before.
  if (threadsBefore != null) {
    await waitFor(() => processThreads() <= threadsBefore + 1, {
      timeoutMs: 10_000,
      what: `the workers of ${pools.length} disposed pools to end (threads before: ${threadsBefore})`,
    });
  }
});

/**
 * @typedef {{ x: [number, number, number, number], f: [number, number, number, number], strides: number,
 *   pad: 'same' | 'valid', dilations?: number }} ConvCase
 */

/**
 * Every conv kernel on (x, filter): forward, fused forward, and (tfjs has no dilated conv gradients) both
 * gradients of a sum of squares.
 * @param {tf.Tensor4D} x
 * @param {tf.Tensor4D} filter
 * @param {tf.Tensor1D} bias
 * @param {ConvCase} conv
 */
function convResults(x, filter, bias, conv) {
  const { strides, pad, dilations = 1 } = conv;
  const forward = tf.conv2d(x, filter, strides, pad, 'NHWC', dilations);
  const fused = tf.fused.conv2d({ x, filter, strides, pad, dilations, bias, activation: 'relu' });
  if (dilations > 1) return [forward, fused];
  const [dx, dFilter] = tf.grads((a, f) =>
    tf.sum(tf.square(tf.conv2d(/** @type {tf.Tensor4D} */ (a), /** @type {tf.Tensor4D} */ (f), strides, pad))),
  )([x, filter]);
  return [forward, fused, dx, dFilter];
}

test('convolutions split over threads (images; output channels for the filter gradient) equal one thread, bit for bit', async () => {
  /** @type {ConvCase[]} */
  const cases = [
    { x: [4, 28, 28, 8], f: [3, 3, 8, 16], strides: 1, pad: 'same' },
    { x: [3, 17, 15, 5], f: [3, 3, 5, 17], strides: 2, pad: 'valid' },
    { x: [5, 20, 20, 3], f: [5, 5, 3, 32], strides: 1, pad: 'same', dilations: 2 },
    { x: [2, 40, 40, 16], f: [1, 1, 16, 24], strides: 1, pad: 'valid' },
    { x: [1, 64, 64, 8], f: [3, 3, 8, 33], strides: 1, pad: 'same' },
    { x: [7, 9, 9, 1], f: [3, 3, 1, 255], strides: 1, pad: 'same' },
    // Fewer than 16 output channels: the filter gradient by chunks of output pixels.
    { x: [24, 28, 28, 16], f: [3, 3, 16, 1], strides: 1, pad: 'same' },
    { x: [12, 30, 30, 8], f: [3, 3, 8, 5], strides: 1, pad: 'valid' },
  ];
  await onBackend('simd', async () => {
    for (const conv of cases) {
      const x = tf.tensor4d(randomValues(size(conv.x), random), conv.x);
      const filter = tf.tensor4d(randomValues(size(conv.f), random), conv.f);
      const bias = tf.tensor1d(randomValues(conv.f[3], random));
      const single = withThreads(1, () => convResults(x, filter, bias, conv));
      const threaded = convResults(x, filter, bias, conv);
      const names = ['forward', 'fused forward', 'input gradient', 'filter gradient'];
      for (let i = 0; i < threaded.length; i++) {
        assert.equal(await threaded[i].data(), await single[i].data(), `${JSON.stringify(conv)}: ${names[i]}`);
      }
      tf.dispose([x, filter, bias, ...single, ...threaded]);
    }
  });
});

test('a filter gradient of few channels is split by chunks of output pixels, bit for bit one thread', async () => {
  await onBackend('simd', async () => {
    const pool = simdBackend().threadPool;
    // Each over 2M multiply-adds: split even with the worker asleep.
    /** @type {Array<[number[], number]>} */
    const cases = [
      [[32, 28, 28, 16], 1],
      [[17, 31, 29, 6], 3],
      [[16, 20, 20, 32], 15],
    ];
    for (const [xShape, outC] of cases) {
      const x = tf.tensor(randomValues(size(xShape), random), xShape);
      const dy = tf.tensor(randomValues(size(xShape.slice(0, 3)) * outC, random), [...xShape.slice(0, 3), outC]);
      const filterShape = [3, 3, xShape[3], outC];
      const gradient = () =>
        tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'same', filterShape });
      await assertSplitEqualsOneThread(pool, JSON.stringify({ xShape, outC }), gradient);
      tf.dispose([x, dy]);
    }
  });
});

test('batch-1 products of few rows, and of one column, split by columns (rows), bit for bit one thread', async () => {
  /** @type {Array<[number, number, number, boolean]>} [m, n, k, transposeB] */
  const cases = [
    [1, 1001, 2560, false],
    [2, 1003, 1100, true],
    [3, 513, 2049, false],
    [3001, 1, 777, false],
  ];
  await onBackend('simd', async () => {
    const pool = simdBackend().threadPool;
    for (const [m, n, k, transposeB] of cases) {
      const a = tf.tensor(randomValues(m * k, random), [m, k]);
      const b = tf.tensor(randomValues(k * n, random), transposeB ? [n, k] : [k, n]);
      const bias = tf.tensor(randomValues(n, random), [n]);
      const product = () => tf.fused.matMul({ a, b, transposeB, bias, activation: 'relu6' });
      await assertSplitEqualsOneThread(pool, JSON.stringify({ m, n, k, transposeB }), product);
      tf.dispose([a, b, bias]);
    }
  });
});

test('one row against a B met again: its kept panels split by runs of whole panels, bit for bit one thread', async () => {
  // Widths around the 24-column panels (a partial last panel, a scalar tail); over 2M multiply-adds, so they
  // split with the worker asleep.
  /** @type {Array<[number, number]>} [n, k] */
  const cases = [
    [24 * 23, 4000],
    [24 * 30 + 7, 3000],
    [1001, 2560],
  ];
  await onBackend('simd', async () => {
    const pool = simdBackend().threadPool;
    for (const [n, k] of cases) {
      const a = tf.tensor(randomValues(k, random), [1, k]);
      const b = tf.tensor(randomValues(k * n, random), [k, n]);
      const bias = tf.tensor(randomValues(n, random), [n]);
      const product = () => tf.fused.matMul({ a, b, bias, activation: 'relu' });
      const packedBefore = simdMemory().numBytesPacked;
      tf.dispose([product(), product()]); // B sighted, then packed and kept
      assert.ok(simdMemory().numBytesPacked > packedBefore, `${n}×${k}: B kept packed`);
      await assertSplitEqualsOneThread(pool, JSON.stringify({ n, k }), product);
      tf.dispose([a, b, bias]);
    }
  });
});

test('one image: its forward convolution split by output rows (pixels when pointwise), bit for bit one thread', async () => {
  // Unpacked products of over 2M multiply-adds: the single images that split.
  /** @type {ConvCase[]} */
  const cases = [
    { x: [1, 113, 97, 3], f: [3, 3, 3, 32], strides: 2, pad: 'same' },
    { x: [1, 67, 61, 24], f: [1, 1, 24, 40], strides: 1, pad: 'valid' },
    { x: [1, 41, 39, 48], f: [1, 1, 48, 255], strides: 1, pad: 'same' },
    { x: [1, 75, 73, 5], f: [3, 3, 5, 33], strides: 1, pad: 'valid', dilations: 2 },
    // Pointwise and deeper (unpacked up to depth 768 into under 128 channels), 1023 pixels: shares end on any row.
    { x: [1, 1, 1023, 300], f: [1, 1, 300, 20], strides: 1, pad: 'valid' },
    // Pointwise, deep and wide: the packed GEMM, its filter kept packed, split into tiles.
    { x: [1, 31, 33, 96], f: [1, 1, 96, 160], strides: 1, pad: 'valid' },
    // Deeper than the unpacked patch product: once its filter is kept packed, split by output rows.
    { x: [1, 17, 15, 64], f: [3, 3, 64, 40], strides: 1, pad: 'same' },
    { x: [1, 20, 18, 48], f: [3, 3, 48, 64], strides: 2, pad: 'same' },
    // One pixel: a one-row product, split by columns.
    { x: [1, 1, 1, 2048], f: [1, 1, 2048, 1500], strides: 1, pad: 'valid' },
  ];
  await onBackend('simd', async () => {
    const pool = simdBackend().threadPool;
    for (const conv of cases) {
      const { strides, pad, dilations = 1 } = conv;
      const x = tf.tensor4d(randomValues(size(conv.x), random), conv.x);
      const filter = tf.tensor4d(randomValues(size(conv.f), random), conv.f);
      const bias = tf.tensor1d(randomValues(conv.f[3], random));
      const fused = () => tf.fused.conv2d({ x, filter, strides, pad, dilations, bias, activation: 'relu6' });
      await assertSplitEqualsOneThread(pool, JSON.stringify(conv), fused);
      tf.dispose([x, filter, bias]);
    }
  });
});

test('one image: shares cover its output rows (its pixels, on micro-tile edges, when pointwise) once', async () => {
  const { splitConv } = await import('../../dist/kernels/conv/threads.js');
  /** @type {import('../../dist/kernels/gemm/threads.js').GemmEpilogue} */
  const epilogue = [0, 0, 0, 0, 0, 0, 0, 0];
  for (const parts of [2, 3, 4, 7]) {
    // [1, 7, 9, 4] → 20 channels, 1×1: a product of 63 pixels.
    const pixels = splitConv(0, [1, 7, 9, 4, 7, 9, 20, 1, 1, 1, 1, 1, 1, 0, 0], 1000, 5000, 90000, epilogue, parts);
    let next = 0;
    for (const share of pixels) {
      const [batch, ih, iw, , oh, ow] = share.slice(1, 7);
      assert.equal([batch, ih, oh, ow], [1, 1, 1, iw], 'one row of pixels, in as out');
      assert.is(next % 4, 0, 'starts on a micro-tile edge');
      assert.is(share[16], 1000 + next * 4 * 4, 'input moves to its first pixel');
      assert.is(share[18], 90000 + next * 20 * 4, 'output too');
      next += iw;
    }
    assert.is(next, 63, `${parts} parts: every pixel once`);
    // [1, 10, 10, 4] → 20 channels, 3×3 stride 2, padding 1 on top: 5 output rows.
    const rows = splitConv(0, [1, 10, 10, 4, 5, 5, 20, 3, 3, 2, 2, 1, 1, 1, 1], 1000, 5000, 90000, epilogue, parts);
    let row = 0;
    for (const share of rows) {
      assert.is(share[16], 1000, 'the whole input');
      assert.is(share[14], 1 - 2 * row, 'seen from a padding moved by the rows before');
      assert.is(share[18], 90000 + row * 5 * 20 * 4, 'output from its first row');
      row += share[5];
    }
    assert.is(row, 5, `${parts} parts: every row once`);
  }
});

test('conv shares: workers take some, each share covers its images or channels once', async () => {
  const { splitConv } = await import('../../dist/kernels/conv/threads.js');
  // Geometry of a [6, 10, 10, 4] input, 3×3 filter to 20 channels, same padding.
  /** @type {import('../../dist/kernels/conv/threads.js').ConvGeometry} */
  const geometry = [6, 10, 10, 4, 10, 10, 20, 3, 3, 1, 1, 1, 1, 1, 1];
  for (const parts of [2, 3, 4, 7]) {
    const images = splitConv(0, geometry, 1000, 5000, 90000, [0, 0, 0, 0, 0, 0, 0, 0], parts);
    assert.is(
      images.reduce((sum, share) => sum + share[1], 0),
      6,
      `${parts} parts: every image once`,
    );
    let next = 0;
    for (const share of images) {
      assert.is((share[16] - 1000) / (10 * 10 * 4 * 4), next, 'input moves to the first image of the share');
      assert.is((share[18] - 90000) / (10 * 10 * 20 * 4), next, 'output too');
      next += share[1];
    }
    const channels = splitConv(2, geometry, 1000, 5000, 90000, [0, 0, 0, 0, 0, 0, 0, 0], parts);
    let c = 0;
    for (const share of channels) {
      assert.is(share[19], c, 'blocks of channels follow one another');
      c = share[20];
      if (c < 20) assert.is(c % 8, 0, 'on micro-tile edges');
    }
    assert.is(c, 20);
  }
  await onBackend('simd', async () => {
    const backend = simdBackend();
    const counter = { main: 0 };
    const pool = ThreadPool.of(countingWasm(backend.wasm, counter, 'conv_2d_share_f32', 2));
    try {
      await workersReady(pool, 1);
      const x = tf.tensor4d(randomValues(6 * 10 * 10 * 4, random), [6, 10, 10, 4]);
      const filter = tf.tensor4d(randomValues(3 * 3 * 4 * 20, random), [3, 3, 4, 20]);
      const expected = withThreads(1, () => tf.conv2d(x, filter, 1, 'same'));
      const out = tf.zeros([6, 10, 10, 20]);
      const shares = splitConv(
        0,
        geometry,
        backend.ptr(x),
        backend.ptr(filter),
        backend.ptr(out),
        [0, 0, 0, 0, 0, 0, 0, 0],
        6,
      );
      const bytes = Math.max(
        ...shares.map((share) =>
          Number(backend.wasm.call('conv_2d_share_f32_scratch_bytes', [0, ...share.slice(1, 16)])),
        ),
      );
      pool.run('conv_2d_share_f32', shares, 1, bytes);
      assert.equal(await out.data(), await expected.data());
      assert.ok(counter.main < shares.length, `the worker took none of ${shares.length} shares`);
      tf.dispose([x, filter, expected, out]);
    } finally {
      pool.dispose();
    }
  });
});

test('split policy: sleeping workers only for work that pays even after a wake-up, awake ones for less', async () => {
  const { helpersFor } = await import('../../dist/threads/split_policy.js');
  const threshold = { awake: 100, asleep: 1000 };
  // A stand-in with the methods the policy reads.
  const pool = (ready, awake, launching = false) =>
    /** @type {ThreadPool} */ (
      /** @type {unknown} */ ({
        workerStates: (wanted) => ({ ready: Math.min(ready, wanted), awake: Math.min(awake, wanted) }),
        launching: () => launching,
      })
    );
  withThreads(4, () => {
    assert.is(helpersFor(null, 1e9, threshold), 0, 'no pool: one thread');
    assert.is(helpersFor(pool(3, 0), 1500, threshold), 0, 'asleep: 1500 does not pay for two threads');
    assert.is(helpersFor(pool(3, 0), 2000, threshold), 1);
    assert.is(helpersFor(pool(3, 0), 1e6, threshold), 3, 'never more workers than ready');
    assert.is(helpersFor(pool(3, 1), 1500, threshold), 1, 'awake: 1500 pays for two threads');
    assert.is(helpersFor(pool(3, 3), 250, threshold), 1, 'awake: 250 pays for two, not three');
    assert.is(helpersFor(pool(3, 3), 199, threshold), 0);
    // While kernels are launched (run eagerly beside tfjs's JavaScript), only work that pays asleep splits.
    assert.is(helpersFor(pool(3, 3, true), 1500, threshold), 0, 'launching: 1500 is launched whole');
    assert.is(helpersFor(pool(3, 3, true), 2000, threshold), 1, 'launching: 2000 still splits');
  });
  withThreads(2, () => assert.is(helpersFor(pool(3, 3), 1e6, threshold), 1, 'within setThreadCount'));
  withThreads(1, () => assert.is(helpersFor(pool(3, 3), 1e6, threshold), 0));
});

test('a worker reports whether it polls or sleeps', async () => {
  await onBackend('simd', async () => {
    const pool = ThreadPool.of(simdBackend().wasm);
    try {
      await workersReady(pool, 1);
      // Polling lasts WORKER_SPIN_MS after start or a job; then the worker sleeps.
      const asleep = () => pool.workerStates(1).awake === 0;
      await waitFor(asleep, { what: 'the worker to sleep after its start' });
      assert.equal(pool.workerStates(1), { ready: 1, awake: 0 });
      // Empty jobs, posted until the worker is seen polling between them (a loaded machine may take a while
      // to schedule it).
      const start = Date.now();
      do pool.run('optim_adam_f32', [], 1);
      while (pool.workerStates(1).awake === 0 && Date.now() - start < 5000);
      assert.equal(pool.workerStates(1), { ready: 1, awake: 1 }, 'woken by jobs');
      await waitFor(asleep, { what: 'the worker to sleep again after polling' });
      assert.equal(pool.workerStates(1), { ready: 1, awake: 0 }, 'asleep again after polling');
    } finally {
      pool.dispose();
    }
  });
});

/** Runs `op` on one thread, then on the pool's threads: a job must be posted, and the results equal bit for bit. */
async function assertSplitEqualsOneThread(pool, what, op) {
  const single = /** @type {tf.Tensor} */ (withThreads(1, () => tf.tidy(op)));
  pool.resetWorkerHealth();
  const threaded = /** @type {tf.Tensor} */ (tf.tidy(op));
  try {
    assert.ok(jobsSinceReset(pool) > 0, `${what}: split over threads`);
    assert.equal(await threaded.data(), await single.data(), `${what}: bit for bit`);
  } finally {
    tf.dispose([single, threaded]);
  }
}

test('element-wise kernels split over threads equal one thread, bit for bit (unary, binary, one-row broadcasts)', async () => {
  const { SWEEP_SPLIT } = await import('../../dist/threads/sweep.js');
  // Large enough to split even with the worker asleep.
  const n = 2 * SWEEP_SPLIT.asleep + 17;
  await onBackend('simd', async () => {
    const pool = simdBackend().threadPool;
    const x = tf.tensor(randomValues(n, random), [n]);
    const y = tf.tensor(randomValues(n, random), [n]);
    const ints = tf.tensor(
      randomValues(n, random).map((v) => Math.round(v * 1000)),
      [n],
      'int32',
    );
    const ops = {
      exp: () => tf.exp(x),
      sqrt: () => tf.sqrt(tf.abs(x)),
      tanh: () => tf.tanh(x),
      square: () => tf.square(x),
      leakyRelu: () => tf.leakyRelu(x, 0.3),
      clip: () => tf.clipByValue(x, -0.5, 0.5),
      add: () => tf.add(x, y),
      div: () => tf.div(x, y),
      squaredDifference: () => tf.squaredDifference(x, y),
      'mul by a scalar': () => tf.mul(x, 0.7),
      'scalar minus': () => tf.sub(0.25, y),
      'add int32': () => tf.add(ints, ints),
      'row broadcast [1, n] + [1]': () => tf.add(tf.reshape(x, [1, n]), tf.tensor([3], [1])),
    };
    for (const [name, op] of Object.entries(ops)) await assertSplitEqualsOneThread(pool, name, op);
    tf.dispose([x, y, ints]);
  });
});

test('nearest-neighbour resizing and its gradient split by images equal one thread, bit for bit', async () => {
  const { SWEEP_SPLIT } = await import('../../dist/threads/sweep.js');
  // An odd batch of odd images, enough resized values to split even with the worker asleep.
  const [inH, inW, channels, outH, outW] = [63, 65, 3, 127, 131];
  const batch = Math.ceil((2 * SWEEP_SPLIT.asleep) / (outH * outW * channels)) + 2;
  await onBackend('simd', async () => {
    const pool = simdBackend().threadPool;
    const images = tf.tensor(randomValues(batch * inH * inW * channels, random), [batch, inH, inW, channels]);
    const dy = tf.tensor(randomValues(batch * outH * outW * channels, random), [batch, outH, outW, channels]);
    const resize = (x, alignCorners, halfPixelCenters) => () =>
      tf.image.resizeNearestNeighbor(x, [outH, outW], alignCorners, halfPixelCenters);
    const gradient = (alignCorners) => () => tf.grad((x) => tf.mul(resize(x, alignCorners, false)(), dy))(images);
    const ops = {
      resize: resize(images, false, false),
      'resize, corners aligned': resize(images, true, false),
      'resize, half-pixel centres': resize(images, false, true),
      gradient: gradient(false),
      'gradient, corners aligned': gradient(true),
    };
    for (const [name, op] of Object.entries(ops)) await assertSplitEqualsOneThread(pool, name, op);
    tf.dispose([images, dy]);
  });
});

test('reductions split over threads (runs of whole output blocks) equal one thread, bit for bit', async () => {
  const { SWEEP_SPLIT } = await import('../../dist/threads/sweep.js');
  // Enough elements to split even with the worker asleep; rows of an odd length.
  const [rows, cols] = [4099, Math.ceil((2 * SWEEP_SPLIT.asleep) / 4099) + 3];
  await onBackend('simd', async () => {
    const pool = simdBackend().threadPool;
    const x = tf.tensor(randomValues(rows * cols, random), [rows, cols]);
    const ints = tf.tensor(
      randomValues(rows * cols, random).map((v) => Math.round(v * 100)),
      [rows, cols],
      'int32',
    );
    const x3 = tf.reshape(x, [rows, 1, cols]);
    const ops = {
      'sum of rows': () => tf.sum(x, 1),
      'max of rows': () => tf.max(x, -1),
      'min of rows': () => tf.min(x, 1),
      'mean of rows': () => tf.mean(x, 1),
      'int32 sum of rows': () => tf.sum(ints, 1),
      'sum over the middle of [rows, 1, cols] with keepDims': () => tf.sum(x3, 2, true),
    };
    for (const [name, op] of Object.entries(ops)) await assertSplitEqualsOneThread(pool, name, op);
    tf.dispose([x, ints, x3]);
  });
});

test('shared packing: runs of panels cover every line of every KC slice once, where the tiles read them', async () => {
  const { KC, packChunks, packChunkFloats, blockBytes } = await import('../../dist/kernels/gemm/plan.js');
  for (const [lines, k, width] of [
    [1, 1, 4],
    [17, 255, 8],
    [255, 257, 4],
    [1000, 513, 8],
    [3, 2049, 4],
  ]) {
    const [src, dst, lineStride, depthStride] = [1 << 20, 1 << 26, 4 * 3000, 4];
    const chunks = packChunks({ src, lines, lineStride, depthStride, width }, k, dst, packChunkFloats(lines * k));
    const covered = new Map();
    for (const [to, from, count, depth] of chunks) {
      const pc = Math.round(((from - src) % lineStride) / depthStride);
      const first = (from - src - pc * depthStride) / lineStride;
      assert.is(depth, Math.min(KC, k - pc), 'one KC slice per chunk');
      assert.is(first % width, 0, 'runs start on panel edges');
      assert.is(
        to,
        dst + (pc / KC) * blockBytes(lines, width) + first * depth * 4,
        'packed where gemm_tiles_f32 reads',
      );
      covered.set(pc, (covered.get(pc) ?? 0) + count);
    }
    for (let pc = 0; pc < k; pc += KC) assert.is(covered.get(pc), lines, `${lines}×${k}: slice ${pc} packed once`);
  }
});

test('tile rectangles cover C once, on tile edges, in at most MAX_CHUNKS chunks, several per thread when large', async () => {
  const { MR, NR, tileGrid } = await import('../../dist/kernels/gemm/plan.js');
  const cover = (runs, length, unit) => {
    let next = 0;
    for (const [start, size] of runs) {
      assert.is(start, next);
      if (start + size < length) assert.is(size % unit, 0);
      next += size;
    }
    assert.is(next, length);
  };
  for (const [rows, n, k, threads] of [
    [1, 1, 1, 2],
    [3, 1025, 1024, 2],
    [512, 512, 512, 2],
    [100, 500, 784, 2],
    [784, 500, 100, 4],
    [2944, 64, 700, 2],
    [20000, 3, 9, 8],
    [17, 255, 3, 3],
  ]) {
    const { rowRuns, columnRuns } = tileGrid(rows, n, k, threads);
    cover(rowRuns, rows, MR);
    cover(columnRuns, n, NR);
    const chunks = rowRuns.length * columnRuns.length;
    assert.ok(chunks <= MAX_CHUNKS, `${rows}×${n}: ${chunks} chunks`);
    if (rows * n * k >= 64 << 20)
      assert.ok(chunks >= 8 * threads || chunks >= 48, `${rows}×${n}×${k}: ${chunks} chunks`);
  }
});

test('products on shared packed blocks: workers take tiles, results bit for bit the plain gemm', async () => {
  const { gemmF32 } = await import('../../dist/kernels/gemm/threads.js');
  await onBackend('simd', async () => {
    const backend = simdBackend();
    const counter = { main: 0 };
    const pool = ThreadPool.of(countingWasm(backend.wasm, counter, 'gemm_tiles_private_f32', 1));
    try {
      await workersReady(pool, 1);
      let jobs = 0;
      let chunksTaken = 0;
      for (const [m, n, k] of [
        [257, 255, 513],
        [64, 1025, 300],
        [513, 17, 257],
      ]) {
        for (const [transposeA, transposeB] of TRANSPOSES) {
          const a = tf.tensor(randomValues(m * k, random), [m, k]);
          const b = tf.tensor(randomValues(k * n, random), [k, n]);
          const bias = tf.tensor(randomValues(n, random), [n]);
          const plain = tf.zeros([m, n]);
          const split = tf.zeros([m, n]);
          const [rsA, csA] = transposeA ? [1, m] : [k, 1];
          const [rsB, csB] = transposeB ? [1, k] : [n, 1];
          /** @type {(c: tf.Tensor) => GemmProduct} */
          const product = (c) => [m, n, k, backend.ptr(a), rsA, csA, backend.ptr(b), rsB, csB, backend.ptr(c), n];
          // Elu with a row bias: the epilogue runs on the last KC slice of each tile, by its place in C.
          /** @type {GemmEpilogue} */
          const epilogue = [5, 0, backend.ptr(bias), 0, 4, 0, 0, 0];
          productOnThisThread(backend.wasm, 'gemm_f32', product(plain), epilogue);
          pool.resetWorkerHealth();
          gemmF32(countingWasm(backend.wasm, counter, 'gemm_tiles_private_f32', 1), pool, product(split), epilogue);
          jobs += jobsSinceReset(pool);
          chunksTaken += pool.workerStats()[0].chunksTaken;
          assert.equal(await split.data(), await plain.data(), JSON.stringify({ m, n, k, transposeA, transposeB }));
          tf.dispose([a, b, bias, plain, split]);
        }
      }
      assert.ok(jobs >= 12, 'every product posted its tiles as a job');
      assert.ok(chunksTaken > 0, 'the worker took none of the tiles or packing runs');
    } finally {
      pool.dispose();
    }
  });
});

test('job protocol: the calling thread takes over a chunk a worker holds; the first to finish publishes', async () => {
  const { JOB_WORDS, settleChunk, chunkOpen, chunkDone, takeChunks, writeJob, COMPLETED } = await import(
    '../../dist/threads/control.js'
  );
  const buffer = new SharedArrayBuffer(JOB_WORDS * 4);
  const job = new Int32Array(buffer);
  const args = new Float64Array(buffer);
  const chunks = [0, 1, 2, 3, 4].map((c) => [c, 10 * c]);
  writeJob(job, args, 5, 0, true, 1, chunks);
  const STOP = new Error('descheduled');
  let held = -1;
  try {
    // A worker takes a chunk, then is descheduled before it finishes.
    takeChunks(job, 5, (chunk) => {
      held = chunk;
      throw STOP;
    });
  } catch (error) {
    assert.is(error, STOP);
  }
  assert.is(held, 0);
  const published = [];
  takeChunks(job, 5, (chunk) => settleChunk(job, 5, chunk, true, () => published.push(chunk)));
  assert.equal(published, [1, 2, 3, 4], 'the calling thread took the others');
  assert.ok(chunkOpen(job, 5, held), 'the held chunk is still open');
  assert.ok(
    settleChunk(job, 5, held, true, () => published.push(held)),
    'taken over and published here',
  );
  assert.is(Atomics.load(job, COMPLETED), chunks.length);
  assert.not.ok(
    settleChunk(job, 5, held, true, () => published.push(-1)),
    'the worker finishing second publishes nothing',
  );
  assert.equal(published, [1, 2, 3, 4, 0]);
  assert.ok(chunks.every((_, c) => chunkDone(job, 5, c)));
  // A worker late from job 5 finds its chunk no longer open once job 6 is written, whatever it holds.
  writeJob(job, args, 6, 0, true, 1, chunks.slice(0, 2));
  for (let c = 0; c < chunks.length; c++) {
    assert.not.ok(chunkOpen(job, 5, c));
    assert.not.ok(settleChunk(job, 5, c, true, () => published.push(-1)));
  }
  assert.is(Atomics.load(job, COMPLETED), 0, 'nothing counted against the new job');
  // A chunk that failed is settled undone: the job completes, and the chunk is run again by the caller.
  assert.ok(settleChunk(job, 6, 0, false, () => published.push(-1)));
  assert.not.ok(chunkDone(job, 6, 0));
  assert.not.ok(settleChunk(job, 6, 0, true), 'settled once');
  assert.equal(published, [1, 2, 3, 4, 0]);
});

/** A worker's report of one job, with no time spent polling before it unless given. */
const report = (fields) => ({ polledMs: 0, descheduledMs: 0, heldTail: false, wakeMs: 0.01, ...fields });

test('worker health: a worker that keeps holding jobs up sits out, is retried, and sits out longer', () => {
  const health = new WorkerHealth();
  const job = { chunks: 32, threads: 2, mainChunks: 16, mainMs: 1.6, tailWaitMs: 0.05 };
  let now = 1000;
  for (let i = 0; i < 50; i++) health.record(job, report({ taken: 16, heldTail: true }), now);
  assert.ok(health.enlistable(now), 'a worker taking its part, holding the end up by less than a chunk, stays');
  let jobs = 0;
  // The calling thread waits 5 ms (50 of its chunk times) for a chunk the worker holds.
  while (health.enlistable(now) && jobs < 100) {
    health.record({ ...job, tailWaitMs: 5 }, report({ taken: 2, heldTail: true }), now);
    jobs++;
  }
  assert.ok(jobs >= 3 && jobs <= 12, `benched after ${jobs} jobs held up`);
  assert.is(health.stats(now).benched, true);
  assert.not.ok(health.enlistable(now + 90), 'sits out a while');
  assert.ok(health.enlistable(now + 110), 'then is retried');
  now += 110;
  jobs = 0;
  while (health.enlistable(now) && jobs < 100) {
    health.record({ ...job, tailWaitMs: 5 }, report({ taken: 16, heldTail: true }), now);
    jobs++;
  }
  assert.is(jobs, 1, 'on probation, one late job benches it again');
  const overtaken = new WorkerHealth();
  for (let i = 0; i < 8; i++) overtaken.record(job, report({ taken: 16, heldTail: true, overtaken: true }), now);
  assert.ok(overtaken.stats(now).score < 0.5, 'a worker whose chunks are taken over counts as late');
  assert.not.ok(health.enlistable(now + 150), 'the second pause is longer');
  assert.ok(health.enlistable(now + 210));
  const stats = health.stats(now + 210);
  assert.is(stats.benchings, 2);
  assert.ok(stats.share > 0 && stats.share < 0.5);
});

test('worker health: missed jobs cost nothing and bench no one; a busy core shows in the polling', () => {
  const now = 1000;
  const job = { chunks: 16, threads: 2, mainChunks: 16, mainMs: 3, tailWaitMs: 0 };
  // An idle virtual machine: a worker misses jobs (it wakes milliseconds late, or, polling, is off its vCPU
  // a moment), and the calling thread runs their chunks; nothing is lost.
  const idle = new WorkerHealth();
  for (let i = 0; i < 100; i++) {
    idle.record(job, report({ taken: 0, wakeMs: null }), now);
    idle.record({ ...job, mainChunks: 14 }, report({ taken: 2, wakeMs: 2.5 }), now);
  }
  assert.ok(idle.enlistable(now), 'not benched for jobs it missed');
  assert.is(idle.stats(now).offCoreJobs, 0);
  // Descheduled for half its polling between jobs (a busy core), however the jobs went: benched. A gap of
  // milliseconds now and then (an idle virtual machine's housekeeping): not.
  const descheduled = new WorkerHealth();
  for (let i = 0; i < 30; i++) descheduled.record(job, report({ taken: 8, polledMs: 2, descheduledMs: 1 }), now);
  assert.not.ok(descheduled.enlistable(now), 'benched for polling that shows it descheduled half the time');
  assert.ok(descheduled.stats(now).offCoreJobs >= 3);
  const housekeeping = new WorkerHealth();
  for (let i = 0; i < 200; i++) {
    const gap = i % 25 === 0 ? 2 : 0;
    housekeeping.record(job, report({ taken: 8, polledMs: 2 + gap, descheduledMs: gap }), now);
  }
  assert.ok(housekeeping.enlistable(now), 'a gap of 2 ms every 50 ms of polling is no busy core');
  assert.is(housekeeping.stats(now).offCoreJobs, 0);
  // Benched for its polling, it is retried with its polling measured afresh.
  const retried = new WorkerHealth();
  for (let i = 0; i < 30 && retried.enlistable(now); i++)
    retried.record(job, report({ taken: 8, polledMs: 2, descheduledMs: 1 }), now);
  assert.ok(retried.enlistable(now + 2500), 'retried after its pause');
  retried.record(job, report({ taken: 8 }), now + 2500);
  assert.ok(retried.enlistable(now + 2500), 'and not benched again by the old polling');
});

test("other processes' CPU use: the machine's busy ticks less this process's own time, in cores", async () => {
  const { OtherLoad } = await import('../../dist/threads/other_load.js');
  // /proc/stat's cpu lines: user nice system idle iowait irq softirq steal, in 10 ms ticks; two cores, the
  // ticks split evenly between them.
  let ticks = { user: 1000, system: 200, idle: 5000, steal: 0 };
  let ownMicroseconds = 0;
  const line = (name, t) => `${name} ${t.user} 0 ${t.system} ${t.idle} 0 0 0 ${t.steal} 0 0`;
  const half = (t) => ({ user: t.user / 2, system: t.system / 2, idle: t.idle / 2, steal: t.steal / 2 });
  const stat = () => `${line('cpu ', ticks)}\n${line('cpu0', half(ticks))}\n${line('cpu1', half(ticks))}\nintr 1 2\n`;
  const files = (path) => {
    if (path === '/proc/stat') return stat();
    throw new Error('no such file');
  };
  const load = new OtherLoad(files, () => ({ user: ownMicroseconds, system: 0 }));
  assert.is(load.coresUsed(0), undefined, 'the first sample starts an interval');
  assert.is(load.cores, 2, 'no affinity known: every core');
  // One second: 150 busy ticks (1.5 cores' worth), half a core of it this process's own.
  ticks = { ...ticks, user: ticks.user + 150, idle: ticks.idle + 50 };
  ownMicroseconds += 500_000;
  assert.is(load.coresUsed(50), undefined, 'no new measure before the sampling interval');
  assert.ok(Math.abs(load.coresUsed(1000) - 1) < 1e-9, 'one core used by others');
  // The host taking the vCPUs (steal) is no other process.
  ticks = { ...ticks, steal: ticks.steal + 100, idle: ticks.idle + 100 };
  assert.is(load.coresUsed(2000), 0);
  const unreadable = new OtherLoad(
    () => {
      throw new Error('no /proc');
    },
    () => ({ user: 0, system: 0 }),
  );
  assert.is(unreadable.coresUsed(0), undefined);
  assert.is(unreadable.coresUsed(1000), undefined, 'no answer where /proc/stat cannot be read');
});

test("other processes' CPU use costs workers only beyond the cores the threads leave spare", async () => {
  const { workersBesideOtherLoad } = await import('../../dist/threads/other_load.js');
  // 2 cores, 1 worker: any core's worth of other load takes it.
  assert.is(workersBesideOtherLoad(1, 2, 0), 1);
  assert.is(workersBesideOtherLoad(1, 2, 0.4), 1, 'rounded');
  assert.is(workersBesideOtherLoad(1, 2, 0.6), 0);
  assert.is(workersBesideOtherLoad(1, 2, 2), 0);
  // More threads asked for than cores: the same, one worker fewer per core's worth.
  assert.is(workersBesideOtherLoad(3, 2, 0), 3);
  assert.is(workersBesideOtherLoad(3, 2, 1), 2);
  // 64 cores: 2 threads keep their worker beside 40 busy cores, 63 workers lose what others take past 0 spare.
  assert.is(workersBesideOtherLoad(1, 64, 40), 1);
  assert.is(workersBesideOtherLoad(1, 64, 62.4), 1);
  assert.is(workersBesideOtherLoad(1, 64, 63), 0);
  assert.is(workersBesideOtherLoad(63, 64, 40), 23);
  assert.is(workersBesideOtherLoad(7, 16, 10), 5, '8 spare cores absorb 8 of the 10');
});

test("other processes' CPU use: only on the cores this process may run on (a pinned container)", async () => {
  const { OtherLoad } = await import('../../dist/threads/other_load.js');
  // Four cores in /proc/stat; this process may run on cores 1 and 3 only. Busy ticks per core.
  const busy = [0, 0, 0, 0];
  const stat = () =>
    [
      `cpu  ${busy.reduce((a, b) => a + b)} 0 0 0 0 0 0 0 0 0`,
      ...busy.map((b, i) => `cpu${i} ${b} 0 0 0 0 0 0 0 0 0`),
    ].join('\n');
  const files = (path) => (path === '/proc/stat' ? stat() : 'Name:\tnode\nCpus_allowed_list:\t1,3\n');
  const load = new OtherLoad(files, () => ({ user: 0, system: 0 }));
  assert.is(load.coresUsed(0), undefined);
  assert.is(load.cores, 2, 'the two cores of the affinity');
  // One second: cores 0 and 2 fully busy (outside the affinity), core 3 half busy.
  busy[0] += 100;
  busy[2] += 100;
  busy[3] += 50;
  assert.ok(Math.abs(load.coresUsed(1000) - 0.5) < 1e-9, 'half a core used by others where this process runs');
  const ranges = new OtherLoad(
    (path) => (path === '/proc/stat' ? stat() : 'Cpus_allowed_list:\t0-2\n'),
    () => ({ user: 0, system: 0 }),
  );
  ranges.coresUsed(0);
  assert.is(ranges.cores, 3, 'a range of cores');
});

test('a benched worker is not enlisted nor woken; threadCount reports the threads in use, then recovers', async () => {
  await onBackend('simd', async () => {
    const backend = simdBackend();
    const pool = backend.threadPool;
    const a = tf.randomUniform([256, 256]);
    try {
      pool.resetWorkerHealth();
      assert.is(backend.threadCount, 2);
      pool.benchWorker(0);
      assert.ok(pool.workerStats()[0].benched, 'benched');
      assert.throws(() => pool.benchWorker(5), /no worker 5/);
      assert.is(backend.threadCount, 1, 'the benched worker is not counted');
      const jobsBefore = pool.workerStats()[0].jobs;
      const single = withThreads(1, () => tf.matMul(a, a));
      const product = tf.matMul(a, a);
      assert.is(pool.workerStats()[0].jobs, jobsBefore, 'not enlisted: the product ran on this thread');
      assert.equal(await product.data(), await single.data());
      await waitFor(() => backend.threadCount === 2, { what: 'the benched worker to be retried after its pause' });
      tf.dispose([single, product]);
    } finally {
      pool.resetWorkerHealth();
      a.dispose();
    }
  });
});

test('chunk counts: several per thread, none under the least size, within MAX_CHUNKS', async () => {
  const { chunksFor, CHUNKS_PER_THREAD } = await import('../../dist/threads/split_policy.js');
  assert.is(chunksFor(1e9, 2, 1000), 2 * CHUNKS_PER_THREAD);
  assert.is(chunksFor(1e9, 16, 1000), MAX_CHUNKS);
  assert.is(chunksFor(5000, 2, 1000), 5);
  assert.is(chunksFor(1500, 2, 1000), 2, 'one per thread at least');
});

/**
 * A contention run's JSON (as `npm run bench -- --suite contention` writes it) in a new temporary directory, and
 * lines of threads_idle.jsonl beside it if given; returns the two paths.
 */
async function contentionRun(rounds, loadBefore, loadAfter, workloads, idleLines = []) {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'contention-'));
  const file = join(dir, 'contention.json');
  const run = {
    date: '2026-12-02T06:00:00.000Z',
    node: 'v20.20.2',
    cores: 2,
    rounds,
    loadBefore,
    loadAfter,
    workloads,
  };
  writeFileSync(file, JSON.stringify(run));
  const idle = join(dir, 'threads-idle.jsonl');
  writeFileSync(idle, idleLines.map((line) => `${JSON.stringify(line)}\n`).join(''));
  return { file, idle };
}

test("README's thread tables come from the contention suite's JSON: medians of rounds, ratio per round", async () => {
  const condition = (one, all) => ({
    oneThreadMs: one,
    defaultMs: all,
    ratio: one.map((o, i) => o / all[i]).sort((x, y) => x - y)[1],
  });
  const { file } = await contentionRun(
    3,
    [1, 2, 3],
    [1.5, 2, 3],
    [
      {
        name: 'GEMM 512³',
        idleCores: [1.9, 1.8, null],
        inUse: [],
        workers: [],
        conditions: { busy: condition([10, 12, 11], [9, 12, 10]), idle: condition([10, 10, 10], [5, 5.5, 4]) },
      },
    ],
  );
  const result = spawnSync(process.execPath, ['scripts/contention-table.mjs', file], { cwd: root, encoding: 'utf8' });
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /\| GEMM 512³ \| 11\.0 ms \| 10\.0 ms \| \*\*1\.10×\*\* \(1\.00–1\.11\) \|/);
  assert.match(result.stdout, /\| GEMM 512³ \| 10\.0 ms \| 5\.00 ms \| \*\*2\.00×\*\* \(1\.82–2\.50\) \|/);
  assert.match(result.stdout, /load average 1\.0 \/ 2\.0 \/ 3\.0 before/);
  assert.match(result.stdout, /idle cores while measuring: 1\.80–1\.90/);
});

test("README's idle table gives each ratio over all calm moments and over those the host gave two cores", async () => {
  const condition = { oneThreadMs: [10], defaultMs: [5], ratio: 2 };
  const moment = (ratio, capacity) => ({ gemm512: { ratio, capacity }, vaeStep: { ratio: 1.3 } });
  const { file: contention, idle } = await contentionRun(
    1,
    [0, 0, 0],
    [0, 0, 0],
    [{ name: 'GEMM 512³', idleCores: [2], conditions: { busy: condition, idle: condition } }],
    [moment(0.9, 1.01), moment(1.7, 1.85), moment(1.9, 2), moment(1.5, 1.6)],
  );
  const result = spawnSync(process.execPath, ['scripts/contention-table.mjs', contention, idle], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /Calm moments found by `node bench\/threads_idle\.mjs` \(4\)/);
  // Median of 0.9, 1.5, 1.7, 1.9 (the upper one), capacities 1.01–2.00; 1.7 and 1.9 had a capacity ≥ 1.8.
  assert.match(
    result.stdout,
    /\| GEMM 512³ \| \*\*1\.70×\*\* \(0\.90–1\.90\) \| 1\.85 \(1\.01–2\.00\) \| \*\*1\.90×\*\* \(2\) \|/,
  );
  // Moments recorded without a capacity: no capacity, no moment on two cores.
  assert.match(result.stdout, /\| VAE step \(tf\.train\.adam\) \| \*\*1\.30×\*\* \(1\.30–1\.30\) \| — \| — \(0\) \|/);
});

test('element-wise ranges cover [0, n) exactly once, on 16-element (64-byte) boundaries', () => {
  for (const [n, parts] of [
    [1, 2],
    [17, 2],
    [255, 3],
    [1000, 7],
    [65_537, 2],
    [100_000, 64],
  ]) {
    const chunks = splitRange([4096, 800_000], n, [0.5, 2], parts);
    assert.ok(chunks.length >= 1 && chunks.length <= parts, `${n}: ${chunks.length} ranges for ${parts}`);
    let covered = 0;
    for (const [first, second, size, ...scalars] of chunks) {
      assert.is(first, 4096 + covered * 4, `${n}: range starts where the last ended`);
      assert.is(second - first, 800_000 - 4096, `${n}: every pointer moves by the same offset`);
      assert.equal(scalars, [0.5, 2]);
      covered += size;
      if (covered < n) assert.is(size % 16, 0);
    }
    assert.is(covered, n);
  }
});

test("Adam's update split over threads: bit for bit one sweep, workers take ranges", async () => {
  await onBackend('simd', async () => {
    const backend = simdBackend();
    const counter = { main: 0 };
    const pool = ThreadPool.of(countingWasm(backend.wasm, counter, 'optim_adam_f32', 2));
    try {
      await workersReady(pool, 1);
      let ranges = 0;
      for (const n of [1, 17, 255, 2 * ADAM_SPLIT.asleep + 3, 100_003]) {
        const inputs = [0, 1, 2, 3].map(() => tf.tensor(randomValues(n, random)));
        const [g, m, vRaw, p] = inputs;
        const v = tf.abs(vRaw);
        const single = [0, 1, 2].map(() => tf.zeros([n]));
        const split = [0, 1, 2].map(() => tf.zeros([n]));
        const scalars = [0.9, Math.fround(0.1), 0.999, Math.fround(0.001), 0.5, 0.25, 1e-7, -1e-3].map(Math.fround);
        const pointers = (outputs) => [g, m, v, p, ...outputs].map((t) => backend.ptr(t));
        backend.wasm.call('optim_adam_f32', [...pointers(single), n, ...scalars]);
        const chunks = splitRange(pointers(split), n, scalars, 4);
        ranges += chunks.length;
        pool.run('optim_adam_f32', chunks, 1);
        for (let i = 0; i < 3; i++) {
          assert.equal(await split[i].data(), await single[i].data(), `n = ${n}, output ${i}: bit for bit`);
        }
        tf.dispose([...inputs, v, ...single, ...split]);
      }
      assert.ok(counter.main < ranges, `the worker took none of ${ranges} ranges`);
    } finally {
      pool.dispose();
    }
  });
});

test('a loop that never yields to the event loop still gets its workers', async () => {
  await onBackend('simd', async () => {
    const pool = ThreadPool.of(simdBackend().wasm);
    try {
      // Synchronous from here on: no await, no microtask runs until the loop ends.
      const start = Date.now();
      let ready = pool.readyWorkers(1);
      while (ready === 0 && Date.now() - start < 10_000) ready = pool.readyWorkers(1);
      assert.is(ready, 1, 'no worker became ready within 10 s of a busy loop');
    } finally {
      pool.dispose();
    }
  });
});

/** Runs a script in a child Node process; returns its exit status and output. */
function runScript(source) {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', source], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, signal: result.signal, out: `${result.stdout}${result.stderr}` };
}

const PRELUDE = `
  import * as tf from '@tensorflow/tfjs-core';
  import * as simd from './dist/index.js';
  const matMul = async () => (await tf.matMul(tf.ones([256, 512]), tf.ones([512, 256])).data())[0];
  const { waitFor } = await import('./test/helpers/wait_for.mjs');
  // The pool's heed of other processes' CPU use off (its field, as the package entry's copy of the pool module is
  // not this one): the scripts need their worker however busy the machine is.
  const settle = () => {
    tf.backend().threadPool.otherLoad = null;
    return waitFor(() => tf.backend().threadPool.readyWorkers(1) > 0, { what: 'a worker ready' });
  };
`;

test('a script with running workers exits by itself, disposed or not (the package entry: the bundle)', () => {
  const keep = runScript(`${PRELUDE.replace("'./dist/index.js'", "'tfjs-backend-simd'")}
    await tf.setBackend('simd');
    await matMul(); await settle();
    console.log('ready ' + tf.backend().threadPool.readyWorkers(1) + ' ' + await matMul());`);
  assert.is(keep.signal, null, 'killed by the time-out: the workers kept the process alive');
  assert.is(keep.status, 0, keep.out);
  assert.match(keep.out, /ready 1 512/, keep.out);
  const cycled = runScript(`${PRELUDE}
    for (let i = 0; i < 20; i++) {
      tf.removeBackend('simd');
      tf.registerBackend('simd', async () => new simd.SimdBackend(await (await import('./dist/wasm/module.js')).instantiateSimdWasm()));
      await tf.setBackend('simd');
      await matMul(); if (i % 4 === 0) await settle();
      if (await matMul() !== 512) throw new Error('wrong product');
    }
    console.log('cycled');`);
  assert.is(cycled.signal, null, 'killed by the time-out');
  assert.is(cycled.status, 0, cycled.out);
  assert.match(cycled.out, /cycled/);
});

test('without SharedArrayBuffer: the single-thread build, thread count 1, not a word of warning', () => {
  const result = runScript(`
    delete globalThis.SharedArrayBuffer;
    const warnings = [];
    for (const level of ['warn', 'error', 'info', 'log']) {
      const original = console[level];
      console[level] = (...args) => { if (!String(args[0]).includes('Hi, looks like')) warnings.push(args.join(' ')); };
      console[level].original = original;
    }
    ${PRELUDE}
    await tf.setBackend('simd');
    const value = await matMul();
    const backend = tf.backend();
    console.log.original(JSON.stringify({ value, threadCount: backend.threadCount, threaded: backend.wasm.threads != null,
      features: backend.wasm.features, warnings }));`);
  assert.is(result.status, 0, result.out);
  const report = JSON.parse(result.out.trim().split('\n').pop());
  assert.equal(report, {
    value: 512,
    threadCount: 1,
    threaded: false,
    features: { ...report.features, threads: false },
    warnings: [],
  });
});

test('setThreadCount(1) before the backend is made: the single-thread build', () => {
  const result = runScript(`${PRELUDE}
    simd.setThreadCount(1);
    await tf.setBackend('simd');
    console.log(JSON.stringify({ value: await matMul(), threadCount: tf.backend().threadCount, threaded: tf.backend().wasm.threads != null }));`);
  assert.is(result.status, 0, result.out);
  assert.match(result.out, /{"value":512,"threadCount":1,"threaded":false}/);
});

test.run();
