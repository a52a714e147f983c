// @ts-check
// Runs one fuzz case on 'cpu' and on 'simd' and compares forward values, gradients, errors and leaks.
import * as tf from '@tensorflow/tfjs'; // registers the gradients tfjs-core's Node build lacks
import '../../dist/index.js';
import { randomValues, rng } from '../helpers/random.mjs';
import { size } from '../helpers/shapes.mjs';
import { firstDifference } from './compare.mjs';

export { tf };

/** Counts since the last reset: cases run, and cases where both backends threw (the same error). */
export const stats = { cases: 0, bothThrew: 0, withGradients: 0 };

export function resetStats() {
  Object.assign(stats, { cases: 0, bothThrew: 0, withGradients: 0 });
}

function makeTensor({ values, shape, dtype }) {
  return tf.tensor(values, shape, dtype);
}

/**
 * How an op's condition is measured: the op applied to mapped inputs (and |dy|). 'abs' maps x to |x| (non-finite
 * to 0), which bounds the rounding of a sum ('magnitude'); an 'overflow' scale only flags float32 overflow.
 */
const ABS_SCALE = { map: (v) => (Number.isFinite(v) ? Math.abs(v) : 0), use: 'magnitude' };

/** Every element judged relative to the largest finite |value| of its output (chains of ops, where one step cancels). */
const OUTPUT_MAX_SCALE = { fromReference: true, use: 'magnitude' };

function scaleSpec(op, key) {
  const spec = op[key] ?? (key === 'gradScale' ? op.scale : undefined);
  return spec === 'abs' ? ABS_SCALE : spec === 'outputMax' ? OUTPUT_MAX_SCALE : spec;
}

/** The largest finite |value| of a result (at least `floor`), repeated for each element. */
function maxFinite(result, floor = 0) {
  if (!result) return undefined;
  let m = floor;
  for (const v of result.values) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  return { values: result.values.map(() => m) };
}

function mapValues(desc, map) {
  return desc.dtype === 'bool' ? desc : { ...desc, values: desc.values.map(map) };
}

/**
 * A scale spelled as its own function of the inputs, on the active backend: forward scales from `fn`, gradient
 * scales (one per differentiated input) from `gradFn`, which also gets |dy|.
 */
function scaleOf(spec, c) {
  return tf.tidy(() => {
    const tensors = c.inputs.map(makeTensor);
    try {
      if (!spec.gradFn) return { forward: [read(spec.fn(tensors, c.params))] };
      const outShape = single(spec.outputOf(tensors, c.params)).shape;
      return { grads: spec.gradFn(tensors, c.params, tf.abs(cotangent(outShape, c.dySeed))).map(read) };
    } catch {
      return { forward: [] };
    }
  });
}

/** Per-element scale values for the comparison: magnitudes, or 0/Infinity for an overflow check. */
function scaleValues(result, spec) {
  if (!result || !spec) return undefined;
  return spec.use === 'overflow'
    ? result.values.map((v) => (Math.abs(v) <= 3.4028234663852886e38 ? 0 : Infinity))
    : result.values;
}

function asList(out) {
  return Array.isArray(out) ? out : [out];
}

/** The op as one differentiable tensor: several outputs are flattened and concatenated. */
function single(out) {
  const outs = asList(out);
  if (outs.length === 1) return outs[0];
  if (outs.length === 0) return tf.zeros([0]);
  return tf.concat(outs.map((o) => tf.reshape(o, [-1])));
}

function read(t) {
  return { shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync()) };
}

/** Seeded dy of ordinary magnitude (mulberry32), the same on both backends. */
function cotangent(shape, seed) {
  return tf.tensor(randomValues(size(shape), rng(seed), -2, 2), shape);
}

/** Indices of the inputs gradients are taken for: float32 ones unless the op names them. */
function gradInputs(op, inputs, params) {
  if (op.grad === false || (typeof op.grad === 'function' && !op.grad(params, inputs))) return [];
  const float = inputs.map((d, i) => (d.dtype === 'float32' ? i : -1)).filter((i) => i >= 0);
  return op.gradInputs ? op.gradInputs.filter((i) => float.includes(i)) : float;
}

/** tf.memory(), with the WASM bytes when 'simd' is active. */
const memory = () => /** @type {import('../../dist/index.js').SimdMemoryInfo} */ (tf.memory());

/** evaluate(), with the tensors and WASM bytes it left behind. */
function evaluate(op, c, inputs = c.inputs, dyAbs = false) {
  const before = memory();
  // The reference may spell the op differently where tfjs-backend-cpu itself is wrong (documented per op).
  const run = tf.getBackend() === 'cpu' && op.cpuRun ? op.cpuRun : op.run;
  const result = evaluateInTidy({ ...op, run }, c, inputs, dyAbs);
  const after = memory();
  return {
    ...result,
    leakedTensors: after.numTensors - before.numTensors,
    leakedBytes: (after.numBytesInWasm ?? 0) - (before.numBytesInWasm ?? 0),
  };
}

/** Forward outputs and, where defined, gradients of one case on the active backend; errors are results too. */
function evaluateInTidy(op, c, inputs, dyAbs) {
  return tf.tidy(() => {
    const tensors = inputs.map(makeTensor);
    let forward;
    try {
      forward = asList(op.run(tensors, c.params)).map(read);
    } catch (e) {
      return { error: e.message };
    }
    const wrt = gradInputs(op, inputs, c.params);
    if (wrt.length === 0 || forward.some((o) => o.dtype !== 'float32')) return { forward };
    const f = (...xs) => {
      const all = [...tensors];
      wrt.forEach((k, j) => {
        all[k] = xs[j];
      });
      return single(op.run(all, c.params));
    };
    let grads;
    try {
      const outShape = single(op.run(tensors, c.params)).shape;
      const dy = dyAbs ? tf.abs(cotangent(outShape, c.dySeed)) : cotangent(outShape, c.dySeed);
      grads = tf
        .grads(f)(
          wrt.map((k) => tensors[k]),
          dy,
        )
        .map(read);
    } catch (e) {
      return { forward, gradError: e.message };
    }
    return { forward, grads, wrt };
  });
}

async function on(backend, fn) {
  if (tf.getBackend() !== backend) await tf.setBackend(backend);
  return fn();
}

/** The scale results ({ forward, grads }) a comparison is judged against, computed on 'cpu'. */
function referenceScale(op, spec, c, expected) {
  if (spec.fromReference) {
    // A chain that cancels (centre, then sum) ends near 0 with the rounding of its inputs' magnitude.
    const inputMax = Math.max(0, ...c.inputs.map((d) => maxFinite({ values: d.values.map(Number) })?.values[0] ?? 0));
    const scaled = (r) => maxFinite(r, inputMax);
    return { forward: expected.forward?.map(scaled), grads: expected.grads?.map(scaled) };
  }
  if (spec.fn || spec.gradFn) return on('cpu', () => scaleOf({ outputOf: op.run, ...spec }, c));
  return on('cpu', () =>
    evaluate(
      op,
      c,
      c.inputs.map((d) => mapValues(d, spec.map)),
      true,
    ),
  );
}

/**
 * Compares one case: returns null when 'simd' agrees with 'cpu', else a description of the first difference.
 * `c` is { inputs: [{ shape, dtype, values }], params, dySeed }.
 */
export async function compareCase(op, c) {
  const expected = await on('cpu', () => evaluate(op, c));
  const forwardSpec = scaleSpec(op, 'scale');
  const gradSpec = scaleSpec(op, 'gradScale');
  const forwardScaleRun = forwardSpec ? await referenceScale(op, forwardSpec, c, expected) : null;
  const gradScaleRun =
    gradSpec === forwardSpec ? forwardScaleRun : gradSpec ? await referenceScale(op, gradSpec, c, expected) : null;
  const actual = await on('simd', () => evaluate(op, c));
  // tfjs-core itself strands tensors when a gradient function throws: simd may leak no more than cpu, unless
  // cpu stopped early on one of its own bugs (listed per op) and simd reached a later throw of tfjs-core's.
  const cpuStoppedOnItsBug = expected.error !== undefined && op.cpuBugs?.some((bug) => bug.test(expected.error));
  if (actual.leakedTensors > expected.leakedTensors && !(cpuStoppedOnItsBug && actual.gradError !== undefined)) {
    return `leaked ${actual.leakedTensors} tensors (cpu ${expected.leakedTensors})`;
  }
  const tfjsStrandedTensors = cpuStoppedOnItsBug && actual.gradError !== undefined;
  if (expected.leakedTensors === 0 && actual.leakedBytes !== 0 && !tfjsStrandedTensors) {
    return `leaked ${actual.leakedBytes} bytes of WASM memory`;
  }
  stats.cases++;
  // A known tfjs-backend-cpu bug (listed per op): cpu gives no reference to judge simd by.
  if (cpuStoppedOnItsBug) return null; // no reference: what simd returns or throws is tfjs-core's own doing
  if (expected.error !== undefined || actual.error !== undefined) {
    if (expected.error === actual.error) stats.bothThrew++;
    return expected.error === actual.error ? null : `error: simd '${actual.error}', cpu '${expected.error}'`;
  }
  if (expected.grads) stats.withGradients++;
  if (actual.forward.length !== expected.forward.length) {
    return `outputs: simd ${actual.forward.length}, cpu ${expected.forward.length}`;
  }
  for (let i = 0; i < expected.forward.length; i++) {
    const forwardScale = scaleValues(forwardScaleRun?.forward?.[i], forwardSpec);
    const diff = firstDifference(actual.forward[i], expected.forward[i], op.tol, forwardScale, `output ${i}`);
    if (diff) return diff;
  }
  // A composite reference may fail where a fused kernel does not (tfjs gradients of empty reductions).
  const referenceFailed = op.cpuGradMayThrow && expected.gradError !== undefined && actual.gradError === undefined;
  if (referenceFailed) return null;
  if (expected.gradError !== actual.gradError) {
    return `gradient error: simd '${actual.gradError}', cpu '${expected.gradError}'`;
  }
  for (let i = 0; i < (expected.grads?.length ?? 0); i++) {
    const gradScale = scaleValues(gradScaleRun?.grads?.[i], gradSpec);
    const diff = firstDifference(
      actual.grads[i],
      expected.grads[i],
      op.gradTol ?? op.tol,
      gradScale,
      `gradient of input ${expected.wrt[i]}`,
    );
    if (diff) return diff;
  }
  return null;
}
