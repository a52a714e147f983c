// One runtime's speed figures, in CPU time (the machine is shared: process CPU time counts only the time this
// process ran). Runs under Node, Deno or Bun (`deno run -A bench/runtimes/probe.mjs`, `bun bench/runtimes/probe.mjs`);
// bench/runtimes/summary.mjs starts it under each and tabulates. For each kernel build the runtime validates:
//   peak       — bench/runtimes/peak_module.mjs (fastest slice: load can only slow a register-resident loop)
//   module peak — the kernels' own gemm_simd_peak (fastest slice), to compare with the probe above
//   256³, 512³ — tf.matMul on the 'simd' backend (median slice), and the slowest single call seen
//   VAE step  — one Adam step of the 784-500-20 VAE (batch 100, Bernoulli decoder), useful GFLOPS (median)
// `--quick` takes fewer and shorter slices; `--wasm-dir <dir>` runs the kernels of <dir>/simd.wasm and
// <dir>/simd-relaxed.wasm (e.g. built by experiments/build-variant.mjs) instead of the embedded ones.
// Prints one JSON line, prefixed with PROBE_PREFIX.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { VAE_SIZE, vaeStepFlops, vaeTrainStep } from '../workloads.mjs';
import { PEAK_FLOPS_PER_ITERATION, peakProbe } from './peak_module.mjs';
import { cpuMs, currentRuntime, exposeGc, runtimeLabel } from './runtime.mjs';

/** @typedef {import('../../dist/index.js').WasmBuild} WasmBuild */

export const PROBE_PREFIX = 'runtime-probe: ';

/** Calls fn for `sliceMs` of CPU time, `slices` times; per slice, CPU ms per call; and the slowest call. */
function cpuSlices(fn, { slices, sliceMs }) {
  const perCall = [];
  let slowest = 0;
  for (let s = 0; s < slices; s++) {
    const start = cpuMs();
    let calls = 0;
    for (let now = start; now - start < sliceMs || calls === 0; ) {
      fn();
      calls++;
      const after = cpuMs();
      slowest = Math.max(slowest, after - now);
      now = after;
    }
    perCall.push((cpuMs() - start) / calls);
  }
  return { perCall: perCall.sort((a, b) => a - b), slowest };
}

const median = (sorted) => sorted[sorted.length >> 1];

async function main() {
  const quick = process.argv.includes('--quick');
  exposeGc();
  const tf = await import('@tensorflow/tfjs-core');
  const simd = await import('../../dist/index.js');
  const { instantiateSimdWasm, supportsBuild } = await import('../../dist/wasm/module.js');
  const { VAE } = await import('../../dist/models/index.js');
  const wasmDir = process.argv.includes('--wasm-dir') ? process.argv[process.argv.indexOf('--wasm-dir') + 1] : null;
  if (wasmDir != null) {
    /** @type {Array<[WasmBuild, string]>} */
    const files = [
      ['simd', 'simd.wasm'],
      ['relaxed-simd', 'simd-relaxed.wasm'],
    ];
    for (const [build, file] of files) {
      const bytes = existsSync(join(wasmDir, file)) ? readFileSync(join(wasmDir, file)) : null;
      if (bytes != null && WebAssembly.validate(bytes)) simd.setWasmModule(new WebAssembly.Module(bytes), build);
    }
  }
  /** @type {WasmBuild[]} */
  const allBuilds = ['simd', 'relaxed-simd'];
  const builds = allBuilds.filter((b) => supportsBuild(b));
  const slices = quick ? 3 : 7;
  const rows = [];
  const add = (testCase, build, gflops, extra = {}) => rows.push({ case: testCase, build, gflops, ...extra });

  for (const build of builds) {
    const peak = await peakProbe(build === 'relaxed-simd');
    const iterations = 20_000;
    cpuSlices(() => peak(iterations, 1, 0.999), { slices: 1, sliceMs: 30 }); // warm-up, as below
    const peakRun = cpuSlices(() => peak(iterations, 1, 0.999), { slices: slices * 2, sliceMs: 30 });
    add('peak', build, (PEAK_FLOPS_PER_ITERATION * iterations) / peakRun.perCall[0] / 1e6);

    simd.setWasmBuild(build);
    const backend = new simd.SimdBackend(await instantiateSimdWasm());
    simd.setWasmBuild('auto');
    if (tf.findBackendFactory('simd') != null) tf.removeBackend('simd');
    tf.registerBackend('simd', () => backend, 3);
    await tf.setBackend('simd');
    const kernels = backend.wasm.kernels;
    cpuSlices(() => kernels.gemm_simd_peak(iterations), { slices: 1, sliceMs: 30 });
    const modulePeak = cpuSlices(() => kernels.gemm_simd_peak(iterations), { slices, sliceMs: 30 });
    add('module peak', build, (96 * iterations) / modulePeak.perCall[0] / 1e6);

    for (const n of [256, 512]) {
      const a = tf.randomUniform([n, n], -1, 1, 'float32', 13);
      const b = tf.randomUniform([n, n], -1, 1, 'float32', 17);
      const product = () => tf.matMul(a, b).dispose();
      cpuSlices(product, { slices: 1, sliceMs: quick ? 100 : 300 }); // warm-up: tier-up to the optimizing compiler
      globalThis.gc?.();
      const run = cpuSlices(product, { slices, sliceMs: n === 256 ? 60 : 150 });
      add(`matMul ${n}³`, build, (2 * n ** 3) / median(run.perCall) / 1e6, {
        slowestMs: run.slowest,
        msPerCall: median(run.perCall),
      });
      tf.dispose([a, b]);
    }

    const step = vaeTrainStep(tf, VAE, 'bernoulli');
    cpuSlices(step.run, { slices: 1, sliceMs: quick ? 100 : 300 });
    globalThis.gc?.();
    const run = cpuSlices(step.run, { slices, sliceMs: quick ? 60 : 150 });
    const flops = vaeStepFlops('bernoulli');
    add(
      `VAE step (${VAE_SIZE.inputDim}-${VAE_SIZE.hiddenUnits.join('-')}-${VAE_SIZE.latentDim}, batch ${VAE_SIZE.batch})`,
      build,
      flops / median(run.perCall) / 1e6,
      { slowestMs: run.slowest, msPerCall: median(run.perCall) },
    );
    step.dispose();
  }
  simd.setWasmBuild('auto');
  // What a plain `node` picks: Node 20 validates relaxed SIMD only behind the flag the summary passes it.
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  const relaxedByDefault = builds.includes('relaxed-simd') && (currentRuntime() !== 'node' || nodeMajor >= 22);
  const defaultBuild = relaxedByDefault ? 'relaxed-simd' : 'simd';
  console.log(
    PROBE_PREFIX + JSON.stringify({ runtime: currentRuntime(), label: runtimeLabel(), defaultBuild, wasmDir, rows }),
  );
}

const invokedAsScript =
  (globalThis.Deno?.mainModule ?? (process.argv[1] && new URL(`file://${process.argv[1]}`).href)) === import.meta.url;
if (invokedAsScript) await main();
