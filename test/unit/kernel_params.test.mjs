// Kernels depend on their arguments only and never allocate: no export sets state for a later call, no kernel
// keeps state in a module global (a call's parameters travel as arguments and parameter blocks in its own
// scratch), nothing in assembly/ but the allocator's own exports reaches the heap, and a kernel handed too
// small a scratch block does nothing (it does not fall back to allocating its own).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { instantiateSimdWasm } from '../../dist/wasm/module.js';

/** Every .ts file under `dir`, recursively. */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

test('only assembly/memory.ts reaches the heap: no kernel allocates', () => {
  // heap.* and the runtime's __new/__alloc allocate directly; `new X` allocates an object.
  const allocation = /\bheap\.\w+|\b__(new|alloc|renew|realloc)\b|\bnew\s+[A-Za-z_]/;
  const files = sources('assembly');
  assert.ok(files.length > 50, `found ${files.length} AssemblyScript files`);
  const offenders = [];
  for (const file of files) {
    if (file === join('assembly', 'memory.ts')) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        if (allocation.test(code)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.equal(offenders, []);
  assert.ok(
    allocation.test('const p = heap.alloc(64);') && allocation.test('x = new StaticArray<f32>(4);'),
    'the pattern catches an allocation',
  );
});

test('no export sets state for a later call', async () => {
  const { kernels } = await instantiateSimdWasm();
  const names = Object.keys(kernels).filter((name) => typeof kernels[name] === 'function');
  assert.ok(names.includes('gemm_f32') && names.includes('conv_2d_share_f32'), 'the exports are listed');
  const setters = names.filter((name) => /(^|_)(set|use|clear)(_|[A-Z]|$)/.test(name));
  assert.equal(setters, []);
});

test('no kernel keeps state in a module global', () => {
  // A top-level `let` or `var` is a mutable global; constants and functions are not.
  const mutableGlobal = /^(export\s+)?(let|var)\s/;
  const offenders = [];
  for (const file of sources('assembly')) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (mutableGlobal.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.equal(offenders, []);
  assert.ok(mutableGlobal.test('let activation: i32 = 0;') && !mutableGlobal.test('  let x = 0;'), 'pattern');
  // In the compiled module, the mutable globals left are the standard library's and its allocator's own.
  const wat = readFileSync('build/simd.wat', 'utf8');
  const globals = [...wat.matchAll(/^\s*\(global \$(\S+) \(mut /gm)].map((found) => found[1]);
  assert.ok(globals.length > 0, 'the module has mutable globals to check');
  assert.equal(
    globals.filter((name) => !name.startsWith('~lib/')),
    [],
  );
});

test('a kernel given too small a scratch block does nothing and says so', async () => {
  const wasm = await instantiateSimdWasm();
  const { kernels } = wasm;
  const [m, n, k] = [5, 17, 3];
  const a = wasm.alloc(m * k * 4);
  const b = wasm.alloc(k * n * 4);
  const c = wasm.alloc(m * n * 4);
  wasm.f32(a, m * k).fill(1);
  wasm.f32(b, k * n).fill(2);
  wasm.f32(c, m * n).fill(-1);
  const product = [m, n, k, a, k, 1, b, n, 1, c, n, 0, 0, 0, 0, 0, 0, 0, 0];
  const needed = kernels.gemm_f32_scratch_bytes(n) >>> 0;
  assert.ok(needed > 0);
  for (const kernel of /** @type {const} */ (['gemm_f32', 'gemm_gemv_f32'])) {
    assert.is(wasm.call(kernel, [...product, 0, 0]), 1, `${kernel} without scratch`);
    assert.is(
      wasm.withScratch(needed - 4, (scratch) => wasm.call(kernel, [...product, scratch, needed - 4])),
      1,
      `${kernel} with 4 bytes too few`,
    );
    assert.ok(
      wasm.f32(c, m * n).every((v) => v === -1),
      `${kernel} wrote nothing`,
    );
  }
  assert.is(
    wasm.withScratch(needed, (scratch) => wasm.call('gemm_f32', [...product, scratch, needed])),
    0,
  );
  assert.ok(
    wasm.f32(c, m * n).every((v) => v === 6),
    'with its scratch, gemm_f32 computes',
  );
  // A 3×3 convolution of one 4×4 image, 2 → 5 channels.
  const geometry = [1, 4, 4, 2, 4, 4, 5, 3, 3, 1, 1, 1, 1, 1, 1];
  const convBytes = /** @type {number} */ (wasm.call('conv_2d_share_f32_scratch_bytes', [0, ...geometry])) >>> 0;
  const noEpilogue = [0, 0, 0, 0, 0, 0, 0, 0];
  assert.is(wasm.call('conv_2d_share_f32', [0, ...geometry, a, b, c, 0, 5, 0, ...noEpilogue, 0, convBytes - 4]), 1);
  // Kernels whose scratch holds only their parameter blocks refuse a block too small for them.
  const pool = [1, 4, 4, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 0, 0];
  wasm.f32(c, 8).fill(-1);
  const tooSmall = wasm.alloc(16);
  assert.is(wasm.call('conv_max_pool_f32', [...pool, a, c, tooSmall, 16]), 1);
  assert.is(wasm.call('conv_depthwise_share_f32', [...geometry, a, b, c, 0, 4, ...noEpilogue, tooSmall, 16]), 1);
  assert.ok(
    wasm.f32(c, 8).every((v) => v === -1),
    'nothing written',
  );
  wasm.free(tooSmall);
  for (const p of [a, b, c]) wasm.free(p);
});

test.run();
