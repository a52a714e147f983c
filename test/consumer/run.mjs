// @ts-check
// `npm run test:consumer`: the package as a user gets it. Packs the built repository, installs the tarball
// into a fresh project (pack.mjs), and there: bundles a page with esbuild, Vite and webpack (no options that
// concern the package) and runs each in Chromium, plain and cross-origin isolated (threads); runs a Node ES
// module script (Node and Node 24), the models entry alone, Deno and Bun scripts, a Workers script under
// workerd, and tsc --noEmit against the installed types. Measures the tarball, the installed size and the
// bytes each page downloads, against tfjs-backend-wasm; writes them to test/consumer/.project/results.json
// (`-- --save`: to test/consumer/results.json and README's Install table). Ends with `consumer: N passed, M failed`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorker } from '../../examples/worker/build.mjs';
import { launchChromium } from '../runtimes/find_chromium.mjs';
import { nodeImports, visitPage } from './browser.mjs';
import { BUNDLERS, bundlePage } from './bundlers.mjs';
import { checkReadmeLinks, installIntoProject, packTarball } from './pack.mjs';
import { pageSummary, updateReadme } from './report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const projectDir = join(here, '.project');
const PRODUCT = [19, 22, 43, 50];

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Runs a command in the project; its last stdout line, parsed as JSON. */
function runJson(command, args) {
  const stdout = execFileSync(command, args, {
    cwd: projectDir,
    encoding: 'utf8',
    timeout: 120_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(stdout.trim().split('\n').pop());
}

function checkScript(result, expectedBuild) {
  assert(
    result.backend === 'simd' && result.product.join() === PRODUCT.join(),
    `unexpected result ${JSON.stringify(result)}`,
  );
  assert(expectedBuild == null || result.build === expectedBuild, `build ${result.build}, expected ${expectedBuild}`);
  assert(result.elbo.length === 1 && Number.isFinite(result.elbo[0]), `VAE training gave ${result.elbo}`);
  checkThreads(result.threads);
  assert(
    result.entry == null || result.entry.endsWith('/node_modules/tfjs-backend-simd/dist/bundle/index.js'),
    `resolved to ${result.entry}`,
  );
  return `build ${result.build}, threads ok`;
}

function checkThreads(threads) {
  const { threaded, threadCount, ready, maxDifference } = threads ?? {};
  assert(
    threaded && threadCount === 2 && ready === 1 && maxDifference === 0,
    `threads did not run as expected: ${JSON.stringify(threads)}`,
  );
}

/** One visit's checks: the product, threads where isolated, one .wasm file fetched, nothing logged. */
function checkPage(visit, isolated) {
  const { result, downloads, messages } = visit;
  assert(result.error == null, `the page failed: ${result.error}`);
  assert(
    result.backend === 'simd' && result.product.join() === PRODUCT.join(),
    `unexpected result ${JSON.stringify(result)}`,
  );
  assert(result.crossOriginIsolated === isolated, `crossOriginIsolated ${result.crossOriginIsolated}`);
  if (isolated) checkThreads(result.threads);
  const wasm = downloads.filter((d) => d.path.endsWith('.wasm'));
  assert(
    wasm.length === 1,
    `fetched ${wasm.length} .wasm files (${wasm.map((d) => d.path).join(', ')}), expected the one build it runs`,
  );
  assert(
    downloads.every((d) => d.status === 200),
    `failed requests: ${downloads
      .filter((d) => d.status !== 200)
      .map((d) => `${d.path} ${d.status}`)
      .join(', ')}`,
  );
  assert(messages.length === 0, `console warnings or errors: ${messages.join('; ')}`);
  const summary = pageSummary(downloads);
  return `build ${result.build}${isolated ? ', threads ok' : ''}; ${wasm[0].path.split('/').pop()}; ${summary.totalGzip} bytes gzip`;
}

function steps(state) {
  const list = {
    'npm pack: only what users import, types, README, LICENSE': () => {
      state.pack = packTarball(root, join(projectDir, '..', '.pack'));
      checkReadmeLinks(root, state.pack.files);
      return `${state.pack.files.length} files, ${state.pack.packedBytes} bytes packed`;
    },
    'installed into a fresh project, with no dependencies': () => {
      const installed = installIntoProject(state.pack.tarball, join(here, 'fixtures'), projectDir, [
        [join(root, 'test/runtimes/threads_check.mjs'), 'threads_check.mjs'],
      ]);
      state.installedBytes = installed.installedBytes;
      return `${(installed.installedBytes / 1e6).toFixed(2)} MB installed`;
    },
  };
  for (const bundler of Object.keys(BUNDLERS)) {
    list[`${bundler}: page bundled, no node: module`] = async () => {
      state[bundler] = { dir: await bundlePage(bundler, projectDir, 'page.js') };
      const imports = nodeImports(state[bundler].dir);
      assert(imports.length === 0, `the bundle imports ${imports.join(', ')}`);
      return state[bundler].dir.replace(`${root}/`, '');
    };
    for (const isolated of [false, true]) {
      const kind = isolated ? 'isolated' : 'plain';
      list[`${bundler}: ${isolated ? 'cross-origin-isolated page (threads)' : 'plain page'} in Chromium`] =
        async () => {
          const visit = await visitPage(await state.browser(), state[bundler].dir, { isolated });
          state.pages[bundler] = { ...state.pages[bundler], [kind]: pageSummary(visit.downloads) };
          return checkPage(visit, isolated);
        };
    }
  }
  Object.assign(list, {
    'tfjs-backend-wasm page (esbuild), for comparison': async () => {
      const dir = await bundlePage('esbuild', projectDir, 'page-wasm.js');
      const { result, downloads } = await visitPage(await state.browser(), dir);
      assert(
        result.backend === 'wasm' && result.product.join() === PRODUCT.join(),
        `unexpected result ${JSON.stringify(result)}`,
      );
      state.pages['tfjs-backend-wasm (esbuild)'] = { plain: pageSummary(downloads) };
      return `${state.pages['tfjs-backend-wasm (esbuild)'].plain.totalGzip} bytes gzip`;
    },
    [`node ${process.version}: ES module script`]: () => checkScript(runJson(process.execPath, ['script.mjs'])),
    'node 24 (npm): ES module script': () =>
      checkScript(runJson(join(root, 'node_modules/node24/bin/node'), ['script.mjs']), 'relaxed-simd'),
    "'tfjs-backend-simd/models' alone registers the backend": () => {
      const result = runJson(process.execPath, ['models_only.mjs']);
      assert(
        result.switched === true && result.backend === 'simd' && result.elbo.every(Number.isFinite),
        JSON.stringify(result),
      );
      return "setBackend('simd') true";
    },
    'deno: ES module script': () =>
      checkScript(runJson(join(root, 'node_modules/.bin/deno'), ['run', '-A', 'script.mjs']), 'relaxed-simd'),
    'bun: ES module script': () =>
      checkScript(runJson(join(root, 'node_modules/.bin/bun'), ['script.mjs']), 'relaxed-simd'),
    "workerd: a Worker importing 'tfjs-backend-simd' (workerd condition)": async () => {
      const { Miniflare } = await import('miniflare');
      const outdir = join(projectDir, 'out', 'worker');
      const modules = await bundleWorker({ entry: join(projectDir, 'worker.mjs'), outdir });
      const mf = new Miniflare({
        modulesRoot: outdir,
        modules: modules.map((m) => ({ ...m, path: join(outdir, m.path) })),
        compatibilityDate: '2026-04-01',
        host: '127.0.0.1',
        port: 0,
      });
      try {
        const response = await fetch(await mf.ready);
        const text = await response.text();
        assert(response.ok, `the worker answered ${response.status}: ${text.slice(0, 300)}`);
        const result = JSON.parse(text);
        assert(result.backend === 'simd' && result.product.join() === PRODUCT.join(), text);
        return `build ${result.build}`;
      } finally {
        await mf.dispose();
      }
    },
    // skipLibCheck is off so that the package's own .d.ts files are checked; tfjs-core's and tfjs-layers'
    // declarations have errors of their own under strict checks, which are not the package's to fix.
    'tsc --noEmit (strict, declaration files checked) against the installed types': () => {
      const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
        cwd: projectDir,
        encoding: 'utf8',
      });
      const errors = tsc.stdout
        .split('\n')
        .filter((line) => /error TS/.test(line) && !line.includes('node_modules/@tensorflow/'));
      assert(tsc.status === 0 || /error TS/.test(tsc.stdout), `tsc failed: ${tsc.stdout}${tsc.stderr}`);
      assert(errors.length === 0, errors.join('\n'));
      return "no errors in the program or the package's declarations";
    },
  });
  return list;
}

if (!existsSync(join(root, 'dist/bundle/index.js'))) {
  console.error('dist/bundle/ missing: run `npm run build` first');
  process.exit(1);
}
/** @type {Awaited<ReturnType<typeof launchChromium>> | undefined} */
let browser;
const state = {
  pages: {},
  browser: async () => (browser ??= await launchChromium()),
};
let passed = 0;
let failed = 0;
try {
  for (const [name, step] of Object.entries(steps(state))) {
    const started = Date.now();
    try {
      const detail = await step();
      passed++;
      console.log(`  ${name}: ok (${detail}) ${Date.now() - started} ms`);
    } catch (e) {
      failed++;
      console.log(
        `  ${name}: FAILED\n${String(e.stack ?? e)
          .split('\n')
          .slice(0, 12)
          .join('\n')
          .replace(/^/gm, '      ')}`,
      );
      if (state.pack == null || state.installedBytes == null) break; // nothing else can run
    }
  }
} finally {
  await browser?.close();
}

const results = {
  date: new Date().toISOString(),
  node: process.version,
  chromium: browser ? `${browser.version()} (${browser.source})` : null,
  tarball: state.pack && {
    files: state.pack.files.length,
    packedBytes: state.pack.packedBytes,
    unpackedBytes: state.pack.unpackedBytes,
  },
  installedBytes: state.installedBytes,
  pages: state.pages,
};
mkdirSync(projectDir, { recursive: true });
writeFileSync(join(projectDir, 'results.json'), JSON.stringify(results, null, 1));
if (process.argv.includes('--save') && failed === 0) {
  writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
  updateReadme(join(root, 'README.md'), results);
  console.log("saved test/consumer/results.json and README's Install table");
}
console.log(`consumer: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
