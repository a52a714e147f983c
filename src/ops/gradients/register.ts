// Gradient configs of the fused probabilistic kernels (registered once, when the ops are imported).
import { registerGradient } from '@tensorflow/tfjs-core';
import { bernoulliLogLikelihoodGradConfig } from './bernoulli_log_likelihood_grad.js';
import {
  sigmoidCrossEntropyWithLogitsGradConfig,
  softmaxCrossEntropyWithLogitsGradConfig,
} from './cross_entropy_grads.js';
import { gaussianLogLikelihoodGradConfig } from './gaussian_log_likelihood_grad.js';
import { klStandardNormalGradConfig } from './kl_standard_normal_grad.js';
import { meanPairwiseSquaredErrorGradConfig } from './mean_pairwise_squared_error_grad.js';
import { reparameterizeGradConfig } from './reparameterize_grad.js';

[
  bernoulliLogLikelihoodGradConfig,
  gaussianLogLikelihoodGradConfig,
  klStandardNormalGradConfig,
  reparameterizeGradConfig,
  sigmoidCrossEntropyWithLogitsGradConfig,
  softmaxCrossEntropyWithLogitsGradConfig,
  meanPairwiseSquaredErrorGradConfig,
].forEach(registerGradient);
