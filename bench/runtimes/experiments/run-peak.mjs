// Peak-loop formulations of peak.ts on this runtime: `node|deno run -A|bun run-peak.mjs peak.wasm [iterations]`.
import { readFileSync } from 'node:fs';
import { best, fmt, gflopsSlices, median, runtimeName } from './cpu-time.mjs';

const [file, iterArg] = globalThis.Deno ? Deno.args : process.argv.slice(2);
const iterations = Number(iterArg ?? 20000);
const { instance } = await WebAssembly.instantiate(readFileSync(file), {
  env: {
    abort() {
      throw new Error('abort');
    },
  },
});
const flopsPer = { peak8: 64 };
console.log(runtimeName(), `iterations/call ${iterations}`);
for (const [name, fn] of Object.entries(instance.exports)) {
  if (typeof fn !== 'function') continue;
  const flops = (flopsPer[name] ?? 96) * iterations;
  fn(1000, 1); // first call, then slices (tier-up happens between calls)
  const g = gflopsSlices(() => fn(iterations, 1), flops);
  console.log(`${name.padEnd(12)} best ${best(g).toFixed(1)} median ${median(g).toFixed(1)} | ${fmt(g)}`);
}
