// Bundles the package's entry points (compiled by tsc into dist/) into a few ES modules in dist/bundle/, which
// package.json's "exports" point at. A fresh process then loads a handful of files instead of ~190 small
// modules, which is most of the package's share of cold start. Entry points share their code through chunks
// (code splitting), so importing 'tfjs-backend-simd' and 'tfjs-backend-simd/models' together loads the backend
// once. One build serves Node, Deno, Bun and browsers: Node's modules are reached through
// process.getBuiltinModule, never imported, so a browser bundler finds no node: module.
// Beside the chunks: the four .wasm files (found with new URL('./<name>.wasm', import.meta.url)) and the
// threads' worker script, bundled alone (no chunk imports), so that it can be copied or served as one file.

import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const dependencies = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const WASM_FILES = ['simd.wasm', 'simd-relaxed.wasm', 'simd-threads.wasm', 'simd-relaxed-threads.wasm'];

const common = {
  outdir: 'dist/bundle',
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2020',
  external: [...dependencies.flatMap((name) => [name, `${name}/*`]), 'node:*'],
  metafile: true,
  logLevel: 'warning',
};

rmSync('dist/bundle', { recursive: true, force: true });
const entries = await build({
  ...common,
  entryPoints: {
    index: 'dist/index.js',
    embedded: 'dist/embedded.js',
    workers: 'dist/workers.js',
    models: 'dist/models/index.js',
    'models-workers': 'dist/models/workers.js',
  },
  splitting: true,
  // The workers entry imports build/*.wasm as modules (a Workers bundler compiles them ahead of the code).
  loader: { '.wasm': 'copy' },
  assetNames: '[name]',
  chunkNames: 'chunk-[hash]',
});
const worker = await build({ ...common, entryPoints: { worker: 'dist/threads/worker.js' } });

// The files new URL('./<name>.wasm', import.meta.url) names: beside the bundle, and beside tsc's dist/wasm/files.js.
for (const dir of ['dist/bundle', 'dist/wasm']) {
  mkdirSync(dir, { recursive: true });
  for (const file of WASM_FILES) copyFileSync(`build/${file}`, `${dir}/${file}`);
}

// The declaration files the entries' types reach (30 of tsc's ~200: kernels and helpers stay out), copied to
// dist/types/ in their folders, which the tarball ships.
const DECLARATION_ENTRIES = ['index.d.ts', 'embedded.d.ts', 'workers.d.ts', 'models/index.d.ts', 'models/workers.d.ts'];
const reached = new Set();
const pending = [...DECLARATION_ENTRIES];
while (pending.length > 0) {
  const file = pending.pop();
  if (reached.has(file)) continue;
  reached.add(file);
  const source = readFileSync(join('dist', file), 'utf8');
  for (const [, specifier] of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    pending.push(posix.join(posix.dirname(file), specifier.replace(/\.js$/, '.d.ts')));
  }
}
rmSync('dist/types', { recursive: true, force: true });
for (const file of reached) {
  mkdirSync(dirname(join('dist/types', file)), { recursive: true });
  copyFileSync(join('dist', file), join('dist/types', file));
}

const outputs = [entries, worker]
  .flatMap((r) => Object.keys(r.metafile.outputs))
  .filter((file) => file.endsWith('.js'));
console.log(
  `bundle: ${outputs.length} files in dist/bundle/ (${outputs.map((f) => f.replace('dist/bundle/', '')).join(', ')}), ` +
    `${WASM_FILES.length} .wasm files; ${reached.size} declaration files in dist/types/`,
);
