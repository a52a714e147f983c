// @ts-check
// The vectorised exp every kernel family shares (assembly/math/exp.ts) against float64 Math.exp over the whole
// float32 range: every exponent and sign (a stride through all 2^32 bit patterns), dense random values where the
// result is neither 0 nor Infinity, the subnormal results, and ±0, ±Infinity, NaN, subnormal inputs and the
// overflow and underflow edges. It runs through the KL kernel, whose forward pass writes exp(logVar) verbatim
// into its `variance` buffer, on every build the runtime validates (plain SIMD, and relaxed SIMD's fused
// multiply-add). Tolerance: at most 1.5 ulp of the exact value for normal results (the claim in math.ts is
// about 1 ulp; rounding alone is 0.5), at most 1 unit of 2^-149 for subnormal results, and exact 0, Infinity
// and NaN where float32 has them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { instantiateSimdWasm, supportsBuild } from '../../dist/wasm/module.js';
import { rng, simd } from '../helpers/setup.mjs';

const MIN_NORMAL = 2 ** -126;
const MIN_SUBNORMAL = 2 ** -149;

/** float32 exp of every value of `xs`, by the kernel of `build`. */
async function expOnBuild(build, xs) {
  simd.setWasmBuild(build);
  let wasm;
  try {
    wasm = await instantiateSimdWasm();
  } finally {
    simd.setWasmBuild('auto');
  }
  const n = xs.length;
  const mean = wasm.alloc(4 * n);
  const logVar = wasm.alloc(4 * n);
  const variance = wasm.alloc(4 * n);
  const out = wasm.alloc(4);
  wasm.f32(mean, n).fill(0);
  wasm.f32(logVar, n).set(xs);
  wasm.kernels.prob_kl_standard_normal_f32(mean, 1, logVar, 1, out, 1, n, variance, 0); // per-element logVar: no scratch
  return Float32Array.from(wasm.f32(variance, n));
}

function sampleInputs() {
  const values = [];
  // Every 65521st bit pattern: all exponents, both signs, NaN payloads and subnormal inputs.
  for (let bits = 0; bits < 2 ** 32; bits += 65521) values.push(bits);
  const u32 = Uint32Array.from(values);
  const strided = new Float32Array(u32.buffer);
  const random = rng(2718);
  const dense = new Float32Array(600000);
  for (let i = 0; i < 400000; i++) dense[i] = -104 + 193 * random(); // results from 0 through Infinity
  for (let i = 400000; i < 500000; i++) dense[i] = -104 + 16.7 * random(); // subnormal results
  for (let i = 500000; i < 600000; i++) dense[i] = (2 * random() - 1) * 2 ** (-40 * random()); // near 0
  const edges = [
    0,
    -0,
    Infinity,
    -Infinity,
    NaN,
    MIN_SUBNORMAL,
    -MIN_SUBNORMAL,
    MIN_NORMAL,
    1e-30,
    -1e-30,
    88.72283,
    88.72284,
    88.7228394,
    89,
    100,
    1e30,
    -87.33654,
    -87.33655,
    -103.2789,
    -103.97207,
    -103.97208,
    -104,
    -1e30,
    0.34657359,
    -0.34657359,
    1,
    -1,
    Math.LN2,
    -Math.LN2,
  ];
  return Float32Array.from([...strided, ...dense, ...edges]);
}

const builds = ['simd', ...(supportsBuild('relaxed-simd') ? ['relaxed-simd'] : [])];
const xs = sampleInputs();

for (const build of builds) {
  test(`exp on the '${build}' build: within 1.5 ulp over the float32 range, exact specials`, async () => {
    const got = await expOnBuild(build, xs);
    let worstUlp = 0;
    let worstAt = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      const exact = Math.exp(x);
      const rounded = Math.fround(exact);
      const a = got[i];
      const what = `exp(${x}) = ${a}, float32 of the exact value ${rounded}`;
      if (Number.isNaN(x)) {
        assert.ok(Number.isNaN(a), what);
      } else if (rounded === Infinity || rounded === 0) {
        assert.is(a, rounded, what);
      } else if (rounded < MIN_NORMAL) {
        assert.ok(Math.abs(a - exact) <= MIN_SUBNORMAL, what);
        assert.ok(a > 0, `${what}: not flushed to 0`);
      } else {
        const ulp = 2 ** (Math.floor(Math.log2(rounded)) - 23);
        const error = Math.abs(a - exact) / ulp;
        if (error > worstUlp) {
          worstUlp = error;
          worstAt = x;
        }
      }
    }
    if (process.env.PROB_MATH_VERBOSE) console.log(`${build}: worst ${worstUlp.toFixed(3)} ulp at exp(${worstAt})`);
    assert.ok(worstUlp <= 1.5, `worst error ${worstUlp.toFixed(3)} ulp at exp(${worstAt})`);
  });
}

test.run();
