import process from 'node:process';
import * as tf from '@tensorflow/tfjs-core';
import * as simd from 'tfjs-backend-simd';
simd.setWasmBuild('simd');
await tf.setBackend('simd');
const k = tf.backend().wasm.kernels;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const res = [];
for (let r = 0; r < 8; r++) {
  const c0 = cpu(); let calls = 0;
  while (cpu() - c0 < 50) { k.gemm_simd_peak(20_000); calls++; }
  res.push((96 * 20_000 * calls / (cpu() - c0) / 1e6).toFixed(1));
}
const a = tf.randomNormal([256, 256]);
const g = [];
for (let r = 0; r < 8; r++) {
  const c0 = cpu(); let calls = 0;
  while (cpu() - c0 < 50) { tf.matMul(a, a).dispose(); calls++; }
  g.push((2 * 256 ** 3 * calls / (cpu() - c0) / 1e6).toFixed(1));
}
console.log('peak', res.join(' '), '| gemm256', g.join(' '));
