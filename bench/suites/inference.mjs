// Inference latency: a VAE (784-500-20, Bernoulli decoder) encodes a batch and decodes the posterior mean,
// at batch 1 (one request) and batch 100, result read back.
import { vaeInference } from '../workloads.mjs';

export default async function inference(ctx) {
  const { tf, backends } = ctx;
  const { VAE } = await import('../../dist/models/index.js');
  for (const batch of [1, 100]) {
    for (const backend of backends) {
      await ctx.use(backend);
      const model = vaeInference(tf, VAE, 'bernoulli', batch);
      const sampling = backend === 'cpu' && batch > 1 ? { warmup: 1, warmupMs: 0, runs: ctx.quick ? 1 : 3, minMs: 0 } : {};
      await ctx.measure(`VAE encode+decode, batch ${batch}`, model.run, { backend, ...sampling });
      model.dispose();
    }
  }
}
