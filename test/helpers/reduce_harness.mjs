// @ts-check
// Shared by the reduce tests: shapes, axis sets, and running one op on 'cpu' and 'simd' on the same values.
import { onBackend, simdBackend, simdMemory, tf } from './setup.mjs';

/** Shapes of rank 1–4 with the odd sizes 1, 3, 17, 255 on every axis position. */
export const SHAPES = [
  [1],
  [3],
  [17],
  [255],
  [1, 17],
  [17, 1],
  [3, 17],
  [17, 3],
  [255, 3],
  [3, 255],
  [3, 1, 17],
  [17, 3, 5],
  [1, 255, 3],
  [5, 17, 1],
  [2, 3, 5, 7],
  [3, 1, 17, 3],
  [1, 17, 3, 1],
  [2, 17, 3, 5],
];

/**
 * Every subset of the axes of a rank-r tensor in ascending order, every other one written with negative axes;
 * with `descending`, also every subset of two or more axes in descending order.
 */
export function axisSets(rank, { descending = false } = {}) {
  const sets = [];
  for (let mask = 0; mask < 1 << rank; mask++) {
    const axes = [];
    for (let d = 0; d < rank; d++) if (mask & (1 << d)) axes.push(d);
    sets.push(mask % 2 === 0 ? axes : axes.map((a) => a - rank));
    if (descending && axes.length > 1) sets.push([...axes].reverse());
  }
  return sets;
}

/**
 * Runs `op(tensor)` on 'cpu' and on `backend` ('simd' unless given); returns { cpu, simd } each with values,
 * shape, dtype.
 */
export async function onBoth(values, shape, dtype, op, backend = 'simd') {
  const run = (name) =>
    onBackend(name, async () => {
      const x = tf.tensor(values, shape, dtype);
      const y = op(x);
      const result = { values: await y.data(), shape: y.shape, dtype: y.dtype };
      tf.dispose([x, y]);
      return result;
    });
  return { cpu: await run('cpu'), simd: await run(backend) };
}

/** Asserts equal shapes and dtypes, and values equal bit for bit (NaN equals NaN, -0 equals 0). */
export function assertSame(cpu, simd, what) {
  if (JSON.stringify(cpu.shape) !== JSON.stringify(simd.shape) || cpu.dtype !== simd.dtype) {
    throw new Error(
      `${what}: got ${simd.dtype}${JSON.stringify(simd.shape)}, cpu ${cpu.dtype}${JSON.stringify(cpu.shape)}`,
    );
  }
  for (let i = 0; i < cpu.values.length; i++) {
    const a = simd.values[i];
    const e = cpu.values[i];
    if (!(a === e || (Number.isNaN(a) && Number.isNaN(e)))) {
      throw new Error(`${what}: index ${i}: got ${a}, cpu ${e}`);
    }
  }
}

/** Like assertSame, but values within atol[i] + rtol * |cpu| (atol per output element, or one number). */
export function assertNear(cpu, simd, { rtol, atol }, what) {
  assertSame({ ...cpu, values: [] }, { ...simd, values: [] }, what);
  if (cpu.values.length !== simd.values.length) throw new Error(`${what}: length differs`);
  for (let i = 0; i < cpu.values.length; i++) {
    const a = simd.values[i];
    const e = cpu.values[i];
    const tol = (typeof atol === 'number' ? atol : atol[i]) + rtol * Math.abs(e);
    const ok = Number.isNaN(e) ? Number.isNaN(a) : a === e || Math.abs(a - e) <= tol;
    if (!ok) throw new Error(`${what}: index ${i}: got ${a}, cpu ${e}, tolerance ${tol}`);
  }
}

/** Checks that `fn` leaves no tensor and no WASM byte allocated on 'simd'. */
export async function assertNoLeak(fn) {
  await onBackend('simd', async () => {
    const before = simdMemory();
    await fn();
    const after = simdMemory();
    if (after.numTensors !== before.numTensors || after.numBytesInWasm !== before.numBytesInWasm) {
      throw new Error(
        `leak: ${before.numTensors} -> ${after.numTensors} tensors, ` +
          `${before.numBytesInWasm} -> ${after.numBytesInWasm} bytes`,
      );
    }
  });
}

/** Runs the module's exported exp on float32 values, on backend `name`. */
export async function wasmExp(values, name = 'simd') {
  return onBackend(name, async () => {
    const backend = simdBackend();
    const x = tf.tensor1d(values);
    const out = backend.makeOutput([values.length], 'float32');
    backend.wasm.kernels.reduce_exp_f32(backend.ptr(x), backend.ptr(out), values.length);
    const result = Float32Array.from(/** @type {Float32Array} */ (backend.readSync(out.dataId)));
    backend.disposeIntermediateTensorInfo(out);
    x.dispose();
    return result;
  });
}
