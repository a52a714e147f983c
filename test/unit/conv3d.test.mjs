// @ts-check
// 3-D convolutions and pooling (NDHWC) on 'simd' against tfjs-backend-cpu: Conv3D and both gradients within
// float32 tolerance (rtol 1e-4, atol 1e-4: sums of up to a few hundred terms in [-1, 1), in another order);
// MaxPool3D, AvgPool3D and their gradients bit for bit, ties, NaN and non-cubic windows included; the same
// results on 1 and 2 threads; clear errors for bad input.
import * as tfl from '@tensorflow/tfjs-layers';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertMatchesCpu, randomInputs, withGradients } from '../helpers/conv_harness.mjs';
import { assertClose, onBackend, rng, simd, simdBackend, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';
import { jobsSinceReset, useThreadedSimd, withThreads } from '../helpers/threads.mjs';

const random = rng(31);

/** @typedef {[number, number, number, number, number]} Shape5 */
/** @typedef {number | [number, number, number]} Triple */

/** @type {Array<[Shape5, Shape5, Triple, 'same' | 'valid']>} [x shape, filter shape, strides, pad] */
const CONVOLUTIONS = [
  [[1, 1, 1, 1, 1], [1, 1, 1, 1, 1], 1, 'valid'],
  [[2, 5, 6, 7, 3], [3, 3, 3, 3, 4], 1, 'same'],
  [[1, 4, 9, 8, 2], [2, 3, 1, 2, 5], [2, 1, 2], 'valid'],
  [[3, 7, 5, 5, 1], [3, 2, 2, 1, 17], 2, 'same'],
  [[2, 3, 4, 4, 6], [1, 1, 1, 6, 3], 1, 'valid'],
  [[1, 3, 17, 3, 4], [3, 5, 1, 4, 8], [1, 3, 1], 'same'],
  [[2, 6, 8, 8, 8], [3, 3, 3, 8, 16], 1, 'same'],
];

for (const [xShape, filterShape, strides, pad] of CONVOLUTIONS) {
  const what = JSON.stringify({ xShape, filterShape, strides, pad });
  test(`conv3d and its gradients ${what}`, async () => {
    await assertMatchesCpu(
      randomInputs([xShape, filterShape], random),
      withGradients((x, w) => tf.conv3d(x, w, strides, pad)),
      { what },
    );
  });
}

test('conv3d: dilated forward', async () => {
  /** @type {Array<[Shape5, Shape5, Triple]>} */
  const cases = [
    [[1, 9, 9, 9, 4], [3, 3, 3, 4, 8], 2],
    [
      [2, 7, 8, 6, 3],
      [2, 3, 2, 3, 5],
      [3, 1, 2],
    ],
  ];
  for (const [xShape, filterShape, dilations] of cases) {
    await assertMatchesCpu(randomInputs([xShape, filterShape], random), (x, w) =>
      tf.conv3d(x, w, 1, 'same', 'NDHWC', dilations),
    );
  }
});

test('conv3d: a single output plane that reads only front padding is zeros, as on cpu', async () => {
  // One input plane, stride 3 in depth, padding 1: the output plane's window is the padding before the input.
  await assertMatchesCpu(
    randomInputs(
      [
        [1, 1, 8, 8, 3],
        [1, 3, 3, 3, 8],
      ],
      random,
    ),
    (x, w) => tf.conv3d(x, w, [3, 1, 1], /** @type {any} */ (1)),
  );
});

test('conv3d: an empty batch gives an empty result, its gradients zeros', async () => {
  await assertMatchesCpu(
    randomInputs(
      [
        [0, 4, 4, 4, 2],
        [2, 2, 2, 2, 3],
      ],
      random,
    ),
    withGradients((x, w) => tf.conv3d(x, w, 1, 'same')),
  );
});

test('conv3dTranspose (the input gradient as an op) matches cpu', async () => {
  await assertMatchesCpu(
    randomInputs(
      [
        [2, 3, 4, 5, 6],
        [3, 3, 3, 4, 6],
      ],
      random,
    ),
    (x, w) => tf.conv3dTranspose(x, w, [2, 6, 8, 10, 4], 2, 'same'),
  );
});

/**
 * Runs fn on both backends over the same inputs and asserts every output equal bit for bit (NaN and the
 * sign of zero included).
 * @param {Array<{ shape: number[], values: Float32Array }>} inputs
 * @param {(...tensors: any[]) => tf.Tensor[]} fn
 * @param {string} what
 */
async function assertBitEqualToCpu(inputs, fn, what) {
  const run = (backend) =>
    onBackend(backend, async () => {
      const tensors = inputs.map(({ shape, values }) => tf.tensor(values, shape));
      const outputs = tf.tidy(() => fn(...tensors));
      const values = await Promise.all(outputs.map((t) => t.data()));
      tf.dispose([...outputs, ...tensors]);
      return values;
    });
  const expected = await run('cpu');
  const actual = await run('simd');
  expected.forEach((values, i) => {
    assert.is(actual[i].length, values.length, `${what}: output ${i} length`);
    for (let j = 0; j < values.length; j++) {
      if (!Object.is(actual[i][j], values[j])) {
        assert.unreachable(`${what}: output ${i}[${j}] is ${actual[i][j]} on simd, ${values[j]} on cpu`);
      }
    }
  });
}

/** Values in quarters (many ties within a window), every 13th NaN, -Infinity here and there. */
function poolValues(shape) {
  return Float32Array.from({ length: size(shape) }, (_, i) =>
    i % 13 === 5 ? Number.NaN : i % 29 === 3 ? -Infinity : Math.round((random() * 2 - 1) * 4) / 4,
  );
}

/** @type {Array<[Shape5, Triple, Triple, 'same' | 'valid']>} [x shape, window, strides, pad] */
const POOLS = [
  [[2, 5, 6, 7, 3], 2, 2, 'valid'],
  [[1, 6, 7, 5, 5], [3, 2, 3], [1, 2, 1], 'same'],
  [[2, 4, 4, 4, 4], 3, 1, 'same'],
  [[1, 3, 5, 4, 1], [1, 2, 3], 1, 'same'],
  [[1, 3, 3, 3, 2], 1, 1, 'valid'],
  [[3, 7, 5, 9, 17], [2, 3, 2], [2, 1, 3], 'same'],
  [[0, 4, 4, 4, 2], 2, 2, 'valid'],
];

for (const [xShape, window, strides, pad] of POOLS) {
  const what = JSON.stringify({ xShape, window, strides, pad });
  test(`maxPool3d, avgPool3d and their gradients equal cpu's bit for bit ${what}`, async () => {
    const pooled = (op) => withGradients((x) => tf[op](x, window, strides, pad));
    await assertBitEqualToCpu(
      [{ shape: xShape, values: poolValues(xShape) }],
      (x) => [...pooled('maxPool3d')(x), ...pooled('avgPool3d')(x)],
      what,
    );
  });
}

const KERNELS_3D = [
  'Conv3D',
  'Conv3DBackpropInputV2',
  'Conv3DBackpropFilterV2',
  'MaxPool3D',
  'AvgPool3D',
  'MaxPool3DGrad',
  'AvgPool3DGrad',
];

test('3-D kernels run natively on float32 and on the CPU kernel for int32', async () => {
  const { native, fallback } = simd.kernelCoverage();
  for (const name of KERNELS_3D) assert.ok(native.includes(name) && !fallback.includes(name), name);
  const ints = (backend) =>
    onBackend(backend, () => {
      const x = tf.tensor5d(
        Int32Array.from({ length: 2 * 4 * 4 * 4 * 3 }, (_, i) => (i * 7) % 11),
        [2, 4, 4, 4, 3],
        'int32',
      );
      const y = tf.maxPool3d(x, 2, 1, 'same');
      const out = { dtype: y.dtype, values: Array.from(y.dataSync()) };
      tf.dispose([x, y]);
      return out;
    });
  assert.equal(await ints('simd'), await ints('cpu'));
});

test('conv3d: 1 and 2 threads give the same values bit for bit, and the worker takes part', async () => {
  await useThreadedSimd();
  const pool = await onBackend('simd', () => simdBackend().threadPool);
  assert.ok(pool != null, 'the threaded build runs');
  /** @type {Array<[Shape5, Shape5, (x: tf.Tensor5D, w: tf.Tensor5D) => tf.Tensor[]]>} */
  const cases = [
    // A batch (runs of volumes; the filter gradient by chunks), and one clip (runs of its output planes).
    [[4, 6, 10, 10, 8], [3, 3, 3, 8, 16], withGradients((a, b) => tf.conv3d(a, b, 1, 'same'))],
    [[1, 8, 24, 24, 8], [3, 3, 3, 8, 16], (a, b) => [tf.conv3d(a, b, [2, 1, 1], 'same')]],
  ];
  for (const [xShape, filterShape, fn] of cases) {
    const [x, w] = randomInputs([xShape, filterShape], random);
    const run = () =>
      onBackend('simd', async () => {
        const xt = tf.tensor5d(x.values, xShape);
        const wt = tf.tensor5d(w.values, filterShape);
        const outputs = fn(xt, wt);
        const values = await Promise.all(outputs.map((t) => t.data()));
        tf.dispose([xt, wt, ...outputs]);
        return values;
      });
    const one = await withThreads(1, run);
    pool.resetWorkerHealth();
    const two = await run();
    assert.ok(jobsSinceReset(pool) > 0, `${xShape}: the worker ran part of the convolutions`);
    two.forEach((values, i) => assert.equal(Array.from(values), Array.from(one[i]), `${xShape}: output ${i}`));
  }
});

test("conv3d: input channels unlike the filter's get an error naming the op and the shapes; the backend goes on", async () => {
  await onBackend('simd', () => {
    const before = tf.memory().numTensors;
    const x = /** @type {tf.Tensor5D} */ (tf.zeros([1, 4, 4, 4, 3]));
    const filter = tf.zeros([2, 2, 2, 5, 4]);
    assert.throws(
      () =>
        tf
          .engine()
          .runKernel(
            'Conv3D',
            { x, filter },
            { strides: [1, 1, 1], pad: 'same', dilations: [1, 1, 1], dataFormat: 'NDHWC' },
          ),
      (/** @type {Error} */ error) =>
        /conv3d/.test(error.message) && /\[1,4,4,4,3\]/.test(error.message) && /\[2,2,2,5,4\]/.test(error.message),
    );
    const flat = tf.zeros([1, 4, 4, 3]);
    assert.throws(
      () =>
        tf
          .engine()
          .runKernel(
            'Conv3D',
            { x: flat, filter },
            { strides: [1, 1, 1], pad: 'same', dilations: [1, 1, 1], dataFormat: 'NDHWC' },
          ),
      (/** @type {Error} */ error) =>
        /conv3d: input and filter must be rank 5/.test(error.message) && /\[1,4,4,3\]/.test(error.message),
    );
    const rank6 = tf.zeros([1, 4, 4, 4, 3, 2]);
    const pooledDy = tf.zeros([1, 2, 2, 2, 3]);
    assert.throws(
      () =>
        tf
          .engine()
          .runKernel('MaxPool3DGrad', { dy: pooledDy, input: rank6 }, { filterSize: 2, strides: 2, pad: 'valid' }),
      (/** @type {Error} */ error) => /MaxPool3DGrad/.test(error.message) && /\[1,4,4,4,3,2\]/.test(error.message),
    );
    tf.dispose([flat, rank6, pooledDy]);
    const fitting = /** @type {tf.Tensor5D} */ (tf.ones([2, 2, 2, 3, 4]));
    const ok = tf.conv3d(x, fitting, 1, 'same');
    assert.equal(ok.shape, [1, 4, 4, 4, 4]);
    tf.dispose([x, filter, fitting, ok]);
    assert.is(tf.memory().numTensors, before);
  });
});

test('a tfjs-layers 3-D convnet (Conv3D, MaxPooling3D, AveragePooling3D) trains on simd as on cpu', async () => {
  const train = (backend) =>
    onBackend(backend, async () => {
      const init = (seed) => tfl.initializers.glorotUniform({ seed });
      const model = tfl.sequential({
        layers: [
          tfl.layers.conv3d({
            inputShape: [6, 12, 12, 3],
            filters: 8,
            kernelSize: 3,
            padding: 'same',
            activation: 'relu',
            kernelInitializer: init(1),
          }),
          tfl.layers.maxPooling3d({ poolSize: [1, 2, 2] }),
          tfl.layers.conv3d({
            filters: 8,
            kernelSize: [2, 3, 3],
            strides: [1, 2, 2],
            activation: 'relu',
            kernelInitializer: init(2),
          }),
          tfl.layers.averagePooling3d({ poolSize: 2 }),
          tfl.layers.flatten(),
          tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(3) }),
        ],
      });
      model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
      const x = tf.randomUniform([8, 6, 12, 12, 3], 0, 1, 'float32', 5);
      const labels = tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32');
      const y = tf.oneHot(labels, 3);
      const history = await model.fit(x, y, { epochs: 4, batchSize: 4, shuffle: false, verbose: 0 });
      const weights = model.getWeights().map((t) => t.dataSync().slice());
      tf.dispose([x, labels, y]);
      model.dispose();
      return { losses: /** @type {number[]} */ (history.history.loss), weights };
    });
  const cpu = await train('cpu');
  const simdRun = await train('simd');
  assertClose(simdRun.losses, cpu.losses, { rtol: 1e-5, what: 'losses' });
  simdRun.weights.forEach((w, i) => assertClose(w, cpu.weights[i], { rtol: 1e-4, atol: 1e-5, what: `weight ${i}` }));
});

test.run();
