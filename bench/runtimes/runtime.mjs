// Which JavaScript runtime runs this process, and how to start a script under another one (Node, Node 22 and
// 24, Deno, Bun). Deno and Bun come from npm (node_modules/.bin), Node 22 and 24 too (devDependencies node22,
// node24: node_modules/node24/bin/node); a binary on PATH is used when they are not there.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export const RUNTIMES = ['node', 'node22', 'node24', 'deno', 'bun'];

/** The Node versions installed from npm, by runtime name. */
const NPM_NODES = ['node22', 'node24'];

const root = fileURLToPath(new URL('../../', import.meta.url));

/** 'node', 'deno' or 'bun': the runtime of this process. */
export function currentRuntime() {
  if (globalThis.Deno != null) return 'deno';
  if (globalThis.Bun != null) return 'bun';
  return 'node';
}

/** The runtime and its engine, e.g. 'deno 2.9.6 (V8 15.0.245.2-rusty)', for tables and result files. */
export function runtimeLabel() {
  switch (currentRuntime()) {
    case 'deno':
      return `deno ${Deno.version.deno} (V8 ${Deno.version.v8})`;
    case 'bun':
      return `bun ${Bun.version} (JavaScriptCore)`;
    default:
      return `node ${process.version} (V8 ${process.versions.v8})`;
  }
}

/**
 * Removes `--runtime <name>` from a runner's arguments: { runtime: name or null, rest: the other arguments }.
 * Throws on an unknown or missing name, so a typo does not silently benchmark Node.
 */
export function takeRuntimeOption(args) {
  const at = args.indexOf('--runtime');
  if (at < 0) return { runtime: null, rest: [...args] };
  const runtime = args[at + 1];
  if (!RUNTIMES.includes(runtime)) {
    throw new Error(
      `--runtime takes one of ${RUNTIMES.join(', ')}; got ${runtime === undefined ? 'nothing' : `'${runtime}'`}.`,
    );
  }
  return { runtime, rest: [...args.slice(0, at), ...args.slice(at + 2)] };
}

/** The runtime's executable: this process's own for itself, else node_modules, else PATH. */
export function runtimeBinary(runtime) {
  if (runtime === currentRuntime()) return process.execPath;
  const local = NPM_NODES.includes(runtime)
    ? join(root, 'node_modules', runtime, 'bin', 'node')
    : join(root, 'node_modules', '.bin', runtime);
  return existsSync(local) ? local : runtime;
}

/**
 * { command, args } that run `script` with `scriptArgs` under `runtime`, with what benchmarks need there:
 * Deno gets every permission and V8's gc() (Node's runner adds its own flags itself; Bun has Bun.gc).
 * `nodeFlags` go to Node only (e.g. --experimental-wasm-relaxed-simd, which only Node 20 takes).
 */
export function runtimeCommand(runtime, script, scriptArgs = [], { nodeFlags = [] } = {}) {
  const command = runtimeBinary(runtime);
  switch (runtime) {
    case 'deno':
      return { command, args: ['run', '-A', '--v8-flags=--expose-gc', script, ...scriptArgs] };
    case 'bun':
      return { command, args: [script, ...scriptArgs] };
    case 'node':
      return { command, args: [...nodeFlags, script, ...scriptArgs] };
    // Relaxed SIMD is on by default from Node 22, which rejects the flag that turned it on in Node 20.
    case 'node22':
    case 'node24':
      return {
        command,
        args: [...nodeFlags.filter((f) => f !== '--experimental-wasm-relaxed-simd'), script, ...scriptArgs],
      };
    default:
      throw new Error(`unknown runtime '${runtime}'`);
  }
}

/** Makes globalThis.gc() collect garbage where the runtime has another name for it (Bun). */
export function exposeGc() {
  if (typeof globalThis.gc !== 'function' && globalThis.Bun?.gc) globalThis.gc = () => Bun.gc(true);
}

/** Milliseconds of CPU time this process has used: on a shared machine it counts only the time it ran. */
export function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
