// @ts-check
// The WebAssembly boundary is typed: src/wasm/exports.generated.ts is made from assembly/'s exports at build
// time, and test/types/boundary.ts holds calls that must not compile (a misspelt export, a wrong argument
// count, a name of the wrong shape).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EXPORT_SOURCES } from '../../dist/wasm/exports.generated.js';
import { instantiateSimdWasm } from '../../dist/wasm/module.js';
import {
  ASSEMBLY_FILE,
  assemblySource,
  SPLITTABLE_FILE,
  splittableSource,
  TYPESCRIPT_FILE,
  typescriptSource,
} from '../../scripts/elementwise/generate.mjs';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

test('misspelt exports and wrong argument counts fail tsc', () => {
  let output = '';
  try {
    output = execFileSync(process.execPath, [tsc, '-p', 'test/types/tsconfig.json'], { encoding: 'utf8' });
  } catch (error) {
    assert.unreachable(`tsc -p test/types failed:\n${error.stdout}`);
  }
  assert.is(output.trim(), '');
});

test("the generated interface lists exactly the module's functions, with their arity", async () => {
  const wasm = await instantiateSimdWasm();
  const declared = new Map(
    [...readFileSync('src/wasm/exports.generated.ts', 'utf8').matchAll(/^ {2}(\w+)\(([^)]*)\): \w+;$/gm)].map(
      ([, name, params]) => [name, params === '' ? 0 : params.split(',').length],
    ),
  );
  const exported = Object.entries(wasm.kernels).filter(([, value]) => typeof value === 'function');
  assert.equal([...declared.keys()].sort(), exported.map(([name]) => name).sort());
  for (const [name, fn] of exported) assert.is(fn.length, declared.get(name), `${name}: argument count`);
});

test('the element-wise kernels in both languages are what their table gives', () => {
  assert.is(readFileSync(ASSEMBLY_FILE, 'utf8'), assemblySource(), `${ASSEMBLY_FILE}: run npm run build:wasm`);
  assert.is(readFileSync(TYPESCRIPT_FILE, 'utf8'), typescriptSource(), `${TYPESCRIPT_FILE}: run npm run build:wasm`);
  assert.is(readFileSync(SPLITTABLE_FILE, 'utf8'), splittableSource(), `${SPLITTABLE_FILE}: run npm run build:wasm`);
});

/** The family of an export: the folder of assembly/ that defines it (memory.ts: 'memory'). */
const familyOf = (source) => (source.split('/').length > 2 ? source.split('/')[1] : 'memory');

test('every export is named <family>_<op>[_<dtype>] after the folder that defines it', () => {
  for (const [name, source] of Object.entries(EXPORT_SOURCES)) {
    assert.ok(new RegExp(`^${familyOf(source)}_[a-z0-9_]+$`).test(name), `${name} (${source})`);
  }
});

test("a family's tfjs kernels call only that family's exports (and the allocator's)", () => {
  const kernelFiles = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? kernelFiles(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  const exportName = /\b(?:memory|elementwise|reduce|layout|gemm|conv|vision|prob|optim)_[a-z0-9_]+\b/g;
  for (const file of kernelFiles('src/kernels')) {
    const family = file.split(/[\\/]/)[2];
    if (!statSync(file).isFile() || file.split(/[\\/]/).length < 4) continue;
    for (const [name] of readFileSync(file, 'utf8').matchAll(exportName)) {
      if (!(name in EXPORT_SOURCES)) continue;
      const owner = familyOf(EXPORT_SOURCES[name]);
      assert.ok(owner === family || owner === 'memory', `${file} calls ${name}, an export of assembly/${owner}/`);
    }
  }
});

test.run();
