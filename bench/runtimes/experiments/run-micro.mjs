// Micro-kernel formulations of microkernel.ts (or any module with macro_* exports) on this runtime:
// `node|deno run -A|bun run-micro.mjs micro.wasm [mc nc depth]` (default one 128×256 block of A, 256 deep:
// what a 256³ product sweeps per block). CPU-time GFLOPS, packing excluded.
import { readFileSync } from 'node:fs';
import { best, fmt, gflopsSlices, median, runtimeName } from './cpu-time.mjs';

const args = globalThis.Deno ? Deno.args : process.argv.slice(2);
const [mc, nc, depth] = args.length > 1 ? args.slice(1, 4).map(Number) : [128, 256, 256];
const { instance } = await WebAssembly.instantiate(readFileSync(args[0]), {
  env: {
    abort() {
      throw new Error('abort');
    },
  },
});
const k = instance.exports;
const base = k.memory.buffer.byteLength;
const aBytes = mc * depth * 4,
  bBytes = nc * depth * 4 * 1.5,
  cBytes = mc * nc * 4; // B room for NR=12 padding
k.memory.grow(Math.ceil((aBytes + bBytes + cBytes) / 65536) + 1);
const pA = base,
  pB = pA + aBytes,
  c = pB + bBytes;
const f32 = new Float32Array(k.memory.buffer);
for (let i = 0; i < (aBytes + bBytes) / 4; i++) f32[pA / 4 + i] = Math.sin(i);
console.log(runtimeName(), `block ${mc}×${nc}×${depth}`);
const results = {};
for (const [name, fn] of Object.entries(k)) {
  if (!name.startsWith('macro_')) continue;
  const call = () => fn(mc, nc, depth, pA, pB, c, nc * 4);
  for (let i = 0; i < 5; i++) call();
  const g = gflopsSlices(call, 2 * mc * nc * depth, { slices: 9 });
  results[name] = f32.slice(c / 4, c / 4 + 8).join(',');
  console.log(`${name.slice(6).padEnd(14)} median ${median(g).toFixed(1)} best ${best(g).toFixed(1)} | ${fmt(g)}`);
}
if (new Set(Object.values(results)).size > 1) console.log('results differ between variants!', results);
