// Type test of the WebAssembly boundary (src/wasm/exports.generated.ts): each line below an expect-error
// directive must fail to compile, or `tsc -p test/types` reports the directive as unused.
import type { ExportTaking, WasmExports } from '../../src/wasm/export_types.js';

declare const kernels: WasmExports;

// The exact signature compiles.
kernels.elementwise_add_f32(0, 0, 0, 16, 1, 1, 0, 0);
kernels.gemm_f32(4, 4, 4, 0, 4, 1, 0, 4, 1, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

// @ts-expect-error a misspelt export
kernels.add_f23(0, 0, 0, 16, 1, 1, 0, 0);
// @ts-expect-error an argument too few
kernels.elementwise_add_f32(0, 0, 0, 16, 1, 1, 0);
// @ts-expect-error an argument too many
kernels.elementwise_exp_f32(0, 0, 16, 0, 0, 0);
// @ts-expect-error a string where a pointer goes
kernels.memory_free('0');

// A name picked at run time is checked against the exports with that many arguments.
const unary: ExportTaking<5> = 'elementwise_exp_f32';
// @ts-expect-error a binary export where a unary one (5 arguments) is wanted
const notUnary: ExportTaking<5> = 'elementwise_add_f32';
// @ts-expect-error a name that is no export
const missing: ExportTaking<5> = 'exp_f64';

export { missing, notUnary, unary };
