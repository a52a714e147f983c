// @ts-check
// The inference fixtures (bench/inference_models.mjs): a tfjs-layers MobileNetV2 (α 0.35, 96×96) and the same
// network as a converted graph model (fused convolutions, a bilinear resize, loaded with tf.loadGraphModel from
// memory). Their outputs on 'simd' match 'cpu' within float32 tolerance at batch 1 and 2, and every kernel they
// run on 'simd' is native (none falls back to tfjs-backend-cpu). Compiled (simd.compile), each replays its
// eager outputs bit for bit: the graph model reads its constants (sizes, shapes) in JavaScript while recording.

import * as tfjs from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mobileNetGraphModel, mobileNetV2Layers } from '../../bench/inference_models.mjs';
import { assertSameBits } from '../helpers/float32.mjs';
import { assertClose, onBackend, simd, tf } from '../helpers/setup.mjs';
import { withThreads } from '../helpers/threads.mjs';

const FIXTURES = [
  [
    'tfjs-layers MobileNetV2',
    async () => {
      const model = mobileNetV2Layers(tfjs);
      return { predict: (x) => model.predict(x), dispose: () => model.dispose() };
    },
  ],
  [
    'graph-model MobileNetV2',
    async () => {
      const model = await mobileNetGraphModel(tfjs, tfjs.loadGraphModel);
      return { predict: (x) => model.predict(x), dispose: () => model.dispose() };
    },
  ],
];

/** The model's outputs for `batch` seeded images, and the kernels one call runs. */
async function run(backend, build, batch) {
  return onBackend(backend, async () => {
    const before = tf.memory().numTensors;
    const model = await build();
    const x = tf.randomUniform([batch, 96, 96, 3], 0, 1, 'float32', 3);
    const y = model.predict(x);
    const values = await y.data();
    const profile = await tf.profile(() =>
      tf.tidy(() => {
        model.predict(x);
      }),
    );
    tf.dispose([x, y]);
    model.dispose();
    return { values, kernels: new Set(profile.kernels.map((k) => k.name)), leaked: tf.memory().numTensors - before };
  });
}

for (const [name, build] of FIXTURES) {
  test(`${name}: 'simd' matches 'cpu' at batch 1 and 2, natively`, async () => {
    for (const batch of [1, 2]) {
      const expected = await run('cpu', build, batch);
      const actual = await run('simd', build, batch);
      assert.is(actual.leaked, 0, 'tensors left behind');
      assert.is(actual.values.length, batch * 1000);
      // Softmax probabilities of about 1e-3 each, after some 60 layers of float32 sums.
      assertClose(actual.values, expected.values, { rtol: 1e-3, atol: 1e-6, what: `${name}, batch ${batch}` });
      const { fallback } = simd.kernelCoverage();
      const fallbacks = [...actual.kernels].filter((k) => fallback.includes(k));
      assert.equal(fallbacks, [], `kernels on tfjs-backend-cpu: ${fallbacks}`);
    }
  });
}

for (const [name, build] of FIXTURES) {
  test(`${name}: compiled inference replays the eager outputs bit for bit, one thread and two`, async () => {
    await onBackend('simd', async () => {
      const model = await build();
      const predict = simd.compile((/** @type {tf.Tensor} */ x) => model.predict(x));
      for (const threads of [1, 2]) {
        await withThreads(threads, () => {
          for (let call = 0; call < 4; call++) {
            const x = tf.randomUniform([1, 96, 96, 3], 0, 1, 'float32', 10 + call);
            const eager = model.predict(x);
            const compiled = /** @type {tf.Tensor} */ (predict(x));
            assertSameBits(compiled.dataSync(), eager.dataSync(), `${name}, ${threads} thread(s), call ${call}`);
            tf.dispose([x, eager, compiled]);
          }
        });
      }
      assert.ok(predict.stats.replays >= 4, `replayed (${predict.stats.replays} replays)`);
      predict.dispose();
      model.dispose();
    });
  });
}

test.run();
