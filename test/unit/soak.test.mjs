// @ts-check
// A short soak: 1,000 VAE training steps on 'simd' leave tensors, bytes and the WASM heap where they were
// after warm-up (`npm run soak` runs 10,000 steps).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { soak } from '../fuzz/soak_run.mjs';

for (const decoder of /** @type {import('../../dist/models/index.js').DecoderKind[]} */ (['bernoulli', 'gaussian'])) {
  test(`1,000 VAE steps (${decoder} decoder): no growth after 100 warm-up steps, memory sampled every 100`, async () => {
    const { samples, growth, firstElbo, lastElbo } = await soak({ steps: 1000, every: 100, decoder });
    assert.is(samples.length, 11);
    assert.equal(
      growth,
      { numTensors: 0, numBytes: 0, numBytesInWasm: 0, wasmMemoryBytes: 0 },
      JSON.stringify(samples),
    );
    assert.ok(Number.isFinite(lastElbo) && lastElbo > firstElbo, `ELBO improved: ${firstElbo} -> ${lastElbo}`);
  });
}

test.run();
