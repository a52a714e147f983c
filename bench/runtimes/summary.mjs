// Speed per runtime: `node bench/runtimes/summary.mjs [--quick] [--wasm-dir <dir>] [node deno bun]`
// (or `npm run bench -- --runtimes …`)
// runs bench/runtimes/probe.mjs under Node, Deno and Bun and prints one table: per case and kernel build,
// each runtime's GFLOPS (CPU time), its fraction of that runtime's own peak for the same build, and for
// Deno and Bun that fraction relative to Node's (1.00× = as close to its peak as Node is). The default
// build of each runtime (what `setBackend('simd')` picks) is marked with *. Node runs with
// --experimental-wasm-relaxed-simd so both builds are compared (Node 20 hides relaxed SIMD behind it).
// --wasm-dir passes other kernel modules to every probe (see probe.mjs).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROBE_PREFIX } from './probe.mjs';
import { RUNTIMES, runtimeCommand } from './runtime.mjs';

const probe = fileURLToPath(new URL('./probe.mjs', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the probe under `runtime`; its parsed result, or { runtime, error }. */
export function probeRuntime(runtime, probeArgs = []) {
  const { command, args } = runtimeCommand(runtime, probe, probeArgs, {
    nodeFlags: ['--expose-gc', '--experimental-wasm-relaxed-simd'],
  });
  const child = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const line = (child.stdout ?? '').split('\n').find((l) => l.startsWith(PROBE_PREFIX));
  if (child.error || child.status !== 0 || line == null) {
    const why =
      child.error?.message ?? `${child.stderr ?? ''}${child.stdout ?? ''}`.trim().split('\n').slice(-5).join('\n');
    return { runtime, error: why };
  }
  return JSON.parse(line.slice(PROBE_PREFIX.length));
}

/** Markdown table of probe results (first runtime = the reference, normally Node). */
export function summaryTable(results) {
  const ok = results.filter((r) => r.error == null);
  const [reference] = ok;
  const keys = [];
  for (const r of ok) {
    for (const row of r.rows) {
      const key = `${row.case}\u0000${row.build}`;
      if (!keys.includes(key)) keys.push(key);
    }
  }
  const find = (r, testCase, build) => r.rows.find((x) => x.case === testCase && x.build === build);
  const fraction = (r, row) => (row == null ? null : row.gflops / find(r, 'peak', row.build)?.gflops);
  const header = ['case', 'build', ...ok.map((r) => r.runtime)];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const key of keys) {
    const [testCase, build] = key.split('\u0000');
    const cells = ok.map((r) => {
      const row = find(r, testCase, build);
      if (row == null) return '—';
      const mark = r.defaultBuild === build ? '*' : '';
      if (testCase === 'peak') return `${row.gflops.toFixed(1)}${mark}`;
      const f = fraction(r, row);
      const ref = fraction(reference, find(reference, testCase, build));
      const vsRef = r === reference || ref == null ? '' : `, ${(f / ref).toFixed(2)}×`;
      return `${row.gflops.toFixed(1)}${mark} (${Math.round(f * 100)}%${vsRef})`;
    });
    lines.push(`| ${[testCase, build, ...cells].join(' | ')} |`);
  }
  return lines.join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const wasmDir = args.includes('--wasm-dir') ? resolve(args[args.indexOf('--wasm-dir') + 1]) : null;
  const chosen = args.filter((a) => RUNTIMES.includes(a));
  const runtimes = chosen.length > 0 ? RUNTIMES.filter((r) => chosen.includes(r)) : RUNTIMES;
  const results = [];
  for (const runtime of runtimes) {
    process.stderr.write(`probing ${runtime}…\n`);
    results.push(
      probeRuntime(runtime, [...(quick ? ['--quick'] : []), ...(wasmDir != null ? ['--wasm-dir', wasmDir] : [])]),
    );
  }
  console.log(`\n${wasmDir != null ? `kernels from ${wasmDir}\n\n` : ''}${summaryTable(results)}\n`);
  for (const r of results) {
    if (r.error != null) console.log(`${r.runtime}: failed — ${r.error}`);
    else {
      const stalls = r.rows
        .filter((row) => row.slowestMs != null && row.slowestMs > Math.max(5, 5 * row.msPerCall))
        .map(
          (row) =>
            `${row.case} ${row.build}: slowest call ${row.slowestMs.toFixed(1)} ms, median ${row.msPerCall.toFixed(1)} ms`,
        );
      console.log(
        `${r.label}: default build ${r.defaultBuild}${stalls.length ? `; stalls: ${stalls.join('; ')}` : ''}`,
      );
    }
  }
  console.log(
    'GFLOPS in CPU time (2·n³ per matMul; the VAE step counts its matmuls only). (x%) = fraction of the same ' +
      "runtime's peak for that build (bench/runtimes/peak_module.mjs), y× = that fraction over Node's; * = the runtime's default build. " +
      "'module peak' is the kernels' own gemm_simd_peak loop.",
  );
  if (results.some((r) => r.error != null)) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
