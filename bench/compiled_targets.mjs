// @ts-check
// The compiled suite's targets (bench/suites/compiled.mjs), which README's tables of it also show
// (scripts/readme-tables.mjs): a speed-up of compiled over tfjs-backend-wasm or over eager 'simd'.

export const TARGETS = {
  'sin MLP': { over: 'wasm', at: 8 },
  'GRU step': { over: 'wasm', at: 8 },
  'VAE step': { over: 'eager', at: 1.15 },
  'VAE.fit step': { over: 'eager', at: 1.15 },
  'batch-1': { over: 'wasm', at: 3 },
};

/** The target of a case (by the start of its name): a speed-up `at` over 'wasm' or 'eager', or null. */
export function targetOf(name) {
  const key = Object.keys(TARGETS).find((k) => name.startsWith(k));
  return key == null ? null : TARGETS[key];
}
