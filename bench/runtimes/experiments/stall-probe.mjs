// Per-call wall and CPU time of tf.matMul 256³ on 'simd' (default build): `deno run -A stall-probe.mjs [calls]`
// (also node, bun). Separates slow calls that used the CPU (compilation, GC, slow code) from calls that
// only waited (the process was preempted on a loaded machine): the latter have long wall time, short CPU time.
import process from 'node:process';
import * as tf from '@tensorflow/tfjs-core';
import '../../../dist/index.js';
import { cpuMs, runtimeLabel } from '../runtime.mjs';

const calls = Number((globalThis.Deno ? Deno.args : process.argv.slice(2))[0] ?? 400);
await tf.setBackend('simd');
const a = tf.randomNormal([256, 256]);
const slowWall = [],
  slowCpu = [];
for (let i = 0; i < calls; i++) {
  const c0 = cpuMs(),
    t0 = performance.now();
  tf.matMul(a, a).dispose();
  const wall = performance.now() - t0,
    cpu = cpuMs() - c0;
  if (wall > 5) slowWall.push(`#${i} ${wall.toFixed(1)}/${cpu.toFixed(1)}`);
  if (cpu > 5) slowCpu.push(`#${i} ${cpu.toFixed(1)}`);
}
console.log(
  `${runtimeLabel()}, build ${tf.backend().build}: ${calls} calls; over 5 ms wall (wall/cpu ms): ${slowWall.length} ` +
    `${slowWall.slice(0, 12).join(', ')}; over 5 ms CPU: ${slowCpu.length} ${slowCpu.slice(0, 12).join(', ')}`,
);
