// The WebAssembly side keeps one copy of its shared numerics: every function exported from assembly/simd (lane
// loads and stores, multiply-add, horizontal sums), assembly/math (exp, log, log1p, expm1, erf, tanh, the
// logistic) and assembly/activation is defined there and nowhere else, and the exp and log polynomials and the
// relaxed multiply-add instruction are written once. A kernel file that defines its own `madd` or pastes the exp
// coefficients under another name fails here.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const ASSEMBLY = fileURLToPath(new URL('../../assembly/', import.meta.url));
const SHARED = ['simd', 'math', 'activation'];

/** Every .ts file under dir, as { path (relative to assembly/, with /), text } with comments removed. */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    if (!entry.name.endsWith('.ts')) return [];
    const text = readFileSync(full, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    return [{ path: relative(ASSEMBLY, full).split('\\').join('/'), text }];
  });
}

const files = sources(ASSEMBLY);
const isShared = (file) => SHARED.some((dir) => file.path.startsWith(`${dir}/`));

/** Names of the functions a file defines (exported or not, generic or not). */
function definedFunctions(text) {
  return [...text.matchAll(/\bfunction\s+([A-Za-z_$][\w$]*)\s*[<(]/g)].map((m) => m[1]);
}

/** Files whose code (comments aside) matches `pattern`. */
const filesMatching = (pattern) => files.filter((file) => pattern.test(file.text)).map((file) => file.path);

const sharedNames = new Map();
for (const file of files.filter(isShared)) {
  for (const m of file.text.matchAll(/\bexport\s+function\s+([A-Za-z_$][\w$]*)/g)) sharedNames.set(m[1], file.path);
}

test('the shared folders export the core helpers', () => {
  for (const name of [
    'madd',
    'loadLanes',
    'storeLanes',
    'sumLanes',
    'expV',
    'logV',
    'log1pV',
    'expm1V',
    'erfV',
    'tanhV',
    'sigmoidV',
    'softplusV',
    'activateVector',
  ]) {
    assert.ok(sharedNames.has(name), `${name} is exported from assembly/{${SHARED.join(',')}}`);
  }
});

test('no file outside the shared folders defines a shared helper again', () => {
  const copies = [];
  for (const file of files) {
    for (const name of definedFunctions(file.text)) {
      const home = sharedNames.get(name);
      if (home && home !== file.path) copies.push(`${file.path} defines ${name} (home: ${home})`);
    }
  }
  assert.equal(copies, []);
});

test('each shared helper is defined in one file only', () => {
  const homes = new Map();
  for (const file of files.filter(isShared)) {
    for (const name of definedFunctions(file.text)) homes.set(name, [...(homes.get(name) ?? []), file.path]);
  }
  const twice = [...homes].filter(([, paths]) => paths.length > 1).map(([name, paths]) => `${name}: ${paths}`);
  assert.equal(twice, []);
});

test('the exp and log polynomials and the fused multiply-add are written once', () => {
  // A leading coefficient of each polynomial, and the instruction only simd/madd.ts may issue.
  assert.equal(filesMatching(/1\.9875691500e-4/), ['math/exp.ts'], "exp's polynomial");
  assert.equal(filesMatching(/7\.0376836292e-2/), ['math/log.ts'], "log's polynomial");
  assert.equal(filesMatching(/-2\.12194440e-4/), ['math/constants.ts'], 'the low part of ln 2');
  assert.equal(filesMatching(/relaxed_madd/), ['simd/madd.ts'], 'f32x4.relaxed_madd');
});

test('the scan sees definitions in every form the sources use', () => {
  // Guards the test itself: a decorated, exported, generic or plain definition is each found.
  assert.equal(definedFunctions('@inline export function madd(a: v128): v128 {'), ['madd']);
  assert.equal(definedFunctions('@inline function foldRow<T>(op: i32): T {'), ['foldRow']);
  assert.equal(definedFunctions('function expV (x: v128): v128 {'), ['expV']);
  assert.equal(definedFunctions('const functional = 1; // function in prose'), []);
  assert.ok(files.length > 50 && files.some((file) => file.path === 'simd/madd.ts'), 'assembly/ was read');
});

test.run();
