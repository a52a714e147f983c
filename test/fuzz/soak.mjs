// @ts-check
// npm run soak: 10,000 VAE training steps on 'simd', then 10,000 replays of a compiled VAE step; tf.memory()
// every 500 steps must not grow after warm-up, and guarded memory (when on) must catch no stray write.
//   node test/fuzz/soak.mjs [--steps 10000] [--every 500]
import { parseArgs } from 'node:util';
import { memoryGuardReport } from '../../dist/index.js';
import { soak, soakCompiled } from './soak_run.mjs';

const { values: args } = parseArgs({
  options: { steps: { type: 'string', default: '10000' }, every: { type: 'string', default: '500' } },
});
const steps = Number(args.steps);
const every = Number(args.every);
/** @type {Array<[string, typeof soak]>} */
const runs = [
  ['VAE.fit', soak],
  ['compiled step (simd.compile)', soakCompiled],
];
for (const [label, run] of runs) {
  const started = Date.now();
  const result = await run({ steps, every });
  console.log(`${label}:`);
  console.log('step    numTensors  numBytes  numBytesInWasm  wasmMemoryBytes');
  for (const s of result.samples) {
    console.log(
      `${String(s.step).padStart(6)}  ${String(s.numTensors).padStart(10)}  ${String(s.numBytes).padStart(8)}  ${String(s.numBytesInWasm).padStart(14)}  ${String(s.wasmMemoryBytes).padStart(15)}`,
    );
  }
  console.log(
    `ELBO ${result.firstElbo.toFixed(3)} (first) -> ${result.lastElbo.toFixed(3)} (last), ${((Date.now() - started) / 1000).toFixed(1)} s` +
      (result.replays != null ? `, ${result.replays} replays` : ''),
  );
  console.log(`growth after warm-up (step ${every}): ${JSON.stringify(result.growth)}`);
  const guard = memoryGuardReport();
  console.log(`guarded memory: ${guard.enabled ? `on, ${guard.strayWrites} stray writes` : 'off'}`);
  const grew = Object.entries(result.growth).filter(([, g]) => g > 0);
  if (grew.length || !Number.isFinite(result.lastElbo) || guard.strayWrites > 0) {
    console.log(
      `FAIL: ${grew.map(([k, g]) => `${k} +${g}`).join(', ') || (guard.strayWrites ? guard.last : 'ELBO not finite')}`,
    );
    process.exitCode = 1;
  } else {
    console.log('ok: no growth');
  }
}
