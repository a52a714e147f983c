// Unary element-wise kernels: one native WASM export per input dtype, tfjs-backend-cpu for the others.
import {
  type DataType,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import { type PreparedKernel, withPrepare } from '../../backend/prepared_kernel.js';
import { splitMayPay } from '../../threads/split_policy.js';
import { elementwiseSweep, SWEEP_SPLIT } from '../../threads/sweep.js';
import type { ExportTaking } from '../../wasm/export_types.js';
import type { KernelArgs } from '../kernel_args.js';
import type { ExportsByDtype } from './binary.js';
import { SPLITTABLE_EXPORTS } from './splittable.generated.js';

/** An element-wise unary export: (x, out, n, p0, p1). */
export type UnaryExport = ExportTaking<5>;

export interface UnaryOptions {
  /** The output dtype when it is not the input's (IsNan gives 'bool'). */
  outDtype?: DataType;
  /** The op's float attributes passed to the export (alpha, clip bounds). */
  params?: (attrs: NamedAttrMap) => [number, number?];
}

/** Runs export `exportName` over x's elements into a new output of shape x.shape. */
export function runUnary(
  backend: SimdBackend,
  exportName: UnaryExport,
  x: TensorInfo,
  outDtype: DataType,
  p0 = 0,
  p1 = 0,
): TensorInfo {
  const xPtr = backend.ptr(x); // first: a disposed input throws before the output is allocated
  const out = backend.makeOutput(x.shape, outDtype);
  const size = util.sizeFromShape(x.shape);
  if (size > 0) sweepUnary(backend, exportName, xPtr, backend.ptr(out), size, p0, p1);
  return out;
}

/** The export over n elements from x to out, split over threads when that pays. */
function sweepUnary(
  backend: SimdBackend,
  exportName: UnaryExport,
  x: number,
  out: number,
  n: number,
  p0: number,
  p1: number,
): void {
  // Small sweeps (most ops) run whole: launched on a worker while JavaScript goes on (SimdWasm.launch).
  if (SPLITTABLE_EXPORTS.has(exportName) && splitMayPay(n, SWEEP_SPLIT)) {
    elementwiseSweep(backend.wasm, backend.threadPool, exportName, [x, out], n, [p0, p1], SWEEP_SPLIT);
  } else if (backend.wasm.launches(n)) {
    backend.wasm.launch(exportName, [x, out, n, p0, p1]);
  } else {
    backend.wasm.kernels[exportName](x, out, n, p0, p1);
  }
}

/** A 'simd' kernel config for a unary op on input `x`; inputs of other dtypes run on tfjs-backend-cpu. */
export function unaryKernelConfig(
  kernelName: string,
  exports: ExportsByDtype<UnaryExport>,
  { outDtype, params }: UnaryOptions = {},
): KernelConfig {
  const exportOf = (x: TensorInfo) => exports[x.dtype];
  const kernelFunc = (args: KernelArgs<{ x: TensorInfo }>): TensorInfo | TensorInfo[] => {
    const { x } = args.inputs;
    const exportName = exportOf(x);
    if (exportName == null) return runOnCpu(kernelName, args as unknown as Parameters<KernelFunc>[0]);
    const [p0 = 0, p1 = 0] = params?.(args.attrs) ?? [];
    return runUnary(args.backend, exportName, x, outDtype ?? x.dtype, p0, p1);
  };
  const prepare = (args: KernelArgs<{ x: TensorInfo }>): PreparedKernel | null => {
    const { x } = args.inputs;
    const exportName = exportOf(x);
    if (exportName == null) return null;
    const [p0 = 0, p1 = 0] = params?.(args.attrs) ?? [];
    const size = util.sizeFromShape(x.shape);
    return {
      reads: [x],
      outputs: [{ shape: x.shape, dtype: outDtype ?? x.dtype }],
      run: (p) => {
        if (size > 0) sweepUnary(args.backend, exportName, p[0], p[1], size, p0, p1);
      },
    };
  };
  return {
    kernelName,
    backendName: 'simd',
    kernelFunc: withPrepare(kernelFunc as unknown as KernelFunc, prepare as never),
  };
}
