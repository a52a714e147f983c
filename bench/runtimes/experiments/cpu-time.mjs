// CPU-time helpers shared by the experiments: on a loaded machine, process CPU time counts only the
// time this process actually ran, so GFLOPS stay comparable across runs (it includes JIT threads' time,
// which only lowers figures).
import process from 'node:process';

export const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export const runtimeName = () =>
  globalThis.Deno ? `deno ${Deno.version.deno}` : globalThis.Bun ? `bun ${Bun.version}` : `node ${process.version}`;

/** Calls fn() repeatedly for `sliceMs` of CPU time, `slices` times; returns GFLOPS per slice. */
export function gflopsSlices(fn, flopsPerCall, { slices = 7, sliceMs = 50 } = {}) {
  const out = [];
  for (let r = 0; r < slices; r++) {
    const c0 = cpuMs();
    let calls = 0;
    while (cpuMs() - c0 < sliceMs) {
      fn();
      calls++;
    }
    out.push((flopsPerCall * calls) / (cpuMs() - c0) / 1e6);
  }
  return out;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
export const best = (xs) => Math.max(...xs);
export const fmt = (xs) => xs.map((x) => x.toFixed(1)).join(' ');
