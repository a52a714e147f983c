// @ts-check
// Products whose B is met again unchanged (weights) use a packing kept from the second call on
// (src/backend/packed_operands.ts): the results stay bit for bit those of packing as they go, on one thread and
// on two, across KC and NC blocks; packings go with their tensor, and with values a compiled step overwrites.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertSameBits } from '../helpers/float32.mjs';
import { onBackend, randomValues, rng, simd, simdBackend, simdMemory, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';
import { useThreadedSimd, withThreads } from '../helpers/threads.mjs';

const { POINTWISE_SHALLOW_DEPTH, POINTWISE_WIDE_CHANNELS, POINTWISE_WIDE_DEPTH } = await import(
  '../../dist/wasm/constants.generated.js'
);

const random = rng(41);

/** A B the cache has never seen (a copy in new memory; tf.clone would share the data): packed as it goes. */
/**
 * @template {tf.Tensor} T
 * @param {T} b
 * @returns {T}
 */
const unseen = (b) => /** @type {T} */ (tf.tensor(b.dataSync(), b.shape, b.dtype));

/** [m, n, k]: odd sizes, a k over one KC slice (256), an n over one NC block (2048); m ≥ 4 (not the unpacked path). */
const SHAPES = [
  [4, 1, 1],
  [17, 3, 17],
  [255, 17, 300],
  [5, 2049, 3],
  [33, 255, 513],
];

test.before(useThreadedSimd);

for (const threads of [1, 2]) {
  test(`matMul and fused matMul with a reused B, ${threads} thread(s): bit for bit as packing each time`, async () => {
    await onBackend('simd', () =>
      withThreads(threads, () => {
        for (const [m, n, k] of SHAPES) {
          for (const transposeB of [false, true]) {
            const a = tf.tensor2d(randomValues(m * k, random), [m, k]);
            const b = tf.tensor2d(randomValues(k * n, random), transposeB ? [n, k] : [k, n]);
            const bias = tf.tensor1d(randomValues(n, random));
            const what = `${m}×${n}×${k}, transposeB ${transposeB}`;
            for (let call = 0; call < 3; call++) {
              const fresh = unseen(b);
              const expected = tf.matMul(a, fresh, false, transposeB);
              const got = tf.matMul(a, b, false, transposeB);
              assertSameBits(got.dataSync(), expected.dataSync(), `${what}, call ${call}`);
              const fusedExpected = tf.fused.matMul({ a, b: fresh, transposeB, bias, activation: 'relu' });
              const fused = tf.fused.matMul({ a, b, transposeB, bias, activation: 'relu' });
              assertSameBits(fused.dataSync(), fusedExpected.dataSync(), `fused ${what}, call ${call}`);
              tf.dispose([fresh, expected, got, fusedExpected, fused]);
            }
            tf.dispose([a, b, bias]);
          }
        }
      }),
    );
  });
}

for (const threads of [1, 2]) {
  test(`pointwise convolutions with a reused filter, ${threads} thread(s): bit for bit as packing each time`, async () => {
    await onBackend('simd', () =>
      withThreads(threads, () => {
        // [batch, height, width, in channels, out channels], odd sizes: deeper than the unpacked pointwise product
        // (POINTWISE_SHALLOW_DEPTH), or deep and wide enough to run packed (POINTWISE_WIDE_*, one KC slice of
        // depth and two), kept as the GEMM's B; and one pixel (a head on a 1×1 feature map), kept as a one-row
        // product's B.
        for (const [batch, h, w, inC, outC] of [
          [1, 4, 4, POINTWISE_SHALLOW_DEPTH + 1, 3],
          [1, 5, 7, POINTWISE_WIDE_DEPTH, POINTWISE_WIDE_CHANNELS],
          [3, 3, 5, 300, POINTWISE_WIDE_CHANNELS + 17],
          [1, 3, 5, 1000, 17],
          [2, 3, 1, 1025, 2],
          [1, 1, 1, 300, 17],
          [1, 1, 1, 1280, 255],
        ]) {
          const x = tf.tensor4d(randomValues(batch * h * w * inC, random), [batch, h, w, inC]);
          const filter = tf.tensor4d(randomValues(inC * outC, random), [1, 1, inC, outC]);
          const bias = tf.tensor1d(randomValues(outC, random));
          const what = `${[batch, h, w, inC]} → ${outC}`;
          const packedBefore = simdMemory().numBytesPacked;
          for (let call = 0; call < 3; call++) {
            const fresh = unseen(filter);
            const run = (/** @type {tf.Tensor4D} */ f) =>
              tf.fused.conv2d({ x, filter: f, strides: 1, pad: 'valid', bias, activation: 'relu6' });
            const expected = run(fresh);
            const got = run(filter);
            assertSameBits(got.dataSync(), expected.dataSync(), `${what}, call ${call}`);
            const plain = tf.conv2d(x, filter, 1, 'same');
            const plainExpected = tf.conv2d(x, fresh, 1, 'same');
            assertSameBits(plain.dataSync(), plainExpected.dataSync(), `plain ${what}, call ${call}`);
            tf.dispose([fresh, expected, got, plain, plainExpected]);
          }
          assert.ok(simdMemory().numBytesPacked > packedBefore, `${what}: the filter was kept packed`);
          tf.dispose([x, filter, bias]);
        }
      }),
    );
  });
}

for (const threads of [1, 2]) {
  test(`convolutions through patches with a reused filter, ${threads} thread(s): bit for bit as packing each time`, async () => {
    await onBackend('simd', () =>
      withThreads(threads, () => {
        // Deeper than the unpacked patch product (SHALLOW_DEPTH): the filter, filterH · filterW · inC rows of
        // outC, kept packed as the GEMM's B. One KC slice of depth and several; strides, dilations, padding;
        // batch 1 (split by output rows on 2 threads) and more (by images).
        /** @type {Array<{ x: [number, number, number, number], f: [number, number, number, number], strides: number, pad: 'same' | 'valid', dilations?: number }>} */
        const cases = [
          { x: [1, 9, 7, 8], f: [3, 3, 8, 5], strides: 1, pad: 'same' },
          { x: [1, 17, 15, 64], f: [3, 3, 64, 40], strides: 1, pad: 'same' },
          { x: [2, 11, 13, 48], f: [3, 3, 48, 17], strides: 2, pad: 'valid' },
          { x: [1, 20, 18, 48], f: [3, 3, 48, 64], strides: 2, pad: 'same' },
          { x: [1, 12, 12, 20], f: [3, 3, 20, 9], strides: 1, pad: 'same', dilations: 2 },
          { x: [1, 4, 4, 255], f: [3, 3, 255, 33], strides: 1, pad: 'same' },
        ];
        for (const { x: xShape, f: fShape, strides, pad, dilations = 1 } of cases) {
          const x = tf.tensor4d(randomValues(size(xShape), random), xShape);
          const filter = tf.tensor4d(randomValues(size(fShape), random), fShape);
          const bias = tf.tensor1d(randomValues(fShape[3], random));
          const what = JSON.stringify({ xShape, fShape, strides, pad, dilations });
          const packedBefore = simdMemory().numBytesPacked;
          for (let call = 0; call < 3; call++) {
            const fresh = unseen(filter);
            const run = (/** @type {tf.Tensor4D} */ f) =>
              tf.fused.conv2d({ x, filter: f, strides, pad, dilations, bias, activation: 'relu6' });
            const expected = run(fresh);
            const got = run(filter);
            assertSameBits(got.dataSync(), expected.dataSync(), `${what}, call ${call}`);
            tf.dispose([fresh, expected, got]);
          }
          assert.ok(simdMemory().numBytesPacked > packedBefore, `${what}: the filter was kept packed`);
          tf.dispose([x, filter, bias]);
        }
      }),
    );
  });
}

test('a packing is kept from the second use, and freed with its tensor', async () => {
  await onBackend('simd', () => {
    const before = simdMemory();
    const a = tf.tensor2d(randomValues(16 * 64, random), [16, 64]);
    const b = tf.tensor2d(randomValues(64 * 96, random), [64, 96]);
    tf.matMul(a, b).dispose();
    assert.is(simdMemory().numBytesPacked, before.numBytesPacked, 'the first use packs as it goes');
    tf.matMul(a, b).dispose();
    const packed = simdMemory().numBytesPacked - before.numBytesPacked;
    assert.ok(packed >= 64 * 96 * 4, `the second use keeps a packing (${packed} bytes)`);
    for (let i = 0; i < 20; i++) tf.matMul(a, b).dispose();
    assert.is(simdMemory().numBytesPacked - before.numBytesPacked, packed, 'one packing, however often used');
    b.dispose();
    assert.is(simdMemory().numBytesPacked, before.numBytesPacked, 'freed with its tensor');
    a.dispose();
    assert.is(simdMemory().numTensors, before.numTensors);
  });
});

test('values a compiled step overwrites in place are packed anew', async () => {
  await onBackend('simd', () => {
    const a = tf.tensor2d(randomValues(8 * 32, random), [8, 32]);
    const w = tf.variable(tf.tensor2d(randomValues(32 * 24, random), [32, 24]), true, 'packed_operands_w');
    // One step whose new value only the variable takes (its buffer is traded for the plan's), one that also
    // returns it (the new values are copied into the variable's own buffer: same tensor, same memory).
    const traded = simd.compile(() => {
      w.assign(tf.add(w, 0.5));
    });
    const copied = simd.compile(() => {
      const next = /** @type {tf.Tensor2D} */ (tf.add(w, 0.25));
      w.assign(next);
      return next;
    });
    for (let i = 0; i < 3; i++) traded(); // recorded, planned: replays from here on
    for (let i = 0; i < 3; i++) tf.dispose(copied());
    let inPlace = 0;
    for (const step of [traded, copied, traded, copied]) {
      tf.matMul(a, w).dispose();
      tf.matMul(a, w).dispose(); // packed and kept
      const [dataId, ptr] = [w.dataId, simdBackend().get(w.dataId).ptr];
      tf.dispose(step());
      if (w.dataId === dataId && simdBackend().get(w.dataId).ptr === ptr) inPlace++;
      const copy = unseen(w);
      const expected = tf.matMul(a, copy);
      const got = tf.matMul(a, w);
      assertSameBits(got.dataSync(), expected.dataSync(), 'after an update');
      tf.dispose([copy, expected, got]);
    }
    assert.is(inPlace, 2, 'the copying step wrote the variable in place');
    traded.dispose();
    copied.dispose();
    tf.dispose([a, w]);
  });
});

test('compiled replays use the kept packing of weights they read, and not after the weights change', async () => {
  await onBackend('simd', () => {
    const w = tf.variable(tf.tensor2d(randomValues(32 * 24, random), [32, 24]), true, 'packed_operands_replay');
    const bias = tf.tensor1d(randomValues(24, random));
    // Eight rows (the packed GEMM) and one (the one-row product with its own packing).
    const inputs = [8, 1].map((rows) => tf.tensor2d(randomValues(rows * 32, random), [rows, 32]));
    const predict = simd.compile((/** @type {tf.Tensor2D} */ x) =>
      tf.fused.matMul({ a: x, b: w, bias, activation: 'relu' }),
    );
    const train = simd.compile(() => {
      w.assign(tf.add(w, 0.5));
    });
    for (let i = 0; i < 3; i++) train();
    const packedBefore = simdMemory().numBytesPacked;
    let packedSeen = 0;
    for (let step = 0; step < 4; step++) {
      for (let call = 0; call < 3; call++) {
        for (const x of inputs) {
          const copy = unseen(w);
          const expected = tf.fused.matMul({ a: x, b: copy, bias, activation: 'relu' });
          const got = /** @type {tf.Tensor} */ (predict(x));
          assertSameBits(got.dataSync(), expected.dataSync(), `step ${step}, call ${call}, ${x.shape[0]} row(s)`);
          tf.dispose([copy, expected, got]);
        }
        packedSeen = Math.max(packedSeen, simdMemory().numBytesPacked - packedBefore);
      }
      train(); // w's values change in place, or its buffer is traded
    }
    assert.ok(predict.stats.replays >= 8, 'replayed');
    assert.ok(packedSeen > 0, 'the replays kept a packing of the weights');
    predict.dispose();
    train.dispose();
    tf.dispose([w, bias, ...inputs]);
  });
});

test('a compiled step whose product reads its own buffers replays with fresh values', async () => {
  await onBackend('simd', () => {
    const b = tf.tensor2d(randomValues(16 * 12, random), [16, 12]);
    const f = simd.compile((/** @type {tf.Tensor} */ x) => tf.matMul(tf.ones([6, 16]), tf.mul(b, x)));
    for (let i = 1; i <= 4; i++) {
      const x = tf.scalar(i);
      const got = f(x);
      const expected = tf.matMul(tf.ones([6, 16]), tf.mul(b, x));
      assertSameBits(/** @type {tf.Tensor} */ (got).dataSync(), expected.dataSync(), `replay ${i}`);
      tf.dispose([x, got, expected]);
    }
    f.dispose();
    b.dispose();
  });
});

test.run();
