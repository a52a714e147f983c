// Builds the project's module with some assembly/gemm files replaced, without touching assembly/:
// `node build-variant.mjs <outDir> [file.ts …]` copies assembly/ to a scratch directory, puts each given file
// over assembly/gemm/<its name>, and compiles both targets with the options of asconfig.json into
// <outDir>/simd.wasm and <outDir>/simd-relaxed.wasm (load them with run-gemm-raw.mjs).

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const [outDir, ...replacements] = process.argv.slice(2).map((p) => resolve(p));
const scratch = mkdtempSync(join(tmpdir(), 'gemm-variant-'));
try {
  cpSync(join(root, 'assembly'), join(scratch, 'assembly'), { recursive: true });
  for (const file of replacements) cpSync(file, join(scratch, 'assembly', 'gemm', basename(file)));
  const config = JSON.parse(readFileSync(join(root, 'asconfig.json'), 'utf8'));
  config.targets.simd = { outFile: join(outDir, 'simd.wasm') };
  config.targets.relaxed.outFile = join(outDir, 'simd-relaxed.wasm');
  writeFileSync(join(scratch, 'asconfig.json'), JSON.stringify(config));
  for (const target of ['simd', 'relaxed']) {
    const { error, stderr } = await asc.main([
      '--config',
      join(scratch, 'asconfig.json'),
      '--target',
      target,
      '--baseDir',
      scratch,
    ]);
    if (error) throw new Error(`${target}: ${error.message}\n${stderr}`);
  }
  console.log(
    `built ${outDir}/simd.wasm and simd-relaxed.wasm with ${replacements.map((f) => basename(f)).join(', ') || 'no changes'}`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
