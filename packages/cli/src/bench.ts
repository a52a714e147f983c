// `bench`: runs the benchmark suites of `npm run bench` (bench/run.mjs), passing the flags through.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function bench(args: string[]): Promise<void> {
  const runner = fileURLToPath(new URL('../../../bench/run.mjs', import.meta.url));
  if (!existsSync(runner)) throw new Error(`bench: ${runner} is missing (the benchmarks ship with the source checkout)`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [runner, ...args], { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench exited with code ${code}`))));
  });
}
