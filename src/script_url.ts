// The URL of the script this code runs in, where import.meta is unavailable: a bundle loaded as a classic
// script (esbuild's default format, iife, empties import.meta). Taken while the script first runs, the only
// time document.currentScript names it.

const classicScriptUrl: string | undefined =
  (globalThis as { document?: { currentScript?: { src?: string } | null } }).document?.currentScript?.src || undefined;

/**
 * `makeUrl()` (a `new URL('./file', import.meta.url)` that bundlers rewrite), or `file` beside the classic
 * script where import.meta.url is missing.
 */
export function besideThisScript(file: string, makeUrl: () => URL): URL {
  try {
    return makeUrl();
  } catch (e) {
    if (classicScriptUrl == null) throw e;
    return new URL(file, classicScriptUrl);
  }
}
