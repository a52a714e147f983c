// @ts-check
// The consumer test's measurements as README shows them: what a page downloads per bundler (from a results
// JSON of run.mjs), the tarball and the installed size. README holds the table between two markers.
import { readFileSync, writeFileSync } from 'node:fs';

const START = '<!-- install-table:start (test/consumer/report.mjs writes this) -->';
const END = '<!-- install-table:end -->';

/** Bytes of the JavaScript and WebAssembly a page downloaded, raw and gzip. */
export function pageSummary(downloads) {
  const sum = (files, key) => files.reduce((total, f) => total + f[key], 0);
  const js = downloads.filter((d) => /\.m?js$/.test(d.path));
  const wasm = downloads.filter((d) => d.path.endsWith('.wasm'));
  return {
    jsBytes: sum(js, 'bytes'),
    jsGzip: sum(js, 'gzipBytes'),
    wasmBytes: sum(wasm, 'bytes'),
    wasmGzip: sum(wasm, 'gzipBytes'),
    totalGzip: sum(js, 'gzipBytes') + sum(wasm, 'gzipBytes'),
    files: [...js, ...wasm].map(({ path, bytes, gzipBytes }) => ({ path: path.split('/').pop(), bytes, gzipBytes })),
  };
}

const kB = (bytes) => `${(bytes / 1000).toFixed(0)} kB`;

/** README's Install table: per bundler, the bytes of a `setBackend('simd')` + matMul page. */
export function installTable(results) {
  const rows = Object.entries(results.pages).map(
    ([name, { plain, isolated }]) =>
      `| ${name} | ${kB(plain.jsGzip)} | ${kB(plain.wasmGzip)} | **${kB(plain.totalGzip)}** | ${isolated ? kB(isolated.totalGzip) : '—'} |`,
  );
  return [
    '| bundler (production build) | JS, gzip | .wasm, gzip | page total, gzip | cross-origin isolated (threads), gzip |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Each page fetched one .wasm file: the relaxed-SIMD build, or its threaded variant on the isolated page ' +
      '(which also loads the worker script). The JavaScript includes tfjs-core and, for the kernels without a ' +
      'native implementation, tfjs-backend-cpu (a chunk of its own with Vite and webpack).',
    '',
    `Package: ${results.tarball.files} files in the tarball (${kB(results.tarball.packedBytes)} packed); ` +
      `${(results.installedBytes / 1e6).toFixed(2)} MB installed (the package alone: it has no dependencies; ` +
      `its peers are tfjs's). Measured by \`npm run test:consumer\` (Chromium ${results.chromium?.split(' ')[0]}, ` +
      'tfjs-core 4.22 in every page).',
  ].join('\n');
}

/** Rewrites README's table between its markers. */
export function updateReadme(readmePath, results) {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README has no ${START} … ${END} section`);
  writeFileSync(readmePath, `${readme.slice(0, start + START.length)}\n${installTable(results)}\n${readme.slice(end)}`);
}

export { END as INSTALL_TABLE_END, START as INSTALL_TABLE_START };
