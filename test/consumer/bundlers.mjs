// @ts-check
// The consumer's page (fixtures/page.js) bundled by esbuild, Vite and webpack with their defaults: no options
// that concern the package (no externals, no loaders, no plugins), production builds as a user ships them.
// Each returns the folder to serve, holding index.html.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';

const HTML = (script) =>
  `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>consumer</title>${script}\n`;

/**
 * esbuild: `esbuild page.js --bundle --minify` (its default format, a classic script). esbuild emits no
 * assets for new URL(…, import.meta.url): as README says, the package's .wasm files and worker script are
 * copied beside the bundle.
 */
async function esbuildPage(project, entry, outDir) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(project, entry)],
    outfile: join(outDir, 'page.js'),
    bundle: true,
    minify: true,
    logLevel: 'warning',
  });
  const require = createRequire(join(project, 'package.json'));
  if (entry === 'page.js') {
    for (const asset of [
      'wasm/simd.wasm',
      'wasm/simd-relaxed.wasm',
      'wasm/simd-threads.wasm',
      'wasm/simd-relaxed-threads.wasm',
      'worker.js',
    ]) {
      const file = require.resolve(`tfjs-backend-simd/${asset}`);
      copyFileSync(file, join(outDir, basename(file)));
    }
  } else {
    // tfjs-backend-wasm, likewise: its .wasm files beside the bundle, where it looks for them.
    const dist = join(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'), '../dist');
    for (const name of [
      'tfjs-backend-wasm.wasm',
      'tfjs-backend-wasm-simd.wasm',
      'tfjs-backend-wasm-threaded-simd.wasm',
    ]) {
      copyFileSync(join(dist, name), join(outDir, name));
    }
  }
  writeFileSync(join(outDir, 'index.html'), HTML('<script src="./page.js"></script>'));
}

/** Vite: `vite build` of an index.html that loads the page as a module. */
async function vitePage(project, entry, outDir) {
  const { build } = await import('vite');
  const html = join(project, `vite-${entry}.html`);
  writeFileSync(html, HTML(`<script type="module" src="./${entry}"></script>`));
  await build({
    root: project,
    configFile: false,
    logLevel: 'warn',
    base: './',
    build: { outDir, emptyOutDir: true, rollupOptions: { input: html } },
  });
  copyFileSync(join(outDir, basename(html)), join(outDir, 'index.html'));
}

/** webpack 5: production mode, the page as entry, nothing else configured. */
async function webpackPage(project, entry, outDir) {
  const { default: webpack } = await import('webpack');
  const compiler = webpack({
    mode: 'production',
    context: project,
    entry: `./${entry}`,
    output: { path: outDir },
    infrastructureLogging: { level: 'error' },
  });
  const stats = await new Promise((resolve, reject) =>
    compiler.run((error, result) => (error ? reject(error) : resolve(result))),
  );
  await new Promise((resolve) => compiler.close(resolve));
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  writeFileSync(join(outDir, 'index.html'), HTML('<script src="./main.js"></script>'));
}

export const BUNDLERS = { esbuild: esbuildPage, vite: vitePage, webpack: webpackPage };

/** Bundles `entry` of the project with `bundler` into a fresh folder; returns it. */
export async function bundlePage(bundler, project, entry) {
  const outDir = join(project, 'out', `${bundler}-${basename(entry, '.js')}`);
  mkdirSync(outDir, { recursive: true });
  await BUNDLERS[bundler](project, entry, outDir);
  return outDir;
}
