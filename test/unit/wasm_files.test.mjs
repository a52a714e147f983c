// @ts-check
// Where the kernels' bytes come from (src/wasm/files.ts) and how the build is chosen before any is loaded
// (src/wasm/probes.ts): the probes agree with the real binaries, setWasmPaths redirects and rejects bad
// arguments, and a failed load names the file, the URL and the ways out.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadWasmFile, setWasmPaths, wasmFileUrl } from '../../dist/wasm/files.js';
import { hasRelaxedSimd, hasSimd, hasWasmThreads } from '../../dist/wasm/probes.js';

const buildFile = (name) => readFileSync(new URL(`../../build/${name}`, import.meta.url));

/** Asserts that loaded bytes are exactly those of a build file. */
const assertBytesOf = (bytes, name) =>
  assert.ok(Buffer.from(bytes).equals(buildFile(name)), `the bytes of ${name} (got ${bytes.length})`);

/** Each probe's answer next to WebAssembly.validate of the binary it stands for, in a fresh node with `flags`. */
function probesAgainstBinaries(flags) {
  const source = `
    import { readFileSync } from 'node:fs';
    import { hasRelaxedSimd, hasSimd, hasWasmThreads } from './dist/wasm/probes.js';
    const valid = (name) => WebAssembly.validate(readFileSync('build/' + name));
    console.log(JSON.stringify({
      simd: [hasSimd(), valid('simd.wasm')],
      relaxed: [hasRelaxedSimd(), valid('simd-relaxed.wasm')],
      threads: [hasWasmThreads(), valid('simd-threads.wasm')],
    }));`;
  const child = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', source], { encoding: 'utf8' });
  assert.is(child.status, 0, child.stderr);
  return JSON.parse(child.stdout);
}

test('the feature probes answer as the real binaries validate, with and without relaxed SIMD', () => {
  const relaxedFlag = Number(process.versions.node.split('.')[0]) < 22 ? ['--experimental-wasm-relaxed-simd'] : [];
  for (const flags of [[], relaxedFlag]) {
    const result = probesAgainstBinaries(flags);
    for (const [feature, [probe, binary]] of Object.entries(result)) {
      assert.is(probe, binary, `${feature} with flags [${flags}]: probe ${probe}, binary validates ${binary}`);
    }
  }
  assert.ok(hasSimd() && hasWasmThreads());
  assert.is(hasRelaxedSimd(), WebAssembly.validate(buildFile('simd-relaxed.wasm')));
});

test('by default each file is the one beside the module, read from disk in Node', async () => {
  assert.ok(wasmFileUrl('simd.wasm').href.endsWith('/dist/wasm/simd.wasm'));
  assertBytesOf(await loadWasmFile('simd-relaxed.wasm'), 'simd-relaxed.wasm');
});

test('setWasmPaths rejects a prefix that is not a folder, unknown names and non-objects', () => {
  assert.throws(() => setWasmPaths('https://cdn.example/wasm'), /must end with '\/'/);
  assert.throws(
    // @ts-expect-error: a misspelt file name, on purpose
    () => setWasmPaths({ 'simd.wsam': 'x' }),
    /unknown file name\(s\) simd\.wsam; the files are simd\.wasm/,
  );
  // @ts-expect-error: neither a folder nor a map, on purpose
  assert.throws(() => setWasmPaths(42), /expected a folder URL or a map/);
});

/** Serves /good.wasm (a real build), /page.html (what a single-page app's server answers for any path), 404 else. */
function serveFiles() {
  const server = createServer((request, response) => {
    if (request.url === '/good.wasm')
      response.writeHead(200, { 'content-type': 'application/wasm' }).end(buildFile('simd.wasm'));
    else if (request.url.startsWith('/page'))
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>app</p>');
    else response.writeHead(404).end();
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

test('setWasmPaths: a folder prefix, a map per file, relative paths from the working directory, clear failures', async () => {
  const server = await serveFiles();
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    setWasmPaths({ 'simd.wasm': `${base}/good.wasm`, 'simd-relaxed.wasm': `${base}/page/simd-relaxed.wasm` });
    assertBytesOf(await loadWasmFile('simd.wasm'), 'simd.wasm');
    // Files the map leaves out come from beside the module.
    assert.ok(wasmFileUrl('simd-threads.wasm').href.endsWith('/dist/wasm/simd-threads.wasm'));
    try {
      await loadWasmFile('simd-relaxed.wasm');
      assert.unreachable('an HTML page was taken for WebAssembly');
    } catch (e) {
      assert.match(
        e.message,
        /cannot load simd-relaxed\.wasm from http:\/\/127\.0\.0\.1:\d+\/page\/simd-relaxed\.wasm \(not a WebAssembly file \(content-type text\/html\)\)/,
      );
      assert.match(e.message, /setWasmPaths/);
    }
    setWasmPaths(`${base}/missing/`);
    try {
      await loadWasmFile('simd.wasm');
      assert.unreachable('a 404 was taken for WebAssembly');
    } catch (e) {
      assert.match(e.message, /cannot load simd\.wasm from .*\/missing\/simd\.wasm \(HTTP 404/);
    }
    setWasmPaths('build/');
    assert.is(wasmFileUrl('simd.wasm').href, new URL('build/simd.wasm', `file://${process.cwd()}/`).href);
    assertBytesOf(await loadWasmFile('simd.wasm'), 'simd.wasm');
  } finally {
    setWasmPaths({}); // back to the files beside the module
    server.close();
  }
  assert.ok(wasmFileUrl('simd.wasm').href.endsWith('/dist/wasm/simd.wasm'));
});

test.run();
