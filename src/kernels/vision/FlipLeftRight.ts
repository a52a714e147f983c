import {
  FlipLeftRight,
  type FlipLeftRightInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { layoutOnCpu } from '../layout/fallback.js';
import { reverse } from '../layout/Reverse.js';

/** Images [batch, height, width, channels] mirrored left to right: the width axis reversed, pixels kept whole. */
export function flipLeftRight(args: KernelArgs<FlipLeftRightInputs, NoAttrs>): TensorInfo {
  const {
    inputs: { image },
    backend,
  } = args;
  if (image.shape.length !== 4 || image.dtype === 'string') return layoutOnCpu(FlipLeftRight, args) as TensorInfo;
  return reverse({ inputs: { x: image }, attrs: { dims: [2] }, backend });
}

export const flipLeftRightConfig: KernelConfig = {
  kernelName: FlipLeftRight,
  backendName: 'simd',
  kernelFunc: flipLeftRight as unknown as KernelFunc,
};
