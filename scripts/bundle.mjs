// Bundles the package's entry points (compiled by tsc into dist/) into a few ES modules in dist/bundle/, which
// package.json's "exports" and "bin" point at. A fresh process then loads a handful of files instead of ~190
// small modules, which is most of the package's share of cold start. Entry points share their code through
// chunks (code splitting), so importing 'tfjs-backend-simd' and 'tfjs-backend-simd/models' together loads the
// backend once. Peer and runtime dependencies stay imports; the .wasm files of the workers entry are copied
// beside it so a Workers bundler finds them as modules.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const dependencies = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];

const result = await build({
  entryPoints: {
    index: 'dist/index.js',
    models: 'dist/models/index.js',
    workers: 'dist/workers.js',
    // The threads' worker script, beside the chunks that start it with new URL('./worker.js', import.meta.url).
    worker: 'dist/threads/worker.js',
  },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2020',
  external: [...dependencies.flatMap((name) => [name, `${name}/*`]), 'node:*'],
  loader: { '.wasm': 'copy' },
  assetNames: '[name]',
  chunkNames: 'chunk-[hash]',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js'));
console.log(`bundle: ${outputs.length} files in dist/bundle/ (${outputs.map((f) => f.replace('dist/bundle/', '')).join(', ')})`);
