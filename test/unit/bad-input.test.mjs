// Bad input gets the same error as on 'cpu' (or a clear RangeError for memory), never a WASM trap,
// and the backend stays usable afterwards with nothing leaked.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose, onBackend, tf } from '../helpers/setup.mjs';

/** Each row: a name and a function that must throw on both backends with the same message. */
const sameErrorAsCpu = [
  ['add: incompatible shapes', () => tf.add(tf.ones([2, 3]), tf.ones([4]))],
  ['mul: incompatible shapes', () => tf.mul(tf.ones([2, 3]), tf.ones([3, 2]))],
  ['matMul: inner dimensions differ', () => tf.matMul(tf.ones([2, 3]), tf.ones([4, 5]))],
  ['matMul: rank 1', () => tf.matMul(tf.ones([3]), tf.ones([3, 1]))],
  ['relu: string input', () => tf.relu(tf.tensor(['a', 'b']))],
  ['exp: string input', () => tf.exp(tf.tensor(['a']))],
  ['sum: axis out of range', () => tf.sum(tf.ones([2, 3]), 2)],
  ['transpose: permutation of the wrong rank', () => tf.transpose(tf.ones([2, 3]), [0])],
  ['slice: out of bounds', () => tf.slice(tf.ones([2, 3]), [0, 0], [3, 3])],
  ['concat: mismatched shapes', () => tf.concat([tf.ones([2, 3]), tf.ones([2, 4])], 0)],
  ['reshape: wrong size', () => tf.reshape(tf.ones([2, 3]), [4, 2])],
  ['gather: float indices', () => tf.gather(tf.ones([3]), tf.tensor1d([0.5]))],
  ['disposed tensor used again', () => { const t = tf.ones([2]); t.dispose(); return tf.add(t, 1); }],
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

for (const [name, fn] of sameErrorAsCpu) {
  test(`same error as cpu: ${name}`, async () => {
    const expected = await errorOn('cpu', fn);
    assert.ok(expected != null, `cpu throws for ${name}`);
    const before = await onBackend('simd', () => tf.memory().numTensors);
    const actual = await errorOn('simd', fn);
    assert.is(actual, expected);
    await onBackend('simd', async () => {
      assert.is(tf.memory().numTensors, before, 'no tensor leaked');
      assertClose(await tf.add(tf.ones([3]), 1).data(), [2, 2, 2], { what: 'backend still usable' });
    });
  });
}

test('NaN and Infinity propagate as on cpu', async () => {
  const input = [NaN, Infinity, -Infinity, 0, -0, 1e38, -1e38, 1e-45];
  const ops = [
    (x) => tf.exp(x), (x) => tf.log(x), (x) => tf.sqrt(x), (x) => tf.relu(x), (x) => tf.sigmoid(x),
    (x) => tf.tanh(x), (x) => tf.mul(x, x), (x) => tf.div(x, x), (x) => tf.maximum(x, 0), (x) => tf.minimum(x, 0),
    (x) => tf.max(x), (x) => tf.sum(x), (x) => tf.softmax(x), (x) => tf.matMul(tf.reshape(x, [1, 8]), tf.ones([8, 2])),
  ];
  for (const [i, op] of ops.entries()) {
    const run = (backend) => onBackend(backend, () => tf.tidy(() => op(tf.tensor1d(input))).data());
    assertClose(await run('simd'), await run('cpu'), { rtol: 1e-6, atol: 0, what: `op ${i}: ${op}` });
  }
});

test('an allocation beyond the WASM limit is a RangeError naming the size; the backend keeps working', async () => {
  await onBackend('simd', async () => {
    const before = tf.memory();
    assert.throws(() => tf.zeros([2 ** 31]), (e) => e instanceof RangeError && /8589934592 bytes/.test(e.message));
    assert.throws(() => tf.zeros([2 ** 29, 3]), (e) => e instanceof RangeError && /bytes/.test(e.message));
    const after = tf.memory();
    assert.is(after.numTensors, before.numTensors);
    assert.is(after.numBytesInWasm, before.numBytesInWasm);
    assertClose(await tf.mul(tf.ones([4]), 3).data(), [3, 3, 3, 3]);
  });
});

test.run();
