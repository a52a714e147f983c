// @ts-check
// UnsortedSegmentSum (the gradient of every gather), SparseSegmentSum and SparseSegmentMean (embedding lookups
// of converted text models) on 'simd' against tfjs-backend-cpu on fresh random data:
// equal bit for bit, at sizes 1, 3, 17, 255, with repeated ids, ids outside [0, numSegments), empty tensors,
// -0, infinities and NaN; cpu's code for the shapes and dtypes the native kernel leaves to it; clear errors; no leaks.
import '@tensorflow/tfjs'; // registers the gradients tf.grad needs
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertNoLeak, assertSame } from '../helpers/reduce_harness.mjs';
import { onBackend, randomValues, rng, simd, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';

const random = rng(7301);

/** Ids in [lo, hi), so that some may fall outside [0, numSegments). */
const randomIds = (n, lo, hi) => Array.from({ length: n }, () => lo + Math.floor(random() * (hi - lo)));

/** `fn(x, ids)` on `backend` with fresh tensors: values (Object.is-distinguishable), shape, dtype. */
const run = (backend, x, ids, fn) =>
  onBackend(backend, async () => {
    const xt = tf.tensor(x.values, x.shape, x.dtype ?? 'float32');
    const it = tf.tensor(ids.values, ids.shape, 'int32');
    const y = fn(xt, it);
    const result = { values: Array.from(await y.data()), shape: y.shape, dtype: y.dtype };
    tf.dispose([xt, it, y]);
    return result;
  });

async function assertSameAsCpu(x, ids, numSegments, what) {
  const fn = (xt, it) => tf.unsortedSegmentSum(xt, it, numSegments);
  const simd = await run('simd', x, ids, fn);
  const cpu = await run('cpu', x, ids, fn);
  assertSame(cpu, simd, what);
  simd.values.forEach((v, i) => {
    if (!Object.is(v, cpu.values[i])) throw new Error(`${what}: index ${i}: got ${v}, cpu ${cpu.values[i]}`);
  });
}

for (const n of [1, 3, 17, 255]) {
  for (const rowShape of [[], [1], [3], [17], [4, 5]]) {
    for (const numSegments of [1, 3, 17]) {
      test(`unsortedSegmentSum x [${[n, ...rowShape]}], ${numSegments} segments: equal to cpu`, async () => {
        const shape = [n, ...rowShape];
        const x = { shape, values: randomValues(size(shape), random, -3, 3) };
        const ids = { shape: [n], values: randomIds(n, -2, numSegments + 2) };
        await assertSameAsCpu(x, ids, numSegments, `x ${shape}, ${numSegments} segments`);
      });
    }
  }
}

test('unsortedSegmentSum: long segments (float64 sums rounded once, as cpu), -0 and +0', async () => {
  const n = 4096;
  const values = randomValues(n * 6, random, -1e4, 1e4).map((v, i) => (i % 7 === 0 ? -0 : v));
  await assertSameAsCpu({ shape: [n, 6], values }, { shape: [n], values: randomIds(n, 0, 2) }, 2, 'long');
  const zeros = { shape: [3, 5], values: [-0, -0, 0, -0, 1, -0, -0, -0, -0, -0, -0, 0, -0, -0, -0] };
  await assertSameAsCpu(zeros, { shape: [3], values: [0, 1, 1] }, 3, 'signed zeros');
});

test('unsortedSegmentSum: infinities and NaN spread to the columns of other segments as on cpu', async () => {
  for (const n of [1, 3, 17]) {
    for (const width of [1, 3, 6]) {
      const values = randomValues(n * width, random, -3, 3);
      for (let k = 0; k < Math.max(1, n / 4); k++) {
        values[Math.floor(random() * values.length)] = [Infinity, -Infinity, NaN][k % 3];
      }
      const ids = { shape: [n], values: randomIds(n, -1, 4) };
      await assertSameAsCpu({ shape: [n, width], values }, ids, 3, `non-finite, x [${n}, ${width}]`);
    }
  }
});

test('unsortedSegmentSum: empty x, empty rows and zero segments', async () => {
  const empty = await run('simd', { shape: [0, 4], values: [] }, { shape: [0], values: [] }, (x, ids) =>
    tf.unsortedSegmentSum(x, ids, 3),
  );
  assert.equal(empty, { values: new Array(12).fill(0), shape: [3, 4], dtype: 'float32' });
  const noRow = await run('simd', { shape: [2, 0], values: [] }, { shape: [2], values: [0, 1] }, (x, ids) =>
    tf.unsortedSegmentSum(x, ids, 3),
  );
  assert.equal(noRow, { values: [], shape: [3, 0], dtype: 'float32' });
  const none = await run(
    'simd',
    { shape: [2, 3], values: [1, 2, 3, 4, 5, 6] },
    { shape: [2], values: [0, 1] },
    (x, ids) => tf.unsortedSegmentSum(x, ids, 0),
  );
  assert.equal(none, { values: [], shape: [0, 3], dtype: 'float32' });
});

test('unsortedSegmentSum: int32 x and rank-2 ids run cpu code and give cpu results', async () => {
  const xi = { shape: [5, 2], values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], dtype: 'int32' };
  await assertSameAsCpu(xi, { shape: [5], values: [2, 0, 2, 1, 0] }, 3, 'int32');
  // cpu sums a rank-2 ids' segments over the first axis only; that is kept.
  const x2 = { shape: [2, 3], values: randomValues(6, random) };
  await assertSameAsCpu(x2, { shape: [2, 3], values: [0, 1, 0, 1, 1, 0] }, 2, 'rank-2 ids');
});

test('unsortedSegmentSum: a bad numSegments is a clear error and leaves the backend usable', async () => {
  await onBackend('simd', () => {
    const x = tf.ones([3, 2]);
    const ids = tf.tensor1d([0, 1, 0], 'int32');
    assert.throws(
      () => tf.engine().runKernel('UnsortedSegmentSum', { x, segmentIds: ids }, { numSegments: -1 }),
      /UnsortedSegmentSum: numSegments must be a non-negative integer, got -1/,
    );
    assert.equal(Array.from(tf.unsortedSegmentSum(x, ids, 2).dataSync()), [2, 2, 1, 1]);
    tf.dispose([x, ids]);
  });
});

/** Sorted segment ids for n lookups: runs of random lengths, with gaps. */
function sortedIds(n) {
  const ids = [];
  let id = Math.floor(random() * 2);
  for (let i = 0; i < n; i++) {
    ids.push(id);
    if (random() < 0.4) id += 1 + Math.floor(random() * 2);
  }
  return ids;
}

/** fn(data, indices, segmentIds) on simd and cpu with fresh tensors: same values (bit for bit) or same error. */
async function assertSparseSameAsCpu(data, indices, segmentIds, fn, what) {
  const run = (backend) =>
    onBackend(backend, async () => {
      const tensors = [
        tf.tensor(data.values, data.shape, data.dtype ?? 'float32'),
        tf.tensor1d(indices, 'int32'),
        tf.tensor1d(segmentIds, 'int32'),
      ];
      const before = tf.memory().numTensors;
      try {
        const y = fn(...tensors);
        const result = { values: Array.from(await y.data()), shape: y.shape, dtype: y.dtype };
        y.dispose();
        return result;
      } catch (e) {
        return { error: /** @type {Error} */ (e).message };
      } finally {
        assert.is(tf.memory().numTensors, before, `${what}: ${backend} leaks`);
        tf.dispose(tensors);
      }
    });
  const cpu = await run('cpu');
  const simd = await run('simd');
  if ('error' in cpu || 'error' in simd) assert.equal(simd, cpu, what);
  else assertSame(cpu, simd, what);
}

for (const [name, fn] of [
  ['sparseSegmentSum', tf.sparse.sparseSegmentSum],
  ['sparseSegmentMean', tf.sparse.sparseSegmentMean],
]) {
  for (const rows of [1, 3, 17, 255]) {
    for (const rowShape of [[], [3], [17], [2, 4]]) {
      test(`${name} data [${[rows, ...rowShape]}]: equal to cpu bit for bit`, async () => {
        const shape = [rows, ...rowShape];
        const data = { shape, values: randomValues(size(shape), random, -3, 3) };
        for (const n of [1, 3, 17, 255]) {
          const indices = randomIds(n, 0, rows);
          await assertSparseSameAsCpu(data, indices, sortedIds(n), fn, `${shape}, ${n} lookups`);
        }
      });
    }
  }
  test(`${name}: empty lookups, cpu's errors (decreasing ids, ids and indices out of range), int32 data`, async () => {
    const data = { shape: [4, 3], values: randomValues(12, random) };
    await assertSparseSameAsCpu(data, [], [], fn, 'no lookups');
    await assertSparseSameAsCpu(data, [0, 1, 2], [0, 2, 1], fn, 'decreasing ids');
    await assertSparseSameAsCpu(data, [0, 1, 2], [-1, 0, 0], fn, 'negative id');
    await assertSparseSameAsCpu(data, [0, 1, 2], [-3, -2, -2], fn, 'all ids negative');
    await assertSparseSameAsCpu(data, [0, 4, 2], [0, 0, 1], fn, 'index past the rows');
    await assertSparseSameAsCpu(data, [0, -1, 2], [0, 0, 1], fn, 'negative index');
    const ints = { shape: [4, 2], values: [1, 2, 3, 4, 5, 6, 7, 8], dtype: 'int32' };
    await assertSparseSameAsCpu(ints, [0, 1, 3], [0, 0, 2], fn, 'int32');
  });
}

test('gather gradient (an Embedding layer) on simd equals cpu bit for bit, and leaks nothing', async () => {
  const vocab = 300;
  const dim = 17;
  const table = randomValues(vocab * dim, random);
  const indices = randomIds(255, 0, vocab);
  const grad = (backend) =>
    onBackend(backend, async () => {
      const t = tf.tensor2d(table, [vocab, dim]);
      const ids = tf.tensor2d(indices, [15, 17], 'int32');
      const dt = tf.grad((w) => tf.sum(tf.mul(tf.gather(w, ids), tf.gather(w, ids))))(t);
      const values = Array.from(await dt.data());
      tf.dispose([t, ids, dt]);
      return { values, shape: [vocab, dim], dtype: 'float32' };
    });
  assertSame(await grad('cpu'), await grad('simd'), 'gather gradient');
  await assertNoLeak(async () => {
    const t = tf.tensor2d(table, [vocab, dim]);
    const ids = tf.tensor1d(indices, 'int32');
    for (let i = 0; i < 20; i++) tf.dispose(tf.grad((w) => tf.sum(tf.gather(w, ids)))(t));
    tf.dispose([t, ids]);
  });
});

test('the segment reductions are native kernels', () => {
  const { native } = simd.kernelCoverage();
  for (const name of ['UnsortedSegmentSum', 'SparseSegmentSum', 'SparseSegmentMean'])
    assert.ok(native.includes(name), name);
});

test.run();
