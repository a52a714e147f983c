// Native kernels of the 'conv' family (assembly/conv/): one config per file in this folder.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { avgPoolConfig } from './AvgPool.js';
import { avgPool3DConfig } from './AvgPool3D.js';
import { avgPool3DGradConfig } from './AvgPool3DGrad.js';
import { avgPoolGradConfig } from './AvgPoolGrad.js';
import { conv2DConfig } from './Conv2D.js';
import { conv2DBackpropFilterConfig } from './Conv2DBackpropFilter.js';
import { conv2DBackpropInputConfig } from './Conv2DBackpropInput.js';
import { conv3DConfig } from './Conv3D.js';
import { conv3DBackpropFilterV2Config } from './Conv3DBackpropFilterV2.js';
import { conv3DBackpropInputV2Config } from './Conv3DBackpropInputV2.js';
import { depthwiseConv2dNativeConfig } from './DepthwiseConv2dNative.js';
import { depthwiseConv2dNativeBackpropFilterConfig } from './DepthwiseConv2dNativeBackpropFilter.js';
import { depthwiseConv2dNativeBackpropInputConfig } from './DepthwiseConv2dNativeBackpropInput.js';
import { fusedConv2DConfig } from './FusedConv2D.js';
import { fusedDepthwiseConv2DConfig } from './FusedDepthwiseConv2D.js';
import { maxPoolConfig } from './MaxPool.js';
import { maxPool3DConfig } from './MaxPool3D.js';
import { maxPool3DGradConfig } from './MaxPool3DGrad.js';
import { maxPoolGradConfig } from './MaxPoolGrad.js';

export const convKernels: KernelConfig[] = [
  conv2DConfig,
  fusedConv2DConfig,
  conv2DBackpropInputConfig,
  conv2DBackpropFilterConfig,
  depthwiseConv2dNativeConfig,
  fusedDepthwiseConv2DConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  maxPoolConfig,
  maxPoolGradConfig,
  avgPoolConfig,
  avgPoolGradConfig,
  conv3DConfig,
  conv3DBackpropInputV2Config,
  conv3DBackpropFilterV2Config,
  maxPool3DConfig,
  maxPool3DGradConfig,
  avgPool3DConfig,
  avgPool3DGradConfig,
];
