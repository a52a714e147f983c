// Public probabilistic ops: fused WASM kernels on 'simd', stock tfjs ops on every other backend.
import './gradients/register.js';

export type { BernoulliLogLikelihoodOptions } from './bernoulli_log_likelihood.js';
export { bernoulliLogLikelihood } from './bernoulli_log_likelihood.js';
export type { GaussianLogLikelihoodOptions } from './gaussian_log_likelihood.js';
export { gaussianLogLikelihood } from './gaussian_log_likelihood.js';
export { klStandardNormal } from './kl_standard_normal.js';
export { meanPairwiseSquaredError } from './mean_pairwise_squared_error.js';
export { reparameterize } from './reparameterize.js';
export { sigmoidCrossEntropyWithLogits } from './sigmoid_cross_entropy_with_logits.js';
export { softmaxCrossEntropyWithLogits } from './softmax_cross_entropy_with_logits.js';
