// @ts-check
// FusedBatchNorm, ResizeBilinear, ResizeBilinearGrad, SpaceToBatchND, BatchToSpaceND, DepthToSpace and
// FlipLeftRight on 'simd' against tfjs-backend-cpu on fresh random data: channel counts 1, 3, 17, 32, 255,
// scalar and per-channel parameters, empty tensors, every corner mode.
// ResizeBilinearGrad: tfjs-backend-cpu 4.22 ignores halfPixelCenters and returns [batch, width, height, depth];
// where that matters the reference is the adjoint of the CPU's forward pass, computed here in float64.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertMatchesCpu, randomInputs } from '../helpers/conv_harness.mjs';
import { assertClose, onBackend, rng, simd, tf } from '../helpers/setup.mjs';

const random = rng(2121);

/** @typedef {import('../helpers/conv_harness.mjs').Shape4} Shape4 */

/** @type {Array<[number[], number[], boolean, boolean]>} */
const BATCH_NORMS = [
  [[1, 5, 6, 1], [1], true, true],
  [[2, 4, 3, 3], [3], true, false],
  [[1, 7, 5, 17], [17], false, true],
  [[1, 6, 4, 32], [32], true, true],
  [[1, 3, 2, 255], [255], true, true],
  [[3, 17], [17], false, false],
  [[2, 4, 4, 8], [1], true, true],
];
for (const [shape, paramShape, withScale, withOffset] of BATCH_NORMS) {
  const what = JSON.stringify({ shape, paramShape, withScale, withOffset });
  test(`batchNorm ${what}`, async () => {
    const inputs = randomInputs([shape, paramShape, paramShape, paramShape, paramShape], random);
    inputs[2].values = inputs[2].values.map((v) => Math.abs(v) + 0.1); // variance
    await assertMatchesCpu(
      inputs,
      (x, mean, variance, offset, scale) =>
        tf.batchNorm(x, mean, variance, withOffset ? offset : undefined, withScale ? scale : undefined, 1e-3),
      { what, rtol: 1e-5, atol: 1e-5 },
    );
  });
}

test('batchNorm: mixed scalar and per-channel parameters, other epsilon, empty tensors', async () => {
  const inputs = randomInputs([[2, 3, 3, 5], [5], [1], [5], [1]], random);
  inputs[2].values = inputs[2].values.map((v) => Math.abs(v) + 0.1);
  await assertMatchesCpu(inputs, (x, mean, variance, offset, scale) =>
    tf.batchNorm(x, mean, variance, offset, scale, 0.1),
  );
  await assertMatchesCpu(randomInputs([[0, 3, 3, 5], [5], [5]], random), (x, mean, variance) =>
    tf.batchNorm(x, mean, tf.abs(variance)),
  );
});

test('batchNorm: parameters of unrelated lengths run on the CPU kernel (element i reads i mod each length)', async () => {
  const inputs = randomInputs([[2, 6], [2], [3]], random);
  await assertMatchesCpu(inputs, (x, mean, variance) =>
    tf.engine().runKernel('FusedBatchNorm', { x, mean, variance: tf.abs(variance) }, { varianceEpsilon: 1e-3 }),
  );
});

/** @type {Array<[Shape4, [number, number]]>} */
const RESIZES = [
  // [in shape, out size]
  [
    [1, 112, 112, 3],
    [224, 224],
  ],
  [
    [2, 5, 7, 17],
    [9, 4],
  ],
  [
    [1, 6, 6, 32],
    [6, 6],
  ],
  [
    [1, 1, 1, 4],
    [3, 5],
  ],
  [
    [1, 7, 3, 1],
    [1, 1],
  ],
  [
    [1, 4, 5, 255],
    [7, 3],
  ],
  // Whole-vector pixels: the next source row is blended while a run's output rows are written (upscales), or
  // not (downscales, whose next run needs two new rows), across images.
  [
    [2, 9, 7, 8],
    [17, 13],
  ],
  [
    [1, 16, 16, 32],
    [32, 32],
  ],
  [
    [1, 17, 9, 12],
    [5, 4],
  ],
  // Pixels of 1–3 channels are blended a vector at a time: images side by side, rows too short for a vector.
  [
    [3, 5, 4, 2],
    [11, 9],
  ],
  [
    [2, 9, 6, 3],
    [4, 13],
  ],
  [
    [2, 3, 1, 1],
    [7, 1],
  ],
];

for (const [shape, size] of RESIZES) {
  for (const [alignCorners, halfPixelCenters] of [
    [false, false],
    [true, false],
    [false, true],
  ]) {
    const what = JSON.stringify({ shape, size, alignCorners, halfPixelCenters });
    test(`resizeBilinear ${what}`, async () => {
      await assertMatchesCpu(
        randomInputs([shape], random),
        (x) => tf.image.resizeBilinear(x, size, alignCorners, halfPixelCenters),
        { what, rtol: 1e-5, atol: 1e-5 },
      );
    });
  }
}

test('resizeBilinear: empty tensors', async () => {
  /** @type {Array<[Shape4, [number, number]]>} */
  const cases = [
    [
      [0, 4, 4, 3],
      [8, 8],
    ],
    [
      [1, 4, 4, 0],
      [8, 8],
    ],
    [
      [1, 4, 4, 3],
      [0, 5],
    ],
  ];
  for (const [shape, size] of cases) {
    await assertMatchesCpu(randomInputs([shape], random), (x) => tf.image.resizeBilinear(x, size));
  }
});

/**
 * The adjoint of the CPU's forward formulas in float64: dx[.., src, ..] += dy·weight.
 * @param {ArrayLike<number>} dy
 * @param {number[]} shape [batch, height, width, channels]
 * @param {number[]} size [height, width] out
 * @param {boolean} alignCorners
 * @param {boolean} halfPixelCenters
 */
function bilinearAdjoint(dy, [batch, inH, inW, channels], [outH, outW], alignCorners, halfPixelCenters) {
  const axis = (inSize, outSize) => {
    const aligned = alignCorners && outSize > 1;
    const scale = (aligned ? inSize - 1 : inSize) / (aligned ? outSize - 1 : outSize);
    return Array.from({ length: outSize }, (_, o) => {
      const source = halfPixelCenters ? scale * (o + 0.5) - 0.5 : scale * o;
      const low = Math.max(0, Math.floor(source));
      return [low, Math.min(inSize - 1, Math.ceil(source)), source - low];
    });
  };
  const rows = axis(inH, outH);
  const cols = axis(inW, outW);
  const dx = new Float64Array(batch * inH * inW * channels);
  const at = (b, r, c) => ((b * inH + r) * inW + c) * channels;
  let i = 0;
  for (let b = 0; b < batch; b++) {
    for (const [t, u, rf] of rows) {
      for (const [l, r, cf] of cols) {
        for (let d = 0; d < channels; d++, i++) {
          dx[at(b, t, l) + d] += dy[i] * (1 - rf) * (1 - cf);
          dx[at(b, t, r) + d] += dy[i] * (1 - rf) * cf;
          dx[at(b, u, l) + d] += dy[i] * rf * (1 - cf);
          dx[at(b, u, r) + d] += dy[i] * rf * cf;
        }
      }
    }
  }
  return dx;
}

for (const [shape, size] of RESIZES) {
  for (const [alignCorners, halfPixelCenters] of [
    [false, false],
    [true, false],
    [false, true],
  ]) {
    const what = JSON.stringify({ shape, size, alignCorners, halfPixelCenters });
    test(`resizeBilinear gradient ${what}`, async () => {
      const [x] = randomInputs([shape], random);
      const [dy] = randomInputs([[shape[0], ...size, shape[3]]], random);
      const square = shape[1] === shape[2];
      if (!halfPixelCenters && square) {
        await assertMatchesCpu(
          [x, dy],
          (images, dyT) =>
            tf.engine().runKernel('ResizeBilinearGrad', { images, dy: dyT }, { alignCorners, halfPixelCenters }),
          { what, rtol: 1e-5, atol: 1e-5 },
        );
      }
      const got = await onBackend('simd', async () => {
        const images = tf.tensor(x.values, shape);
        const dyT = tf.tensor(dy.values, dy.shape);
        const dx = /** @type {tf.Tensor} */ (
          tf.engine().runKernel('ResizeBilinearGrad', { images, dy: dyT }, { alignCorners, halfPixelCenters })
        );
        assert.equal(dx.shape, shape);
        const values = await dx.data();
        tf.dispose([images, dyT, dx]);
        return values;
      });
      assertClose(got, bilinearAdjoint(dy.values, shape, size, alignCorners, halfPixelCenters), {
        rtol: 1e-5,
        atol: 1e-5,
        what,
      });
    });
  }
}

test('resizeBilinear: gradients through tf.grad match the float64 adjoint', async () => {
  const [x] = randomInputs([[2, 5, 3, 4]], random);
  const got = await onBackend('simd', async () => {
    const images = tf.tensor(x.values, x.shape);
    const g = tf.grad((t) => tf.sum(tf.image.resizeBilinear(/** @type {tf.Tensor4D} */ (t), [8, 7], false, true)))(
      images,
    );
    const values = await g.data();
    tf.dispose([images, g]);
    return values;
  });
  const ones = new Float32Array(2 * 8 * 7 * 4).fill(1);
  assertClose(got, bilinearAdjoint(ones, x.shape, [8, 7], false, true), { rtol: 1e-5, atol: 1e-5 });
});

test("spaceToBatchND and batchToSpaceND (a dilated convolution's layout steps), float32 and int32, odd sizes", async () => {
  /** @type {Array<[number[], [number, number] | [number], Array<[number, number]>]>} */
  const cases = [
    [
      [1, 4, 4, 3],
      [2, 2],
      [
        [0, 0],
        [0, 0],
      ],
    ],
    [
      [2, 5, 3, 17],
      [2, 3],
      [
        [1, 2],
        [0, 3],
      ],
    ],
    [[3, 6, 2], [3], [[0, 3]]],
    [
      [1, 1, 1, 1],
      [1, 1],
      [
        [0, 0],
        [0, 0],
      ],
    ],
  ];
  for (const [shape, blockShape, paddings] of cases) {
    const what = JSON.stringify({ shape, blockShape, paddings });
    await assertMatchesCpu(
      randomInputs([shape], random),
      (x) => {
        const batched = tf.spaceToBatchND(x, blockShape, paddings);
        return [
          batched,
          tf.batchToSpaceND(batched, blockShape, paddings),
          tf.spaceToBatchND(tf.cast(tf.mul(x, 9), 'int32'), blockShape, paddings),
        ];
      },
      { what, rtol: 0, atol: 0 },
    );
  }
});

test('depthToSpace, block sizes 2 and 3, empty batch', async () => {
  /** @type {Array<[Shape4, number]>} */
  const cases = [
    [[1, 3, 4, 8], 2],
    [[2, 2, 3, 27], 3],
    [[1, 1, 1, 4], 2],
    [[0, 2, 2, 4], 2],
  ];
  for (const [shape, block] of cases) {
    await assertMatchesCpu(randomInputs([shape], random), (x) => tf.depthToSpace(x, block), {
      what: JSON.stringify({ shape, block }),
      rtol: 0,
      atol: 0,
    });
  }
});

test('flipLeftRight: channels 1 to 5 and 17 (short and long pixel runs), odd sizes, empty batch', async () => {
  /** @type {Shape4[]} */
  const shapes = [
    [1, 1, 1, 1],
    [2, 3, 17, 1],
    [1, 5, 7, 2],
    [3, 4, 255, 3],
    [1, 17, 3, 4],
    [2, 2, 9, 5],
    [1, 3, 5, 17],
    [0, 4, 4, 3],
  ];
  for (const shape of shapes) {
    await assertMatchesCpu(randomInputs([shape], random), (x) => tf.image.flipLeftRight(x), {
      what: JSON.stringify(shape),
      rtol: 0,
      atol: 0,
    });
  }
  // Reverse along a middle axis takes the same short-run path, for 8-byte and 1-byte elements too.
  await assertMatchesCpu(randomInputs([[3, 6, 2]], random), (x) => tf.reverse(tf.cast(x, 'int32'), 1), {
    what: 'int32 reverse',
    rtol: 0,
    atol: 0,
  });
  await assertMatchesCpu(randomInputs([[5, 7, 3]], random), (x) => tf.reverse(tf.greater(x, 0), [0, 1]), {
    what: 'bool reverse',
    rtol: 0,
    atol: 0,
  });
});

test('FusedBatchNorm, ResizeBilinear, ResizeBilinearGrad, FlipLeftRight and the layout steps are native kernels', () => {
  const { native } = simd.kernelCoverage();
  for (const name of [
    'FusedBatchNorm',
    'ResizeBilinear',
    'ResizeBilinearGrad',
    'SpaceToBatchND',
    'BatchToSpaceND',
    'DepthToSpace',
    'FlipLeftRight',
  ])
    assert.ok(native.includes(name), name);
});

test.run();
