// @ts-check
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose, onBackend, randomValues, rng, simd, simdBackend, simdMemory, tf } from '../helpers/setup.mjs';

test('registers a backend named simd that stores tensors in WASM memory', async () => {
  await onBackend('simd', async () => {
    assert.is(tf.getBackend(), 'simd');
    const before = simdMemory();
    const t = tf.tensor2d([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.is(simdMemory().numBytesInWasm - before.numBytesInWasm, 24);
    assertClose(await t.data(), [1, 2, 3, 4, 5, 6]);
    t.dispose();
    assert.is(simdMemory().numBytesInWasm, before.numBytesInWasm);
    assert.ok(['simd', 'relaxed-simd'].includes(simdBackend().build));
  });
});

test('stores every dtype and reads it back unchanged', async () => {
  await onBackend('simd', async () => {
    /** @type {Array<[tf.Tensor, number[]]>} */
    const cases = [
      [tf.tensor1d([1.5, -2, NaN, Infinity], 'float32'), [1.5, -2, NaN, Infinity]],
      [tf.tensor1d([1, -2, 2147483647], 'int32'), [1, -2, 2147483647]],
      [tf.tensor1d([true, false, true], 'bool'), [1, 0, 1]],
      [tf.tensor1d([], 'float32'), []],
    ];
    for (const [t, expected] of cases) {
      assertClose(Array.from(await t.data()), expected, { what: t.dtype });
      t.dispose();
    }
    const s = tf.tensor1d(['a', 'bé', ''], 'string');
    assert.equal(await s.data(), ['a', 'bé', '']);
    s.dispose();
    const c = tf.complex([1, 2], [3, 4]);
    assertClose(await c.data(), [1, 3, 2, 4], { what: 'complex64' });
    assertClose(await tf.real(c).data(), [1, 2], { what: 'real' });
    c.dispose();
  });
});

test('kernelCoverage lists native and fallback kernels without overlap', () => {
  const { native, fallback } = simd.kernelCoverage();
  assert.ok(native.includes('Reshape'));
  assert.ok(fallback.length > 0);
  const overlap = native.filter((k) => fallback.includes(k));
  assert.equal(overlap, []);
});

test('fallback kernels agree with cpu on fresh random data and leave no tensor behind', async () => {
  const random = rng(7);
  const x = randomValues(3 * 17, random, -5, 5);
  const expected = await onBackend('cpu', () => tf.cumsum(tf.tensor2d(x, [3, 17]), 1).data());
  await onBackend('simd', async () => {
    const before = simdMemory().numTensors;
    const input = tf.tensor2d(x, [3, 17]);
    const out = tf.cumsum(input, 1);
    assertClose(await out.data(), expected, { rtol: 1e-6 });
    tf.dispose([input, out]);
    assert.is(simdMemory().numTensors, before);
  });
});

test('moves tensors between simd and cpu when the backend changes', async () => {
  await onBackend('simd', async () => {
    const t = tf.tensor1d([1, 2, 3]);
    await tf.setBackend('cpu');
    assertClose(await tf.mul(t, 2).data(), [2, 4, 6]);
    await tf.setBackend('simd');
    t.dispose();
  });
});

test('a tensor made on cpu can be reshaped on simd and used again', async () => {
  await onBackend('cpu', async () => {
    const a = tf.tensor1d([1, 2, 3]);
    await tf.setBackend('simd');
    tf.tidy(() => tf.reshape(a, [3, 1]));
    assertClose(await tf.add(a, 1).data(), [2, 3, 4]);
    a.dispose();
  });
});

test('an allocation past what WebAssembly memory can hold fails clearly, and the backend goes on', async () => {
  await onBackend('simd', async () => {
    const { wasm } = simdBackend();
    const before = simdMemory();
    // More than 4 GiB is refused before the allocator runs; 2 GiB by the allocator (a block is at most 1 GiB).
    /** @type {Array<[number, RegExp]>} */
    const cases = [
      [2 ** 32 + 1, /holds at most 4294967296 bytes and \d+ are already reserved/],
      [2 ** 31, /Allocation too large/],
    ];
    for (const [bytes, why] of cases) {
      assert.throws(
        () => wasm.alloc(bytes),
        (e) => e instanceof RangeError && e.message.includes(`cannot allocate ${bytes} bytes`) && why.test(e.message),
        `${bytes} bytes`,
      );
    }
    const [a, b] = [tf.tensor1d([1, 2, 3]), tf.tensor1d([4, 5, 6])];
    const sum = tf.add(a, b);
    assert.equal(Array.from(await sum.data()), [5, 7, 9]);
    tf.dispose([a, b, sum]);
    assert.is(simdMemory().numBytesInWasm, before.numBytesInWasm);
  });
});

test('a disposed input fails before any native kernel allocates its output', async () => {
  const ops = {
    transpose: (t) => tf.transpose(t),
    slice: (t) => tf.slice(t, [0], [1]),
    tile: (t) => tf.tile(t, [2]),
    reverse: (t) => tf.reverse(t),
    pad: (t) => tf.pad(t, [[1, 1]]),
    gather: (t) => tf.gather(t, [0]),
    softmax: (t) => tf.softmax(t),
    argMax: (t) => tf.argMax(t),
    cumsum: (t) => tf.cumsum(t),
    addN: (t) => tf.addN([t, t]),
    unstack: (t) => tf.unstack(t),
    exp: (t) => tf.exp(t),
  };
  await onBackend('simd', async () => {
    for (const [name, op] of Object.entries(ops)) {
      const t = tf.ones([3]);
      t.dispose();
      const before = simdMemory();
      assert.throws(() => op(t), undefined, name);
      assert.is(simdMemory().numBytesInWasm, before.numBytesInWasm, `${name}: WASM bytes`);
      assert.is(simdMemory().numTensors, before.numTensors, `${name}: tensors`);
    }
  });
});

test.run();
