// A WebAssembly SIMD peak probe written opcode by opcode, independent of the kernels' build: twelve
// multiply-add chains c ← c·y + x on four lanes (96 flops per iteration, as assembly/gemm/peak.ts), with x and
// y splatted from f32 parameters. Parameters cannot become v128.const, which V8 15 (Deno) rematerialises at
// every use inside the loop (docs/runtimes.md, "Speed per runtime"): this loop measures the arithmetic only.
// `peakProbe(fused)` returns the exported function peak(iterations, x, y) → f32, or null where the runtime
// rejects the module (no SIMD, or no relaxed SIMD for the fused one).

const CHAINS = 12;
export const PEAK_FLOPS_PER_ITERATION = CHAINS * 4 * 2;

const uleb = (n) => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
const simd = (op) => [0xfd, ...uleb(op)];
const section = (id, bytes) => [id, ...uleb(bytes.length), ...bytes];
const vector = (items) => [...uleb(items.length), ...items.flat()];

const I32 = 0x7f,
  F32 = 0x7d,
  V128 = 0x7b;
const LOCAL_GET = 0x20,
  LOCAL_SET = 0x21;
const F32X4_SPLAT = 0x13,
  F32X4_EXTRACT_LANE = 0x1f,
  F32X4_ADD = 0xe4,
  F32X4_MUL = 0xe6,
  F32X4_RELAXED_MADD = 0x105;

/** The module's bytes; `fused` uses relaxed SIMD's f32x4.relaxed_madd instead of a multiply and an add. */
export function peakModuleBytes(fused) {
  // Locals: 0 iterations, 1 x (f32), 2 y (f32); then x4 = 3, y4 = 4, chains 5 … 16.
  const X = 3,
    Y = 4,
    chain = (i) => 5 + i;
  const body = [LOCAL_GET, 1, ...simd(F32X4_SPLAT), LOCAL_SET, X, LOCAL_GET, 2, ...simd(F32X4_SPLAT), LOCAL_SET, Y];
  for (let i = 0; i < CHAINS; i++) body.push(LOCAL_GET, X, LOCAL_SET, chain(i));
  body.push(0x02, 0x40, 0x03, 0x40); // block, loop
  body.push(LOCAL_GET, 0, 0x45, 0x0d, 1); // iterations == 0: leave
  for (let i = 0; i < CHAINS; i++) {
    if (fused) body.push(LOCAL_GET, chain(i), LOCAL_GET, Y, LOCAL_GET, X, ...simd(F32X4_RELAXED_MADD));
    else body.push(LOCAL_GET, chain(i), LOCAL_GET, Y, ...simd(F32X4_MUL), LOCAL_GET, X, ...simd(F32X4_ADD));
    body.push(LOCAL_SET, chain(i));
  }
  body.push(LOCAL_GET, 0, 0x41, 1, 0x6b, LOCAL_SET, 0, 0x0c, 0, 0x0b, 0x0b); // iterations -= 1; br loop; end; end
  body.push(LOCAL_GET, chain(0));
  for (let i = 1; i < CHAINS; i++) body.push(LOCAL_GET, chain(i), ...simd(F32X4_ADD));
  body.push(...simd(F32X4_EXTRACT_LANE), 0, 0x0b);
  const locals = vector([[...uleb(CHAINS + 2), V128]]);
  const code = [...locals, ...body];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vector([[0x60, ...vector([[I32], [F32], [F32]]), ...vector([[F32]])]])),
    ...section(3, vector([[0]])),
    ...section(7, vector([[...vector([...'peak'].map((c) => [c.charCodeAt(0)])), 0x00, 0]])),
    ...section(10, vector([[...uleb(code.length), ...code]])),
  ]);
}

/**
 * peak(iterations, x, y) of a fresh instance, or null where this runtime does not validate the module.
 * @returns {Promise<((iterations: number, x: number, y: number) => number) | null>}
 */
export async function peakProbe(fused) {
  const bytes = peakModuleBytes(fused);
  if (!WebAssembly.validate(bytes)) return null;
  const { instance } = await WebAssembly.instantiate(bytes);
  return /** @type {(iterations: number, x: number, y: number) => number} */ (instance.exports.peak);
}
