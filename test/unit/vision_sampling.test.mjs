// @ts-check
// CropAndResize, Transform and RotateWithOffset (image resampling) on 'simd' against tfjs-backend-cpu on fresh random data: equal
// bit for bit, bilinear and nearest. Crops of 1 × 1 to 17 × 255, channels 1, 3 and 17, boxes partly or wholly
// outside the image, flipped boxes, NaN coordinates, boxes of images past the batch, extrapolation values, empty
// inputs. Warps: every fill mode, outputs smaller and larger than the image, projective terms, a zero projection.
// Rotations: angles, centres, scalar and per-channel fill values (alpha 255, missing channels NaN).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertMatchesCpu, randomInputs } from '../helpers/conv_harness.mjs';
import { onBackend, randomValues, rng, simd, tf } from '../helpers/setup.mjs';

const random = rng(4711);
const exact = { rtol: 0, atol: 0 };

/** Boxes [y1, x1, y2, x2] in [-0.3, 1.3): some flipped, some outside the image. */
const randomBoxes = (count) => Array.from(randomValues(count * 4, random, -0.3, 1.3));

/** @type {Array<[number[], number, [number, number]]>} image shape, boxes, crop size */
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
    for (const cropSize of /** @type {Array<[number, number]>} */ ([
      [1, 1],
      [5, 9],
    ])) {
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

/** Transform rows [a0, a1, a2, b0, b1, b2, c0, c1]: rotations, scalings, shifts and projective terms. */
function randomTransform() {
  const angle = random() * 2 * Math.PI;
  const scale = 0.5 + random() * 1.5;
  const shift = () => random() * 12 - 6;
  const projective = () => (random() < 0.5 ? 0 : random() * 0.02 - 0.01);
  const [cos, sin] = [Math.cos(angle) * scale, Math.sin(angle) * scale];
  return [cos, -sin, shift(), sin, cos, shift(), projective(), projective()];
}

for (const imageShape of [
  [1, 1, 1, 1],
  [1, 6, 9, 3],
  [1, 13, 7, 17],
  [1, 2, 17, 1],
]) {
  for (const interpolation of /** @type {const} */ (['nearest', 'bilinear'])) {
    for (const fillMode of /** @type {const} */ (['constant', 'reflect', 'wrap', 'nearest'])) {
      test(`transform ${interpolation}, fill ${fillMode}: image [${imageShape}]`, async () => {
        for (const outputShape of /** @type {Array<[number, number] | undefined>} */ ([undefined, [5, 3], [17, 19]])) {
          const t = randomTransform();
          const fillValue = random() * 4 - 2;
          await assertMatchesCpu(
            [...randomInputs([imageShape], random), { shape: [1, 8], values: Float32Array.from(t) }],
            (image, transforms) =>
              tf.image.transform(image, transforms, interpolation, fillMode, fillValue, outputShape),
            { what: JSON.stringify({ imageShape, t, interpolation, fillMode, outputShape }), ...exact },
          );
        }
      });
    }
  }
}

test('transform: a zero projection, the identity, and shifts by whole and half pixels', async () => {
  const transforms = [
    [1, 0, 0, 0, 1, 0, 0, 0],
    [1, 0, 2, 0, 1, -3, 0, 0],
    [1, 0, 0.5, 0, 1, -0.5, 0, 0],
    [1, 0, 0, 0, 1, 0, -0.25, 0], // p = 0 at x = 4
  ];
  for (const t of transforms) {
    for (const interpolation of /** @type {const} */ (['nearest', 'bilinear'])) {
      await assertMatchesCpu(
        [...randomInputs([[1, 5, 6, 2]], random), { shape: [1, 8], values: Float32Array.from(t) }],
        (image, tr) => tf.image.transform(image, tr, interpolation, 'constant', 0.5),
        { what: JSON.stringify({ t, interpolation }), ...exact },
      );
    }
  }
});

test("transform: several images, one transform each or one for all, each image equal to cpu's on it alone", async () => {
  const [batch, h, w, c] = [3, 7, 8, 3];
  const images = randomValues(batch * h * w * c, random);
  const perImage = [randomTransform(), randomTransform(), randomTransform()];
  for (const shared of [true, false]) {
    const rows = shared ? [perImage[0]] : perImage;
    const run = (backend, values, shape, transformRows) =>
      onBackend(backend, () =>
        tf.tidy(() =>
          Array.from(
            tf.image
              .transform(
                tf.tensor4d(values, shape),
                tf.tensor2d(transformRows.flat(), [transformRows.length, 8]),
                'bilinear',
                'reflect',
              )
              .dataSync(),
          ),
        ),
      );
    const all = await run('simd', images, [batch, h, w, c], rows);
    for (let b = 0; b < batch; b++) {
      const one = images.slice(b * h * w * c, (b + 1) * h * w * c);
      const expected = await run('cpu', one, [1, h, w, c], [rows[shared ? 0 : b]]);
      assert.equal(all.slice(b * h * w * c, (b + 1) * h * w * c), expected, `image ${b}, shared ${shared}`);
    }
  }
});

for (const imageShape of [
  [1, 1, 1, 1],
  [2, 7, 9, 3],
  [1, 17, 6, 4],
  [1, 5, 13, 5],
  [1, 2, 255, 1],
]) {
  test(`rotateWithOffset image [${imageShape}]: angles, centres, scalar and per-channel fills`, async () => {
    const angles = [0, Math.PI / 2, Math.PI, -0.3, random() * 7];
    const centers = [0.5, 0, [1, 2], [imageShape[2] / 3, imageShape[1] - 1]];
    const fills = [0, random() * 4 - 2, [10, 20, 30]];
    for (const radians of angles) {
      for (const center of centers) {
        for (const fill of fills) {
          await assertMatchesCpu(
            randomInputs([imageShape], random),
            (image) =>
              tf.image.rotateWithOffset(image, radians, /** @type {any} */ (fill), /** @type {any} */ (center)),
            { what: JSON.stringify({ imageShape, radians, center, fill }), ...exact },
          );
        }
      }
    }
  });
}

test('CropAndResize, Transform and RotateWithOffset are native kernels', () => {
  const { native } = simd.kernelCoverage();
  for (const name of ['CropAndResize', 'Transform', 'RotateWithOffset']) assert.ok(native.includes(name), name);
});

test.run();
