import {
  type KernelConfig,
  type KernelFunc,
  MirrorPad,
  type MirrorPadAttrs,
  type MirrorPadInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { elementAddress, stridedCopy } from './copy.js';
import { layoutOnCpu } from './fallback.js';
import { rowMajorStrides } from './geometry.js';

/**
 * x is copied into the interior, then the paddings of each axis k in turn are mirrored from the output
 * itself: a copy with a negative stride along k. Axes before k are already complete over their whole
 * extent and axes after k over their interior, which is exactly the region the mirror reads.
 * Along k, 'reflect' excludes the edge element and 'symmetric' repeats it.
 */
export function mirrorPad(args: KernelArgs<MirrorPadInputs, MirrorPadAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { paddings, mode },
    backend,
  } = args;
  if (x.dtype === 'string') return layoutOnCpu(MirrorPad, args) as TensorInfo;
  assertMirrorable(x.shape, paddings, mode);
  const outShape = paddings.map(([before, after], k) => before + x.shape[k] + after);
  const out = backend.makeOutput(outShape, x.dtype);
  const outStrides = rowMajorStrides(outShape);
  const at = (coords: number[]) =>
    elementAddress(
      backend,
      out,
      coords.reduce((sum, c, k) => sum + c * outStrides[k], 0),
    );
  const starts = paddings.map(([before]) => before);
  stridedCopy(backend, at(starts), backend.ptr(x), x.dtype, {
    shape: x.shape,
    srcStrides: rowMajorStrides(x.shape),
    dstStrides: outStrides,
  });
  const edge = mode === 'reflect' ? 0 : 1;
  for (let k = 0; k < outShape.length; k++) {
    const [before, after] = paddings[k];
    const end = before + x.shape[k];
    // Axes before k span the whole output, axes after k the interior.
    const region = outShape.map((n, j) => (j < k ? n : x.shape[j]));
    const origin = starts.map((s, j) => (j < k ? 0 : s));
    const mirror = (padStart: number, padExtent: number, firstSource: number) => {
      if (padExtent === 0) return;
      stridedCopy(backend, at(withCoord(origin, k, padStart)), at(withCoord(origin, k, firstSource)), x.dtype, {
        shape: withCoord(region, k, padExtent),
        srcStrides: outStrides.map((s, j) => (j === k ? -s : s)),
        dstStrides: outStrides,
      });
    };
    mirror(0, before, 2 * before - edge);
    mirror(end, after, end - 2 + edge);
  }
  return out;
}

/** tf.mirrorPad checks this; a direct runKernel call may not, and a mirror past the edge reads outside x. */
function assertMirrorable(shape: number[], paddings: Array<[number, number]>, mode: string): void {
  const limit = (d: number) => (mode === 'reflect' ? d - 1 : d);
  const axis = shape.findIndex(
    (d, k) => paddings[k] == null || !paddings[k].every((p) => Number.isInteger(p) && p >= 0 && p <= limit(d)),
  );
  if (axis >= 0 || paddings.length !== shape.length) {
    throw new Error(
      `mirrorPad: paddings ${JSON.stringify(paddings)} do not fit x of shape [${shape}] in ` +
        `'${mode}' mode: each must be between 0 and ${mode === 'reflect' ? 'the dimension - 1' : 'the dimension'}.`,
    );
  }
}

function withCoord(values: number[], k: number, value: number): number[] {
  const copy = values.slice();
  copy[k] = value;
  return copy;
}

export const mirrorPadConfig: KernelConfig = {
  kernelName: MirrorPad,
  backendName: 'simd',
  kernelFunc: mirrorPad as unknown as KernelFunc,
};
