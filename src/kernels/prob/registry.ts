// Native kernels of the 'prob' family (assembly/prob/): one config per file in this folder.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { bernoulliLogLikelihoodConfig } from './BernoulliLogLikelihood.js';
import { bernoulliLogLikelihoodGradConfig } from './BernoulliLogLikelihoodGrad.js';
import { gaussianLogLikelihoodConfig } from './GaussianLogLikelihood.js';
import { gaussianLogLikelihoodGradConfig } from './GaussianLogLikelihoodGrad.js';
import { klStandardNormalConfig } from './KlStandardNormal.js';
import { klStandardNormalGradConfig } from './KlStandardNormalGrad.js';
import { meanPairwiseSquaredErrorConfig } from './MeanPairwiseSquaredError.js';
import { meanPairwiseSquaredErrorGradConfig } from './MeanPairwiseSquaredErrorGrad.js';
import { reparameterizeConfig } from './Reparameterize.js';
import { reparameterizeGradConfig } from './ReparameterizeGrad.js';
import { sigmoidCrossEntropyWithLogitsConfig } from './SigmoidCrossEntropyWithLogits.js';
import { sigmoidCrossEntropyWithLogitsGradConfig } from './SigmoidCrossEntropyWithLogitsGrad.js';
import { softmaxCrossEntropyWithLogitsConfig } from './SoftmaxCrossEntropyWithLogits.js';
import { softmaxCrossEntropyWithLogitsGradConfig } from './SoftmaxCrossEntropyWithLogitsGrad.js';

export const probKernels: KernelConfig[] = [
  bernoulliLogLikelihoodConfig,
  bernoulliLogLikelihoodGradConfig,
  gaussianLogLikelihoodConfig,
  gaussianLogLikelihoodGradConfig,
  klStandardNormalConfig,
  klStandardNormalGradConfig,
  reparameterizeConfig,
  reparameterizeGradConfig,
  sigmoidCrossEntropyWithLogitsConfig,
  sigmoidCrossEntropyWithLogitsGradConfig,
  softmaxCrossEntropyWithLogitsConfig,
  softmaxCrossEntropyWithLogitsGradConfig,
  meanPairwiseSquaredErrorConfig,
  meanPairwiseSquaredErrorGradConfig,
];
