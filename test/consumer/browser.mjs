// @ts-check
// Serves a bundled page on 127.0.0.1 (plain, or cross-origin isolated with COOP/COEP headers), opens it in
// headless Chromium, and returns what the page computed and what it downloaded: every response's bytes and
// their gzip size (what a server compressing its responses sends).
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};
const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

function serve(dir, isolated) {
  const server = createServer((request, response) => {
    const file = join(
      dir,
      decodeURIComponent(new URL(request.url, 'http://localhost').pathname).replace(/^\/+/, '') || 'index.html',
    );
    if (!file.startsWith(dir) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
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

/** Opens the page; resolves to { result, downloads: [{ path, bytes, gzipBytes }], messages }. */
export async function visitPage(browser, dir, { isolated = false } = {}) {
  const server = await serve(dir, isolated);
  const page = await browser.newPage();
  const messages = [];
  const downloads = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') messages.push(m.text());
  });
  page.on('pageerror', (e) => messages.push(e.message));
  // Responses of the page and of its workers (a worker's script and its fetches come through the context).
  page.context().on('response', (response) => {
    downloads.push(
      response.body().then(
        (body) => ({
          path: new URL(response.url()).pathname,
          status: response.status(),
          bytes: body.length,
          gzipBytes: gzipSync(body).length,
        }),
        () => null,
      ),
    );
  });
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await page.waitForFunction('window.result !== undefined', null, { timeout: 120_000 });
    const result = await page.evaluate(() => window.result);
    return { result, downloads: (await Promise.all(downloads)).filter(Boolean), messages };
  } finally {
    await page.close();
    server.close();
  }
}

/** node: modules a bundle still imports (static, dynamic or required): a browser cannot load them. */
export function nodeImports(dir) {
  const found = [];
  for (const name of readdirSync(dir, { recursive: true })) {
    if (!/\.m?js$/.test(String(name))) continue;
    const source = readFileSync(join(dir, String(name)), 'utf8');
    for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["'](node:[\w/]+)["']/g))
      found.push(`${name}: ${match[1]}`);
  }
  return found;
}
