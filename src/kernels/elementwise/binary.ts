// Binary element-wise kernels with tfjs broadcasting: one native WASM export per input dtype,
// tfjs-backend-cpu for the dtypes without one (and for mixed dtypes, which tfjs ops never send).
import {
  backend_util,
  type DataType,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import { type PreparedKernel, withPrepare } from '../../backend/prepared_kernel.js';
import { splitMayPay } from '../../threads/split_policy.js';
import { elementwiseSweep, SWEEP_SPLIT } from '../../threads/sweep.js';
import { MAX_BROADCAST_DIMS } from '../../wasm/constants.generated.js';
import type { ExportTaking } from '../../wasm/export_types.js';
import type { KernelArgs } from '../kernel_args.js';
import { type BroadcastDim, type BroadcastPlan, planBroadcast } from './broadcast.js';
import { SPLITTABLE_EXPORTS } from './splittable.generated.js';

/** An element-wise binary export: (a, b, out, inner, aInc, bInc, outerDims, meta). */
export type BinaryExport = ExportTaking<8>;

/** WASM export names of one op, by input dtype. */
export type ExportsByDtype<name extends string> = Partial<Record<DataType, name>>;

export interface BinaryOptions {
  /** The output dtype when it is not the inputs' (comparisons give 'bool'). */
  outDtype?: DataType;
  /** The two inputs' names, in the order the export takes them. */
  inputNames?: [string, string];
}

/** Runs export `exportName` on a and b broadcast against each other; returns the new output. */
export function runBinary(
  backend: SimdBackend,
  exportName: BinaryExport,
  a: TensorInfo,
  b: TensorInfo,
  outDtype: DataType,
): TensorInfo {
  // Same shapes (most ops in training) are one contiguous row: no broadcast check, no plan to build.
  if (util.arraysEqual(a.shape, b.shape)) return runSameShape(backend, exportName, a, b, outDtype);
  const outShape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  // Inputs first: a disposed input throws here, before an output is allocated that nothing would free.
  const aPtr = backend.ptr(a);
  const bPtr = backend.ptr(b);
  if (util.sizeFromShape(outShape) === 0) return backend.makeOutput(outShape, outDtype);
  const { inner, aInc, bInc, outer } = planBroadcast(a.shape, b.shape, outShape);
  if (outer.length === 0) {
    // One row (an operand broadcast along all of it, a scalar say): a sweep, which may be split.
    const out = backend.makeOutput(outShape, outDtype);
    sweepRow(backend, exportName, aPtr, bPtr, backend.ptr(out), inner, aInc, bInc);
    return out;
  }
  const out = backend.makeOutput(outShape, outDtype);
  sweepRows(backend, exportName, aPtr, bPtr, backend.ptr(out), { inner, aInc, bInc, outer });
  return out;
}

/** The export over rows of `inner` outputs, the outer dimensions (in linear memory for the call) stepping a and b. */
function sweepRows(
  backend: SimdBackend,
  exportName: BinaryExport,
  a: number,
  b: number,
  out: number,
  { inner, aInc, bInc, outer }: BroadcastPlan,
): void {
  const { wasm } = backend;
  if (outer.length > MAX_BROADCAST_DIMS)
    throw new Error(
      `Backend 'simd': a broadcast over ${outer.length + 1} dimensions exceeds ${MAX_BROADCAST_DIMS + 1}.`,
    );
  const meta = wasm.kernels.elementwise_broadcast_dims();
  writeOuterDims(wasm.staticI32(meta, 3 * MAX_BROADCAST_DIMS), outer);
  wasm.kernels[exportName](a, b, out, inner, aInc, bInc, outer.length, meta);
}

/** runBinary for inputs of one shape: what planBroadcast would plan, one row over every element. */
function runSameShape(
  backend: SimdBackend,
  exportName: BinaryExport,
  a: TensorInfo,
  b: TensorInfo,
  outDtype: DataType,
): TensorInfo {
  const out = backend.makeOutput(a.shape.slice(), outDtype);
  const size = util.sizeFromShape(a.shape);
  if (size > 0) sweepRow(backend, exportName, backend.ptr(a), backend.ptr(b), backend.ptr(out), size, 1, 1);
  return out;
}

/** The export over one row of n outputs, a and b advancing by aInc and bInc (1, or 0 when broadcast). */
function sweepRow(
  backend: SimdBackend,
  exportName: BinaryExport,
  a: number,
  b: number,
  out: number,
  n: number,
  aInc: number,
  bInc: number,
): void {
  // Small sweeps (most ops) run whole: launched on a worker while JavaScript goes on (SimdWasm.launch).
  if (SPLITTABLE_EXPORTS.has(exportName) && splitMayPay(n, SWEEP_SPLIT)) {
    elementwiseSweep(backend.wasm, backend.threadPool, exportName, [a, b, out], n, [aInc, bInc, 0, 0], SWEEP_SPLIT, [
      aInc,
      bInc,
      1,
    ]);
  } else if (backend.wasm.launches(n)) {
    backend.wasm.launch(exportName, [a, b, out, n, aInc, bInc, 0, 0]);
  } else {
    backend.wasm.kernels[exportName](a, b, out, n, aInc, bInc, 0, 0);
  }
}

/** runBinary worked out once: the broadcast planned, to run on any buffers of these shapes. */
function prepareBinary(
  backend: SimdBackend,
  exportName: BinaryExport,
  a: TensorInfo,
  b: TensorInfo,
  outDtype: DataType,
): PreparedKernel | null {
  const outShape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  const plan: BroadcastPlan = util.arraysEqual(a.shape, b.shape)
    ? { inner: util.sizeFromShape(a.shape), aInc: 1, bInc: 1, outer: [] }
    : planBroadcast(a.shape, b.shape, outShape);
  const { inner, aInc, bInc, outer } = plan;
  const size = util.sizeFromShape(outShape);
  return {
    reads: [a, b],
    outputs: [{ shape: outShape, dtype: outDtype }],
    run: (p) => {
      if (size === 0) return;
      if (outer.length === 0) sweepRow(backend, exportName, p[0], p[1], p[2], inner, aInc, bInc);
      else sweepRows(backend, exportName, p[0], p[1], p[2], plan);
    },
  };
}

/** Writes the outer dimensions as [size, aStride, bStride] int32 triples (into the kernels' block for them). */
function writeOuterDims(words: Int32Array, outer: BroadcastDim[]): void {
  for (let d = 0; d < outer.length; d++) {
    words[3 * d] = outer[d].size;
    words[3 * d + 1] = outer[d].aStride;
    words[3 * d + 2] = outer[d].bStride;
  }
}

/** A 'simd' kernel config for a binary op; inputs of other dtypes run on tfjs-backend-cpu. */
export function binaryKernelConfig(
  kernelName: string,
  exports: ExportsByDtype<BinaryExport>,
  { outDtype, inputNames = ['a', 'b'] }: BinaryOptions = {},
): KernelConfig {
  const operands = (args: KernelArgs<Record<string, TensorInfo>>) => {
    const a = args.inputs[inputNames[0]];
    const b = args.inputs[inputNames[1]];
    return { a, b, exportName: a.dtype === b.dtype ? exports[a.dtype] : undefined };
  };
  const kernelFunc = (args: KernelArgs<Record<string, TensorInfo>>): TensorInfo | TensorInfo[] => {
    const { a, b, exportName } = operands(args);
    if (exportName == null) return runOnCpu(kernelName, args as unknown as Parameters<KernelFunc>[0]);
    return runBinary(args.backend, exportName, a, b, outDtype ?? a.dtype);
  };
  const prepare = (args: KernelArgs<Record<string, TensorInfo>>): PreparedKernel | null => {
    const { a, b, exportName } = operands(args);
    return exportName == null ? null : prepareBinary(args.backend, exportName, a, b, outDtype ?? a.dtype);
  };
  return {
    kernelName,
    backendName: 'simd',
    kernelFunc: withPrepare(kernelFunc as unknown as KernelFunc, prepare as never),
  };
}
