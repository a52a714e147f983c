// Bundles the browser example (browser.ts → browser.bundle.js) and serves files on 127.0.0.1.
// `node examples/serve.mjs [port]` serves this directory: open http://127.0.0.1:8080/browser.html.

import { copyFileSync, createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/** The files the package loads by URL at run time: its four .wasm builds and the threads' worker script. */
export const PACKAGE_ASSETS = [
  'simd.wasm',
  'simd-relaxed.wasm',
  'simd-threads.wasm',
  'simd-relaxed-threads.wasm',
  'worker.js',
].map((name) =>
  fileURLToPath(import.meta.resolve(`tfjs-backend-simd/${name.endsWith('.wasm') ? `wasm/${name}` : name}`)),
);

/**
 * Bundles a browser entry with its imports (tfjs-core, the package) into one ES module, with no options beyond
 * the defaults. esbuild leaves new URL('./simd.wasm', import.meta.url) as it is (Vite and webpack emit such
 * files themselves), so the package's .wasm files and worker script are copied beside the bundle.
 */
export async function bundleForBrowser(entry = join(here, 'browser.ts'), outfile = join(here, 'browser.bundle.js')) {
  await build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', logLevel: 'warning' });
  for (const asset of PACKAGE_ASSETS) copyFileSync(asset, join(dirname(outfile), basename(asset)));
  return outfile;
}

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** A static file server for `root` on 127.0.0.1 (port 0: any free port). Resolves to the server, listening. */
export function serveStatic(root, port = 0) {
  const base = resolve(root);
  const server = createServer((request, response) => {
    const path = normalize(join(base, decodeURIComponent(new URL(request.url, 'http://localhost').pathname)));
    let file;
    try {
      file = path.startsWith(base + sep) && statSync(path).isFile() ? path : undefined;
    } catch {
      file = undefined;
    }
    if (!file) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) => server.listen(port, '127.0.0.1', () => done(server)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundleForBrowser();
  const server = await serveStatic(here, Number(process.argv[2] ?? 8080));
  console.log(`open http://127.0.0.1:${server.address().port}/browser.html (Ctrl-C stops)`);
}
