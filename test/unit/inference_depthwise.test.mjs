// @ts-check
// FusedDepthwiseConv2D and DepthwiseConv2dNative (one native pass, assembly/conv/depthwise_forward.ts), and the
// shallow (unpacked) products of FusedConv2D's stem and pointwise convolutions, on 'simd'
// against tfjs-backend-cpu on fresh random data: channel counts around the 16- and 4-lane blocks (1, 3, 4, 17,
// 32, 255), channel multipliers 1, 2, 4 and 3, strides 1 and 2, dilations, 'same' / 'valid' / explicit padding,
// filters larger than the image, empty tensors, every activation with per-channel and scalar operands.
// Tolerance: rtol 1e-4, atol 1e-4 (float32 sums of at most 25 products of values in [-1, 1)).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertMatchesCpu, randomInputs, withGradients } from '../helpers/conv_harness.mjs';
import { rng, simd, tf } from '../helpers/setup.mjs';

const random = rng(21);
/** @type {tf.fused.Activation[]} */
const ACTIVATIONS = ['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'prelu', 'sigmoid'];

/**
 * @typedef {[number, number, number, number]} Shape4
 * @typedef {number | [number, number]} Pair
 * @typedef {[[number, number], [number, number], [number, number], [number, number]]} Explicit
 * @type {Array<[Shape4, number, number, number, Pair, 'same' | 'valid' | Explicit, Pair]>}
 */
const GEOMETRIES = [
  // [x shape, filter h, w, channel multiplier, strides, pad, dilations]
  [[1, 7, 9, 1], 3, 3, 1, 1, 'same', 1],
  [[2, 6, 5, 3], 3, 3, 1, 2, 'same', 1],
  [[1, 8, 7, 4], 3, 3, 1, 1, 'valid', 1],
  [[1, 9, 10, 17], 3, 3, 1, 2, 'valid', 1],
  [[2, 11, 9, 32], 3, 3, 1, 1, 'same', 2],
  [[1, 5, 6, 255], 3, 3, 1, 2, 'same', 1],
  [[1, 12, 12, 20], 5, 5, 1, 1, 'same', [2, 3]],
  [
    [1, 7, 7, 6],
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
  [[1, 3, 2, 5], 5, 5, 1, 1, 'same', 1],
  [[2, 6, 7, 5], 3, 3, 2, [2, 1], 'same', 1],
  [[1, 7, 5, 9], 3, 3, 4, 1, 'valid', 1],
  [[1, 6, 6, 3], 3, 3, 3, 2, 'same', 1],
  [[1, 255, 3, 2], 3, 1, 1, [2, 1], 'same', 1],
];

for (const [xShape, fh, fw, mult, strides, pad, dilations] of GEOMETRIES) {
  const filterShape = [fh, fw, xShape[3], mult];
  const what = JSON.stringify({ xShape, filterShape, strides, pad, dilations });
  test(`depthwiseConv2d forward ${what}`, async () => {
    await assertMatchesCpu(
      randomInputs([xShape, filterShape], random),
      (x, w) => tf.depthwiseConv2d(x, w, strides, pad, 'NHWC', dilations),
      { what },
    );
  });
  test(`fused depthwiseConv2d, bias + relu6 ${what}`, async () => {
    const outC = xShape[3] * mult;
    await assertMatchesCpu(
      randomInputs([xShape, filterShape, [outC]], random),
      // tfjs's types leave explicit padding out of the fused op's config; the op takes it, as the unfused one does.
      (x, w, bias) =>
        tf.fused.depthwiseConv2d({
          x,
          filter: w,
          strides,
          pad: /** @type {any} */ (pad),
          dilations,
          bias,
          activation: 'relu6',
        }),
      { what },
    );
  });
}

test('fused depthwiseConv2d: every activation, per-channel and scalar bias and prelu weights', async () => {
  for (const activation of ACTIVATIONS) {
    for (const [channels, mult] of [
      [17, 1],
      [3, 2],
      [8, 4],
    ]) {
      for (const operandShape of [null, [channels * mult], [1]]) {
        const shapes = [
          [2, 7, 6, channels],
          [3, 3, channels, mult],
        ];
        if (operandShape) shapes.push(operandShape);
        if (activation === 'prelu') shapes.push(operandShape ?? [channels * mult]);
        await assertMatchesCpu(
          randomInputs(shapes, random),
          (x, w, ...rest) => {
            const bias = operandShape ? rest.shift() : undefined;
            const preluActivationWeights = activation === 'prelu' ? rest.shift() : undefined;
            return tf.fused.depthwiseConv2d({
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
          { what: `${activation} channels ${channels} mult ${mult} operand ${operandShape}` },
        );
      }
    }
  }
});

test('fused depthwiseConv2d: gradients through bias and relu', async () => {
  await assertMatchesCpu(
    randomInputs([[2, 6, 6, 5], [3, 3, 5, 1], [5]], random),
    withGradients((x, w, b) =>
      tf.fused.depthwiseConv2d({ x, filter: w, strides: 1, pad: 'same', bias: b, activation: 'relu' }),
    ),
  );
});

test('fused depthwiseConv2d: a bias that varies over pixels runs on the CPU kernel', async () => {
  await assertMatchesCpu(
    randomInputs(
      [
        [1, 4, 4, 3],
        [3, 3, 3, 1],
        [4, 4, 3],
      ],
      random,
    ),
    (x, w, b) => tf.fused.depthwiseConv2d({ x, filter: w, strides: 1, pad: 'same', bias: b }),
  );
});

test('depthwiseConv2d: empty tensors (no pixels, no channels, no images)', async () => {
  /** @type {Array<[Shape4, number]>} */
  const cases = [
    [[1, 0, 5, 3], 1],
    [[1, 4, 4, 0], 1],
    [[0, 4, 4, 2], 2],
  ];
  for (const [xShape, mult] of cases) {
    await assertMatchesCpu(
      randomInputs([xShape, [3, 3, xShape[3], mult], [xShape[3] * mult]], random),
      (x, w, bias) => tf.fused.depthwiseConv2d({ x, filter: w, strides: 1, pad: 'same', bias, activation: 'relu' }),
      { what: JSON.stringify(xShape) },
    );
  }
});

test('depthwiseConv2d: strides and dilations both above 1 are refused as on the CPU, backend still usable', async () => {
  await tf.setBackend('simd');
  const x = /** @type {tf.Tensor4D} */ (tf.zeros([1, 8, 8, 2]));
  const w = /** @type {tf.Tensor4D} */ (tf.zeros([3, 3, 2, 1]));
  assert.throws(
    () => tf.fused.depthwiseConv2d({ x, filter: w, strides: 2, pad: 'same', dilations: 2 }),
    /strides or dilations must be 1/,
  );
  const y = tf.depthwiseConv2d(x, w, 1, 'same');
  assert.is(y.shape.join(), '1,8,8,2');
  tf.dispose([x, w, y]);
});

test('fused conv2d, shallow products (depth <= 48, unpacked): RGB stem, pointwise, every activation, row and column edges', async () => {
  /** @type {Array<[Shape4, number, number, number]>} */
  const cases = [
    [[1, 17, 15, 3], 3, 32, 2],
    [[2, 9, 7, 32], 1, 64, 1],
    [[1, 5, 5, 17], 1, 33, 1],
    [[1, 3, 1, 48], 1, 8, 1],
    [[3, 4, 5, 5], 3, 12, 1],
    [[1, 6, 6, 1], 3, 255, 1],
    // Output rows of 12, 13, 5 and 4 pixels: interior runs of every length mod 4, short right edges.
    [[1, 9, 23, 3], 3, 32, 2],
    [[1, 6, 13, 3], 3, 16, 1],
    [[1, 7, 10, 3], 3, 8, 2],
    [[1, 5, 4, 3], 3, 8, 1],
  ];
  for (const [xShape, size, outC, strides] of cases) {
    for (const activation of ACTIVATIONS) {
      const shapes = [xShape, [size, size, xShape[3], outC], [outC]];
      if (activation === 'prelu') shapes.push([outC]);
      await assertMatchesCpu(
        randomInputs(shapes, random),
        (x, w, bias, prelu) =>
          tf.fused.conv2d({
            x,
            filter: w,
            strides,
            pad: 'same',
            bias,
            activation,
            preluActivationWeights: prelu,
            leakyreluAlpha: 0.3,
          }),
        { what: `${JSON.stringify({ xShape, size, outC })} ${activation}` },
      );
    }
  }
});

test('relu and relu6 give +0, as on the CPU, where the sum and the bias are both -0', async () => {
  // x·w = -0 for x = 0 and w < 0; a -0 bias then makes every pre-activation value -0.
  const x = /** @type {tf.Tensor4D} */ (tf.zeros([1, 7, 9, 8]));
  const rgb = /** @type {tf.Tensor4D} */ (tf.zeros([1, 7, 9, 3]));
  const bias = tf.fill([8], -0);
  const depthwiseFilter = /** @type {tf.Tensor4D} */ (tf.fill([3, 3, 8, 1], -0.5));
  const stemFilter = /** @type {tf.Tensor4D} */ (tf.fill([3, 3, 3, 8], -0.5));
  /** @type {Array<[string, (activation: tf.fused.Activation) => tf.Tensor]>} */
  const cases = [
    [
      'depthwise',
      (activation) =>
        tf.fused.depthwiseConv2d({ x, filter: depthwiseFilter, strides: 1, pad: 'same', bias, activation }),
    ],
    [
      'stem',
      (activation) => tf.fused.conv2d({ x: rgb, filter: stemFilter, strides: 2, pad: 'same', bias, activation }),
    ],
  ];
  for (const [what, run] of cases) {
    for (const activation of /** @type {tf.fused.Activation[]} */ (['relu', 'relu6'])) {
      const y = run(activation);
      const values = await y.data();
      y.dispose();
      const negativeZeros = Array.from(values).filter((v) => Object.is(v, -0)).length;
      assert.is(negativeZeros, 0, `${what} ${activation}: ${negativeZeros} outputs are -0`);
      assert.ok(
        values.every((v) => v === 0),
        `${what} ${activation}: outputs are zeros`,
      );
    }
  }
  tf.dispose([x, rgb, bias, depthwiseFilter, stemFilter]);
});

test('FusedDepthwiseConv2D and DepthwiseConv2dNative are native kernels', () => {
  const { native } = simd.kernelCoverage();
  assert.ok(native.includes('FusedDepthwiseConv2D'));
  assert.ok(native.includes('DepthwiseConv2dNative'));
});

test.run();
