// Contention: one thread (setThreadCount(1)) against the default (every core) on the same 'simd' backend,
// with and without a competing busy process that this suite starts and stops itself, on GEMM 512³, the VAE
// step, the conv autoencoder step and an LSTM step. Conditions and thread counts alternate, round after
// round; each row is the median over rounds, and each ratio the median of the rounds' ratios (1 thread ÷
// default, as a speed-up). On a shared CPU the default must never lose to one thread.
//
// `npm run bench -- --suite contention` prints the usual table and writes bench/results/contention-<date>.json
// (every round, the load average before and after, the idle cores seen during the runs without competitor,
// what the pool saw of its workers), from which `node scripts/contention-table.mjs` prints README's tables.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convAutoencoderStep, lstmStep, squareMatMul, vaeTrainStep } from '../workloads.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** The competitor stops by itself after this long, whatever happens to this process. */
const COMPETITOR_MAX_MS = 60_000;
/** After the competitor stops: the machine settles, and a worker left out meanwhile gets retried. */
const SETTLE_MS = 2500;

/** A busy process (one core's worth of arithmetic); resolves once it runs. */
function startCompetitor() {
  const source = `const end = Date.now() + ${COMPETITOR_MAX_MS}; let x = 0; process.stdout.write('ready\\n');
    while (Date.now() < end) for (let i = 0; i < 1e5; i++) x += Math.sqrt(i + x % 7);`;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const ready = new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('error', reject);
  });
  const stop = () =>
    new Promise((resolve) => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode != null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGKILL');
    });
  return ready.then(() => ({ stop }));
}

/** Cores idle over a span, from /proc/stat (Linux; null elsewhere). */
function cpuTimes() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { idle: fields[3] + fields[4], total: fields.reduce((a, b) => a + b) };
  } catch {
    return null;
  }
}
function idleCoresSince(before, cores) {
  const after = cpuTimes();
  if (before == null || after == null || after.total === before.total) return null;
  return (cores * (after.idle - before.idle)) / (after.total - before.total);
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** Median ms of `calls` calls of `run` (after one untimed call). */
async function blockMs(run, calls) {
  await run();
  const times = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export default async function contention(ctx) {
  const { tf, quick } = ctx;
  const simd = await import('../../dist/index.js');
  const { VAE } = await import('../../dist/models/index.js');
  const { ConvAutoencoder } = await import('../../dist/models/conv_autoencoder.js');
  const tfl = await import('@tensorflow/tfjs-layers');
  const backend = 'simd';
  await ctx.use(backend);
  const cores = availableParallelism();
  const rounds = quick ? 3 : 7;
  const blockTargetMs = quick ? 150 : 400;
  const workloads = [
    ['GEMM 512³', () => squareMatMul(tf, 512)],
    ['VAE step 784-500-20, batch 100, Bernoulli, adam', () => vaeTrainStep(tf, VAE, 'bernoulli', undefined, simd.adam)],
    ['conv autoencoder step, batch 64', () => convAutoencoderStep(tf, ConvAutoencoder)],
    ['LSTM 128-128 step, 20 steps, batch 128', () => lstmStep(tf, tfl)],
  ];
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cores,
    rounds,
    loadBefore: loadavg(),
    workloads: [],
  };
  for (const [name, make] of workloads) {
    const work = make();
    // Warm-up on both counts, and calls per block from the one-thread time.
    simd.setThreadCount(cores);
    await blockMs(work.run, 2);
    simd.setThreadCount(1);
    const oneMs = await blockMs(work.run, 2);
    const calls = Math.max(3, Math.min(50, Math.round(blockTargetMs / oneMs)));
    const samples = { idle: { one: [], all: [] }, busy: { one: [], all: [] } };
    const idleCores = [];
    const inUse = [];
    for (let round = 0; round < rounds; round++) {
      for (const condition of round % 2 === 0 ? ['idle', 'busy'] : ['busy', 'idle']) {
        const competitor = condition === 'busy' ? await startCompetitor() : null;
        const before = cpuTimes();
        for (const count of round % 2 === 0 ? [1, cores] : [cores, 1]) {
          simd.setThreadCount(count);
          samples[condition][count === 1 ? 'one' : 'all'].push(await blockMs(work.run, calls));
          if (count > 1) inUse.push({ condition, threads: tf.backend().threadCount });
        }
        if (competitor == null) idleCores.push(idleCoresSince(before, cores));
        else {
          await competitor.stop();
          await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        }
      }
    }
    work.dispose();
    simd.setThreadCount(1);
    const entry = {
      name,
      calls,
      idleCores,
      inUse,
      workers: tf.backend().threadPool?.workerStats() ?? [],
      conditions: {},
    };
    for (const condition of ['idle', 'busy']) {
      const { one, all } = samples[condition];
      const ratio = median(one.map((ms, i) => ms / all[i]));
      entry.conditions[condition] = { oneThreadMs: one, defaultMs: all, ratio };
      const label = condition === 'idle' ? 'no competitor' : 'a busy competitor';
      ctx.record({ case: `${name}, ${label}: 1 thread`, backend, ms: median(one) });
      ctx.record({ case: `${name}, ${label}: default (${cores} threads)`, backend, ms: median(all) });
      ctx.record({
        case: `${name}, ${label}: default ÷ 1 thread`,
        backend,
        ms: median(all),
        metric: '× 1 thread',
        value: ratio,
      });
    }
    results.workloads.push(entry);
  }
  results.loadAfter = loadavg();
  const dir = join(here, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `contention-${results.date.replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify(results, null, 1));
  console.log(
    `contention: load average ${results.loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ` +
      `${results.loadAfter.map((l) => l.toFixed(1)).join(' ')} after; rounds written to ${file}`,
  );
}
