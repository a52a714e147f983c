// Where a training step's time goes on 2 threads (after `npm run build`):
// `node bench/threads_profile.mjs [vae|vaeFusedAdam|convAutoencoder] [steps] [seconds to wait for idle cores]`.
// Counts rather than clocks alone, so it reads on a busy machine too: per tfjs kernel, its calls, its time, how
// many of its calls ran as jobs on threads, the calling thread's time inside those jobs and its wait for
// chunks other threads held at the end of each job; then the step's share of time in split kernels, in kernels
// that stayed on one thread, and outside kernels (tfjs's JavaScript: tape, gradients, optimizer bookkeeping).
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import * as simd from '../dist/index.js';
import { ConvAutoencoder } from '../dist/models/conv_autoencoder.js';
import { VAE } from '../dist/models/index.js';
import { ThreadPool } from '../dist/threads/pool.js';
import { WorkerHealth } from '../dist/threads/worker_health.js';
import { convAutoencoderStep, vaeTrainStep } from './workloads.mjs';

const which = process.argv[2] ?? 'vae';
const steps = Number(process.argv[3] ?? 30);
/** How long to wait for idle cores before each measurement (s). */
const waitSeconds = Number(process.argv[4] ?? 60);
const makers = {
  vae: () => vaeTrainStep(tf, VAE, 'bernoulli'),
  vaeFusedAdam: () => vaeTrainStep(tf, VAE, 'bernoulli', undefined, simd.adam),
  convAutoencoder: () => convAutoencoderStep(tf, ConvAutoencoder),
};

await tf.setBackend('simd');
const backend = tf.backend();
tf.matMul(tf.ones([512, 512]), tf.ones([512, 512])).dispose();
while (backend.threadPool != null && backend.threadPool.readyWorkers(1) === 0)
  await new Promise((r) => setTimeout(r, 10));

/** Per tfjs kernel: calls, ms, jobs, ms inside jobs, ms waiting at the end of jobs, chunks, chunks here. */
const stats = new Map();
let current = null;
const entry = (name) => {
  if (!stats.has(name))
    stats.set(name, { calls: 0, ms: 0, jobs: 0, jobMs: 0, tailMs: 0, chunks: 0, mainChunks: 0, kernels: new Set() });
  return stats.get(name);
};
for (const config of tf.getKernelsForBackend('simd')) {
  const inner = config.kernelFunc;
  config.kernelFunc = (args) => {
    const outer = current;
    current = process.env.PROFILE_SHAPES
      ? `${config.kernelName}${JSON.stringify(Object.values(args.inputs).map((t) => t?.shape))}${JSON.stringify(args.attrs ?? {})}`
      : config.kernelName;
    const t0 = performance.now();
    try {
      return inner(args);
    } finally {
      const s = entry(current);
      s.calls++;
      s.ms += performance.now() - t0;
      current = outer;
    }
  };
}
const run = ThreadPool.prototype.run;
/** When the last job ended, and the gap before the current one (ms): a worker polls WORKER_SPIN_MS, then sleeps. */
let lastJobEnd = 0;
let gapMs = 0;
ThreadPool.prototype.run = function (kernel, chunks, helpers, scratch) {
  const t0 = performance.now();
  gapMs = t0 - lastJobEnd;
  try {
    return run.call(this, kernel, chunks, helpers, scratch);
  } finally {
    const s = entry(current ?? '(outside kernels)');
    s.jobs++;
    lastJobEnd = performance.now();
    s.jobMs += lastJobEnd - t0;
    s.chunks += chunks.length;
    s.kernels.add(kernel);
    s[kernel] = (s[kernel] ?? 0) + performance.now() - t0;
  }
};
const record = WorkerHealth.prototype.record;
WorkerHealth.prototype.record = function (job, worker, now) {
  const s = entry(current ?? '(outside kernels)');
  s.tailMs += job.tailWaitMs;
  s.mainChunks += job.mainChunks;
  // The pool's own verdict (worker_health.ts): the worker held the job up, or was off its core while polling.
  const verdict = record.call(this, job, worker, now);
  if (verdict === 'fell behind') s.heldUp = (s.heldUp ?? 0) + 1;
  if (verdict === 'off its core') s.offCore = (s.offCore ?? 0) + 1;
  if (worker.overtaken) s.overtaken = (s.overtaken ?? 0) + 1;
  if (verdict === 'fell behind' || verdict === 'off its core') {
    if (process.env.PROFILE_VERBOSE) console.log(current, verdict, JSON.stringify({ ...job, ...worker, gapMs }));
  }
  return verdict;
};

function cpuTimes() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: fields[3] + fields[4], total: fields.reduce((a, b) => a + b) };
}

/** Waits (up to `seconds`) for a second in which both cores were idle; returns their idle share then. */
async function quietMoment(seconds) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const before = cpuTimes();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = cpuTimes();
    const idle = (2 * (after.idle - before.idle)) / (after.total - before.total);
    if (idle >= 1.7 || Date.now() > deadline) return idle;
  }
}

const step = makers[which]();
for (let i = 0; i < 5; i++) step.run();
/** One thread's step: its ms, and each kernel's ms. */
const oneThread = { stepMs: 0, kernelMs: new Map() };
for (const threads of [1, 2]) {
  const idle = await quietMoment(waitSeconds);
  simd.setThreadCount(threads);
  backend.threadPool?.resetWorkerHealth();
  for (let i = 0; i < 3; i++) step.run();
  stats.clear();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step.run();
  const stepMs = (performance.now() - t0) / steps;
  const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const perStep = (x) => +(x / steps).toFixed(3);
  let kernelMs = 0;
  let splitMs = 0;
  for (const [, s] of rows) {
    kernelMs += s.ms;
    if (s.jobs > 0) splitMs += s.ms;
  }
  console.log(
    `\n${which}, ${threads} thread(s): ${stepMs.toFixed(2)} ms a step (idle cores before: ${idle.toFixed(2)}); per step:`,
  );
  console.log('kernel'.padEnd(26), 'calls  ms     jobs  jobMs  tailMs chunks here  (job kernels)');
  for (const [name, s] of rows) {
    if (s.ms / steps < 0.05 && s.jobs === 0) continue;
    console.log(
      name.padEnd(process.env.PROFILE_SHAPES ? 80 : 26),
      String(perStep(s.calls)).padEnd(6),
      String(perStep(s.ms)).padEnd(6),
      String(perStep(s.jobs)).padEnd(5),
      String(perStep(s.jobMs)).padEnd(6),
      String(perStep(s.tailMs)).padEnd(6),
      String(perStep(s.chunks)).padEnd(6),
      String(perStep(s.mainChunks)).padEnd(5),
      [...s.kernels].map((k) => `${k} ${(s[k] / steps).toFixed(3)}`).join(' '),
      s.offCore || s.heldUp
        ? `bad jobs: off its core ${s.offCore ?? 0}, held up ${s.heldUp ?? 0} (taken over ${s.overtaken ?? 0})`
        : '',
    );
  }
  console.log(
    `split kernels ${(splitMs / steps).toFixed(2)} ms, unsplit ${((kernelMs - splitMs) / steps).toFixed(2)} ms, ` +
      `outside kernels ${(stepMs - kernelMs / steps).toFixed(2)} ms`,
  );
  if (threads === 1) {
    oneThread.stepMs = stepMs;
    for (const [name, s] of rows) oneThread.kernelMs.set(name, s.ms / steps);
  } else {
    // Amdahl: one thread's step with the kernels split here (at least once) twice as fast, the rest as it was.
    let splittable = 0;
    for (const [name, s] of rows) if (s.jobs > 0) splittable += oneThread.kernelMs.get(name) ?? 0;
    const ideal = oneThread.stepMs - splittable / 2;
    console.log(
      `one thread's step ${oneThread.stepMs.toFixed(2)} ms, of which ${splittable.toFixed(2)} ms in kernels split here: ` +
        `at best ${ideal.toFixed(2)} ms on 2 threads (${(oneThread.stepMs / ideal).toFixed(2)}×); ` +
        `here ${(oneThread.stepMs / stepMs).toFixed(2)}×`,
    );
  }
}
if (backend.threadPool != null) console.log(JSON.stringify(backend.threadPool.workerStats()));
step.dispose();
process.exit(0);
