// @ts-check
// compile(fn) (src/compile/): a step recorded on 'simd' and replayed gives the eager step's results bit for bit;
// memory stays flat over replays and dispose() gives it back; what cannot be replayed exactly is refused with
// an error naming the op, and leaves eager code working.
import '@tensorflow/tfjs'; // gradients and chained ops
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertSameBitsEach } from '../helpers/float32.mjs';
import { onBackend, randomValues, rng, simd, simdBackend, simdMemory, tf, valuesOf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';

let scope = 0;

/** A 2-layer MLP with seeded weights (odd sizes), as named variables. */
function mlp(seed, [inputs, hidden, outputs] = [3, 17, 1]) {
  const random = rng(seed);
  const name = `compile_mlp${scope++}`;
  const v = (shape, lo, hi, n) =>
    tf.variable(tf.tensor(randomValues(size(shape), random, lo, hi), shape), true, `${name}/${n}`);
  return {
    w1: v([inputs, hidden], -1, 1, 'w1'),
    b1: v([hidden], -0.1, 0.1, 'b1'),
    w2: v([hidden, outputs], -1, 1, 'w2'),
  };
}

const weightsOf = (m) => [m.w1, m.b1, m.w2];

function mlpStep(m, optimizer) {
  return (x, y) =>
    optimizer.minimize(
      () => {
        const h = tf.relu(tf.add(tf.matMul(x, m.w1), m.b1));
        return tf.losses.meanSquaredError(y, tf.matMul(h, m.w2));
      },
      true,
      weightsOf(m),
    );
}

function batches(n, rows, seed, [inputs, outputs] = [3, 1]) {
  const random = rng(seed);
  return Array.from({ length: n }, () => [
    tf.tensor2d(randomValues(rows * inputs, random), [rows, inputs]),
    tf.tensor2d(randomValues(rows * outputs, random), [rows, outputs]),
  ]);
}

const OPTIMIZERS = {
  'tf.train.sgd': () => tf.train.sgd(0.1),
  'tf.train.adam': () => tf.train.adam(0.01),
  'simd.adam (fused)': () => simd.adam(0.01),
  'tf.train.rmsprop': () => tf.train.rmsprop(0.01),
};

for (const [label, makeOptimizer] of Object.entries(OPTIMIZERS)) {
  test(`MLP, ${label}: 8 compiled steps give the weights and losses of 8 eager steps, bit for bit`, async () => {
    await onBackend('simd', () => {
      const data = batches(8, 5, 1);
      const [eager, compiledModel] = [mlp(2), mlp(2)];
      const [eagerOptimizer, compiledOptimizer] = [makeOptimizer(), makeOptimizer()];
      const eagerStep = mlpStep(eager, eagerOptimizer);
      const step = simd.compile(mlpStep(compiledModel, compiledOptimizer));
      const losses = { eager: [], compiled: [] };
      for (const [x, y] of data) {
        const a = eagerStep(x, y);
        const b = step(x, y);
        losses.eager.push(a.dataSync()[0]);
        losses.compiled.push(b.dataSync()[0]);
        tf.dispose([a, b]);
      }
      assert.ok(step.stats.replays >= 5, `replays: ${JSON.stringify(step.stats)}`);
      assertSameBitsEach([Float32Array.from(losses.compiled)], [Float32Array.from(losses.eager)], 'loss');
      assertSameBitsEach(valuesOf(weightsOf(compiledModel)), valuesOf(weightsOf(eager)), 'weight');
      step.dispose();
      tf.dispose([...weightsOf(eager), ...weightsOf(compiledModel), ...data.flat()]);
      eagerOptimizer.dispose();
      compiledOptimizer.dispose();
    });
  });
}

test('a replay records nothing in the engine: no tensors but the results, no tape, no kernel profile', async () => {
  await onBackend('simd', async () => {
    const m = mlp(3);
    const optimizer = tf.train.sgd(0.1);
    const step = simd.compile(mlpStep(m, optimizer));
    const [[x, y]] = batches(1, 4, 4);
    for (let i = 0; i < 3; i++) step(x, y).dispose();
    const before = simdMemory().numTensors;
    const profile = await tf.profile(() => {
      const loss = step(x, y);
      assert.is(simdMemory().numTensors, before + 1, 'one new tensor: the loss');
      return loss;
    });
    assert.is(profile.kernels.length, 0, `kernels the engine saw: ${profile.kernels.map((k) => k.name)}`);
    assert.ok(step.plans()[0].kernels.includes('_FusedMatMul') || step.plans()[0].kernels.includes('BatchMatMul'));
    step.dispose();
    tf.dispose([...weightsOf(m), x, y]);
    optimizer.dispose();
  });
});

test('memory stays flat over 2,000 replays, and dispose() gives back the plan', async () => {
  await onBackend('simd', () => {
    const m = mlp(5, [7, 33, 3]);
    const optimizer = tf.train.adam(1e-3);
    const data = batches(4, 9, 6, [7, 3]);
    const baseline = simdMemory();
    const step = simd.compile(mlpStep(m, optimizer));
    for (let i = 0; i < 4; i++) step(...data[i]).dispose();
    const settled = simdMemory();
    assert.ok(step.stats.bytes > 0 && settled.numBytesInWasm >= baseline.numBytesInWasm + step.stats.bytes);
    for (let i = 0; i < 2000; i++) step(...data[i % 4]).dispose();
    const after = simdMemory();
    assert.is(after.numTensors, settled.numTensors, 'tensors');
    assert.is(after.numBytes, settled.numBytes, 'engine bytes');
    assert.is(after.numBytesInWasm, settled.numBytesInWasm, 'backend bytes');
    assert.is(after.wasmMemoryBytes, settled.wasmMemoryBytes, 'WASM memory size');
    const planned = step.stats.bytes;
    step.dispose();
    assert.is(simdMemory().numBytesInWasm, after.numBytesInWasm - planned, 'dispose frees the planned buffers');
    assert.throws(() => step(...data[0]), /disposed/);
    tf.dispose([...weightsOf(m), ...data.flat()]);
    optimizer.dispose();
  });
});

test('compiled inference returns fresh tensors the caller owns, equal to eager; other shapes get their own plan', async () => {
  await onBackend('simd', () => {
    const m = mlp(7);
    const forward = (x) => tf.tidy(() => tf.sigmoid(tf.matMul(tf.relu(tf.add(tf.matMul(x, m.w1), m.b1)), m.w2)));
    const predict = simd.compile(forward);
    for (const rows of [1, 17, 1, 17, 1, 17, 0]) {
      const [[x]] = batches(1, rows, rows + 10);
      const a = forward(x);
      const b = predict(x);
      const c = predict(x);
      assert.is.not(b.dataId, c.dataId, 'each call returns a new tensor');
      assertSameBitsEach([b.dataSync(), c.dataSync()], [a.dataSync(), a.dataSync()], `rows ${rows}`);
      tf.dispose([a, b, c, x]);
    }
    assert.is(predict.stats.plans, 3, 'one plan per input shape ([1, 3], [17, 3] and the empty [0, 3])');
    predict.dispose();
    tf.dispose(weightsOf(m));
  });
});

test('calls that differ from the last one only in dtype, rank, a dimension or a repeated input get their own plan', async () => {
  await onBackend('simd', () => {
    // x·y + x: a call with the same tensor twice reads one buffer for both, which the plan must know.
    const step = (x, y) => tf.tidy(() => tf.add(tf.matMul(x, y), x));
    const compiled = simd.compile(step);
    const random = rng(41);
    /** @param {number[]} shape @param {'float32' | 'int32'} dtype */
    const tensor = (shape, dtype = 'float32') =>
      tf.tensor(
        randomValues(size(shape), random, dtype === 'int32' ? -5 : -1, dtype === 'int32' ? 5 : 1),
        shape,
        dtype,
      );
    const x3 = tensor([3, 3]);
    const y3 = tensor([3, 3]);
    const x17 = tensor([17, 17]);
    const y17 = tensor([17, 17]);
    const calls = [
      [x3, y3],
      [x3, x3],
      [x17, y17],
      [x3, y3],
      [y3, y3],
      [x17, x17],
      [x3, y3],
      [x3, x3],
      [x17, y17],
      [x17, x17],
    ];
    for (let round = 0; round < 3; round++) {
      for (const [i, [a, b]] of calls.entries()) {
        const expected = step(a, b);
        const got = compiled(a, b);
        assertSameBitsEach([got.dataSync()], [expected.dataSync()], `round ${round}, call ${i}`);
        tf.dispose([expected, got]);
      }
    }
    assert.is(compiled.stats.plans, 4, '[3, 3] and [17, 17], each with two inputs and with one input twice');
    assert.ok(compiled.stats.replays > 0, 'later calls replay');
    // Another rank, and int32 inputs: not the last call's key either.
    const flat = tensor([9]);
    assert.throws(() => compiled(flat, flat), /rank|matMul|2/i, 'a rank-1 input runs eagerly and fails as tfjs does');
    const ints = tensor([3, 3], 'int32');
    const expected = step(ints, ints);
    const got = compiled(ints, ints);
    assert.equal(Array.from(got.dataSync()), Array.from(expected.dataSync()));
    assert.is(got.dtype, 'int32');
    tf.dispose([expected, got, x3, y3, x17, y17, flat, ints]);
    compiled.dispose();
  });
});

test('a result returned twice, an input returned and a reshaped result all come back as usable tensors', async () => {
  await onBackend('simd', () => {
    const f = simd.compile((/** @type {tf.Tensor} */ x) => {
      const y = tf.exp(x);
      return { y, again: y, flat: tf.reshape(y, [-1]), x, nested: [tf.add(x, 1)] };
    });
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    let out;
    for (let i = 0; i < 4; i++) {
      out = f(x);
      assert.ok(out.x === x, 'an argument comes back as itself, as eagerly');
      if (i < 3) tf.dispose([out.y, out.again, out.flat, out.nested[0]]);
    }
    const expected = tf.exp(x).dataSync();
    assertSameBitsEach(
      [out.y.dataSync(), out.again.dataSync(), out.flat.dataSync()],
      [expected, expected, expected],
      'y',
    );
    assert.equal(out.flat.shape, [4]);
    assert.equal(Array.from(out.nested[0].dataSync()), [2, 3, 4, 5]);
    const before = simdMemory().numTensors;
    tf.dispose([out.y, out.again, out.flat, out.nested[0]]);
    assert.is(simdMemory().numTensors, before - 4);
    f.dispose();
    x.dispose();
  });
});

test('a replay skips what nothing reads: unused results and shape-only calls', async () => {
  await onBackend('simd', () => {
    const f = simd.compile((/** @type {tf.Tensor} */ x) =>
      tf.tidy(() => {
        tf.exp(x); // computed, never read
        return tf.abs(tf.reshape(x, [-1]));
      }),
    );
    const x = tf.tensor2d([
      [-1, 2],
      [3, -4],
    ]);
    for (let i = 0; i < 4; i++) {
      const out = f(x);
      assert.equal(Array.from(out.dataSync()), [1, 2, 3, 4]);
      out.dispose();
    }
    assert.equal(f.plans()[0].kernels, ['Abs']);
    f.dispose();
    x.dispose();
  });
});

test('a variable whose buffer another tensor shares is reassigned, not overwritten', async () => {
  await onBackend('simd', () => {
    const w = tf.variable(tf.tensor1d([1, 2, 3]), true, `compile_shared${scope++}`);
    const step = simd.compile(() => {
      w.assign(tf.add(w, 1));
    });
    for (let i = 0; i < 3; i++) step();
    const shared = tf.engine().makeTensorFromDataId(w.dataId, w.shape, w.dtype);
    tf.engine().backend.incRef(w.dataId); // a second tensor over the variable's buffer, as a kernel's alias makes
    step();
    assert.equal(Array.from(shared.dataSync()), [4, 5, 6], 'the other tensor keeps its values');
    assert.equal(Array.from(w.dataSync()), [5, 6, 7]);
    step();
    assert.equal(Array.from(w.dataSync()), [6, 7, 8]);
    shared.dispose();
    step.dispose();
    w.dispose();
  });
});

test('refused: reading values back inside the step names the op; eager code and later compiles still work', async () => {
  await onBackend('simd', () => {
    const x = tf.tensor1d([1, -2, 3]);
    const reads = simd.compile((/** @type {tf.Tensor} */ t) =>
      tf.tidy(() => {
        const s = tf.sum(t);
        return tf.mul(t, s.dataSync()[0]);
      }),
    );
    assert.throws(
      () => reads(x),
      (e) => e.name === 'CompileError' && /reads tensor values back to JavaScript/.test(e.message),
    );
    assert.is(simdBackend().hook, null, 'hook removed');
    assert.equal(Array.from(tf.abs(x).dataSync()), [1, 2, 3], 'eager ops work');
    const ok = simd.compile((/** @type {tf.Tensor} */ t) => tf.abs(t));
    for (let i = 0; i < 3; i++) assert.equal(Array.from(ok(x).dataSync()), [1, 2, 3]);
    assert.is(ok.stats.replays, 1);
    ok.dispose();
    x.dispose();
  });
});

test('reading a tensor made before the step (no variable) is allowed: its values are the same on every call', async () => {
  await onBackend('simd', () => {
    const scale = tf.scalar(3); // a constant of the caller's, as a graph model's sizes and shapes are
    const w = tf.variable(tf.scalar(2), true, `compile_read${scope++}`);
    const scaled = simd.compile((/** @type {tf.Tensor} */ t) => tf.mul(t, scale.dataSync()[0]));
    for (let i = 1; i <= 4; i++) {
      const x = tf.tensor1d([i, -i]);
      const out = /** @type {tf.Tensor} */ (scaled(x));
      assert.equal(Array.from(out.dataSync()), [3 * i, -3 * i], `call ${i}`);
      tf.dispose([x, out]);
    }
    assert.ok(scaled.stats.replays >= 2, 'replayed');
    // A variable's values can change between calls: reading one stays refused, as does reading an argument.
    const readsVariable = simd.compile((/** @type {tf.Tensor} */ t) => tf.mul(t, w.dataSync()[0]));
    assert.throws(() => readsVariable(scale), /reads tensor values back to JavaScript/);
    const readsArgument = simd.compile((/** @type {tf.Tensor} */ t) => tf.mul(t, t.dataSync()[0]));
    assert.throws(() => readsArgument(scale), /reads tensor values back to JavaScript/);
    tf.dispose([scale, w]);
    scaled.dispose();
  });
});

test('refused: random numbers drawn in JavaScript inside the step (tf.randomNormal, dropout) name the op', async () => {
  await onBackend('simd', () => {
    const x = tf.ones([4, 3]);
    const noisy = simd.compile((/** @type {tf.Tensor} */ t) => tf.tidy(() => tf.add(t, tf.randomNormal(t.shape))));
    assert.throws(() => noisy(x), /op 'randomNormal' draws random numbers in JavaScript/);
    const dropped = simd.compile((/** @type {tf.Tensor} */ t) => tf.tidy(() => tf.dropout(t, 0.5)));
    assert.throws(() => dropped(x), /op 'randomUniform' draws random numbers/);
    // Drawn outside and passed in, the same noise replays exactly.
    const add = simd.compile((/** @type {tf.Tensor} */ t, /** @type {tf.Tensor} */ eps) => tf.add(t, eps));
    for (let i = 0; i < 4; i++) {
      const eps = tf.randomNormal(x.shape, 0, 1, 'float32', i);
      const out = add(x, eps);
      assertSameBitsEach([out.dataSync()], [tf.add(x, eps).dataSync()], `step ${i}`);
      tf.dispose([eps, out]);
    }
    add.dispose();
    x.dispose();
  });
});

test('refused: an async function, and a JavaScript number that changes between calls', async () => {
  await onBackend('simd', () => {
    const x = tf.tensor1d([1, 2]);
    const asyncStep = simd.compile(async (/** @type {tf.Tensor} */ t) => tf.abs(t));
    assert.throws(() => asyncStep(x), /returned a Promise.*compileTrainStep/);
    let counter = 0;
    const counting = simd.compile((/** @type {tf.Tensor} */ t) => tf.tidy(() => tf.mul(t, tf.scalar(++counter))));
    counting(x).dispose();
    assert.throws(() => counting(x), /held other values the next time.*pass it in as a tensor argument/);
    assert.throws(() => counting(x), /held other values/, 'stays refused');
    let scale = 2;
    const attrs = simd.compile((/** @type {tf.Tensor} */ t) => tf.tidy(() => tf.clipByValue(t, 0, scale++)));
    attrs(x).dispose();
    assert.throws(() => attrs(x), /kernel call 0 \('ClipByValue'\) had other attributes/);
    x.dispose();
  });
});

test('refused on replay: a kernel whose output shape depends on the data', async () => {
  await onBackend('simd', () => {
    const unique = simd.compile((/** @type {tf.Tensor} */ t) => tf.unique(t).values);
    const a = tf.tensor1d([1, 1, 2, 2]);
    const b = tf.tensor1d([1, 2, 3, 4]);
    for (let i = 0; i < 3; i++) unique(a).dispose();
    assert.throws(() => unique(b), /kernel 'Unique' \(call 0\) allocated float32 \[4\].*depends on the data/);
    assert.is(simdBackend().hook, null);
    assert.equal(Array.from(tf.unique(b).values.dataSync()), [1, 2, 3, 4]);
    unique.dispose();
    tf.dispose([a, b]);
  });
});

test("eager where replay cannot apply: on 'cpu', and under a gradient tape (gradients still flow)", async () => {
  const square = simd.compile((/** @type {tf.Tensor} */ t) => tf.mul(t, t));
  await onBackend('cpu', () => {
    const x = tf.tensor1d([3]);
    for (let i = 0; i < 3; i++) assert.equal(Array.from(square(x).dataSync()), [9]);
    x.dispose();
  });
  assert.is(square.stats.eager, 3);
  await onBackend('simd', () => {
    const x = tf.tensor1d([3]);
    for (let i = 0; i < 3; i++) square(x).dispose();
    const grad = tf.grad((t) => square(t))(x);
    assert.equal(Array.from(grad.dataSync()), [6]);
    tf.dispose([x, grad]);
  });
  assert.is(square.stats.eager, 4);
  square.dispose();
});

/**
 * A tfjs-layers model as compileTrainStep's parameter: TypeScript does not take a LayersModel as a
 * TrainableModel (which declares makeTrainFunction public, where LayersModel has it protected).
 * @returns {import('../../dist/compile/train_step.js').TrainableModel}
 */
const trainable = (model) => model;

test('compileTrainStep: clear errors for an uncompiled model, half the options, the wrong batch, and dropout', async () => {
  const tfl = await import('@tensorflow/tfjs-layers');
  await onBackend('simd', () => {
    const model = tfl.sequential({ layers: [tfl.layers.dense({ units: 2, inputShape: [3] })] });
    assert.throws(() => simd.compileTrainStep(trainable(model)), /not compiled; pass \{ optimizer, loss \}/);
    assert.throws(() => simd.compileTrainStep(trainable(model), { optimizer: 'sgd' }), /pass both optimizer and loss/);
    const step = simd.compileTrainStep(trainable(model), { optimizer: 'sgd', loss: 'meanSquaredError' });
    const [x, y] = [tf.ones([4, 3]), tf.ones([4, 2])];
    assert.throws(() => step([x, x], y), /takes 1 inputs and 1 targets, got 2 and 1/);
    const dropping = tfl.sequential({
      layers: [tfl.layers.dense({ units: 2, inputShape: [3] }), tfl.layers.dropout({ rate: 0.5 })],
    });
    const dropStep = simd.compileTrainStep(trainable(dropping), { optimizer: 'sgd', loss: 'meanSquaredError' });
    assert.throws(() => dropStep(x, y), /op 'randomUniform' draws random numbers in JavaScript/);
    const loss = /** @type {tf.Scalar} */ (step(x, y));
    assert.ok(Number.isFinite(loss.dataSync()[0]), 'the backend and the other step still work');
    tf.dispose([x, y, loss]);
    step.dispose();
    dropStep.dispose();
    for (const m of [model, dropping]) {
      m.optimizer.dispose();
      m.dispose();
    }
  });
});

test('a step that creates variables on every call is refused after three tries', async () => {
  await onBackend('simd', () => {
    const made = [];
    const leaky = simd.compile(() => {
      made.push(tf.variable(tf.zeros([2]), true, `compile_leak${scope++}`));
    });
    leaky();
    leaky();
    assert.throws(() => leaky(), /created or disposed variables on 3 calls in a row/);
    tf.dispose(made);
  });
});

test.run();
