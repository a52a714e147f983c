// @ts-check
// Chromium: runs the portable checks and examples/browser.html in headless Chromium (a system one or the
// npm-shipped one: find_chromium.mjs; driven by playwright-core) against pages served on 127.0.0.1.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForBrowser, serveStatic } from '../../examples/serve.mjs';
import { launchChromium } from './find_chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const buildDir = join(root, 'test/runtimes/.build/browser');

/** Opens `path` of `server`, waits for `waitFor` (a page expression), returns `read` (another). */
async function visit(browser, server, path, waitFor, read) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/${path}`);
    await page.waitForFunction(waitFor, null, { timeout: 120_000 });
    return await page.evaluate(read);
  } catch (e) {
    throw new Error(`${path}: ${e.message}${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`);
  } finally {
    await page.close();
  }
}

/** Runs the portable checks and the browser example in one headless Chromium; always closes it. */
export async function runInChromium() {
  mkdirSync(buildDir, { recursive: true });
  await bundleForBrowser(join(root, 'test/runtimes/browser/portable_page.mjs'), join(buildDir, 'portable.bundle.js'));
  writeFileSync(
    join(buildDir, 'portable.html'),
    '<!doctype html><meta charset="utf-8"><script type="module" src="./portable.bundle.js"></script>\n',
  );
  await bundleForBrowser();
  const server = await serveStatic(root);
  const browser = await launchChromium(['--disable-gpu']);
  try {
    const portable = await visit(
      browser,
      server,
      relative(root, join(buildDir, 'portable.html')),
      'window.portableResult !== undefined',
      () => window.portableResult,
    );
    const example = await visit(
      browser,
      server,
      'examples/browser.html',
      'document.body.dataset.status !== undefined',
      () => ({ status: document.body.dataset.status, text: document.getElementById('result').textContent }),
    );
    return { portable, example, version: `${browser.version()} (${browser.source})` };
  } finally {
    await browser.close();
    server.close();
  }
}
