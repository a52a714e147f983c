// @ts-check
// Cast, Select, Fill, ZerosLike, OnesLike and AddN on 'simd' against tfjs-backend-cpu (exact: these
// kernels move or convert values without arithmetic, apart from AddN's float32 sums in the cpu's order).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runOnBoth, valuesWithSpecials } from '../helpers/elementwise_harness.mjs';
import { onBackend, rng, simdMemory, tf } from '../helpers/setup.mjs';

const SIZES = [0, 1, 3, 17, 255];

test('Cast converts between float32, int32 and bool like cpu, with out-of-range floats wrapping', async () => {
  const random = rng(21);
  const floats = (size) => {
    const x = valuesWithSpecials(size, random, -1e3, 1e3, true);
    if (size > 5) x.set([2147483648, -2147483649, 3e10, -0.9, 4294967296 + 2 ** 20], size - 5);
    return x;
  };
  const inputs = {
    float32: floats,
    int32: (size) => Int32Array.from({ length: size }, () => Math.floor((random() - 0.5) * 2 ** 32)),
    bool: (size) => Uint8Array.from({ length: size }, () => (random() < 0.5 ? 1 : 0)),
  };
  for (const from of Object.keys(inputs)) {
    for (const to of Object.keys(inputs)) {
      for (const size of SIZES) {
        const x = inputs[from](size);
        const [out, expected] = await runOnBoth('Cast', { x: [x, [size], from] }, { dtype: to });
        // The cpu keeps int32 values unrounded in a float32 tensor; stored as float32 they round.
        const wanted = from === 'int32' && to === 'float32' ? expected.data.map(Math.fround) : expected.data;
        assert.equal(out.data, wanted, `${from} -> ${to}, size ${size}`);
      }
    }
  }
});

test('Cast to the same dtype shares the data', async () => {
  await onBackend('simd', async () => {
    const x = tf.tensor1d([1, 2, 3]);
    const bytes = simdMemory().numBytesInWasm;
    const y = /** @type {tf.Tensor} */ (tf.engine().runKernel('Cast', { x }, { dtype: 'float32' }));
    assert.is(simdMemory().numBytesInWasm, bytes);
    assert.equal(Array.from(await y.data()), [1, 2, 3]);
    tf.dispose([x, y]);
    assert.is(simdMemory().numBytesInWasm, bytes - 12);
  });
});

test('Select picks t or e like cpu, for float32 and int32', async () => {
  const random = rng(22);
  for (const size of SIZES) {
    const condition = Uint8Array.from({ length: size }, () => (random() < 0.5 ? 1 : 0));
    const t = valuesWithSpecials(size, random, -5, 5, true);
    const e = valuesWithSpecials(size, random, -5, 5, true);
    const [out, expected] = await runOnBoth('Select', {
      condition: [condition, [size], 'bool'],
      t: [t, [size]],
      e: [e, [size]],
    });
    assert.equal(out.data, expected.data, `float32 ${size}`);
    const ti = Int32Array.from(t, Math.trunc);
    const ei = Int32Array.from(e, Math.trunc);
    const [outI, expectedI] = await runOnBoth('Select', {
      condition: [condition, [size], 'bool'],
      t: [ti, [size], 'int32'],
      e: [ei, [size], 'int32'],
    });
    assert.equal(outI.data, expectedI.data, `int32 ${size}`);
  }
  // A rank-1 condition picking rows goes to the cpu kernel, with its results.
  const [rows, rowsCpu] = await runOnBoth('Select', {
    condition: [[1, 0], [2], 'bool'],
    t: [
      [1, 2, 3, 4],
      [2, 2],
    ],
    e: [
      [5, 6, 7, 8],
      [2, 2],
    ],
  });
  assert.equal(rows.data, rowsCpu.data);
});

test('tf.where broadcasts its condition and matches cpu', async () => {
  const random = rng(23);
  const condition = Array.from({ length: 17 }, () => random() < 0.5);
  const a = valuesWithSpecials(4 * 17, random, -1, 1);
  const b = valuesWithSpecials(17, random, -1, 1);
  const run = (backend) =>
    onBackend(backend, async () => {
      const result = tf.where(tf.tensor1d(condition, 'bool'), tf.tensor(a, [4, 17]), tf.tensor(b, [17]));
      return Array.from(await result.data());
    });
  assert.equal(await run('simd'), await run('cpu'));
});

test('Fill, ZerosLike and OnesLike match cpu for every numeric dtype', async () => {
  for (const [value, dtype] of [
    [2.5, 'float32'],
    [-7.9, 'int32'],
    [3e10, 'int32'],
    [1, 'bool'],
    [NaN, 'float32'],
  ]) {
    for (const shape of [[0], [1], [3], [17, 15]]) {
      const [out, expected] = await runOnBoth('Fill', {}, { shape, value, dtype });
      assert.equal(out.data, expected.data, `Fill ${value} ${dtype} [${shape}]`);
    }
  }
  for (const name of ['ZerosLike', 'OnesLike']) {
    for (const dtype of ['float32', 'int32', 'bool']) {
      for (const size of SIZES) {
        const [out, expected] = await runOnBoth(name, { x: [new Array(size).fill(1), [size], dtype] });
        assert.equal(out.data, expected.data, `${name} ${dtype} ${size}`);
      }
    }
  }
  const [strings, stringsCpu] = await runOnBoth('Fill', {}, { shape: [2], value: 'ab', dtype: 'string' });
  assert.equal(strings.data, stringsCpu.data);
});

test('AddN sums left to right like cpu', async () => {
  const random = rng(24);
  for (const count of [1, 2, 5]) {
    for (const size of SIZES) {
      /** @type {Array<[Float32Array | Int32Array, number[], string?]>} */
      const inputs = [];
      for (let i = 0; i < count; i++) inputs[i] = [valuesWithSpecials(size, random, -1e4, 1e4, true), [size]];
      const [out, expected] = await runOnBoth('AddN', inputs);
      assert.equal(out.data, expected.data, `${count} float32 tensors of ${size}`);
      for (let i = 0; i < count; i++) inputs[i] = [Int32Array.from(inputs[i][0], (v) => v | 0), [size], 'int32'];
      const [outI, expectedI] = await runOnBoth('AddN', inputs);
      assert.equal(outI.data, expectedI.data, `${count} int32 tensors of ${size}`);
    }
  }
});

test.run();
