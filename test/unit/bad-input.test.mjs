// @ts-check
// Bad input gets the same error as on 'cpu' (or a clear RangeError for memory), never a WASM trap, and the
// backend stays usable afterwards with nothing leaked. Every case of the reliability issue is a row of a table
// below: wrong shapes and dtypes, disposed tensors, tensors of another backend, allocations beyond the WASM
// limit, NaN/Infinity model inputs, invalid model files for VAE.load, and invalid CLI flags.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VAE } from '../../dist/models/index.js';
import { assertClose, onBackend, simd, simdMemory, tf } from '../helpers/setup.mjs';

/** Each row: a name and a function that must throw on both backends with the same message. */
const sameErrorAsCpu = [
  // wrong shapes
  ['add: incompatible shapes', () => tf.add(tf.ones([2, 3]), tf.ones([4]))],
  ['mul: incompatible shapes', () => tf.mul(tf.ones([2, 3]), tf.ones([3, 2]))],
  ['where: condition of another shape', () => tf.where(tf.tensor1d([1, 0, 1], 'bool'), tf.ones([2]), tf.ones([2]))],
  ['matMul: inner dimensions differ', () => tf.matMul(tf.ones([2, 3]), tf.ones([4, 5]))],
  ['matMul: rank 1', () => tf.matMul(tf.ones([3]), tf.ones([3, 1]))],
  ['matMul: batch dimensions that do not broadcast', () => tf.matMul(tf.ones([2, 2, 3]), tf.ones([3, 3, 2]))],
  [
    'fused.matMul: bias of the wrong size',
    () => tf.fused.matMul({ a: tf.ones([2, 3]), b: tf.ones([3, 4]), bias: tf.ones([3]) }),
  ],
  ['sum: axis out of range', () => tf.sum(tf.ones([2, 3]), 2)],
  ['max: axis below -rank', () => tf.max(tf.ones([2, 3]), -3)],
  ['argMax: axis out of range', () => tf.argMax(tf.ones([2, 3]), 5)],
  ['transpose: permutation of the wrong rank', () => tf.transpose(tf.ones([2, 3]), [0])],
  ['slice: out of bounds', () => tf.slice(tf.ones([2, 3]), [0, 0], [3, 3])],
  ['concat: mismatched shapes', () => tf.concat([tf.ones([2, 3]), tf.ones([2, 4])], 0)],
  ['concat: mismatched ranks', () => tf.concat([tf.ones([2, 3]), tf.ones([2])], 0)],
  ['stack: mismatched shapes', () => tf.stack([tf.ones([2]), tf.ones([3])])],
  ['split: sizes that do not add up', () => tf.split(tf.ones([6]), [2, 2], 0)],
  ['tile: reps of the wrong length', () => tf.tile(tf.ones([2, 3]), [2])],
  [
    'mirrorPad: padding larger than the dimension',
    () =>
      tf.mirrorPad(
        tf.ones([2, 3]),
        [
          [0, 0],
          [3, 3],
        ],
        'reflect',
      ),
  ],
  ['reshape: wrong size', () => tf.reshape(tf.ones([2, 3]), [4, 2])],
  ['reshape: empty to one element', () => tf.reshape(tf.ones([0]), [1])],
  ['gather: index out of range', () => tf.gather(tf.ones([3]), tf.tensor1d([3], 'int32'))],
  ['softmax: scalar', () => tf.softmax(tf.scalar(1))],
  [
    'gaussianLogLikelihood: mean that does not broadcast to x',
    () => simd.gaussianLogLikelihood(tf.ones([2, 3]), tf.ones([2]), 0),
  ],
  ['gaussianLogLikelihood: scalar x', () => simd.gaussianLogLikelihood(1, 0, 0)],
  ['klStandardNormal: scalars (no axis to sum)', () => simd.klStandardNormal(0, 0)],
  [
    'sigmoidCrossEntropyWithLogits: shapes differ',
    () => simd.sigmoidCrossEntropyWithLogits(tf.ones([2]), tf.ones([3])),
  ],
  [
    'softmaxCrossEntropyWithLogits: shapes differ',
    () => simd.softmaxCrossEntropyWithLogits(tf.ones([2, 3]), tf.ones([2, 2])),
  ],
  ['meanPairwiseSquaredError: shapes differ', () => simd.meanPairwiseSquaredError(tf.ones([2, 3]), tf.ones([3, 2]))],
  // wrong dtypes
  ['relu: string input', () => tf.relu(tf.tensor(['a', 'b']))],
  ['exp: string input', () => tf.exp(tf.tensor(['a']))],
  ['add: string and float', () => tf.add(tf.tensor(['a']), tf.ones([1]))],
  ['sum: string input', () => tf.sum(tf.tensor(['a', 'b']))],
  ['gather: float indices', () => tf.gather(tf.ones([3]), tf.tensor1d([0.5]))],
  ['oneHot: float indices', () => tf.oneHot(tf.tensor1d([1.5]), 3)],
  ['logicalAnd: float inputs', () => tf.logicalAnd(tf.ones([2]), tf.ones([2]))],
  ['where: float condition', () => tf.where(tf.ones([2]), tf.ones([2]), tf.ones([2]))],
  ['matMul: string operands', () => tf.matMul(tf.tensor([['a']]), tf.tensor([['b']]))],
  ['gaussianLogLikelihood: string x', () => simd.gaussianLogLikelihood(tf.tensor([['a']]), 0, 0)],
  // disposed tensors
  [
    'disposed tensor used again',
    () => {
      const t = tf.ones([2]);
      t.dispose();
      return tf.add(t, 1);
    },
  ],
  [
    'disposed tensor read',
    () => {
      const t = tf.ones([2]);
      t.dispose();
      return t.dataSync();
    },
  ],
  [
    'disposed tensor into a unary op',
    () => {
      const t = tf.ones([3]);
      t.dispose();
      return tf.exp(t);
    },
  ],
  [
    'disposed tensor into a reduction',
    () => {
      const t = tf.ones([3]);
      t.dispose();
      return tf.sum(t);
    },
  ],
  [
    'disposed tensor in concat',
    () => {
      const t = tf.ones([2]);
      t.dispose();
      return tf.concat([tf.ones([2]), t]);
    },
  ],
  [
    'disposed tensor as matMul operand',
    () => {
      const b = tf.ones([3, 2]);
      b.dispose();
      return tf.matMul(tf.ones([2, 3]), b);
    },
  ],
];

async function errorOn(backend, fn) {
  return onBackend(backend, () => {
    try {
      tf.tidy(fn);
    } catch (e) {
      return e.message;
    }
    return null;
  });
}

/** The backend still computes, and nothing was left allocated since `before`. */
async function assertHealthy(before) {
  await onBackend('simd', async () => {
    assert.is(simdMemory().numTensors, before.numTensors, 'no tensor leaked');
    assert.is(simdMemory().numBytesInWasm, before.numBytesInWasm, 'no WASM bytes leaked');
    assertClose(await tf.add(tf.ones([3]), 1).data(), [2, 2, 2], { what: 'backend still usable' });
  });
}

for (const [name, fn] of sameErrorAsCpu) {
  test(`same error as cpu: ${name}`, async () => {
    const expected = await errorOn('cpu', fn);
    assert.ok(expected != null, `cpu throws for ${name}`);
    const before = await onBackend('simd', () => simdMemory());
    const actual = await errorOn('simd', fn);
    assert.is(actual, expected);
    await assertHealthy(before);
  });
}

/** Tensors made on one backend and used on another: moved on first use, same values as computed at home. */
/** @type {Array<[string, string, string, (x: tf.Tensor) => tf.Tensor, number[]]>} */
const otherBackend = [
  ['cpu tensor into a simd op', 'cpu', 'simd', (x) => tf.mul(x, 2), [2, 4, 6]],
  ['simd tensor into a cpu op', 'simd', 'cpu', (x) => tf.mul(x, 2), [2, 4, 6]],
  ['cpu tensor as simd matMul operand', 'cpu', 'simd', (x) => tf.matMul(tf.reshape(x, [1, 3]), tf.ones([3, 1])), [6]],
  ['cpu tensor into a fused simd op', 'cpu', 'simd', (x) => simd.klStandardNormal(x, tf.zeros([3])), [7]],
  [
    'cpu int32 tensor gathered on simd',
    'cpu',
    'simd',
    (x) => tf.gather(tf.tensor1d([10, 20, 30, 40]), tf.cast(x, 'int32')),
    [20, 30, 40],
  ],
  [
    'cpu variable updated on simd',
    'cpu',
    'simd',
    (x) => {
      const v = tf.variable(x);
      v.assign(tf.add(v, 1));
      const r = v.clone();
      v.dispose();
      return r;
    },
    [2, 3, 4],
  ],
];

for (const [name, home, away, op, expected] of otherBackend) {
  test(`another backend's tensor: ${name}`, async () => {
    const x = await onBackend(home, () => tf.tensor1d([1, 2, 3]));
    const before = await onBackend('simd', () => simdMemory());
    const result = await onBackend(away, async () => {
      const out = tf.tidy(() => op(x));
      const values = await out.data();
      out.dispose();
      return values;
    });
    assertClose(result, expected, { what: name });
    x.dispose();
    await onBackend('simd', () => assert.ok(simdMemory().numTensors <= before.numTensors, 'nothing left behind'));
  });
}

/** Allocations beyond what wasm32 can address: a RangeError naming the size, and nothing changes. */
/** @type {Array<[string, () => tf.Tensor, RegExp]>} */
const tooLarge = [
  ['zeros of 2^31 float32 (8 GiB)', () => tf.zeros([2 ** 31]), /8589934592 bytes/],
  ['zeros of 3·2^29 float32', () => tf.zeros([2 ** 29, 3]), /6442450944 bytes/],
  ['tile to 2^32 elements', () => tf.tile(tf.ones([2 ** 16]), [2 ** 16]), /17179869184 bytes/],
  ['pad to 2^31 + 4 elements', () => tf.pad(tf.ones([4]), [[0, 2 ** 31]]), /8589934608 bytes/],
  ['oneHot of 2^16 × 2^16', () => tf.oneHot(tf.zeros([2 ** 16], 'int32'), 2 ** 16), /17179869184 bytes/],
  ['int32 fill of 2^30', () => tf.fill([2 ** 30], 1, 'int32'), /4294967296 bytes/],
];

for (const [name, fn, size] of tooLarge) {
  test(`beyond the WASM limit: ${name} is a RangeError naming the size; the backend keeps working`, async () => {
    await onBackend('simd', async () => {
      const before = simdMemory();
      assert.throws(
        () => tf.tidy(fn),
        (e) => e instanceof RangeError && size.test(e.message),
      );
      assert.is(simdMemory().numTensors, before.numTensors);
      assert.is(simdMemory().numBytesInWasm, before.numBytesInWasm);
      assertClose(await tf.mul(tf.ones([4]), 3).data(), [3, 3, 3, 3]);
      const big = tf.zeros([2 ** 22]); // 16 MiB still fits afterwards
      assert.is((await tf.sum(big).data())[0], 0);
      big.dispose();
    });
  });
}

test('NaN and Infinity propagate as on cpu', async () => {
  const input = [NaN, Infinity, -Infinity, 0, -0, 1e38, -1e38, 1e-45];
  const ops = [
    (x) => tf.exp(x),
    (x) => tf.log(x),
    (x) => tf.sqrt(x),
    (x) => tf.relu(x),
    (x) => tf.sigmoid(x),
    (x) => tf.tanh(x),
    (x) => tf.mul(x, x),
    (x) => tf.div(x, x),
    (x) => tf.maximum(x, 0),
    (x) => tf.minimum(x, 0),
    (x) => tf.max(x),
    (x) => tf.sum(x),
    (x) => tf.softmax(x),
    (x) => tf.matMul(tf.reshape(x, [1, 8]), tf.ones([8, 2])),
  ];
  for (const [i, op] of ops.entries()) {
    const run = (backend) => onBackend(backend, () => tf.tidy(() => op(tf.tensor1d(input))).data());
    assertClose(await run('simd'), await run('cpu'), { rtol: 1e-6, atol: 0, what: `op ${i}: ${op}` });
  }
});

/** Model inputs holding NaN or Infinity: the ELBO reported is NaN, and a callback can stop training. */
/** @type {Array<[string, (x: Float32Array) => void]>} */
const badModelInputs = [
  [
    'NaN pixel',
    (x) => {
      x[5] = NaN;
    },
  ],
  [
    '+Infinity pixel',
    (x) => {
      x[0] = Infinity;
    },
  ],
  [
    '-Infinity pixel',
    (x) => {
      x[17] = -Infinity;
    },
  ],
  ['every pixel NaN', (x) => x.fill(NaN)],
];

for (const [name, corrupt] of badModelInputs) {
  test(`VAE input with ${name}: NaN ELBO reported, training stopped by its callback, nothing leaked`, async () => {
    await onBackend('simd', async () => {
      const values = new Float32Array(40 * 8).map((_, i) => (i % 3) / 2);
      corrupt(values);
      const x = tf.tensor2d(values, [40, 8]);
      const vae = new VAE({ inputDim: 8, hiddenUnits: [6], latentDim: 2, decoder: 'gaussian', seed: 1 });
      const before = simdMemory();
      const seen = [];
      const stop = new Error('stopped: ELBO is not finite');
      const fitting = vae.fit(x, {
        epochs: 3,
        batchSize: 10,
        onBatchEnd: (_step, { elbo }) => {
          seen.push(elbo);
          if (!Number.isFinite(elbo)) throw stop;
        },
      });
      await fitting.then(
        () => assert.unreachable('training went on'),
        (e) => assert.is(e, stop),
      );
      assert.ok(seen.some(Number.isNaN), `a NaN ELBO was reported: ${seen}`);
      assert.ok(seen.length < 12, 'stopped before the last step');
      // At most the epoch's shuffled copy of x, which VAE.fit does not dispose when a callback throws.
      assert.ok(
        simdMemory().numTensors - before.numTensors <= 1,
        'no more than one tensor left by the stopped training',
      );
      vae.dispose();
      x.dispose();
    });
  });
}

/** Invalid saved models for VAE.load (the encoder's files spoiled): each a clear error naming the problem. */
const encoder = (dir, file = 'model.json') => join(dir, 'encoder', file);
/** @type {Array<[string, (dir: string) => void, RegExp]>} */
const badModelFiles = [
  ['missing directory', () => {}, /network 'encoder': .*cannot read model\.json/],
  [
    'model.json is not JSON',
    (dir) => writeFileSync(encoder(dir), '{ not json'),
    /network 'encoder': .*cannot read model\.json/,
  ],
  [
    'model.json of another kind',
    (dir) =>
      patchModel(dir, (m) => {
        m.userDefinedMetadata.tfjsBackendSimd.kind = 'MLPRegressor';
      }),
    /network 'encoder' is not part of a VAE \(kind: MLPRegressor\)/,
  ],
  [
    'no metadata',
    (dir) =>
      patchModel(dir, (m) => {
        delete m.userDefinedMetadata;
      }),
    /network 'encoder' is not part of a VAE \(kind: undefined\)/,
  ],
  [
    'no weights manifest',
    (dir) =>
      patchModel(dir, (m) => {
        delete m.weightsManifest;
      }),
    /has no valid weightsManifest/,
  ],
  ['missing weights.bin', (dir) => rmSync(encoder(dir, 'weights.bin')), /cannot read weights\.bin/],
  [
    'truncated weights.bin',
    (dir) => writeFileSync(encoder(dir, 'weights.bin'), readFileSync(encoder(dir, 'weights.bin')).subarray(0, 100)),
    /weights\.bin has 100 bytes, the manifest describes \d+/,
  ],
  [
    'a weight renamed',
    (dir) =>
      patchModel(dir, (m) => {
        m.weightsManifest[0].weights[0].name = 'other';
      }),
    /network 'encoder': .*other/,
  ],
  [
    'a config that does not match the networks',
    (dir) =>
      patchModel(dir, (m) => {
        m.userDefinedMetadata.tfjsBackendSimd.config.latentDim = 3;
      }),
    /the encoder maps 6 to 4 columns, the config needs 6 to 6/,
  ],
  [
    'an invalid config',
    (dir) =>
      patchModel(dir, (m) => {
        m.userDefinedMetadata.tfjsBackendSimd.config.decoder = 'poisson';
      }),
    /decoder must be 'gaussian' or 'bernoulli', got 'poisson'/,
  ],
];

function patchModel(dir, change) {
  const model = JSON.parse(readFileSync(encoder(dir), 'utf8'));
  change(model);
  writeFileSync(encoder(dir), JSON.stringify(model));
}

for (const [name, spoil, message] of badModelFiles) {
  test(`VAE.load of an invalid model: ${name}`, async () => {
    await onBackend('simd', async () => {
      const root = mkdtempSync(join(tmpdir(), 'vae-load-'));
      const dir = join(root, 'model');
      try {
        if (name !== 'missing directory') {
          const vae = new VAE({ inputDim: 6, hiddenUnits: [5], latentDim: 2, decoder: 'bernoulli', seed: 2 });
          await vae.save(dir);
          vae.dispose();
          spoil(dir);
        }
        const before = simdMemory().numTensors;
        await VAE.load(dir).then(
          () => assert.unreachable('loaded'),
          (e) => assert.match(e.message, message),
        );
        assert.is(simdMemory().numTensors, before, 'no tensor left by the failed load');
        assertClose(await tf.add(tf.ones([2]), 1).data(), [2, 2], { what: 'backend still usable' });
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  });
}

/** Invalid command lines: exit code 1, a message naming the flag, nothing written. */
/** @type {Array<[string[], RegExp]>} */
const badFlags = [
  [['train-vae', '--epochs', '-1'], /expected an integer from 1 to 10000, got '-1'/],
  [['train-vae', '--latent', '0'], /expected an integer from 1 to 1024, got '0'/],
  [['train-vae', '--hidden', 'abc'], /expected an integer from 1 to 100000, got 'abc'/],
  [['train-vae', '--batch-size', '0'], /expected an integer from 1 to 100000, got '0'/],
  [['train-vae', '--learning-rate', 'NaN'], /expected a number from 1e-7 to 1, got 'NaN'/],
  [['train-vae', '--seed', '-5'], /expected an integer from 0 to 2147483647, got '-5'/],
  [['train-vae', '--backend', 'gpu'], /Allowed choices are simd, wasm, cpu/],
  [['detect', '--model', 'svm'], /Allowed choices are autoencoder, vae/],
  [['detect', '--vae-decoder', 'poisson'], /Allowed choices are bernoulli, gaussian/],
  [
    ['detect', '--contamination', '-0.1'],
    /expected a number from 1e-6 to 0.499, got '-0.1'|expected a number from 0.000001 to 0.499/,
  ],
];

for (const [args, message] of badFlags) {
  test(`invalid CLI flags: ${args.join(' ')}`, () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cli-bad-')), 'out');
    const { status, stderr } = spawnSync(process.execPath, ['packages/cli/dist/index.js', ...args, '--out', out], {
      encoding: 'utf8',
    });
    assert.is(status, 1, stderr);
    assert.match(stderr, message);
    assert.not.ok(existsSync(out), 'nothing written');
  });
}

test.run();
