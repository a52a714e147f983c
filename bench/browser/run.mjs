// `npm run bench:browser [-- --quick]`: bundles the benchmark pages (bench/browser/page.mjs and coldstart.mjs,
// esbuild), serves the repository on 127.0.0.1 (a secure context, as WebGPU needs), opens the benchmark page in
// headless Chromium (a system one or the npm-shipped one, through playwright-core; see
// test/runtimes/find_chromium.mjs), waits for its results, adds the page cold start of every backend (a fresh
// browser context per sample), writes them to bench/results/browser-<date>.json and a screenshot to
// bench/results/browser.png, and prints the table with the WebGL renderer and the WebGPU adapter the browser reports.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleForBrowser, PACKAGE_ASSETS, serveStatic } from '../../examples/serve.mjs';
import { launchChromium } from '../../test/runtimes/find_chromium.mjs';
import { adapterLines, markdownTable } from './render.mjs';
import { median } from './rows.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const resultsDir = join(root, 'bench/results');
const buildDir = join(root, 'bench/.build/browser');

/**
 * Chromium's WebGPU flags, by BENCH_WEBGPU: `swiftshader` (the default) asks for SwiftShader's adapter, a CPU
 * emulation that headless Chromium on Linux offers even without a GPU; `gpu` for the machine's own adapter; `off`
 * for none (the webgpu column then says there is no adapter).
 */
function webgpuFlags(choice = process.env.BENCH_WEBGPU ?? 'swiftshader') {
  const flags = {
    swiftshader: ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'],
    gpu: ['--enable-unsafe-webgpu'],
    off: [],
  };
  if (!flags[choice]) throw new Error(`BENCH_WEBGPU=${choice}: expected swiftshader, gpu or off`);
  return flags[choice];
}

/** The cold start page: one chunk per backend, so each sample loads only tfjs-core and its own backend. */
async function bundleColdStart() {
  const outdir = join(buildDir, 'coldstart');
  rmSync(outdir, { recursive: true, force: true }); // chunk names change with their contents
  await build({
    entryPoints: [join(root, 'bench/browser/coldstart.mjs')],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    logLevel: 'warning',
  });
  // The package fetches its .wasm builds (and threads' worker) from beside its code, as bundleForBrowser arranges.
  for (const asset of PACKAGE_ASSETS) copyFileSync(asset, join(outdir, basename(asset)));
}

/** Opens `url` in `page` and waits for `expression` (a page global); its value, or why there is none. */
async function resultOf(page, url, expression, timeoutMs) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  try {
    await page.waitForFunction(`${expression} !== undefined`, null, { timeout: timeoutMs, polling: 200 });
  } catch (e) {
    const status = await page.evaluate(() => document.getElementById('status')?.textContent).catch(() => undefined);
    throw new Error(
      `${url} gave no result: ${e.message}${status ? ` (the page says: ${status})` : ''}` +
        `${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`,
    );
  }
  return page.evaluate(expression);
}

/**
 * The page cold start of each backend: `rounds` rounds, each loading the cold start page once per backend (in a
 * rotating order, each in a fresh browser context: an empty HTTP cache); per backend the median of its samples.
 */
async function coldStartRows(browser, origin, backends, rounds) {
  const samples = new Map(backends.map((b) => [b, []]));
  for (let round = 0; round < rounds; round++) {
    for (const backend of [...backends.slice(round % backends.length), ...backends.slice(0, round % backends.length)]) {
      const context = await browser.newContext();
      try {
        samples
          .get(backend)
          .push(
            await resultOf(
              await context.newPage(),
              `${origin}/bench/browser/coldstart.html?backend=${backend}`,
              'window.coldStart',
              120_000,
            ),
          );
      } finally {
        await context.close();
      }
    }
  }
  return backends.map((backend) => {
    const runs = samples.get(backend);
    const measured = runs.filter((r) => r.ms != null);
    if (measured.length < runs.length) return runs.find((r) => r.ms == null); // its notRun or error
    const ms = median(measured.map((r) => r.ms));
    return { ...measured.find((r) => r.ms === ms), samples: measured.length, batch: 1 };
  });
}

/**
 * Runs the pages in a fresh headless Chromium and returns the result ({ renderer, webgpu, simdBuild, rows, … });
 * `screenshot`: a PNG path to write. Always closes the browser and the server.
 */
/** @param {{ quick?: boolean, screenshot?: string, timeoutMs?: number }} [options] */
export async function runBrowserBench({ quick = false, screenshot, timeoutMs = 1_800_000 } = {}) {
  await bundleForBrowser(join(root, 'bench/browser/page.mjs'), join(buildDir, 'page.bundle.js'));
  await bundleColdStart();
  const server = await serveStatic(root);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium(webgpuFlags());
  try {
    const page = await browser.newPage({ viewport: { width: 1350, height: 900 } });
    const url = `${origin}/bench/browser/index.html${quick ? '?quick' : ''}`;
    const result = await resultOf(page, url, 'window.benchResult', timeoutMs);
    if (result.error) throw new Error(`the page failed: ${result.error}`);
    result.rows.push(...(await coldStartRows(browser, origin, result.backends, quick ? 1 : 5)));
    await page.evaluate((whole) => window.showResult(whole), result);
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    return { ...result, chromium: `${browser.version()} (${browser.source})` };
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  mkdirSync(resultsDir, { recursive: true });
  const started = performance.now();
  const loadAverage = { before: loadavg() };
  const result = await runBrowserBench({ quick, screenshot: join(resultsDir, 'browser.png') });
  loadAverage.after = loadavg();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = join(resultsDir, `browser-${stamp}${quick ? '-quick' : ''}.json`);
  const json = JSON.stringify({ date: new Date().toISOString(), quick, loadAverage, ...result }, null, 1);
  writeFileSync(out, json);
  // --save <file>: also there (README's browser table is written from bench/readme/browser.json).
  if (process.argv.includes('--save')) writeFileSync(process.argv[process.argv.indexOf('--save') + 1], json);
  console.log(`\n${markdownTable(result)}\n`);
  console.log(`Chromium ${result.chromium} (headless); simd build: ${result.simdBuild}`);
  console.log(adapterLines(result));
  console.log(
    `${quick ? 'quick' : 'full'} run, ${((performance.now() - started) / 1000).toFixed(1)} s; medians; ` +
      `results in ${out}, screenshot in bench/results/browser.png`,
  );
}
