// Bundles a worker with esbuild into one ES module, plus the WebAssembly and data files it imports, which
// the Workers runtime loads as modules of their own (CompiledWasm: compiled before the code runs; Data:
// an ArrayBuffer). `node examples/worker/build.mjs` builds this example into examples/worker/dist/.
// (wrangler does the same by itself: see wrangler.toml.)

import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

const MODULE_TYPES = { '.wasm': 'CompiledWasm', '.bin': 'Data' };

/** Keeps .wasm and .bin imports as separate modules next to the bundle, and lists them. */
function separateModules(outdir, modules) {
  return {
    name: 'separate-modules',
    setup(builder) {
      builder.onResolve({ filter: /\.(wasm|bin)$/ }, (args) => {
        const source = resolve(args.resolveDir, args.path);
        // Data files are named by their folder too: each saved network has its own weights.bin.
        const name = source.endsWith('.bin') ? `${basename(dirname(source))}-${basename(source)}` : basename(source);
        if (!modules.some((m) => m.path === name)) {
          copyFileSync(source, join(outdir, name));
          modules.push({ type: MODULE_TYPES[source.slice(source.lastIndexOf('.'))], path: name });
        }
        return { path: `./${name}`, external: true };
      });
    },
  };
}

/**
 * Bundles `entry` into `outdir`/worker.js. Returns the modules to give the Workers runtime, paths relative
 * to `outdir`, the worker first.
 */
export async function bundleWorker({ entry = join(here, 'src/worker.ts'), outdir = join(here, 'dist') } = {}) {
  mkdirSync(outdir, { recursive: true });
  const extra = [];
  await build({
    entryPoints: [entry],
    outfile: join(outdir, 'worker.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    // The models reach for node:fs only in save/load(dir), which a worker never calls.
    external: ['node:*'],
    logLevel: 'warning',
    plugins: [separateModules(outdir, extra)],
  });
  return [{ type: 'ESModule', path: 'worker.js' }, ...extra];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const modules = await bundleWorker();
  console.log(`worker: ${modules.map((m) => `${m.path} (${m.type})`).join(', ')} in ${join(here, 'dist')}`);
}
