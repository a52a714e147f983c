// @ts-check
// `npm run test:runtimes`: the portable checks, the examples and the no-SIMD fallback on every runtime —
// Node (the one running this, and Node 22 and 24 from npm), Deno, Bun (from npm), Chromium (a system one or the npm-shipped one, via playwright-core) and workerd (via miniflare) — and
// asserts every runtime computed the same numbers as Node. Ends with `runtimes: N passed, M failed`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareNumbers } from './compare.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Tolerances against Node's numbers. Today every runtime gives bit-identical results (max relative
 * difference 0); the margin is for builds that fuse multiply-adds (relaxed SIMD) where Node 20 does not.
 */
const TOLERANCES = {
  matMul: { rtol: 1e-5, atol: 1e-6 },
  gaussianLogLikelihood: { rtol: 1e-5, atol: 1e-6 },
  // A dozen Adam steps amplify the rounding differences between the fused multiply-add build (relaxed
  // SIMD: Deno, Bun, Chromium, workerd) and Node 20's plain build; measured up to 9e-5 relative.
  vaeTraining: { rtol: 1e-3, atol: 1e-4 },
};

const EXPECTED_EXAMPLE = { backend: 'simd', matMul: [19, 22, 43, 50] };

/** A binary from node_modules/.bin (deno and bun ship theirs through npm). */
function localBin(name) {
  const path = join(root, 'node_modules/.bin', name);
  if (!existsSync(path)) throw new Error(`${name} not found in node_modules/.bin (npm ci installs it)`);
  return path;
}

/** Runs a command in the repository; returns its output, throws with its tail if it fails. */
function run(command, args, { timeout = 300_000 } = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    timeout,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error) throw new Error(`${[command, ...args].join(' ')}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(
      `${[command, ...args].join(' ')} exited with ${result.status}:\n${output.trim().split('\n').slice(-15).join('\n')}`,
    );
  return result.stdout;
}

/** The JSON printed after `tag ` on one line of `stdout`. */
function tagged(stdout, tag) {
  const line = stdout.split('\n').find((l) => l.startsWith(`${tag} `));
  if (line == null) throw new Error(`no '${tag}' line in the output:\n${stdout.slice(-2000)}`);
  return JSON.parse(line.slice(tag.length + 1));
}

function checkPortable(result) {
  const failed = result.checks.filter((c) => !c.ok);
  if (failed.length > 0) throw new Error(failed.map((c) => `${c.name}: ${c.error}`).join('\n'));
  return `${result.checks.length} checks, build ${result.numbers.backend.build}`;
}

function checkSameNumbers(result, reference) {
  if (reference == null) throw new Error("no numbers from Node's run to compare with");
  let maxRelative = 0;
  const mismatches = [];
  for (const [check, tolerance] of Object.entries(TOLERANCES)) {
    const comparison = compareNumbers(result.numbers[check], reference.numbers[check], tolerance);
    maxRelative = Math.max(maxRelative, comparison.maxRelative);
    mismatches.push(...comparison.mismatches.map((m) => `${check}.${m}`));
  }
  if (mismatches.length > 0)
    throw new Error(`${mismatches.length} numbers differ from Node's: ${mismatches.slice(0, 5).join('; ')}`);
  return `max relative difference ${maxRelative.toExponential(1)}`;
}

/** The threaded build ran, its worker was ready, and products equal the single-thread ones (float32 tolerance). */
function checkThreads(result) {
  const { threaded, threadCount, ready, maxDifference } = result;
  if (!threaded || threadCount !== 2 || ready !== 1 || !(maxDifference <= 1e-6)) {
    throw new Error(`threads did not run as expected: ${JSON.stringify(result)}`);
  }
  return `threaded build, worker ready, max difference to one thread ${maxDifference}`;
}

function checkExample(result) {
  if (result.backend !== EXPECTED_EXAMPLE.backend || result.matMul.join() !== EXPECTED_EXAMPLE.matMul.join()) {
    throw new Error(`unexpected result ${JSON.stringify(result)}`);
  }
  if (!(Math.abs(result.gaussianLogLikelihood[0] - (-Math.log(2 * Math.PI) - 0.625)) < 1e-5)) {
    throw new Error(`gaussianLogLikelihood ${result.gaussianLogLikelihood}`);
  }
  return `build ${result.build}, features ${JSON.stringify(result.features)}`;
}

/** The backend started synchronously: tensors made before tf.ready() ran on 'simd'. */
function checkWithoutReady(stdout) {
  const result = JSON.parse(stdout.trim().split('\n').pop() ?? '');
  if (result.backend !== 'simd' || result.product.join() !== '7,10,15,22')
    throw new Error(`expected 'simd' and 7,10,15,22, got ${JSON.stringify(result)}`);
  return `'simd' at once, ${result.threads} thread(s)`;
}

function checkNoSimd(stdout) {
  const result = tagged(stdout, 'NO_SIMD');
  return `fell back to '${result.active}' with: ${result.message}`;
}

/** A Node binary installed from npm (devDependencies node22, node24: the official builds). */
function npmNode(name) {
  const path = join(root, 'node_modules', name, 'bin/node');
  if (!existsSync(path)) throw new Error(`${path} not found (npm ci installs it)`);
  return path;
}

/** The steps for another Node version: as on the Node running the tests, and Node >= 22 runs the relaxed build. */
function otherNode(name, state) {
  const node = () => npmNode(name);
  return {
    'portable checks': () => {
      const version = run(node(), ['--version']).trim();
      return `${version}: ${checkPortable((state[name] = tagged(run(node(), ['test/runtimes/portable.mjs']), 'PORTABLE')))}`;
    },
    'same numbers as node': () => checkSameNumbers(state[name], state.node),
    'examples/node.mjs (relaxed build)': () => {
      const result = JSON.parse(run(node(), ['examples/node.mjs']));
      if (result.build !== 'relaxed-simd') throw new Error(`build ${result.build}: Node >= 22 has relaxed SIMD`);
      return checkExample(result);
    },
    'threads (worker_threads), exits by itself': () =>
      checkThreads(tagged(run(node(), ['test/runtimes/threads.mjs'], { timeout: 60_000 }), 'THREADS')),
  };
}

/** Each runtime: named steps, each a function returning a detail line or throwing. */
function runtimes(state) {
  const deno = () => localBin('deno');
  const bun = () => localBin('bun');
  return {
    node: {
      'portable checks': () =>
        checkPortable((state.node = tagged(run(process.execPath, ['test/runtimes/portable.mjs']), 'PORTABLE'))),
      'examples/node.mjs': () => checkExample(JSON.parse(run(process.execPath, ['examples/node.mjs']))),
      'no-SIMD fallback': () => checkNoSimd(run(process.execPath, ['test/runtimes/no_simd.mjs'])),
      'tensors before tf.ready()': () => checkWithoutReady(run(process.execPath, ['test/runtimes/without_ready.mjs'])),
      'threads (worker_threads), exits by itself': () =>
        checkThreads(tagged(run(process.execPath, ['test/runtimes/threads.mjs'], { timeout: 60_000 }), 'THREADS')),
      // One process per file: handing over a precompiled module changes every later backend.
      'unit tests (setWasmModule, VAE.load from memory)': () => {
        for (const file of ['test/runtimes/wasm_module.test.mjs', 'test/runtimes/artifacts.test.mjs'])
          run(process.execPath, [file]);
        return '2 files';
      },
      'tsc --noEmit -p examples': () => {
        run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'examples']);
        return 'no errors';
      },
    },
    node22: otherNode('node22', state),
    node24: otherNode('node24', state),
    deno: {
      'portable checks': () =>
        checkPortable((state.deno = tagged(run(deno(), ['run', '-A', 'test/runtimes/portable.mjs']), 'PORTABLE'))),
      'same numbers as node': () => checkSameNumbers(state.deno, state.node),
      'examples/deno.ts': () => checkExample(JSON.parse(run(deno(), ['run', '-A', 'examples/deno.ts']))),
      'no-SIMD fallback': () => checkNoSimd(run(deno(), ['run', '-A', 'test/runtimes/no_simd.mjs'])),
      'tensors before tf.ready()': () =>
        checkWithoutReady(run(deno(), ['run', '-A', 'test/runtimes/without_ready.mjs'])),
      'threads (worker_threads), exits by itself': () =>
        checkThreads(tagged(run(deno(), ['run', '-A', 'test/runtimes/threads.mjs'], { timeout: 60_000 }), 'THREADS')),
      // --sloppy-imports: the repository imports itself by name and Deno reads its .d.ts files as local
      // files, whose './x.js' imports need it; a copy installed from npm checks without it.
      'deno check': () => {
        run(deno(), ['check', '--sloppy-imports', 'examples/deno.ts', 'examples/bun.ts']);
        return 'no errors';
      },
    },
    bun: {
      'portable checks': () =>
        checkPortable((state.bun = tagged(run(bun(), ['test/runtimes/portable.mjs']), 'PORTABLE'))),
      'same numbers as node': () => checkSameNumbers(state.bun, state.node),
      'examples/bun.ts': () => checkExample(JSON.parse(run(bun(), ['examples/bun.ts']))),
      'no-SIMD fallback': () => checkNoSimd(run(bun(), ['test/runtimes/no_simd.mjs'])),
      'tensors before tf.ready()': () => checkWithoutReady(run(bun(), ['test/runtimes/without_ready.mjs'])),
      'threads (worker_threads), exits by itself': () =>
        checkThreads(tagged(run(bun(), ['test/runtimes/threads.mjs'], { timeout: 60_000 }), 'THREADS')),
    },
    chromium: {
      'portable checks': async () => {
        const { runInChromium } = await import('./chromium.mjs');
        state.chromium = await runInChromium();
        return `${checkPortable(state.chromium.portable)}, Chromium ${state.chromium.version}`;
      },
      'same numbers as node': () => checkSameNumbers(state.chromium.portable, state.node),
      'examples/browser.html': () => {
        const { status, text } = state.chromium.example;
        if (status !== 'done') throw new Error(text);
        return checkExample(JSON.parse(text));
      },
      'threads: Web Worker on a cross-origin-isolated page, one silent thread on a plain one': async () => {
        const { runThreadsInChromium } = await import('./chromium_threads.mjs');
        const { isolated, plain } = await runThreadsInChromium();
        const noise = [...isolated.messages, ...plain.messages];
        if (noise.length > 0) throw new Error(`console warnings or errors: ${noise.join('; ')}`);
        if (plain.threaded || plain.threadCount !== 1 || plain.crossOriginIsolated)
          throw new Error(`plain page: ${JSON.stringify(plain)}`);
        return checkThreads(isolated);
      },
    },
    workerd: {
      'portable checks': async () => {
        const { runPortableInWorkerd } = await import('./workerd.mjs');
        return checkPortable((state.workerd = await runPortableInWorkerd()));
      },
      'same numbers as node': () => checkSameNumbers(state.workerd, state.node),
      'examples/worker (POST /score, GET /sample)': async () => {
        const { runExampleWorker } = await import('./workerd.mjs');
        const { backend, elbo } = await runExampleWorker();
        return `${backend}, ELBO of 8 digits and 1 noise image: ${elbo.map((e) => e.toFixed(1)).join(', ')}`;
      },
      'embedded entry (compiles bytes): clear error': async () => {
        const { runDefaultEntryInWorkerd } = await import('./workerd.mjs');
        return runDefaultEntryInWorkerd();
      },
    },
  };
}

function ensureBuilt() {
  if (existsSync(join(root, 'dist/index.js')) && existsSync(join(root, 'build/simd.wasm'))) return;
  console.log('dist/ or build/ missing: building first');
  run('npm', ['run', 'build']);
}

ensureBuilt();
const only = process.argv.slice(2);
const state = {};
let passed = 0;
let failed = 0;
for (const [runtime, steps] of Object.entries(runtimes(state))) {
  if (only.length > 0 && !only.includes(runtime) && runtime !== 'node') continue;
  let ok = true;
  for (const [step, check] of Object.entries(steps)) {
    const started = Date.now();
    try {
      const detail = await check();
      console.log(`  ${runtime}: ${step}: ok (${detail}) ${Date.now() - started} ms`);
    } catch (e) {
      ok = false;
      console.log(`  ${runtime}: ${step}: FAILED\n${String(e.message ?? e).replace(/^/gm, '      ')}`);
    }
  }
  console.log(`${runtime}: ${ok ? 'passed' : 'FAILED'}`);
  if (ok) passed++;
  else failed++;
}
console.log(`runtimes: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
