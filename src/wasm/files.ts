// Where the bytes of a build come from. By default, the .wasm files shipped beside this module: each is named
// as `new URL('./<name>.wasm', import.meta.url)`, the form Vite and webpack recognise, so they emit the four
// files as assets and a page fetches only the one it runs. setWasmPaths points elsewhere (a CDN, a
// folder the files were copied to: esbuild leaves such URLs as they are). The embedded entry
// ('tfjs-backend-simd/embedded') hands over bytes held in the code instead: no file, no fetch.
import { nodeBuiltin } from '../node_builtin.js';
import { besideThisScript } from '../script_url.js';

export type WasmFileName = 'simd.wasm' | 'simd-relaxed.wasm' | 'simd-threads.wasm' | 'simd-relaxed-threads.wasm';

export const WASM_FILE_NAMES: readonly WasmFileName[] = [
  'simd.wasm',
  'simd-relaxed.wasm',
  'simd-threads.wasm',
  'simd-relaxed-threads.wasm',
];

/** The packaged file's URL; one literal per file, for bundlers to find. */
function packagedUrl(name: WasmFileName): URL {
  return besideThisScript(name, () => {
    switch (name) {
      case 'simd.wasm':
        return new URL('./simd.wasm', import.meta.url);
      case 'simd-relaxed.wasm':
        return new URL('./simd-relaxed.wasm', import.meta.url);
      case 'simd-threads.wasm':
        return new URL('./simd-threads.wasm', import.meta.url);
      case 'simd-relaxed-threads.wasm':
        return new URL('./simd-relaxed-threads.wasm', import.meta.url);
    }
  });
}

let customPaths: string | Partial<Record<WasmFileName, string>> | null = null;
let embedded: ((name: WasmFileName) => Uint8Array) | null = null;

/**
 * Where to load the .wasm files from: a prefix the file names are appended to (a folder URL ending in '/',
 * e.g. a CDN's), or a map from file name to URL for some or all of them (an empty map: back to the files
 * beside the package). Call it before the backend starts: a build once loaded is kept for later backends.
 * Relative URLs resolve against the page (browsers) or the working directory (Node, Deno, Bun). As in
 * tfjs-backend-wasm's setWasmPaths.
 */
export function setWasmPaths(prefixOrFileMap: string | Partial<Record<WasmFileName, string>>): void {
  if (typeof prefixOrFileMap === 'string') {
    if (!prefixOrFileMap.endsWith('/')) {
      throw new TypeError(`setWasmPaths: a prefix must end with '/' (a folder), got '${prefixOrFileMap}'.`);
    }
  } else if (prefixOrFileMap == null || typeof prefixOrFileMap !== 'object') {
    throw new TypeError(
      `setWasmPaths: expected a folder URL or a map of file names to URLs, got ${String(prefixOrFileMap)}.`,
    );
  } else {
    const unknown = Object.keys(prefixOrFileMap).filter((name) => !WASM_FILE_NAMES.includes(name as WasmFileName));
    if (unknown.length > 0) {
      throw new TypeError(
        `setWasmPaths: unknown file name(s) ${unknown.join(', ')}; the files are ${WASM_FILE_NAMES.join(', ')}.`,
      );
    }
  }
  customPaths = prefixOrFileMap;
}

/** Makes the embedded entry's bytes the source of every build not redirected by setWasmPaths. */
export function setEmbeddedWasm(bytesOf: (name: WasmFileName) => Uint8Array): void {
  embedded = bytesOf;
}

/** A URL given to setWasmPaths, made absolute. */
function resolveCustom(url: string): URL {
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  if (page != null) return new URL(url, page);
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return new URL(url);
  const cwd = (globalThis as { process?: { cwd?: () => string } }).process?.cwd?.() ?? '/';
  return new URL(url, `file://${cwd.endsWith('/') ? cwd : `${cwd}/`}`);
}

/** Where the file is fetched from, or null where it comes embedded. */
export function wasmFileUrl(name: WasmFileName): URL | null {
  const custom = typeof customPaths === 'string' ? customPaths + name : customPaths?.[name];
  if (custom != null) return resolveCustom(custom);
  return embedded != null ? null : packagedUrl(name);
}

/**
 * The bytes of one build's file where they can be had synchronously: embedded, or read from disk (file: URLs,
 * in runtimes with node:fs); undefined where they must be fetched, or the read fails (loadWasmFile then says why).
 */
export function wasmFileBytesNow(name: WasmFileName): Uint8Array | undefined {
  try {
    const url = wasmFileUrl(name);
    if (url == null) return embedded!(name);
    if (url.protocol !== 'file:') return undefined;
    return nodeBuiltin<typeof import('node:fs')>('node:fs')?.readFileSync(url);
  } catch {
    return undefined;
  }
}

/** The bytes of one build's file: embedded, read from disk (file: URLs) or fetched. */
export async function loadWasmFile(name: WasmFileName): Promise<Uint8Array> {
  let url: URL | null;
  try {
    url = wasmFileUrl(name);
  } catch (e) {
    throw new Error(
      `Backend 'simd': no URL for ${name} (${(e as Error).message}): this bundle has no import.meta.url. ` +
        "Call setWasmPaths('<folder URL>/') before the backend starts, or import 'tfjs-backend-simd/embedded' " +
        "(in Cloudflare Workers: 'tfjs-backend-simd/workers').",
    );
  }
  if (url == null) return embedded!(name);
  try {
    if (url.protocol === 'file:') {
      const fs = nodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises');
      if (fs != null) return await fs.readFile(url);
    }
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A server's fallback page (an index.html for every path) would otherwise fail later as "expected magic word".
    if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
      throw new Error(`not a WebAssembly file (content-type ${response.headers.get('content-type')})`);
    }
    return bytes;
  } catch (e) {
    throw new Error(
      `Backend 'simd': cannot load ${name} from ${url.href} (${(e as Error).message}). A bundler that does not ` +
        "emit new URL(…, import.meta.url) assets (esbuild) needs the package's .wasm files served beside the bundle, " +
        "or setWasmPaths('<folder URL>/') before the backend starts; or import 'tfjs-backend-simd/embedded'.",
    );
  }
}
