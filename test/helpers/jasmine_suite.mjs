// @ts-check
// What the runners of other projects' jasmine suites share (test/core/run-core.mjs: tfjs-core's;
// test/upstream/run.mjs: tfjs-layers' and tfjs-converter's): bundling a suite's specs with a backend into one
// ES module, running it under jasmine in this process, and running one backend's run in a child process.

import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Bundles `entryFile` into `outfile` (Node, ESM; `options` adds to or overrides esbuild's), and puts the
 * backend's .wasm builds and worker script beside it, where the backend loads them from.
 * @param {string} entryFile
 * @param {string} outfile
 * @param {import('esbuild').BuildOptions} [options]
 */
export async function bundleSuite(entryFile, outfile, options = {}) {
  await build({
    entryPoints: [entryFile],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
    // Spec files marked side-effect free in their package: importing them is the point here.
    ignoreAnnotations: true,
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    ...options,
  });
  const besideBundle = (/** @type {string} */ name) => name.endsWith('.wasm') || name === 'worker.js';
  for (const file of readdirSync(join(root, 'dist/bundle')).filter(besideBundle)) {
    copyFileSync(join(root, 'dist/bundle', file), join(dirname(outfile), file));
  }
}

/**
 * Runs a bundled suite under jasmine in this process, the specs `run(name)` accepts; returns each spec's
 * status by full name and the failures' messages.
 * @param {string} bundleFile
 * @param {(name: string) => boolean} [run]
 */
export async function runJasmine(bundleFile, run = () => true) {
  const { default: Jasmine } = await import('jasmine');
  const runner = new Jasmine({ projectBaseDir: root });
  runner.exitOnCompletion = false;
  runner.loadConfig({
    spec_dir: relative(root, dirname(bundleFile)),
    spec_files: [relative(dirname(bundleFile), bundleFile)],
    random: false,
    stopOnSpecFailure: false,
  });
  /** @type {Record<string, string>} */
  const statuses = {};
  /** @type {string[]} */
  const failures = [];
  runner.clearReporters();
  runner.addReporter({
    specDone(result) {
      statuses[result.fullName] = result.status;
      if (result.status === 'failed') {
        failures.push(`${result.fullName}\n    ${result.failedExpectations.map((e) => e.message).join('\n    ')}`);
      }
    },
  });
  runner.env.configure({ specFilter: (spec) => run(spec.getFullName()) });
  await runner.execute();
  return { statuses, failures };
}

/**
 * Runs `script` with `args` in a child process in guarded memory (TFJS_SIMD_GUARD_MEMORY=1), its output
 * passed through; resolves when it exits with 0.
 * @param {string} script
 * @param {string[]} args
 * @param {string} label what runs, for the error if it does not end well
 * @returns {Promise<void>}
 */
export function runChild(script, args, label) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, TFJS_SIMD_GUARD_MEMORY: '1' },
    });
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${label} crashed (exit ${code})`))));
  });
}
