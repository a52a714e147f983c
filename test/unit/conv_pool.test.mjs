// @ts-check
// Depthwise convolutions, max and average pooling, and nearest-neighbour resizing (UpSampling2D) on 'simd'
// against tfjs-backend-cpu, values and gradients, over odd sizes, strides and paddings.
// Tolerance: rtol 1e-4, atol 1e-4 (float32 sums of a few dozen terms in [-1, 1)).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertMatchesCpu, randomInputs, withGradients } from '../helpers/conv_harness.mjs';
import { rng, tf } from '../helpers/setup.mjs';

const random = rng(11);

/** @typedef {import('../helpers/conv_harness.mjs').Shape4} Shape4 */
/** @typedef {import('../helpers/conv_harness.mjs').Pair} Pair */
/** @typedef {import('../helpers/conv_harness.mjs').Pad} Pad */

/** @type {Array<[Shape4, number, number, number, Pair, Pad, Pair]>} */
const DEPTHWISE = [
  // [x shape, filter h, w, channel multiplier, strides, pad, dilations]
  [[1, 5, 5, 1], 3, 3, 1, 1, 'same', 1],
  [[2, 7, 6, 3], 3, 3, 2, 1, 'valid', 1],
  [[1, 9, 8, 8], 3, 3, 1, 2, 'same', 1],
  [[3, 6, 7, 5], 2, 3, 3, [2, 1], 'valid', 1],
  [[1, 17, 3, 4], 5, 1, 1, 3, 'same', 1],
  [
    [2, 7, 7, 6],
    3,
    3,
    1,
    1,
    [
      [0, 0],
      [1, 2],
      [2, 0],
      [0, 0],
    ],
    1,
  ],
];

for (const [xShape, fh, fw, mult, strides, pad, dilations] of DEPTHWISE) {
  const filterShape = [fh, fw, xShape[3], mult];
  const what = JSON.stringify({ xShape, filterShape, strides, pad });
  test(`depthwiseConv2d and its gradients ${what}`, async () => {
    await assertMatchesCpu(
      randomInputs([xShape, filterShape], random),
      withGradients((x, w) => tf.depthwiseConv2d(x, w, strides, pad, 'NHWC', dilations)),
      { what },
    );
  });
}

test('depthwiseConv2d: dilated forward', async () => {
  /** @type {Array<[Shape4, number, Pair]>} */
  const cases = [
    [[1, 11, 9, 4], 1, 2],
    [[2, 9, 10, 3], 2, [2, 3]],
  ];
  for (const [xShape, mult, dilations] of cases) {
    await assertMatchesCpu(randomInputs([xShape, [3, 3, xShape[3], mult]], random), (x, w) =>
      tf.depthwiseConv2d(x, w, 1, 'same', 'NHWC', dilations),
    );
  }
});

test('depthwise gradients with dilations run on the CPU kernels (which ignore the dilation)', async () => {
  const [x, dy] = randomInputs(
    [
      [1, 9, 9, 4],
      [1, 9, 9, 4],
    ],
    random,
  );
  const w = { shape: [3, 3, 4, 1], values: x.values.slice(0, 36) };
  await assertMatchesCpu([dy, w], (dyT, wT) =>
    tf
      .engine()
      .runKernel(
        'DepthwiseConv2dNativeBackpropInput',
        { dy: dyT, filter: wT },
        { strides: [1, 1], dilations: [2, 2], pad: 'same', inputShape: [1, 9, 9, 4] },
      ),
  );
  await assertMatchesCpu([x, dy], (xT, dyT) =>
    tf
      .engine()
      .runKernel(
        'DepthwiseConv2dNativeBackpropFilter',
        { x: xT, dy: dyT },
        { strides: [1, 1], dilations: [2, 2], pad: 'same', filterShape: [3, 3, 4, 1] },
      ),
  );
});

/** @type {Array<[Shape4, Pair, Pair, 'same' | 'valid' | number]>} */
const POOLS = [
  // [x shape, window, strides, pad]
  [[1, 5, 5, 1], 2, 2, 'valid'],
  [[2, 7, 6, 3], 3, 2, 'same'],
  [[1, 9, 8, 8], 3, 1, 'same'],
  [[3, 6, 7, 5], [2, 3], [2, 1], 'valid'],
  [[1, 17, 3, 17], [5, 1], 3, 'same'],
  [[2, 8, 8, 4], 2, 2, 'same'],
  [[1, 4, 4, 2], 1, 1, 'valid'],
  [[1, 6, 6, 3], 3, 3, 1],
  // 16-channel blocks, then 4, then single channels: a global pool of a network's head, a strided one.
  [[1, 7, 7, 37], 7, 1, 'valid'],
  [[2, 6, 5, 21], 3, 2, 'same'],
];

for (const [xShape, window, strides, pad] of POOLS) {
  const what = JSON.stringify({ xShape, window, strides, pad });
  test(`maxPool and avgPool with gradients ${what}`, async () => {
    await assertMatchesCpu(
      randomInputs([xShape], random),
      withGradients((x) => tf.maxPool(x, window, strides, pad)),
      { what: `max ${what}` },
    );
    await assertMatchesCpu(
      randomInputs([xShape], random),
      withGradients((x) => tf.avgPool(x, window, strides, pad)),
      { what: `avg ${what}` },
    );
  });
}

test('maxPool over 16-channel blocks: NaN never wins, ties go to the first maximum', async () => {
  const specials = [NaN, 1, 1, NaN, 2, 2, -Infinity, NaN, NaN, NaN, 0, 0, 3, 3, 3, 3];
  const channels = 21;
  const values = new Float32Array(16 * channels);
  for (let p = 0; p < 16; p++) for (let c = 0; c < channels; c++) values[p * channels + c] = specials[(p + c) % 16];
  await assertMatchesCpu(
    [{ shape: [1, 4, 4, channels], values }],
    withGradients((t) => tf.maxPool(t, 2, 2, 'valid')),
  );
});

test('maxPool: NaN never wins, ties go to the first maximum (also in the gradient)', async () => {
  const values = new Float32Array([NaN, 1, 1, NaN, 2, 2, -Infinity, NaN, NaN, NaN, 0, 0, 3, 3, 3, 3]);
  const x = { shape: [1, 4, 4, 1], values };
  await assertMatchesCpu(
    [x],
    withGradients((t) => tf.maxPool(t, 2, 2, 'valid')),
  );
  await assertMatchesCpu(
    [x],
    withGradients((t) => tf.maxPool(t, 3, 1, 'same')),
  );
});

test('pooling of an empty batch', async () => {
  await assertMatchesCpu(randomInputs([[0, 4, 4, 2]], random), (x) => [
    tf.maxPool(x, 2, 2, 'same'),
    tf.avgPool(x, 2, 2, 'same'),
  ]);
});

/** @type {Array<[Shape4, [number, number], boolean, boolean]>} */
const RESIZES = [
  // [x shape, size, alignCorners, halfPixelCenters]
  [[1, 3, 3, 1], [6, 6], false, false],
  [[2, 7, 5, 3], [14, 10], false, false],
  [[1, 4, 5, 2], [9, 7], true, false],
  [[1, 5, 4, 5], [3, 11], false, true],
  [[2, 6, 6, 4], [4, 4], false, false],
  [[1, 1, 3, 2], [1, 7], true, false],
];

for (const [xShape, size, alignCorners, halfPixelCenters] of RESIZES) {
  const what = JSON.stringify({ xShape, size, alignCorners, halfPixelCenters });
  test(`resizeNearestNeighbor and its gradient ${what}`, async () => {
    const resized = (x, dy) => {
      const resize = (t) => tf.image.resizeNearestNeighbor(t, size, alignCorners, halfPixelCenters);
      return [resize(x), tf.grad(resize)(x, dy)];
    };
    const dyShape = [xShape[0], ...size, xShape[3]];
    await assertMatchesCpu(
      randomInputs([xShape, dyShape], random),
      (x, dy) => {
        if (tf.getBackend() !== 'cpu' || x.shape[0] === 1) return resized(x, dy);
        // tfjs-backend-cpu's gradient steps through dy with the image's batch stride, so beyond batch 1 it reads
        // the wrong dy values: the reference is its gradient image by image, stacked.
        const dys = tf.split(dy, x.shape[0]);
        const perImage = tf.split(x, x.shape[0]).map((image, b) => resized(image, dys[b]));
        return [0, 1].map((output) => tf.concat(perImage.map((outputs) => outputs[output])));
      },
      { what },
    );
  });
}

test('UpSampling2D-style 2× upsampling of int32 runs on the CPU kernel', async () => {
  await assertMatchesCpu(randomInputs([[1, 3, 4, 2]], random), (x) =>
    tf.image.resizeNearestNeighbor(/** @type {tf.Tensor4D} */ (tf.cast(tf.mul(x, 9), 'int32')), [6, 8]),
  );
});

test('the pooling comparison can fail', async () => {
  let failed = false;
  try {
    await assertMatchesCpu(randomInputs([[1, 4, 4, 1]], random), (x) =>
      tf.getBackend() === 'simd' ? tf.avgPool(x, 2, 1, 'same') : tf.avgPool(x, 2, 1, 'valid'),
    );
  } catch {
    failed = true;
  }
  assert.ok(failed);
});

test.run();
