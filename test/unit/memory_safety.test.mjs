// @ts-check
// Memory safety: degenerate arguments that tfjs-core lets through give cpu's results (or a clear error) and
// never write outside a tensor's block; guarded memory names the kernel that does; a WebAssembly trap leaves
// the backend either intact or clearly unusable.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SimdBackend } from '../../dist/backend/backend_simd.js';
import { guardKernel } from '../../dist/backend/kernel_guard.js';
import { instantiateSimdWasm } from '../../dist/wasm/module.js';
import { onBackend, rng, simd, simdBackend, simdMemory, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';

/** @type {import('@tensorflow/tfjs-core').DataType[]} */
const DTYPES = ['float32', 'int32', 'bool'];

/** Values, shape and dtype of a tensor made by `make` on one backend. */
async function resultOn(name, make) {
  return onBackend(name, async () => {
    const t = make();
    const result = { values: Array.from(await t.data()), shape: t.shape, dtype: t.dtype };
    t.dispose();
    return result;
  });
}

/** Pads (negative = crops) a row-major array as the definition says: out[i] = x[i - before] where inside x. */
function padReference(values, shape, paddings, constant) {
  const outShape = shape.map((d, k) => paddings[k][0] + d + paddings[k][1]);
  const out = new Array(size(outShape)).fill(constant);
  for (let i = 0; i < out.length; i++) {
    let rest = i;
    let src = 0;
    let inside = true;
    for (let k = outShape.length - 1, stride = 1; k >= 0; k--) {
      const coord = rest % outShape[k];
      rest = Math.floor(rest / outShape[k]);
      const xCoord = coord - paddings[k][0];
      if (xCoord < 0 || xCoord >= shape[k]) inside = false;
      src += xCoord * stride;
      stride *= shape[k];
    }
    if (inside) out[i] = values[src];
  }
  return { values: out, shape: outShape };
}

/** The program that found the bug: after it, every later allocation must still work. */
async function assertHeapWorks() {
  const values = await onBackend('simd', async () => {
    const ones = tf.ones([3]);
    const sum = tf.add(ones, tf.range(0, 3));
    const out = Array.from(await sum.data());
    tf.dispose([ones, sum]);
    return out;
  });
  assert.equal(values, [1, 2, 3]);
}

test('pad with a negative trailing padding crops, as on cpu, and later allocations work', async () => {
  const make = () => tf.pad(tf.tensor1d([1, 1, 1, 1]), [[0, -1]]);
  assert.equal(await resultOn('simd', make), await resultOn('cpu', make));
  await assertHeapWorks();
});

test('pad with a negative leading padding crops, as on cpu, and the result disposes cleanly', async () => {
  const make = () => tf.pad(tf.tensor1d([1, 2, 3, 4]), [[-1, 0]]);
  assert.equal(await resultOn('simd', make), await resultOn('cpu', make));
  await assertHeapWorks();
});

test('pad with negative paddings on any axis crops exactly (random shapes, every dtype, odd sizes)', async () => {
  const random = rng(15);
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  for (let trial = 0; trial < 60; trial++) {
    const rank = int(1, 4);
    const shape = Array.from({ length: rank }, () => [0, 1, 3, 5, 17][int(0, 4)]);
    const paddings = shape.map((d) => {
      const before = int(-d, 3);
      return /** @type {[number, number]} */ ([before, int(-(d + Math.min(before, 0)), 3)]);
    });
    const dtype = DTYPES[trial % 3];
    const values = Array.from({ length: size(shape) }, () => (dtype === 'bool' ? int(0, 1) : int(-50, 50)));
    const constant = dtype === 'bool' ? 1 : 7;
    const expected = padReference(values, shape, paddings, constant);
    const actual = await resultOn('simd', () => tf.pad(tf.tensor(values, shape, dtype), paddings, constant));
    assert.equal(actual.shape, expected.shape, `shape, x [${shape}], paddings ${JSON.stringify(paddings)}`);
    assert.equal(actual.values, expected.values, `values, x [${shape}], paddings ${JSON.stringify(paddings)}`);
  }
  await assertHeapWorks();
});

test('pad with a 1-D negative padding matches cpu on fresh random data', async () => {
  const random = rng(151);
  for (const n of [1, 3, 17, 255]) {
    const values = Array.from({ length: n }, () => random());
    /** @type {Array<Array<[number, number]>>} */
    const cases = [[[0, -1]], [[-1, 0]], [[-n, 0]], [[0, -n]], [[2, -1]], [[-1, 2]]];
    for (const paddings of cases) {
      const make = () => tf.pad(tf.tensor1d(values), paddings, 0.5);
      assert.equal(await resultOn('simd', make), await resultOn('cpu', make), `n ${n}, ${JSON.stringify(paddings)}`);
    }
  }
});

test('pad that would crop more than an axis holds is a clear error naming the op, axis and shape', async () => {
  await onBackend('simd', () => {
    const x = tf.ones([2, 3]);
    assert.throws(
      () =>
        tf.pad(x, [
          [0, 0],
          [-2, -2],
        ]),
      /pad: .*axis 1 .*shape \[2,3\]/,
    );
    x.dispose();
  });
  await assertHeapWorks();
});

test('mirrorPad run directly with paddings tf.mirrorPad would refuse is a clear error, not a stray read', async () => {
  await onBackend('simd', () => {
    const x = tf.ones([2, 3]);
    for (const paddings of [
      [
        [0, 0],
        [-1, 0],
      ],
      [
        [0, 0],
        [3, 0],
      ],
      [[0, 0]],
    ]) {
      assert.throws(
        () => tf.engine().runKernel('MirrorPad', { x }, { paddings, mode: 'reflect' }),
        /mirrorPad: paddings/,
      );
    }
    x.dispose();
  });
  await assertHeapWorks();
});

test('transpose run directly with a perm that is no permutation is a clear error, not a stray read', async () => {
  await onBackend('simd', () => {
    const x = tf.ones([2, 3]);
    const before = simdMemory().numBytesInWasm;
    for (const perm of [[0, 0], [1, 1], [0, 2], [-1, 0], [0.5, 1], [0], [0, 1, 2]]) {
      assert.throws(
        () => tf.engine().runKernel('Transpose', { x }, { perm }),
        (/** @type {Error} */ e) =>
          e.message === `transpose: perm [${perm}] is not a permutation of the axes of x (shape [2,3]).`,
        `perm [${perm}]`,
      );
    }
    assert.is(simdMemory().numBytesInWasm, before, 'no output left behind');
    const t = /** @type {tf.Tensor} */ (tf.engine().runKernel('Transpose', { x }, { perm: [1, 0] }));
    assert.equal(t.shape, [3, 2]);
    tf.dispose([t, x]);
  });
  await assertHeapWorks();
});

test('a ragged literal keeps the values its shape holds (as tfjs-backend-wasm does), never writing past them', async () => {
  const before = await onBackend('simd', () => tf.memory().numTensors);
  const values = await onBackend('simd', async () => {
    const t = tf.tensor([
      [5, 6, 7],
      [8, 9, 10, 11],
    ]);
    assert.equal(t.shape, [2, 3]);
    const out = Array.from(await t.data());
    t.dispose();
    return out;
  });
  assert.equal(values, [5, 6, 7, 8, 9, 10]);
  assert.equal(await onBackend('simd', () => tf.memory().numTensors), before);
  await assertHeapWorks();
});

test('too few values for a shape leave the rest as cpu reads them (NaN, or 0 in int32 and bool), not the garbage of a reused block', async () => {
  await onBackend('simd', async () => {
    const garbage = tf.fill([8], 42);
    garbage.dispose(); // its block is the one reused next
    const backend = simdBackend();
    for (const dtype of DTYPES) {
      const dataId = backend.write(
        dtype === 'float32'
          ? new Float32Array([1, 1])
          : dtype === 'int32'
            ? new Int32Array([1, 1])
            : new Uint8Array([1, 1]),
        [8],
        dtype,
      );
      const t = tf.engine().makeTensorFromDataId(dataId, [8], dtype);
      const missing = dtype === 'float32' ? Number.NaN : 0;
      assert.equal(Array.from(await t.data()), [1, 1, ...new Array(6).fill(missing)], dtype);
      t.dispose();
    }
  });
  await assertHeapWorks();
});

test('a tensor of a tensor (tf.tensor([x]): shape [1], no values) computes as on cpu', async () => {
  // tfjs-layers' TransformerDecoder adds such a tensor by mistake: cpu gives NaN, and so must 'simd'.
  const on = (name) =>
    onBackend(name, () => {
      const x = tf.tensor2d([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      // An array holding a tensor, which tfjs's types refuse and a layer's call passes at run time.
      const valueless = tf.tensor(/** @type {any} */ ([x]));
      const sum = tf.add(x, valueless);
      const out = { shape: sum.shape, values: Array.from(sum.dataSync()) };
      tf.dispose([x, valueless, sum]);
      return out;
    });
  const cpu = await on('cpu');
  assert.ok(cpu.values.every(Number.isNaN), 'cpu reads the missing value as NaN');
  assert.equal(await on('simd'), cpu);
});

/** A backend of its own, in guarded memory, for kernels that misbehave on purpose. */
async function guardedBackend() {
  const previous = tf.env().getBool(simd.GUARD_MEMORY_FLAG);
  tf.env().set(simd.GUARD_MEMORY_FLAG, true);
  try {
    return new SimdBackend(await instantiateSimdWasm());
  } finally {
    tf.env().set(simd.GUARD_MEMORY_FLAG, previous);
  }
}

/** Runs a kernel config's function as the engine would, on `backend`. */
function run(config, backend, inputs = {}) {
  return config.kernelFunc({ inputs, attrs: {}, backend });
}

/**
 * A guarded 'simd' kernel named `kernelName` whose function is `body(backend)`.
 * @param {string} kernelName
 * @param {(backend: simd.SimdBackend) => import('@tensorflow/tfjs-core').TensorInfo} body
 */
function simdKernel(kernelName, body) {
  return guardKernel({
    kernelName,
    backendName: 'simd',
    kernelFunc: ({ backend }) => body(/** @type {simd.SimdBackend} */ (backend)),
  });
}

/** A kernel that writes `extra` floats past the end (positive) or before the start (negative) of its output. */
function strayKernel(extra) {
  return simdKernel('StrayWrite', (backend) => {
    const out = backend.makeOutput([4], 'float32');
    const ptr = backend.ptr(out);
    const start = extra < 0 ? ptr + 4 * extra : ptr;
    backend.wasm.f32(start, 4 + Math.abs(extra)).fill(1);
    return out;
  });
}

test('guarded memory: a one-float overflow is caught and names the kernel, the backend stays usable', async () => {
  const backend = await guardedBackend();
  const liveBefore = backend.wasm.guard.liveBlocks;
  for (const extra of [1, -1]) {
    const reportBefore = simd.memoryGuardReport().strayWrites;
    assert.throws(
      () => run(strayKernel(extra), backend),
      (e) =>
        /kernel 'StrayWrite' wrote outside its memory: 4 byte\(s\) changed/.test(e.message) &&
        (extra > 0 ? /past the end/ : /before the start/).test(e.message) &&
        /float32 tensor of shape \[4\]/.test(e.message),
    );
    assert.is(simd.memoryGuardReport().strayWrites, reportBefore + 1);
    // The failed kernel's output was freed, not leaked, and later kernels see whole red zones.
    assert.is(backend.wasm.guard.liveBlocks, liveBefore);
    assert.is(backend.numDataIds(), 0);
  }
  const fine = simdKernel('InBounds', (b) => {
    const out = b.makeOutput([4], 'float32');
    b.wasm.f32(b.ptr(out), 4).fill(2);
    return out;
  });
  const out = run(fine, backend);
  assert.equal(Array.from(/** @type {Float32Array} */ (backend.readSync(out.dataId))), [2, 2, 2, 2]);
  backend.disposeData(out.dataId);
  backend.dispose();
});

test('guarded memory: empty tensors get a real guarded block, so a write into one is caught', async () => {
  const backend = await guardedBackend();
  const kernel = simdKernel('WritesIntoEmpty', (b) => {
    const out = b.makeOutput([0, 3], 'int32');
    b.wasm.i32(b.ptr(out), 1)[0] = 7;
    return out;
  });
  assert.throws(
    () => run(kernel, backend),
    /'WritesIntoEmpty' wrote outside its memory.*int32 tensor of shape \[0,3\]/,
  );
  backend.dispose();
});

test('a WebAssembly trap in a kernel: the allocator is checked, outputs freed, and the backend stays usable', async () => {
  const backend = await guardedBackend();
  const trapping = simdKernel('Traps', (b) => {
    b.makeOutput([16], 'float32');
    // A fill past the end of linear memory: an out-of-bounds trap, the way a wrong pointer would trap.
    b.wasm.kernels.layout_fill(b.wasm.memory.buffer.byteLength + 4096, 1024, 4, 0, 0);
    throw new Error('unreachable: the fill above traps');
  });
  assert.throws(
    () => run(trapping, backend),
    (e) =>
      /kernel 'Traps' trapped in WebAssembly/.test(e.message) &&
      /stays usable/.test(e.message) &&
      e.cause instanceof WebAssembly.RuntimeError,
  );
  assert.is(backend.numDataIds(), 0);
  const x = backend.makeTensorInfo([3], 'float32', new Float32Array([1, 2, 3]));
  assert.equal(Array.from(/** @type {Float32Array} */ (backend.readSync(x.dataId))), [1, 2, 3]);
  backend.disposeData(x.dataId);
  backend.dispose();
});

test('a trap after a stray write leaves the backend clearly unusable, not failing at random later', async () => {
  const backend = await guardedBackend();
  const victim = backend.makeTensorInfo([4], 'float32', new Float32Array(4));
  const corrupting = simdKernel('CorruptsThenTraps', (b) => {
    b.wasm.f32(b.ptr(victim) - 8, 2).fill(-1); // into the victim's leading red zone
    b.wasm.kernels.layout_fill(b.wasm.memory.buffer.byteLength + 4096, 1024, 4, 0, 0);
    return victim;
  });
  assert.throws(() => run(corrupting, backend), /CorruptsThenTraps' trapped .*red zones were found changed.*unusable/);
  assert.throws(
    () => run(strayKernel(0), backend),
    /Backend 'simd' is unusable: kernel 'CorruptsThenTraps' trapped.*tf\.engine\(\)\.reset\(\)/,
  );
  assert.throws(() => backend.makeTensorInfo([2], 'float32', new Float32Array(2)), /is unusable/);
  backend.dispose();
});

test('TFJS_SIMD_GUARD_MEMORY turns guarded memory on for the shared backend (npm test sets it)', async () => {
  const wanted = Boolean(process.env.TFJS_SIMD_GUARD_MEMORY);
  assert.is(simd.memoryGuardReport().enabled, wanted);
  await onBackend('simd', () => assert.is(simdBackend().wasm.guard != null, wanted));
});

test.run();
