// Types over the generated boundary (exports.generated.ts) for callers that pick an export at run time.
import type { ExportName, WasmExports } from './exports.generated.js';

export type { ExportName, WasmExports };

/**
 * The exports that take exactly `count` arguments: where a kernel picks its export from a table (the unary
 * exports take 5), tsc still checks both the name and the argument count.
 */
export type ExportTaking<count extends number> = {
  [name in ExportName]: Parameters<WasmExports[name]>['length'] extends count ? name : never;
}[ExportName];
