// `bench`: runs the benchmark suites of `npm run bench` (bench/run.mjs in the source checkout).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { requirePeer, UsageError } from './checks.js';

export interface BenchOptions {
  quick?: boolean;
  suite?: string;
  repeat?: number;
  threads?: number;
  runtime?: string;
  runtimes?: boolean;
}

/** The runner's own flags, from the parsed options. */
function runnerArgs(options: BenchOptions): string[] {
  const args: string[] = [];
  if (options.quick) args.push('--quick');
  if (options.runtimes) args.push('--runtimes');
  for (const flag of ['suite', 'repeat', 'threads', 'runtime'] as const) {
    if (options[flag] !== undefined) args.push(`--${flag}`, String(options[flag]));
  }
  return args;
}

export async function bench(options: BenchOptions): Promise<void> {
  const runner = fileURLToPath(new URL('../../../bench/run.mjs', import.meta.url));
  if (!existsSync(runner))
    throw new UsageError(`bench: ${runner} is missing (the benchmarks ship with the source checkout)`);
  // The suites compare against the official backends: say what to install before anything runs.
  await requirePeer('@tensorflow/tfjs-backend-wasm', 'bench');
  await requirePeer('benchmark', 'bench');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [runner, ...runnerArgs(options)], { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench exited with code ${code}`))));
  });
}
