// @ts-check
// Chromium, threads: the page of browser/threads_page.mjs served cross-origin isolated (COOP and COEP
// headers), bundled with esbuild, the package's worker script and .wasm files beside it (where
// new URL('./worker.js', import.meta.url) finds them); and the same page without the headers, where one
// thread runs, silently.
import { createReadStream, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForBrowser } from '../../examples/serve.mjs';
import { launchChromium } from './find_chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const buildDir = join(root, 'test/runtimes/.build/threads');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/** Serves buildDir; `isolated` adds the headers that make a page cross-origin isolated. */
function serve(isolated) {
  const server = createServer((request, response) => {
    const file = join(buildDir, new URL(request.url, 'http://localhost').pathname.replace(/^\/+/, ''));
    if (!file.startsWith(buildDir) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      ...(isolated ? ISOLATION : {}),
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

async function visit(browser, isolated) {
  const server = await serve(isolated);
  const page = await browser.newPage();
  const messages = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') messages.push(m.text());
  });
  page.on('pageerror', (e) => messages.push(e.message));
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/threads.html`);
    await page.waitForFunction('window.threadsResult !== undefined', null, { timeout: 120_000 });
    return { ...(await page.evaluate(() => window.threadsResult)), messages };
  } finally {
    await page.close();
    server.close();
  }
}

export async function runThreadsInChromium() {
  mkdirSync(buildDir, { recursive: true });
  await bundleForBrowser(join(root, 'test/runtimes/browser/threads_page.mjs'), join(buildDir, 'threads.js'));
  writeFileSync(
    join(buildDir, 'threads.html'),
    '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="./threads.js"></script>\n',
  );
  const browser = await launchChromium(['--disable-gpu']);
  try {
    return { isolated: await visit(browser, true), plain: await visit(browser, false) };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await runThreadsInChromium()));
