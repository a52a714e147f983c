// README's thread tables from benchmark results: `node scripts/contention-table.mjs [contention.json] [idle.jsonl]`
// prints, from the latest bench/results/contention-*.json (written by `npm run bench -- --suite contention`)
// or the file given, one table with a busy competing process and one without, and the conditions they were
// measured in (load average, idle cores). With bench/results/threads-idle.jsonl present (lines written by
// `node bench/threads_idle.mjs`), a third table of the calm moments it found, with the host's capacity for two
// threads measured around each workload (bench/parallel_capacity.mjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const results = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'results');

function latestContention() {
  const files = readdirSync(results)
    .filter((f) => /^contention-.*\.json$/.test(f) && !f.includes('quick'))
    .sort();
  if (files.length === 0)
    throw new Error('no bench/results/contention-*.json: run `npm run bench -- --suite contention`');
  return join(results, files[files.length - 1]);
}

/** Capacity (bench/parallel_capacity.mjs) from which the host counts as giving two threads two cores. */
const TWO_CORES = 1.8;
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const ms = (value) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const range = (values) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;

function conditionTable(run, condition) {
  const lines = [
    `| workload | 1 thread | default (${run.cores} threads) | default ÷ 1 thread (rounds) |`,
    '|---|---|---|---|',
  ];
  for (const workload of run.workloads) {
    const { oneThreadMs, defaultMs, ratio } = workload.conditions[condition];
    const ratios = oneThreadMs.map((one, i) => one / defaultMs[i]);
    lines.push(
      `| ${workload.name} | ${ms(median(oneThreadMs))} | ${ms(median(defaultMs))} | **${ratio.toFixed(2)}×** (${range(ratios)}) |`,
    );
  }
  return lines.join('\n');
}

function idleMoments(file) {
  const moments = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
  const rows = [
    ['GEMM 512³', 'gemm512'],
    ['GEMM 1024³', 'gemm1024'],
    ["VAE step (the package's adam)", 'vaeStepFusedAdam'],
    ['VAE step (tf.train.adam)', 'vaeStep'],
    ["VAE step, compiled as the package's VAE.fit runs it", 'vaeStepCompiled'],
    ['conv autoencoder step', 'convAutoencoderStep'],
    ["conv autoencoder step, compiled as the package's ConvAutoencoder.fit runs it", 'convAutoencoderStepCompiled'],
  ];
  const lines = [
    `| workload | 2 ÷ 1 thread, median (range) | host capacity, median (range) | 2 ÷ 1 thread where the capacity was ≥ ${TWO_CORES} (moments) |`,
    '|---|---|---|---|',
  ];
  for (const [label, key] of rows) {
    const measured = moments.map((moment) => moment[key]).filter((m) => m?.ratio != null);
    if (measured.length === 0) continue;
    const ratios = measured.map((m) => m.ratio);
    const capacities = measured.map((m) => m.capacity).filter((c) => c != null);
    const onTwoCores = measured.filter((m) => m.capacity >= TWO_CORES).map((m) => m.ratio);
    lines.push(
      `| ${label} | **${median(ratios).toFixed(2)}×** (${range(ratios)}) | ${capacities.length > 0 ? `${median(capacities).toFixed(2)} (${range(capacities)})` : '—'} | ${onTwoCores.length > 0 ? `**${median(onTwoCores).toFixed(2)}×** (${onTwoCores.length})` : '— (0)'} |`,
    );
  }
  return { count: moments.length, table: lines.join('\n') };
}

const file = process.argv[2] ?? latestContention();
const run = JSON.parse(readFileSync(file, 'utf8'));
const load = (values) => values.map((v) => v.toFixed(1)).join(' / ');
const idle = run.workloads.flatMap((w) => w.idleCores).filter((v) => v != null);
console.log(
  `With a busy competing process (${run.rounds} alternating rounds, ${run.date.slice(0, 16)} UTC, Node ${run.node}; ` +
    `load average ${load(run.loadBefore)} before, ${load(run.loadAfter)} after):\n`,
);
console.log(conditionTable(run, 'busy'));
console.log(
  `\nWithout the competitor, same rounds (idle cores while measuring: ${idle.length > 0 ? range(idle) : 'unknown'}):\n`,
);
console.log(conditionTable(run, 'idle'));
const idleFile = process.argv[3] ?? join(results, 'threads-idle.jsonl');
if (existsSync(idleFile)) {
  const { count, table } = idleMoments(idleFile);
  console.log(`\nCalm moments found by \`node bench/threads_idle.mjs\` (${count}):\n`);
  console.log(table);
}
