// Benchmark runner (after `npm run build`): `npm run bench [-- --quick] [-- --suite <name>] [-- --repeat <n>]`
// [-- --threads <n>] (default 1; the threads suite sets its own) [-- --runtime deno|bun|node22|node24] (the same run under Deno, Bun, or Node 22 or 24 from npm); `npm run bench -- --runtimes` prints the
// cross-runtime summary instead (bench/runtimes/summary.mjs; docs/runtimes.md, "Speed per runtime").
// (BENCH_DEBUG=1 prints every sample). With --repeat, every suite runs n times in turn and the table shows,
// per cell, the median of the n medians (use an odd n): on a shared machine, load from other processes then
// hits each backend alike.
//
// Runs every bench/suites/*.mjs in one process against the 'simd' backend (both of its builds where the
// runtime validates relaxed SIMD), @tensorflow/tfjs-backend-wasm and @tensorflow/tfjs-backend-cpu, prints one
// markdown table (one row per suite and case, one column per backend, ratios to tfjs-backend-wasm) and writes
// every row to bench/results/<date>.json (and, with `--save <file>`, to that file too: README's figure tables are
// written from the runs saved in bench/readme/ by scripts/readme-tables.mjs). On Node 20, which validates relaxed SIMD only behind a flag, the
// runner re-runs itself under `node --experimental-wasm-relaxed-simd` so both builds are compared in one run
// (and under --expose-gc, to collect garbage before each measurement).
//
// Suite contract: a suite module exports `default async function (ctx)`, with
//   ctx.tf        tfjs-core (kernels of all backends registered)
//   ctx.backends  labels of the backends to compare, in table order: 'simd', 'simd-relaxed' (when the runtime
//                 has relaxed SIMD), 'wasm', 'cpu'
//   ctx.quick     true under --quick: pick fewer and smaller cases (the whole quick run must stay under a minute)
//   ctx.use(label)            async: makes that backend the active tfjs backend (create inputs after it)
//   ctx.measure(name, fn, opts)  async: activates opts.backend, calls fn() to warm up (opts.warmup runs, default
//                 2, and opts.warmupMs: by default 50 ms or 500 calls, whichever ends first), then times it
//                 (calls shorter than a millisecond in batches of ~1 ms) until opts.runs (default 5, quick 3)
//                 samples and opts.minMs (default 200, quick 50) have passed, disposes whatever tensors fn
//                 returns, records the row and returns it. The row's ms is the median sample
//                 (opts.statistic 'best': the fastest, for machine limits such as a peak);
//                 with opts.flops the row gets metric 'GFLOPS', with opts.bytes metric 'GB/s' (in value).
//                 opts.ofPeak(value) may return a fraction of a machine limit, printed next to the value (a
//                 suite may also set row.ofPeak on the returned row later, before the table prints).
//   ctx.measureTurns(cases, opts)  async: times cases { case, backend, fn, setup? } taking turns, round after
//                 round, so that a slow spell of the host hits them alike (see measureTurns); records their rows.
//   ctx.record(row)          adds a row measured some other way.
// A row is { suite, case, backend, ms, metric?: 'GFLOPS' | 'GB/s', value?, ofPeak? }; `suite` defaults to the
// suite file's name. Tables show value (metric) when present, else ms; a "b ×wasm" column divides backend b's
// figure by tfjs-backend-wasm's on the same case ("×cpu" likewise), as a speed-up (higher is better).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { markdownTable } from './table.mjs';

const here = dirname(fileURLToPath(import.meta.url));

// --- Other runtimes (bench/runtimes/): `--runtime deno|bun|node|node22|node24` re-runs this runner, with the other arguments,
// under that runtime (Deno with --v8-flags=--expose-gc); `--runtimes [--quick]` prints the cross-runtime summary
// (bench/runtimes/summary.mjs) instead of the suites.
const { currentRuntime, exposeGc, runtimeCommand, runtimeLabel, takeRuntimeOption } = await import(
  './runtimes/runtime.mjs'
);
let parsedArgs;
try {
  parsedArgs = takeRuntimeOption(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
const { runtime: targetRuntime, rest: args } = parsedArgs;
if (args.includes('--runtimes')) {
  const { command, args: summaryArgs } = runtimeCommand(
    currentRuntime(),
    join(here, 'runtimes', 'summary.mjs'),
    args.filter((a) => a !== '--runtimes'),
  );
  const summary = spawnSync(command, summaryArgs, { stdio: 'inherit' });
  process.exit(summary.status ?? 1);
}
if (targetRuntime != null && targetRuntime !== currentRuntime()) {
  const { command, args: childArgs } = runtimeCommand(targetRuntime, fileURLToPath(import.meta.url), args);
  const child = spawnSync(command, childArgs, { stdio: 'inherit' });
  if (child.error) console.error(`--runtime ${targetRuntime}: ${child.error.message}`);
  process.exit(child.status ?? 1);
}
exposeGc();
// --- end of other runtimes.
const quick = args.includes('--quick');
const suiteFilter = args.includes('--suite') ? args[args.indexOf('--suite') + 1] : null;
const repeats = args.includes('--repeat') ? Number(args[args.indexOf('--repeat') + 1]) : 1;
const saveTo = args.includes('--save') ? args[args.indexOf('--save') + 1] : null;
const RELAXED_FLAG = '--experimental-wasm-relaxed-simd';

// Re-run under the flags the measurements need: relaxed SIMD where it is behind a flag (Node 20), and an
// exposed garbage collector so every case starts from a clean heap instead of paying for the previous
// case's garbage.
const { instantiateSimdWasm, supportsBuild } = await import('../dist/wasm/module.js');
const neededFlags = [
  ...(typeof globalThis.gc === 'function' ? [] : ['--expose-gc']),
  ...(supportsBuild('relaxed-simd') ? [] : [RELAXED_FLAG]),
];
if (currentRuntime() === 'node' && neededFlags.length > 0 && !process.env.BENCH_CHILD) {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, ...neededFlags, fileURLToPath(import.meta.url), ...args],
    { stdio: 'inherit', env: { ...process.env, BENCH_CHILD: '1' } },
  );
  process.exit(child.status ?? 1);
}

const tf = await import('@tensorflow/tfjs-core');
await import('@tensorflow/tfjs-backend-cpu');
await import('@tensorflow/tfjs-backend-wasm');
const simd = await import('../dist/index.js');

const backends = ['simd', ...(supportsBuild('relaxed-simd') ? ['simd-relaxed'] : []), 'wasm', 'cpu'];
// tfjs-backend-wasm loads its .wasm file by itself, which may fail outside Node: then it is left out, with a note.
if (!(await tf.setBackend('wasm').catch(() => false))) {
  backends.splice(backends.indexOf('wasm'), 1);
  console.log(
    `note: @tensorflow/tfjs-backend-wasm did not initialise under ${runtimeLabel()}; it is left out of this run.`,
  );
}

// The two builds run side by side as two backends: 'simd' (plain build) and 'simd-relaxed', which gets a copy of
// every 'simd' kernel config. Each keeps one module instance (and its memory) for the whole run, as an
// application would.
async function simdBackendOfBuild(build) {
  simd.setWasmBuild(build);
  try {
    return new simd.SimdBackend(await instantiateSimdWasm());
  } finally {
    simd.setWasmBuild('auto');
  }
}
const plainBackend = await simdBackendOfBuild('simd');
tf.removeBackend('simd');
tf.registerBackend('simd', () => plainBackend, 3);
if (backends.includes('simd-relaxed')) {
  const relaxedBackend = await simdBackendOfBuild('relaxed-simd');
  tf.registerBackend('simd-relaxed', () => relaxedBackend, 0);
  for (const config of tf.getKernelsForBackend('simd')) tf.registerKernel({ ...config, backendName: 'simd-relaxed' });
}
// The backends are made with every core (so the threaded variant of each build is loaded), then run on
// `--threads` of them, one by default: the peers run on one thread, and the suites compare like with like.
// The threads suite sets its own counts.
const threadsArg = args.includes('--threads') ? Number(args[args.indexOf('--threads') + 1]) : 1;
simd.setThreadCount(threadsArg);

async function use(label) {
  await tf.setBackend(label);
}

const rows = [];
let currentSuite = '';

function record(row) {
  rows.push({ suite: currentSuite, ...row });
}

function disposeResult(result) {
  if (result == null) return;
  if (Array.isArray(result)) result.forEach(disposeResult);
  else if (typeof result.dispose === 'function') result.dispose();
}

async function measure(name, fn, opts = {}) {
  const { backend, flops, bytes, ofPeak } = opts;
  const runs = opts.runs ?? (quick ? 3 : 5);
  const minMs = opts.minMs ?? (quick ? 50 : 200);
  await use(backend);
  globalThis.gc?.();
  // Warm up long enough for V8 to tier the hot code up to its optimizing compilers: the first call (often
  // the slowest) is not counted in the warm-up time.
  disposeResult(await fn());
  let calls = 1;
  const warmupStart = performance.now();
  const warmupEnd = warmupStart + (opts.warmupMs ?? (quick ? 20 : 50));
  // A suite's own warmupMs is its warm-up time whatever the calls; the default stops after 500 calls.
  const maxCalls = opts.warmupMs != null ? Number.POSITIVE_INFINITY : 500;
  for (; calls < maxCalls && (calls < (opts.warmup ?? 2) || performance.now() < warmupEnd); calls++)
    disposeResult(await fn());
  // Short calls are timed in batches of about a millisecond, so timer and await costs do not count.
  const perCall = (performance.now() - warmupStart) / (calls - 1);
  const batch = Math.max(1, Math.min(1000, Math.round(1 / perCall)));
  const times = [];
  const start = performance.now();
  while (times.length < runs || (performance.now() - start < minMs && times.length < 200)) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) {
      let result = fn();
      if (result instanceof Promise) result = await result;
      disposeResult(result);
    }
    times.push((performance.now() - t0) / batch);
  }
  if (process.env.BENCH_DEBUG) console.log(name, backend, batch, calls, times.map((t) => t.toFixed(3)).join(' '));
  times.sort((a, b) => a - b);
  const ms = opts.statistic === 'best' ? times[0] : times[times.length >> 1];
  const row = { suite: currentSuite, case: name, backend, ms };
  if (flops != null) Object.assign(row, { metric: 'GFLOPS', value: flops / ms / 1e6 });
  else if (bytes != null) Object.assign(row, { metric: 'GB/s', value: bytes / ms / 1e6 });
  if (ofPeak && row.value != null) row.ofPeak = ofPeak(row.value);
  rows.push(row);
  return row;
}

/**
 * Times several cases that take turns: each warms up (opts.warmupMs, 1.5 s), then round after round (opts.rounds,
 * 11) each runs its calls for opts.batchMs (40 ms), in alternating order. A host that slows down for seconds
 * then slows every case alike, where timing one case after another would hand the slow spell to one of them.
 * A case is { case, backend, fn, setup? }: `setup` runs after its backend is activated, before its calls
 * (a thread count). Records a row per case (its median round, ms per call) and returns them in order.
 */
async function measureTurns(cases, opts = {}) {
  const rounds = opts.rounds ?? (quick ? 3 : 11);
  const batchMs = opts.batchMs ?? (quick ? 10 : 40);
  const warmupMs = opts.warmupMs ?? (quick ? 100 : 1500);
  const activate = async (c) => {
    await use(c.backend);
    c.setup?.();
  };
  const callsFor = async (c, ms) => {
    let calls = 0;
    const start = performance.now();
    do {
      disposeResult(await c.fn());
      calls++;
    } while (performance.now() - start < ms);
    return (performance.now() - start) / calls;
  };
  for (const c of cases) {
    await activate(c);
    await callsFor(c, warmupMs);
  }
  const times = cases.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = cases.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      await activate(cases[i]);
      times[i].push(await callsFor(cases[i], batchMs));
    }
  }
  return cases.map((c, i) => {
    const sorted = times[i].sort((a, b) => a - b);
    const row = { suite: currentSuite, case: c.case, backend: c.backend, ms: sorted[sorted.length >> 1] };
    rows.push(row);
    return row;
  });
}

/** One row per (suite, case, backend): the median over repeats of ms, value and ofPeak. */
function aggregate(all) {
  const groups = new Map();
  for (const row of all) {
    const key = `${row.suite}\u0000${row.case}\u0000${row.backend}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(row);
  }
  const median = (values) => {
    const sorted = values.filter((v) => v != null).sort((a, b) => a - b);
    return sorted.length === 0 ? undefined : sorted[sorted.length >> 1];
  };
  return [...groups.values()].map((group) => {
    const row = { ...group[0], ms: median(group.map((r) => r.ms)), repeats: group.length };
    if (row.value != null) row.value = median(group.map((r) => r.value));
    if (row.ofPeak != null) row.ofPeak = median(group.map((r) => r.ofPeak));
    return row;
  });
}

const suitesDir = join(here, 'suites');
const files = readdirSync(suitesDir)
  .filter((f) => f.endsWith('.mjs'))
  .sort()
  .filter((f) => suiteFilter == null || basename(f, '.mjs') === suiteFilter);
const ctx = { tf, backends, quick, use, measure, measureTurns, record };
const started = performance.now();
const loadBefore = loadavg();
for (let repeat = 0; repeat < repeats; repeat++) {
  for (const file of files) {
    currentSuite = basename(file, '.mjs');
    const suite = await import(pathToFileURL(join(suitesDir, file)).href);
    // Suites are written for Node (coldstart starts `node` processes): elsewhere one that fails is left out, with a note.
    if (currentRuntime() === 'node') await suite.default(ctx);
    else
      await suite.default(ctx).catch((error) =>
        console.log(
          `note: suite ${currentSuite} failed under ${runtimeLabel()} ` +
            `and is left out: ${String(error?.message ?? error)
              .split('\n')
              .slice(0, 2)
              .join(' ')}`,
        ),
      );
  }
}
const summary = aggregate(rows);

const seconds = (performance.now() - started) / 1000;
console.log(`\n${markdownTable(summary, backends)}\n`);
console.log(
  `${runtimeLabel()} ${process.execArgv.join(' ')}; ${quick ? 'quick' : 'full'} run, ` +
    `${seconds.toFixed(1)} s; medians${repeats > 1 ? ` of ${repeats} repeats` : ''}; simd on ${threadsArg} thread(s); GFLOPS = 2·M·N·K / time; (x%) = fraction of the WASM SIMD peak of the same build.`,
);
/** The environment settings the suites read (BENCH_CASES, BENCH_ROUNDS), as a command's prefix. */
function suiteSettings() {
  return ['BENCH_CASES', 'BENCH_ROUNDS']
    .filter((name) => process.env[name])
    .map((name) => `${name}=${/^[\w.,-]+$/.test(process.env[name]) ? process.env[name] : `'${process.env[name]}'`} `)
    .join('');
}

mkdirSync(join(here, 'results'), { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = join(here, 'results', `${stamp}${quick ? '-quick' : ''}.json`);
const json = JSON.stringify(
  {
    date: new Date().toISOString(),
    node: process.version,
    runtime: runtimeLabel(),
    execArgv: process.execArgv,
    command: `${suiteSettings()}npm run bench -- ${args.filter((arg, i) => arg !== '--save' && args[i - 1] !== '--save').join(' ')}`,
    loadAverage: { before: loadBefore, after: loadavg() },
    quick,
    repeats,
    threads: threadsArg,
    backends,
    seconds,
    summary,
    rows,
  },
  null,
  1,
);
writeFileSync(out, json);
console.log(`rows written to ${out}`);
if (saveTo != null) {
  writeFileSync(saveTo, json);
  console.log(`and to ${saveTo}`);
}
