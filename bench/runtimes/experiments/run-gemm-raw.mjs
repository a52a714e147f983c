// The project's gemm_f32 called straight on the module (no tfjs), per runtime:
// `node|deno run -A|bun run-gemm-raw.mjs <module.wasm> [size…]` (default build/simd.wasm, 256 512).
// Prints CPU-time GFLOPS per 50 ms slice and the slowest single call (stalls show there).
import { readFileSync } from 'node:fs';
import { best, cpuMs, fmt, gflopsSlices, median, runtimeName } from './cpu-time.mjs';

const args = globalThis.Deno ? Deno.args : process.argv.slice(2);
const file = args[0] ?? new URL('../../../build/simd.wasm', import.meta.url);
const sizes = args.length > 1 ? args.slice(1).map(Number) : [256, 512];
const { instance } = await WebAssembly.instantiate(readFileSync(file), {
  env: {
    abort() {
      throw new Error('abort');
    },
  },
});
const k = instance.exports;
console.log(runtimeName(), String(file).split('/').pop());
if (k.gemm_simd_peak) {
  const g = gflopsSlices(() => k.gemm_simd_peak(20000), 96 * 20000);
  console.log(`peak (module's own)   best ${best(g).toFixed(1)} | ${fmt(g)}`);
}
for (const n of sizes) {
  const bytes = n * n * 4;
  const a = k.alloc(bytes),
    b = k.alloc(bytes),
    c = k.alloc(bytes);
  const scratchBytes = k.gemm_f32_scratch_bytes(n),
    scratch = k.alloc(scratchBytes);
  const f32 = new Float32Array(k.memory.buffer);
  for (let i = 0; i < n * n; i++) {
    f32[a / 4 + i] = Math.sin(i);
    f32[b / 4 + i] = Math.cos(i);
  }
  const call = () => k.gemm_f32(n, n, n, a, n, 1, b, n, 1, c, n, 0, 0, 0, 0, 0, 0, 0, 0, scratch, scratchBytes);
  for (let i = 0; i < 3; i++) call();
  const g = gflopsSlices(call, 2 * n ** 3, { slices: 9, sliceMs: n >= 512 ? 150 : 50 });
  let worst = 0;
  for (let i = 0; i < 20; i++) {
    const c0 = cpuMs();
    call();
    worst = Math.max(worst, cpuMs() - c0);
  }
  console.log(
    `gemm ${n}³ NN  median ${median(g).toFixed(1)} best ${best(g).toFixed(1)} | ${fmt(g)} | slowest call ${worst.toFixed(1)} ms cpu`,
  );
  k.free?.(a);
  k.free?.(b);
  k.free?.(c);
  k.free?.(scratch);
}
