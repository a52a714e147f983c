// Checks that a variant build (build-variant.mjs) computes exactly what the project's build computes:
// `node check-variant.mjs <variantDir> [baseDir]` (base: build/), both builds, GEMMs of odd shapes in all
// transposes, with and without an epilogue (bias + relu); the accumulation order is the same, so the results
// must be bit-identical. Run Node with --experimental-wasm-relaxed-simd to check the relaxed build too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [variantDir, baseDir = new URL('../../../build', import.meta.url).pathname] = process.argv.slice(2);
const instantiate = async (file) =>
  (
    await WebAssembly.instantiate(readFileSync(file), {
      env: {
        abort() {
          throw new Error('abort');
        },
      },
    })
  ).instance.exports;
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;

function run(k, m, n, depth, transA, transB, epilogue, values) {
  const a = k.alloc(m * depth * 4),
    b = k.alloc(depth * n * 4),
    c = k.alloc(m * n * 4 + 4),
    bias = k.alloc(n * 4 + 4);
  const f32 = () => new Float32Array(k.memory.buffer);
  f32().set(values.a, a / 4);
  f32().set(values.b, b / 4);
  f32().set(values.bias, bias / 4);
  const [rsA, csA] = transA ? [1, m] : [depth, 1];
  const [rsB, csB] = transB ? [1, depth] : [n, 1];
  const scratchBytes = k.gemm_f32_scratch_bytes(n),
    scratch = k.alloc(scratchBytes);
  const relu = epilogue ? [1, 0, bias, 0, 4, 0, 0, 0] : [0, 0, 0, 0, 0, 0, 0, 0];
  k.gemm_f32(m, n, depth, a, rsA, csA, b, rsB, csB, c, n, ...relu, scratch, scratchBytes);
  const out = f32().slice(c / 4, c / 4 + m * n);
  for (const p of [a, b, c, bias, scratch]) k.free(p);
  return out;
}

let cases = 0,
  failures = 0;
for (const file of ['simd.wasm', 'simd-relaxed.wasm']) {
  let base, variant;
  try {
    [base, variant] = [await instantiate(join(baseDir, file)), await instantiate(join(variantDir, file))];
  } catch (error) {
    console.log(`${file}: skipped (${error.message.split('\n')[0]})`);
    continue;
  }
  for (const [m, n, depth] of [
    [1, 1, 1],
    [3, 17, 5],
    [17, 3, 255],
    [4, 8, 1],
    [255, 17, 3],
    [64, 64, 300],
    [100, 40, 500],
    [5, 9, 257],
  ]) {
    const values = {
      a: Array.from({ length: m * depth }, random),
      b: Array.from({ length: depth * n }, random),
      bias: Array.from({ length: n }, random),
    };
    for (const transA of [false, true])
      for (const transB of [false, true])
        for (const epilogue of [false, true]) {
          const x = run(base, m, n, depth, transA, transB, epilogue, values),
            y = run(variant, m, n, depth, transA, transB, epilogue, values);
          cases++;
          if (x.some((v, i) => !Object.is(v, y[i]))) {
            failures++;
            console.log(
              `${file} ${m}×${n}×${depth} ${transA ? 'T' : 'N'}${transB ? 'T' : 'N'}${epilogue ? ' +bias,relu' : ''}: differs`,
            );
          }
        }
  }
}
console.log(`${cases} cases, ${failures} differ`);
process.exitCode = failures > 0 ? 1 : 0;
