// Bundles the browser example (browser.ts → browser.bundle.js) and serves files on 127.0.0.1.
// `node examples/serve.mjs [port]` serves this directory: open http://127.0.0.1:8080/browser.html.
import { build } from 'esbuild';
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Bundles a browser entry with its imports (tfjs-core, the package) into one ES module. */
export async function bundleForBrowser(entry = join(here, 'browser.ts'), outfile = join(here, 'browser.bundle.js')) {
  await build({
    entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'browser', logLevel: 'warning',
    // The models reach for node:fs only in save/load(dir), which a page never calls.
    external: ['node:*'],
  });
  return outfile;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };

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
