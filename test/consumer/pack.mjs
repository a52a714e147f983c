// @ts-check
// The package as npm hands it to users: `npm pack` of the built repository, installed into a fresh project
// (test/consumer/.project/, inside the repository so that tfjs and the bundlers resolve from the repository's
// node_modules, as they would from the project's own). Checks what the tarball holds.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What users import, its types, README and LICENSE: anything else in the tarball is a mistake. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^dist\/bundle\/[\w-]+\.(js|wasm)$/,
  /^dist\/types\/.+\.d\.ts$/,
];
/** The largest declaration file tolerated (a base64 string written as a literal type was 789 KB). */
const MAX_DECLARATION_BYTES = 50_000;

function npm(args, cwd) {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Sum of the sizes of the files under `dir`. */
function directoryBytes(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

/** Packs the repository (already built) and checks the file list. Returns { tarball, files, packedBytes }. */
export function packTarball(root, outDir) {
  mkdirSync(outDir, { recursive: true });
  // --ignore-scripts: `prepare` would build again; the caller builds first.
  const [info] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', outDir], root));
  const files = info.files.map((f) => f.path);
  const unexpected = files.filter((path) => !ALLOWED.some((pattern) => pattern.test(path)));
  if (unexpected.length > 0) throw new Error(`files users never import are in the tarball: ${unexpected.join(', ')}`);
  for (const required of [
    'LICENSE',
    'README.md',
    'dist/bundle/index.js',
    'dist/bundle/worker.js',
    'dist/bundle/simd.wasm',
    'dist/types/index.d.ts',
  ]) {
    if (!files.includes(required)) throw new Error(`${required} is missing from the tarball`);
  }
  const heavy = info.files.filter((f) => f.path.endsWith('.d.ts') && f.size > MAX_DECLARATION_BYTES);
  if (heavy.length > 0)
    throw new Error(
      `declaration files over ${MAX_DECLARATION_BYTES} bytes: ${heavy.map((f) => `${f.path} ${f.size}`).join(', ')}`,
    );
  return { tarball: join(outDir, info.filename), files, packedBytes: info.size, unpackedBytes: info.unpackedSize };
}

/** README links that lead nowhere once the README sits in the tarball: relative ones to files it lacks. */
export function checkReadmeLinks(root, files) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const relative = [...readme.matchAll(/\]\(([^)\s#]+)[^)]*\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z]+:/i.test(target))
    .filter((target) => !files.includes(target.replace(/^\.\//, '')));
  if (relative.length > 0) throw new Error(`README links to files the tarball lacks: ${relative.join(', ')}`);
}

/**
 * A fresh project from fixtures/ with the tarball installed (offline: the package has no dependencies; its
 * peers come from the repository's node_modules). Returns { project, installedBytes }.
 */
export function installIntoProject(tarball, fixtures, project, extraFiles) {
  rmSync(project, { recursive: true, force: true });
  cpSync(fixtures, project, { recursive: true });
  for (const [from, to] of extraFiles) cpSync(from, join(project, to));
  npm(
    [
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--legacy-peer-deps',
      '--no-package-lock',
      tarball,
    ],
    project,
  );
  const installed = join(project, 'node_modules/tfjs-backend-simd');
  const dependencies = readdirSync(join(project, 'node_modules')).filter(
    (name) => !name.startsWith('.') && name !== 'tfjs-backend-simd',
  );
  if (dependencies.length > 0) throw new Error(`installing the package also installed ${dependencies.join(', ')}`);
  return { project, installedBytes: directoryBytes(installed) };
}
