// Kernels of this family are re-exported here, one file each.
export * from './gaussian';
export * from './kl';
export * from './reparameterize';
export * from './sigmoid_cross_entropy';
export * from './softmax_cross_entropy';
export * from './pairwise_squared_error';
export * from './bernoulli';
