// `npm run bench:browser [-- --quick]`: bundles the benchmark page (bench/browser/page.mjs, esbuild), serves the
// repository on 127.0.0.1, opens the page in headless Chromium (a system one or the npm-shipped one, through
// playwright-core; see test/runtimes/find_chromium.mjs), waits for its results, writes them to bench/results/browser-<date>.json and a
// screenshot to bench/results/browser.png, and prints the table with the GL renderer the browser reports.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForBrowser, serveStatic } from '../../examples/serve.mjs';
import { launchChromium } from '../../test/runtimes/find_chromium.mjs';
import { markdownTable } from './render.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const resultsDir = join(root, 'bench/results');

/**
 * Runs the page once in a fresh headless Chromium and returns its result ({ renderer, simdBuild, rows, … });
 * `screenshot`: a PNG path to write. Always closes the browser and the server.
 */
export async function runBrowserBench({ quick = false, screenshot, timeoutMs = 600_000 } = {}) {
  await bundleForBrowser(join(root, 'bench/browser/page.mjs'), join(root, 'bench/.build/browser/page.bundle.js'));
  const server = await serveStatic(root);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1350, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/bench/browser/index.html${quick ? '?quick' : ''}`);
    try {
      await page.waitForFunction(() => window.benchResult !== undefined, null, { timeout: timeoutMs, polling: 500 });
    } catch (e) {
      throw new Error(`the page gave no result: ${e.message}${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`);
    }
    const result = await page.evaluate(() => window.benchResult);
    if (result.error) throw new Error(`the page failed: ${result.error}`);
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    return { ...result, chromium: `${browser.version()} (${browser.source})` };
  } finally {
    await browser.close();
    server.close();
  }
}

/** The renderer, flagged when it is a software one (no GPU), as the WebGL numbers need reading. */
export function describeRenderer(renderer) {
  return /swiftshader|llvmpipe|software/i.test(renderer)
    ? `${renderer} — a software rasterizer (no GPU): WebGL numbers here are CPU-emulated, not a GPU's`
    : renderer;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  mkdirSync(resultsDir, { recursive: true });
  const started = performance.now();
  const result = await runBrowserBench({ quick, screenshot: join(resultsDir, 'browser.png') });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = join(resultsDir, `browser-${stamp}${quick ? '-quick' : ''}.json`);
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), ...result }, null, 1));
  console.log(`\n${markdownTable(result)}\n`);
  console.log(`Chromium ${result.chromium} (headless); simd build: ${result.simdBuild}`);
  console.log(`WebGL renderer: ${describeRenderer(result.renderer)}`);
  console.log(`${quick ? 'quick' : 'full'} run, ${((performance.now() - started) / 1000).toFixed(1)} s; medians; ` +
    `results in ${out}, screenshot in bench/results/browser.png`);
}
