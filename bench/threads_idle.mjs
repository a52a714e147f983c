// Threads on an idle machine (Linux, after `npm run build`): `node bench/threads_idle.mjs [seconds] [samples]`.
// On a machine shared with other work, a second thread only helps when a second core is free, so this waits
// for moments when the cores are idle (/proc/stat over 2 s), then times GEMM 512³ and 1024³, the VAE
// training step (with tfjs's Adam, with the fused one, and compiled as VAE.fit runs it on 'simd') and the conv
// autoencoder's (eager with tfjs's Adam, and compiled as ConvAutoencoder.fit runs it) on 1 and 2 threads,
// alternating, and checks the cores were still idle afterwards. Idle cores are not yet two cores: around each
// workload it also measures how much of two cores the host gives two threads (parallel_capacity.mjs: two
// independent one-thread products at once), and records the lower of the two readings with the workload's
// ratio. Prints one JSON line per calm moment found (medians of the samples), until `samples` lines or
// `seconds` have passed, and appends each line to bench/results/threads-idle.jsonl (README's idle table:
// `node scripts/contention-table.mjs`).
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import * as simd from '../dist/index.js';
import { ConvAutoencoder } from '../dist/models/conv_autoencoder.js';
import { VAE } from '../dist/models/index.js';
import { capacityProbe } from './parallel_capacity.mjs';
import { convAutoencoderCompiledStep, convAutoencoderStep, vaeCompiledTrainStep, vaeTrainStep } from './workloads.mjs';

const seconds = Number(process.argv[2] ?? 600);
const samples = Number(process.argv[3] ?? 3);
const cores = 2;

function cpuTimes() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: fields[3] + fields[4], total: fields.reduce((a, b) => a + b) };
}

/** Idle cores over the next 2 s. */
async function idleCores() {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const after = cpuTimes();
  return (cores * (after.idle - before.idle)) / (after.total - before.total);
}

function medianMs(fn, runs) {
  fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[runs >> 1];
}

/** Median ms of `fn` on 1 and on 2 threads, alternating twice. */
function oneAndTwo(fn, runs) {
  const ms = { 1: [], 2: [] };
  for (const count of [1, 2, 1, 2]) {
    simd.setThreadCount(count);
    ms[count].push(medianMs(fn, runs));
  }
  return { one: Math.min(...ms[1]), two: Math.min(...ms[2]) };
}

const probe = capacityProbe();

/** `measure()`'s result, with the lower of the host's two-thread capacities measured just before and after. */
async function withCapacity(measure) {
  const before = await probe.measure();
  const result = measure();
  const after = await probe.measure();
  return { ...result, capacity: Math.min(before, after) };
}

await tf.setBackend('simd');
const backend = tf.backend();
tf.matMul(tf.ones([512, 512]), tf.ones([512, 512])).dispose();
while (backend.threadPool != null && backend.threadPool.readyWorkers(1) === 0)
  await new Promise((r) => setTimeout(r, 10));
console.log(`build ${backend.build}, threaded ${backend.threadPool != null}, node ${process.version}`);
const deadline = Date.now() + seconds * 1000;
for (let found = 0; found < samples && Date.now() < deadline; ) {
  const idleBefore = await idleCores();
  if (idleBefore < cores - 0.4) continue;
  const line = { at: new Date().toISOString(), idleBefore: +idleBefore.toFixed(2) };
  for (const n of [512, 1024]) {
    const a = tf.randomUniform([n, n]);
    const b = tf.randomUniform([n, n]);
    const { one, two, capacity } = await withCapacity(() =>
      oneAndTwo(() => tf.matMul(a, b).dispose(), n >= 1024 ? 3 : 9),
    );
    const gflops = (ms) => +((2 * n ** 3) / ms / 1e6).toFixed(1);
    line[`gemm${n}`] = {
      oneThreadGflops: gflops(one),
      twoThreadsGflops: gflops(two),
      ratio: +(one / two).toFixed(2),
      capacity,
    };
    tf.dispose([a, b]);
  }
  const steps = {
    vaeStep: () => vaeTrainStep(tf, VAE, 'bernoulli'),
    vaeStepFusedAdam: () => vaeTrainStep(tf, VAE, 'bernoulli', undefined, simd.adam),
    vaeStepCompiled: () => vaeCompiledTrainStep(tf, simd, VAE, 'bernoulli'),
    convAutoencoderStep: () => convAutoencoderStep(tf, ConvAutoencoder),
    convAutoencoderStepCompiled: () => convAutoencoderCompiledStep(tf, simd, ConvAutoencoder),
  };
  for (const [name, make] of Object.entries(steps)) {
    const step = make();
    const { one, two, capacity } = await withCapacity(() => oneAndTwo(step.run, 7));
    step.dispose();
    line[name] = {
      oneThreadMs: +one.toFixed(1),
      twoThreadsMs: +two.toFixed(1),
      ratio: +(one / two).toFixed(2),
      capacity,
    };
  }
  line.idleAfter = +(await idleCores()).toFixed(2);
  console.log(JSON.stringify(line));
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  appendFileSync(new URL('./results/threads-idle.jsonl', import.meta.url), `${JSON.stringify(line)}\n`);
  found++;
}
process.exit(0);
