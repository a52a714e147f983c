// Runs a planned reduction: the empty cases, and the chain of WASM calls with intermediates between them.
import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import type { ReductionPlan, ReductionStep } from './plan.js';

export interface ReductionSpec {
  dtype: DataType;
  /** Every output element when the reduced axes hold no element (what tfjs-backend-cpu returns then). */
  emptyValue: number;
  /** Reduces `src` into `dst` (byte offsets); `last` is the call that writes the output. */
  run: (src: number, dst: number, step: ReductionStep, last: boolean) => void;
}

export function runReduction(
  backend: SimdBackend,
  x: TensorInfo,
  plan: ReductionPlan,
  keepDims: boolean,
  spec: ReductionSpec,
): TensorInfo {
  const shape = keepDims ? plan.keepDimsShape : plan.outShape;
  backend.ptr(x); // first: a disposed input throws here, before an output is allocated that nothing would free
  const out = backend.makeOutput(shape, spec.dtype);
  if (plan.outSize === 0) return out;
  if (plan.reduceSize === 0) {
    backend.view(out.dataId).fill(spec.emptyValue);
    return out;
  }
  let src: TensorInfo = x;
  const { steps } = plan;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const last = i === steps.length - 1;
    const dst = last ? out : backend.makeOutput([step.outer * step.inner], spec.dtype);
    spec.run(backend.ptr(src), backend.ptr(dst), step, last);
    if (src !== x) backend.disposeIntermediateTensorInfo(src);
    src = dst;
  }
  return out;
}
