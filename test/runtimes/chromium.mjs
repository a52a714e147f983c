// Chromium: runs the portable checks and examples/browser.html in headless Chromium (Debian's package,
// driven by playwright-core) against pages served on 127.0.0.1.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { bundleForBrowser, serveStatic } from '../../examples/serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const buildDir = join(root, 'test/runtimes/.build/browser');

const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-unsafe-swiftshader',
];

/**
 * The real Chromium binary: CHROMIUM_BIN if set, else the one Debian's /usr/bin/chromium wrapper script starts
 * (the script adds flags of its own, so playwright must not go through it).
 */
export function chromiumBinary() {
  if (process.env.CHROMIUM_BIN) return process.env.CHROMIUM_BIN;
  const wrapper = '/usr/bin/chromium';
  if (existsSync(wrapper)) {
    const script = readFileSync(wrapper, 'latin1');
    const appName = /^APPNAME=(\S+)/m.exec(script)?.[1];
    const libDir = /^LIBDIR=(\S+)/m.exec(script)?.[1]?.replace('$APPNAME', appName ?? 'chromium');
    if (libDir && appName && existsSync(join(libDir, appName))) return join(libDir, appName);
  }
  const fallback = '/usr/lib/chromium/chromium';
  if (existsSync(fallback)) return fallback;
  throw new Error('Chromium not found: run scripts/install-chromium.sh (or set CHROMIUM_BIN)');
}

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
  writeFileSync(join(buildDir, 'portable.html'),
    '<!doctype html><meta charset="utf-8"><script type="module" src="./portable.bundle.js"></script>\n');
  await bundleForBrowser();
  const server = await serveStatic(root);
  const browser = await chromium.launch({ executablePath: chromiumBinary(), args: FLAGS, headless: true });
  try {
    const portable = await visit(browser, server, relative(root, join(buildDir, 'portable.html')),
      'window.portableResult !== undefined', () => window.portableResult);
    const example = await visit(browser, server, 'examples/browser.html',
      'document.body.dataset.status !== undefined',
      () => ({ status: document.body.dataset.status, text: document.getElementById('result').textContent }));
    return { portable, example, version: browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}
