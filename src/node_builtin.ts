// Node's built-in modules (node:fs, node:worker_threads, …) without an import statement: a browser bundler
// then finds no node: module to resolve, and the same build runs in Node, Deno, Bun and browsers.

/**
 * The built-in module `id` where the runtime has one (Node >= 20.16, Deno, Bun: process.getBuiltinModule,
 * synchronous), else undefined (browsers, Workers).
 */
export function nodeBuiltin<T>(id: `node:${string}`): T | undefined {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof runtime?.getBuiltinModule !== 'function') return undefined;
  return runtime.getBuiltinModule(id) as T | undefined;
}
