// The models. Importing them registers the 'simd' backend too, so that this entry works alone. Importing
// tfjs-layers registers tfjs-core's gradients, which tfjs-core's Node build lacks.
import '../index.js';
import '@tensorflow/tfjs-layers';

// The seeded generator the models shuffle with, for data pipelines that replay by seed.
export { mulberry32 } from '../data/random.js';
export type { AnomalyDetectorConfig, DetectorFitOptions, DetectorModel } from './anomaly_detector.js';
export { AnomalyDetector } from './anomaly_detector.js';
export type { ModelStore } from './artifacts.js';
export { quantile, rocAuc } from './metrics.js';
export type { MLPFitOptions, MLPRegressorConfig } from './mlp_regressor.js';
export { MLPRegressor } from './mlp_regressor.js';
export type { DecoderKind, VAEConfig, VAEFitOptions, VAEHistory, VAENetworks } from './vae.js';
export { VAE } from './vae.js';
