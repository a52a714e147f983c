// The models for Cloudflare Workers (the 'workerd' export condition of 'tfjs-backend-simd/models'): the same
// models, with the backend of the workers entry (kernels imported as precompiled .wasm modules).
import '../workers.js';

export * from './index.js';
