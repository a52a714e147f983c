// @ts-check
// Conv2D, FusedConv2D and both convolution gradients on 'simd' against tfjs-backend-cpu, over a grid of
// shapes (batch 1 and more, odd sizes), filter sizes, strides, dilations and 'same' / 'valid' / explicit padding.
// Tolerance: rtol 1e-4, atol 1e-4 (float32 sums of at most a few hundred products of values in [-1, 1)).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertMatchesCpu, randomInputs, withGradients } from '../helpers/conv_harness.mjs';
import { rng, tf } from '../helpers/setup.mjs';

const random = rng(9);

/** @typedef {import('../helpers/conv_harness.mjs').Shape4} Shape4 */
/** @typedef {import('../helpers/conv_harness.mjs').Pair} Pair */
/** @typedef {import('../helpers/conv_harness.mjs').Pad} Pad */

/** @type {Array<[Shape4, number, number, number, Pair, Pad, Pair]>} */
const CASES = [
  // [x shape, filter h, w, outC, strides, pad, dilations]
  [[1, 5, 5, 1], 3, 3, 1, 1, 'same', 1],
  [[2, 7, 6, 3], 3, 3, 4, 1, 'valid', 1],
  [[1, 8, 8, 4], 3, 3, 8, 2, 'same', 1],
  [[3, 9, 7, 2], 2, 3, 5, [2, 1], 'valid', 1],
  [[1, 11, 13, 3], 3, 3, 2, 1, 'same', 2],
  [[2, 10, 9, 5], 3, 2, 3, 1, 'valid', [2, 1]],
  [[1, 6, 6, 17], 1, 1, 3, 1, 'valid', 1],
  [[2, 5, 4, 3], 1, 1, 7, 1, 'same', 1],
  [[1, 6, 7, 2], 1, 1, 3, 2, 'valid', 1],
  [
    [2, 7, 7, 3],
    3,
    3,
    4,
    1,
    [
      [0, 0],
      [1, 2],
      [2, 0],
      [0, 0],
    ],
    1,
  ],
  [[1, 28, 28, 1], 3, 3, 16, 2, 'same', 1],
  [[2, 14, 14, 16], 3, 3, 32, 2, 'same', 1],
  [[1, 17, 3, 1], 5, 1, 255, 3, 'same', 1],
  [[4, 3, 3, 8], 3, 3, 3, 1, 'same', 1],
  [[1, 4, 4, 2], 5, 5, 3, 1, 'same', 1],
  // Few input channels (an RGB stem): windows inside the image read in place, the others through patches.
  [[1, 33, 31, 3], 3, 3, 32, 2, 'same', 1],
  [[2, 17, 19, 3], 3, 3, 17, 1, 'same', 1],
  [[1, 13, 12, 3], 3, 3, 8, 1, 'valid', [2, 1]],
  [[1, 9, 255, 1], 3, 5, 4, [1, 3], 'same', 1],
  [[1, 9, 9, 0], 3, 3, 8, 2, 'same', 1],
  // One output channel over several chunks of pixels: products of one column and of depth one (unpacked).
  [[4, 28, 28, 16], 3, 3, 1, 1, 'same', 1],
  [[3, 17, 19, 1], 3, 3, 1, 2, 'valid', 1],
  // Pointwise products deeper than the patches' unpacked ones, still unpacked (up to 768, or into under 128
  // channels from a depth of 64), then packed.
  [[1, 5, 3, 49], 1, 1, 17, 1, 'valid', 1],
  [[2, 4, 4, 255], 1, 1, 33, 1, 'same', 1],
  [[1, 3, 3, 769], 1, 1, 9, 1, 'valid', 1],
  [[1, 7, 5, 64], 1, 1, 128, 1, 'valid', 1],
  [[2, 3, 5, 300], 1, 1, 255, 1, 'same', 1],
  // Pointwise over at most three pixels in all (a head on a 1×1 feature map): products of one to three rows.
  [[1, 1, 1, 1280], 1, 1, 1000, 1, 'valid', 1],
  [[3, 1, 1, 17], 1, 1, 3, 1, 'valid', 1],
  [[1, 1, 2, 1], 1, 1, 255, 1, 'same', 1],
  [[1, 1, 1, 0], 1, 1, 4, 1, 'valid', 1],
];

for (const [xShape, fh, fw, outC, strides, pad, dilations] of CASES) {
  const filterShape = [fh, fw, xShape[3], outC];
  const what = JSON.stringify({ xShape, filterShape, strides, pad, dilations });
  test(`conv2d and its gradients ${what}`, async () => {
    const canGrad = dilations === 1;
    const conv = (x, w) => tf.conv2d(x, w, strides, pad, 'NHWC', dilations);
    await assertMatchesCpu(randomInputs([xShape, filterShape], random), canGrad ? withGradients(conv) : conv, { what });
  });
}

test('conv2d: long patches and many pixels (several chunks of output pixels, GEMM depth beyond one block)', async () => {
  const inputs = randomInputs(
    [
      [3, 30, 31, 40],
      [3, 3, 40, 9],
    ],
    random,
  );
  await assertMatchesCpu(
    inputs,
    withGradients((x, w) => tf.conv2d(x, w, 1, 'same')),
    { atol: 5e-4 },
  );
});

test('conv2dTranspose (Conv2DBackpropInput forward, Conv2D and Conv2DBackpropFilter backward)', async () => {
  /** @type {Array<[Shape4, Shape4, number, 'same' | 'valid']>} */
  const cases = [
    [[2, 7, 7, 4], [2, 14, 14, 3], 2, 'same'],
    [[1, 5, 6, 3], [1, 11, 13, 2], 2, 'valid'],
    [[1, 4, 4, 2], [1, 4, 4, 5], 1, 'same'],
  ];
  for (const [inShape, outShape, strides, pad] of cases) {
    const filterShape = [3, 3, outShape[3], inShape[3]];
    await assertMatchesCpu(
      randomInputs([inShape, filterShape], random),
      withGradients((x, w) => tf.conv2dTranspose(x, w, outShape, strides, pad)),
      { what: JSON.stringify({ inShape, outShape, strides, pad }) },
    );
  }
});

test('conv2dTranspose to an output smaller than its input reads a corner of dy, as on the CPU', async () => {
  await assertMatchesCpu(
    randomInputs(
      [
        [1, 8, 8, 3],
        [3, 3, 2, 3],
      ],
      random,
    ),
    (x, w) => tf.conv2dTranspose(x, w, [1, 4, 4, 2], 1, 'same'),
  );
});

/** @type {tf.fused.Activation[]} */
const ACTIVATIONS = ['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'prelu', 'sigmoid'];

test('fused conv2d: bias and every activation, per-channel and scalar operands', async () => {
  for (const activation of ACTIVATIONS) {
    for (const biasShape of [null, [6], [1]]) {
      const shapes = [
        [2, 7, 5, 3],
        [3, 3, 3, 6],
      ];
      if (biasShape) shapes.push(biasShape);
      if (activation === 'prelu') shapes.push([6]);
      await assertMatchesCpu(
        randomInputs(shapes, random),
        (x, w, ...rest) => {
          const bias = biasShape ? rest.shift() : undefined;
          const preluActivationWeights = activation === 'prelu' ? rest.shift() : undefined;
          return tf.fused.conv2d({
            x,
            filter: w,
            strides: [2, 1],
            pad: 'same',
            bias,
            activation,
            preluActivationWeights,
            leakyreluAlpha: 0.3,
          });
        },
        { what: `${activation} bias ${biasShape}` },
      );
    }
  }
});

test('fused conv2d: gradients through bias and relu', async () => {
  await assertMatchesCpu(
    randomInputs([[2, 6, 6, 3], [3, 3, 3, 4], [4]], random),
    withGradients((x, w, b) => tf.fused.conv2d({ x, filter: w, strides: 1, pad: 'same', bias: b, activation: 'relu' })),
  );
});

test('fused conv2d: a bias that varies over pixels runs on the CPU kernel', async () => {
  await assertMatchesCpu(
    randomInputs(
      [
        [1, 4, 4, 2],
        [3, 3, 2, 3],
        [4, 4, 3],
      ],
      random,
    ),
    (x, w, b) => tf.fused.conv2d({ x, filter: w, strides: 1, pad: 'same', bias: b }),
  );
});

test('conv2d in NCHW and pooling of int32 run on the CPU kernels', async () => {
  await assertMatchesCpu(
    randomInputs(
      [
        [1, 2, 5, 5],
        [3, 3, 2, 3],
      ],
      random,
    ),
    (x, w) => tf.conv2d(x, w, 1, 'same', 'NCHW'),
  );
  await assertMatchesCpu(
    randomInputs(
      [
        [1, 5, 5, 2],
        [3, 3, 2, 3],
      ],
      random,
    ),
    (x, _w) => tf.maxPool(/** @type {tf.Tensor4D} */ (tf.cast(tf.mul(x, 10), 'int32')), 2, 1, 'same'),
  );
});

test('conv2d: empty batch and zero output channels', async () => {
  await assertMatchesCpu(
    randomInputs(
      [
        [0, 5, 5, 2],
        [3, 3, 2, 3],
      ],
      random,
    ),
    (x, w) => tf.conv2d(x, w, 1, 'same'),
  );
  await assertMatchesCpu(
    randomInputs(
      [
        [1, 5, 5, 2],
        [3, 3, 2, 0],
      ],
      random,
    ),
    (x, w) => tf.conv2d(x, w, 1, 'same'),
  );
});

test('a case that disagrees is caught (the harness can fail)', async () => {
  let failed = false;
  try {
    await assertMatchesCpu(randomInputs([[1, 3, 3, 1]], random), (x) =>
      tf.getBackend() === 'simd' ? tf.add(x, 1e-3) : x,
    );
  } catch {
    failed = true;
  }
  assert.ok(failed);
});

test.run();
