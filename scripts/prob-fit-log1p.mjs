// The polynomial of log1pUnitV (assembly/math/log.ts): fits P in log1p(f) = f − f²/2 + f³·P(f) on [−¼, ½]
// (near-minimax in the final relative error: least squares reweighted by Lawson's iteration), then checks the
// float32 evaluation the kernel does (Estrin's scheme, with and without fused multiply-add) against float64
// Math.log1p over u in [0, 1]. `node scripts/prob-fit-log1p.mjs [degree = 7]`.
const [lo, hi, deg] = [-0.25, 0.5, Number(process.argv[2] ?? 7)];
const g = (f) => {
  if (Math.abs(f) < 0.05) {
    let s = 0;
    for (let k = 40; k >= 3; k--) s = s * f + (k % 2 ? 1 : -1) / k;
    return s;
  }
  return (Math.log1p(f) - f + (f * f) / 2) / (f * f * f);
};
const M = 4000;
const pts = Array.from({ length: M }, (_, i) => (lo + hi) / 2 + ((hi - lo) / 2) * Math.cos((Math.PI * (i + 0.5)) / M));
const w0 = pts.map((f) => Math.abs((f * f * f) / Math.log1p(f)) || 1e-30); // final relative error per unit error of P
let lw = pts.map(() => 1);
let c;
function solve(A, b) {
  // normal equations with scaling, Gaussian elimination in float64
  const n = A[0].length;
  const N = Array.from({ length: n }, () => new Float64Array(n + 1));
  for (let r = 0; r < A.length; r++)
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) N[i][j] += A[r][i] * A[r][j];
      N[i][n] += A[r][i] * b[r];
    }
  for (let i = 0; i < n; i++) {
    let p = i;
    for (let r = i + 1; r < n; r++) if (Math.abs(N[r][i]) > Math.abs(N[p][i])) p = r;
    [N[i], N[p]] = [N[p], N[i]];
    for (let r = 0; r < n; r++)
      if (r !== i) {
        const m = N[r][i] / N[i][i];
        for (let j = i; j <= n; j++) N[r][j] -= m * N[i][j];
      }
  }
  return Array.from({ length: n }, (_, i) => N[i][n] / N[i][i]);
}
for (let it = 0; it < 60; it++) {
  const A = pts.map((f, r) => Array.from({ length: deg + 1 }, (_, j) => Math.sqrt(lw[r]) * w0[r] * f ** j));
  const b = pts.map((f, r) => Math.sqrt(lw[r]) * w0[r] * g(f));
  c = solve(A, b);
  const err = pts.map((f, r) => Math.abs(w0[r] * (c.reduce((s, cj, j) => s + cj * f ** j, 0) - g(f))));
  const tot = err.reduce((s, e, r) => s + lw[r] * e, 0);
  lw = lw.map((l, r) => ((l * err[r]) / tot) * M);
  if (it % 20 === 19) console.log('iter', it, 'max rel err (exact arithmetic)', Math.max(...err).toExponential(3));
}
const cf = c.map((x) => Math.fround(x));
console.log('coefficients (f^0 first):', cf.map((x) => x.toPrecision(11)).join(', '));
const F = Math.fround;
const LN2_HI = F(0.693359375),
  LN2_LO = F(-2.1219444e-4);
for (const fused of [false, true]) {
  const madd = fused ? (a, b, cc) => F(a * b + cc) : (a, b, cc) => F(F(a * b) + cc);
  const log1pU = (u) => {
    const big = u >= 0.5;
    const f = big ? F(F(u - 1) * 0.5) : u;
    const e = big ? 1 : 0;
    const z = F(f * f);
    let p;
    if (deg === 7) {
      // the kernel's Estrin scheme
      const [p01, p23, p45, p67] = [0, 2, 4, 6].map((j) => madd(cf[j + 1], f, cf[j]));
      p = madd(madd(p67, z, p45), F(z * z), madd(p23, z, p01));
    } else {
      p = cf[deg];
      for (let j = deg - 1; j >= 0; j--) p = madd(p, f, cf[j]);
    }
    let y = F(F(p * f) * z);
    y = madd(e, LN2_LO, y);
    y = madd(z, -0.5, y);
    return madd(e, LN2_HI, F(f + y));
  };
  let worst = 0,
    at = 0;
  const test = (u) => {
    u = F(u);
    const exact = Math.log1p(u);
    const r = F(exact);
    if (r === 0) return;
    const ulp = 2 ** (Math.floor(Math.log2(Math.abs(r))) - 23);
    const e = Math.abs(log1pU(u) - exact) / ulp;
    if (e > worst) {
      worst = e;
      at = u;
    }
  };
  for (let i = 0; i <= 2_000_000; i++) test(i / 2_000_000);
  for (let i = 0; i < 200_000; i++) test(2 ** (-130 * Math.random()));
  for (const u of [0, 1, 0.5, F(0.5) - 2 ** -25, 2 ** -24, 2 ** -149]) test(u);
  console.log(fused ? 'fused madd' : 'plain     ', 'worst', worst.toFixed(3), 'ulp at u =', at);
}
