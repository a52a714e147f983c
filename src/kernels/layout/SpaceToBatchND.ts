import {
  backend_util,
  type KernelConfig,
  type KernelFunc,
  SpaceToBatchND,
  type SpaceToBatchNDAttrs,
  type SpaceToBatchNDInputs,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { layoutOnCpu } from './fallback.js';
import { padV2 } from './PadV2.js';
import { reshape } from './Reshape.js';
import { transpose } from './Transpose.js';

/**
 * The spatial blocks of x moved into the batch (dilated convolutions): x padded, viewed with each spatial axis
 * split into (outer, block), the block axes moved in front of the batch, flattened; native pad and transpose.
 */
export function spaceToBatchND(args: KernelArgs<SpaceToBatchNDInputs, SpaceToBatchNDAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { blockShape, paddings },
    backend,
  } = args;
  if (x.dtype === 'string' || x.dtype === 'complex64') return layoutOnCpu(SpaceToBatchND, args) as TensorInfo;
  const prod = util.sizeFromShape(blockShape);
  const completePaddings: Array<[number, number]> = [[0, 0], ...(paddings as Array<[number, number]>)];
  for (let i = 1 + blockShape.length; i < x.shape.length; ++i) completePaddings.push([0, 0]);
  const padded = padV2({ inputs: { x }, backend, attrs: { paddings: completePaddings, constantValue: 0 } });
  const split = reshape({
    inputs: { x: padded },
    backend,
    attrs: { shape: backend_util.getReshaped(padded.shape, blockShape, prod, false) },
  });
  const moved = transpose({
    inputs: { x: split },
    backend,
    attrs: { perm: backend_util.getPermuted(split.shape.length, blockShape.length, false) },
  });
  const result = reshape({
    inputs: { x: moved },
    backend,
    attrs: { shape: backend_util.getReshapedPermuted(padded.shape, blockShape, prod, false) },
  });
  for (const t of [padded, split, moved]) backend.disposeIntermediateTensorInfo(t);
  return result;
}

export const spaceToBatchNDConfig: KernelConfig = {
  kernelName: SpaceToBatchND,
  backendName: 'simd',
  kernelFunc: spaceToBatchND as unknown as KernelFunc,
};
