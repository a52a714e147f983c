// @ts-check
// TopK, GatherNd, ScatterNd, TensorScatterUpdate, Range, NonMaxSuppressionV3/V4/V5 and Einsum on 'simd' against
// tfjs-backend-cpu on fresh random data: results must be identical (values, indices, order, dtypes, errors;
// Einsum within float32 rounding), at sizes 1, 3, 17, 255, with ties, repeated positions, empty tensors, int32
// inputs and the edge values of every attribute.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose, onBackend, randomValues, rng, simd, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';

const random = rng(2124);

/**
 * Runs `fn` on 'simd' and on 'cpu' with fresh tensors of `inputs` each time, and asserts equal shapes, dtypes
 * and values (NaN matching NaN), or the same error. Also asserts that 'simd' leaks no tensor.
 * @param {Array<{ shape: number[], values: ArrayLike<number>, dtype?: import('@tensorflow/tfjs-core').DataType }>} inputs
 * @param {(...xs: import('@tensorflow/tfjs-core').Tensor[]) => import('@tensorflow/tfjs-core').Tensor | import('@tensorflow/tfjs-core').Tensor[]} fn
 * @param {string} what
 */
async function assertSameAsCpu(inputs, fn, what) {
  const runOn = (name) =>
    onBackend(name, () => {
      const before = tf.memory().numTensors;
      const xs = inputs.map(({ shape, values, dtype }) => tf.tensor(Array.from(values), shape, dtype ?? 'float32'));
      try {
        const result = fn(...xs);
        const outs = Array.isArray(result) ? result : [result];
        const got = outs.map((t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync()) }));
        tf.dispose(outs);
        return { got };
      } catch (e) {
        return { error: e.message };
      } finally {
        tf.dispose(xs);
        if (name === 'simd') assert.is(tf.memory().numTensors, before, `${what}: simd leaks tensors`);
      }
    });
  const actual = await runOn('simd');
  const expected = await runOn('cpu');
  assert.equal(actual, expected, what);
}

/** Values in [lo, hi) rounded to multiples of `grain` (ties), as float32. */
const coarse = (count, grain, lo = -4, hi = 4) =>
  randomValues(count, random, lo, hi).map((v) => Math.round(v / grain) * grain);

// TopK

for (const n of [1, 3, 17, 255]) {
  for (const rows of [[], [1], [3], [2, 5]]) {
    for (const k of [...new Set([0, 1, Math.min(3, n), n])]) {
      test(`topk x [${[...rows, n]}], k ${k}: float32 with ties, int32`, async () => {
        const shape = [...rows, n];
        const count = size(shape);
        await assertSameAsCpu(
          [{ shape, values: coarse(count, 0.5) }],
          (x) => {
            const { values, indices } = tf.topk(x, k);
            return [values, indices];
          },
          `float32 ${shape} k ${k}`,
        );
        await assertSameAsCpu(
          [{ shape, values: randomValues(count, random, -1e6, 1e6) }],
          (x) => {
            const { values, indices } = tf.topk(x, k);
            return [values, indices];
          },
          `float32 distinct ${shape} k ${k}`,
        );
        const ints = Int32Array.from(coarse(count, 1, -3, 3));
        await assertSameAsCpu(
          [{ shape, values: ints, dtype: 'int32' }],
          (x) => {
            const { values, indices } = tf.topk(x, k);
            return [values, indices];
          },
          `int32 ${shape} k ${k}`,
        );
      });
    }
  }
}

test('topk: an ascending row (every value displaces the root), -0 and 0 tie, extreme int32', async () => {
  const run = (k) => (x) => {
    const { values, indices } = tf.topk(x, k);
    return [values, indices];
  };
  const ascending = Float32Array.from({ length: 255 }, (_, i) => i);
  for (const k of [1, 7, 254]) await assertSameAsCpu([{ shape: [255], values: ascending }], run(k), `ascending k ${k}`);
  const zeros = Float32Array.from({ length: 17 }, (_, i) => (i % 2 ? -0 : 0));
  await assertSameAsCpu([{ shape: [17], values: zeros }], run(5), 'signed zeros');
  const extreme = Int32Array.from([2147483647, -2147483648, 0, -1, 2147483647, -2147483648, 5]);
  await assertSameAsCpu([{ shape: [7], values: extreme, dtype: 'int32' }], run(4), 'extreme int32');
});

test('topk: NaN and infinities, unsorted, empty tensors, bool', async () => {
  const run =
    (k, sorted = true) =>
    (x) => {
      const { values, indices } = tf.topk(x, k, sorted);
      return [values, indices];
    };
  const special = Float32Array.from([1, NaN, Infinity, -Infinity, 2, Infinity, NaN, 0, 3, -Infinity, 4]);
  for (const k of [1, 3, 11]) await assertSameAsCpu([{ shape: [11], values: special }], run(k), `non-finite k ${k}`);
  for (const k of [1, 5, 17]) {
    await assertSameAsCpu([{ shape: [3, 17], values: coarse(51, 0.25) }], run(k, false), `unsorted k ${k}`);
  }
  await assertSameAsCpu([{ shape: [0, 4], values: [] }], run(2), 'no rows');
  await assertSameAsCpu([{ shape: [3, 0], values: [] }], run(0), 'empty rows');
  await assertSameAsCpu([{ shape: [2, 3], values: [1, 0, 1, 0, 0, 1], dtype: 'bool' }], run(2), 'bool');
});

// GatherNd

/** @type {Array<[number[], number[]]>} params (or scattered-into) shape, indices shape */
const GATHERS = [
  [[5], [3, 1]],
  [[1], [1, 1]],
  [
    [3, 4],
    [17, 2],
  ],
  [
    [3, 4],
    [2, 1],
  ],
  [
    [2, 3, 17],
    [4, 2],
  ],
  [
    [17, 3],
    [255, 1],
  ],
  [
    [4, 3, 5],
    [2, 3, 3],
  ],
  [
    [4, 3],
    [5, 0],
  ],
  [
    [4, 3],
    [0, 2],
  ],
];
for (const [paramsShape, indicesShape] of GATHERS) {
  test(`gatherND params [${paramsShape}], indices [${indicesShape}]: float32, int32, bool`, async () => {
    const sliceRank = indicesShape[indicesShape.length - 1];
    const indices = Int32Array.from({ length: size(indicesShape) }, (_, i) =>
      Math.floor(random() * paramsShape[i % sliceRank]),
    );
    const count = size(paramsShape);
    for (const [dtype, values] of /** @type {const} */ ([
      ['float32', randomValues(count, random)],
      ['int32', Int32Array.from(coarse(count, 1, -1000, 1000))],
      ['bool', Int32Array.from({ length: count }, () => (random() < 0.5 ? 1 : 0))],
    ])) {
      await assertSameAsCpu(
        [
          { shape: paramsShape, values, dtype },
          { shape: indicesShape, values: indices, dtype: 'int32' },
        ],
        (p, i) => tf.gatherND(p, i),
        `${dtype} [${paramsShape}] [${indicesShape}]`,
      );
    }
  });
}

test('gatherND: positions outside params are the same error; coordinates past a dimension are not', async () => {
  const params = { shape: [3, 4], values: randomValues(12, random) };
  /** @type {Array<[number[], number[], string]>} indices, their shape, what */
  const cases = [
    [[0, 1, 3, 0, 1, 2], [3, 2], 'first row inside, second past the end'],
    [[0, 0, -1, 0], [2, 2], 'a negative row'],
    [[0, 5, 2, 3], [2, 2], 'a column past its dimension inside params'],
    [[1, -2], [1, 2], 'a negative column inside params'],
    [[3], [1, 1], 'a row past the end, slices of 4'],
  ];
  for (const [values, shape, what] of cases) {
    await assertSameAsCpu([params, { shape, values, dtype: 'int32' }], (p, i) => tf.gatherND(p, i), what);
  }
});

// ScatterNd, TensorScatterUpdate

for (const [shape, indicesShape] of GATHERS) {
  test(`scatterND and tensorScatterUpdate into [${shape}], indices [${indicesShape}]: float32, int32, repeats`, async () => {
    const sliceRank = indicesShape[indicesShape.length - 1];
    // Few distinct positions, so that repeated ones add up (scatterND) and the last one wins (the update).
    const indices = Int32Array.from({ length: size(indicesShape) }, (_, i) =>
      Math.floor(random() * Math.min(2, shape[i % sliceRank])),
    );
    const updatesShape = [...indicesShape.slice(0, -1), ...shape.slice(sliceRank)];
    for (const [dtype, updates, tensor] of /** @type {const} */ ([
      ['float32', randomValues(size(updatesShape), random), randomValues(size(shape), random)],
      [
        'int32',
        Int32Array.from(coarse(size(updatesShape), 1, -1000, 1000)),
        Int32Array.from(coarse(size(shape), 1, -9, 9)),
      ],
    ])) {
      const inputs = [
        { shape: indicesShape, values: indices, dtype: /** @type {const} */ ('int32') },
        { shape: updatesShape, values: updates, dtype },
        { shape, values: tensor, dtype },
      ];
      const what = `${dtype} [${shape}] [${indicesShape}]`;
      await assertSameAsCpu(inputs, (i, u) => tf.scatterND(i, u, shape), `scatterND ${what}`);
      await assertSameAsCpu(inputs, (i, u, t) => tf.tensorScatterUpdate(t, i, u), `tensorScatterUpdate ${what}`);
    }
  });
}

test('scatterND and tensorScatterUpdate: rows outside the output are the same error, and leave nothing behind', async () => {
  /** @type {Array<[number[], number[], string]>} indices, their shape, what */
  const cases = [
    [[0, 1, 3, 0, 1, 2], [3, 2], 'a row past the end'],
    [[0, 0, -1, 0], [2, 2], 'a negative row'],
    [[0, 5, 2, 3], [2, 2], 'a column past its dimension inside the output'],
  ];
  for (const [values, indicesShape, what] of cases) {
    const inputs = [
      { shape: indicesShape, values, dtype: /** @type {const} */ ('int32') },
      { shape: [indicesShape[0]], values: randomValues(indicesShape[0], random) },
      { shape: [3, 4], values: randomValues(12, random) },
    ];
    await assertSameAsCpu(inputs, (i, u) => tf.scatterND(i, u, [3, 4]), `scatterND ${what}`);
    await assertSameAsCpu(inputs, (i, u, t) => tf.tensorScatterUpdate(t, i, u), `tensorScatterUpdate ${what}`);
  }
});

// Range

/** @type {Array<[number, number, number]>} start, stop, step */
const RANGES = [
  [0, 10, 1],
  [0, 10, 3],
  [0, 1, 0.1],
  [-3.5, 17, 0.7],
  [5, 0, 1],
  [5, 0, -1],
  [5, 0, -0.3],
  [5, 0, 0.5],
  [5, 0, 2],
  [0, 5, -1],
  [3, 3, 1],
  [0, 255, 1],
  [1e7, 1e7 + 255, 1],
  [0.1, 25.6, 0.1],
  [0, -17, -1.5],
  [NaN, 3, 1],
  [2.5, 7.9, 1],
];
for (const [start, stop, step] of RANGES) {
  test(`range(${start}, ${stop}, ${step}): float32 and int32`, async () => {
    for (const dtype of /** @type {const} */ (['float32', 'int32'])) {
      await assertSameAsCpu([], () => tf.range(start, stop, step, dtype), `${dtype} ${start} ${stop} ${step}`);
    }
  });
}

test('range: int32 past 2^31 wraps as on cpu', async () => {
  await assertSameAsCpu([], () => tf.range(2147483640, 2147483660, 3, 'int32'), 'wrap');
});

// NonMaxSuppression V3, V4, V5

/** n random boxes, [y1, x1, y2, x2] with either corner first, clustered so that many overlap. */
function randomBoxes(n) {
  const boxes = new Float32Array(4 * n);
  for (let b = 0; b < n; b++) {
    const [cy, cx] = [Math.floor(random() * 4) + random() * 0.3, Math.floor(random() * 4) + random() * 0.3];
    const [h, w] = [0.2 + random(), 0.2 + random()];
    const box = [cy - h / 2, cx - w / 2, cy + h / 2, cx + w / 2];
    if (random() < 0.3) [box[0], box[2]] = [box[2], box[0]];
    if (random() < 0.3) [box[1], box[3]] = [box[3], box[1]];
    if (random() < 0.05) box[2] = box[0]; // empty area
    boxes.set(box, 4 * b);
  }
  return boxes;
}

for (const n of [0, 1, 3, 17, 255]) {
  test(`nonMaxSuppression V3/V4/V5 on ${n} boxes: thresholds, sizes, padding, soft-NMS`, async () => {
    const boxes = { shape: [n, 4], values: randomBoxes(n) };
    const scores = { shape: [n], values: coarse(n, 0.05, 0, 1) };
    for (const maxOutputSize of [0, 1, 5, n, n + 3]) {
      for (const iouThreshold of [0, 0.3, 0.5, 1]) {
        for (const scoreThreshold of [-Infinity, 0, 0.5, 1]) {
          const what = `n ${n} max ${maxOutputSize} iou ${iouThreshold} score ${scoreThreshold}`;
          await assertSameAsCpu(
            [boxes, scores],
            (b, s) =>
              tf.image.nonMaxSuppression(
                /** @type {any} */ (b),
                /** @type {any} */ (s),
                maxOutputSize,
                iouThreshold,
                scoreThreshold,
              ),
            `V3 ${what}`,
          );
          for (const pad of [false, true]) {
            await assertSameAsCpu(
              [boxes, scores],
              (b, s) => {
                const r = tf.image.nonMaxSuppressionPadded(
                  /** @type {any} */ (b),
                  /** @type {any} */ (s),
                  maxOutputSize,
                  iouThreshold,
                  scoreThreshold,
                  pad,
                );
                return [r.selectedIndices, r.validOutputs];
              },
              `V4 pad ${pad} ${what}`,
            );
          }
          for (const sigma of [0, 0.1, 0.5]) {
            await assertSameAsCpu(
              [boxes, scores],
              (b, s) => {
                const r = tf.image.nonMaxSuppressionWithScore(
                  /** @type {any} */ (b),
                  /** @type {any} */ (s),
                  maxOutputSize,
                  iouThreshold,
                  scoreThreshold,
                  sigma,
                );
                return [r.selectedIndices, r.selectedScores];
              },
              `V5 sigma ${sigma} ${what}`,
            );
          }
        }
      }
    }
  });
}

test('nonMaxSuppression: NaN and infinite scores and coordinates, identical boxes', async () => {
  const boxes = {
    shape: [6, 4],
    values: [0, 0, 1, 1, 0, 0, 1, 1, NaN, 0, 1, 1, 0, 0, Infinity, 1, 2, 2, 3, 3, 2, 2, 3, 3],
  };
  const scores = { shape: [6], values: [0.5, 0.5, 0.9, Infinity, NaN, -Infinity] };
  for (const iouThreshold of [0, 0.5, 1]) {
    await assertSameAsCpu(
      [boxes, scores],
      (b, s) => tf.image.nonMaxSuppression(/** @type {any} */ (b), /** @type {any} */ (s), 6, iouThreshold),
      `V3 iou ${iouThreshold}`,
    );
    await assertSameAsCpu(
      [boxes, scores],
      (b, s) => {
        const r = tf.image.nonMaxSuppressionWithScore(
          /** @type {any} */ (b),
          /** @type {any} */ (s),
          6,
          iouThreshold,
          -Infinity,
          0.5,
        );
        return [r.selectedIndices, r.selectedScores];
      },
      `V5 iou ${iouThreshold}`,
    );
  }
});

test('nonMaxSuppression: int32 boxes given to the kernels directly run as on cpu', async () => {
  const boxes = { shape: [3, 4], values: [0, 0, 2, 2, 0, 0, 2, 3, 5, 5, 6, 6], dtype: /** @type {const} */ ('int32') };
  const scores = { shape: [3], values: [0.5, 0.9, 0.3] };
  const attrs = { maxOutputSize: 3, iouThreshold: 0.5, scoreThreshold: 0, padToMaxOutputSize: true, softNmsSigma: 0.5 };
  for (const kernel of ['NonMaxSuppressionV3', 'NonMaxSuppressionV4', 'NonMaxSuppressionV5']) {
    await assertSameAsCpu(
      [boxes, scores],
      (b, s) => /** @type {any} */ (tf.engine().runKernel(kernel, { boxes: b, scores: s }, attrs)),
      kernel,
    );
  }
});

// Einsum: two-operand contractions as transposes around one GEMM (sums in another order: float32 tolerance)

/** @type {Array<[string, number[][]]>} equation, operand shapes */
const EINSUMS = [
  [
    'ij,jk->ik',
    [
      [3, 17],
      [17, 5],
    ],
  ],
  [
    'ij,kj->ik',
    [
      [17, 3],
      [1, 3],
    ],
  ],
  [
    'ji,jk->ik',
    [
      [255, 3],
      [255, 17],
    ],
  ],
  [
    'bij,bjk->bik',
    [
      [2, 3, 17],
      [2, 17, 1],
    ],
  ],
  [
    'bhqd,bhkd->bhqk',
    [
      [1, 3, 5, 17],
      [1, 3, 7, 17],
    ],
  ],
  [
    'abc,cd->abd',
    [
      [2, 3, 17],
      [17, 4],
    ],
  ],
  [
    'abc,cd->dba',
    [
      [2, 3, 17],
      [17, 4],
    ],
  ],
  [
    'ij,ij->i',
    [
      [3, 17],
      [3, 17],
    ],
  ],
  ['i,j->ij', [[17], [3]]],
  ['i,i->', [[255], [255]]],
  [
    'ij,jk->ki',
    [
      [0, 3],
      [3, 4],
    ],
  ],
  [
    'ij,jk->ik',
    [
      [3, 0],
      [0, 4],
    ],
  ],
  [
    'ij,jk->i',
    [
      [3, 5],
      [5, 4],
    ],
  ],
  ['ij->ji', [[3, 5]]],
];
for (const [equation, shapes] of EINSUMS) {
  test(`einsum ${equation} ${JSON.stringify(shapes)}`, async () => {
    const inputs = shapes.map((shape) => ({ shape, values: randomValues(size(shape), random) }));
    const run = (name) =>
      onBackend(name, () =>
        tf.tidy(() => {
          const out = tf.einsum(equation, ...inputs.map(({ shape, values }) => tf.tensor(values, shape)));
          return { shape: out.shape, dtype: out.dtype, values: Array.from(out.dataSync()) };
        }),
      );
    const before = await onBackend('simd', () => tf.memory().numTensors);
    const actual = await run('simd');
    const expected = await run('cpu');
    assert.equal([actual.shape, actual.dtype], [expected.shape, expected.dtype], equation);
    assertClose(actual.values, expected.values, { rtol: 1e-5, atol: 1e-5, what: equation });
    assert.is(await onBackend('simd', () => tf.memory().numTensors), before, `${equation}: simd leaks tensors`);
  });
}

test('these kernels run natively on simd', () => {
  const { native, fallback } = simd.kernelCoverage();
  for (const name of [
    'TopK',
    'GatherNd',
    'ScatterNd',
    'TensorScatterUpdate',
    'Range',
    'NonMaxSuppressionV3',
    'NonMaxSuppressionV4',
    'NonMaxSuppressionV5',
    'Einsum',
  ]) {
    assert.ok(native.includes(name) && !fallback.includes(name), name);
  }
});

test.run();
