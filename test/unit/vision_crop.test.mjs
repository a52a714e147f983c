// @ts-check
// CropAndResize on 'simd' against tfjs-backend-cpu on fresh random data: equal bit for bit, bilinear and
// nearest, crops of 1 × 1 to 17 × 255, channels 1, 3 and 17, boxes partly or wholly outside the image, flipped
// boxes, NaN coordinates, boxes of images past the batch, extrapolation values and empty inputs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertMatchesCpu, randomInputs } from '../helpers/conv_harness.mjs';
import { randomValues, rng, simd, tf } from '../helpers/setup.mjs';

const random = rng(4711);
const exact = { rtol: 0, atol: 0 };

/** Boxes [y1, x1, y2, x2] in [-0.3, 1.3): some flipped, some outside the image. */
const randomBoxes = (count) => Array.from(randomValues(count * 4, random, -0.3, 1.3));

/** @type {Array<[number[], number, number[]]>} image shape, boxes, crop size */
const CASES = [
  [[1, 5, 7, 1], 1, [1, 1]],
  [[2, 9, 6, 3], 3, [4, 5]],
  [[1, 17, 13, 3], 5, [17, 1]],
  [[3, 8, 8, 17], 4, [3, 3]],
  [[1, 1, 1, 3], 2, [2, 2]],
  [[1, 24, 32, 3], 2, [17, 255]],
];

for (const [imageShape, numBoxes, cropSize] of CASES) {
  for (const method of /** @type {const} */ (['bilinear', 'nearest'])) {
    test(`cropAndResize ${method}: image [${imageShape}], ${numBoxes} boxes, crop ${cropSize}`, async () => {
      const boxes = randomBoxes(numBoxes);
      // Image indices include one past the batch: that box stays 0.
      const boxInd = Array.from({ length: numBoxes }, (_, b) => (b === 1 ? imageShape[0] : b % imageShape[0]));
      const extrapolation = random() * 4 - 2;
      await assertMatchesCpu(
        [...randomInputs([imageShape], random), { shape: [numBoxes, 4], values: Float32Array.from(boxes) }],
        (image, b) => tf.image.cropAndResize(image, b, tf.tensor1d(boxInd, 'int32'), cropSize, method, extrapolation),
        { what: JSON.stringify({ imageShape, boxes, boxInd, cropSize, method }), ...exact },
      );
    });
  }
}

test('cropAndResize: boxes inside the image, NaN and infinite coordinates, exact pixel centres', async () => {
  const boxes = [0, 0, 1, 1, 0.25, 0.5, 0.75, 1, NaN, 0, 1, 1, 0, -Infinity, 1, Infinity, 0.5, 0.5, 0.5, 0.5];
  for (const method of /** @type {const} */ (['bilinear', 'nearest'])) {
    for (const cropSize of [
      [1, 1],
      [5, 9],
    ]) {
      await assertMatchesCpu(
        [...randomInputs([[2, 5, 9, 3]], random), { shape: [5, 4], values: Float32Array.from(boxes) }],
        (image, b) => tf.image.cropAndResize(image, b, tf.tensor1d([0, 1, 0, 1, 0], 'int32'), cropSize, method),
        { what: `${method} ${cropSize}`, ...exact },
      );
    }
  }
});

test('cropAndResize: no boxes, and an empty image batch', async () => {
  await assertMatchesCpu(
    [...randomInputs([[1, 4, 4, 3]], random), { shape: [0, 4], values: new Float32Array(0) }],
    (image, b) => tf.image.cropAndResize(image, b, tf.tensor1d([], 'int32'), [3, 3]),
    { what: 'no boxes', ...exact },
  );
  await assertMatchesCpu(
    [...randomInputs([[0, 4, 4, 3]], random), { shape: [1, 4], values: Float32Array.from([0, 0, 1, 1]) }],
    (image, b) => tf.image.cropAndResize(image, b, tf.tensor1d([0], 'int32'), [2, 2]),
    { what: 'empty batch', ...exact },
  );
});

test('CropAndResize is a native kernel', () => {
  assert.ok(simd.kernelCoverage().native.includes('CropAndResize'));
});

test.run();
