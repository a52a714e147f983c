// @ts-check
// complex64 and Fourier kernels on 'simd' (Complex, Real, Imag, ComplexAbs, FFT, IFFT): parts and magnitudes
// against tfjs-backend-cpu on fresh random data; transforms against a float64 DFT and against cpu, at lengths
// 1 to 256 (powers of two and not), batched, round trips, the real transforms and a spectrogram; no leaks.
import '@tensorflow/tfjs'; // tf.signal and tf.spectral on the same tfjs-core
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose, onBackend, randomValues, rng, simd, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';

const random = rng(5150);

/** fn on `backend` with fresh tensors from the float32 arrays in `inputs`; the outputs' values and shapes. */
const run = (backend, inputs, fn) =>
  onBackend(backend, () => {
    const before = tf.memory().numTensors;
    const result = tf.tidy(() => {
      const out = fn(...inputs.map(({ shape, values }) => tf.tensor(values, shape)));
      return (Array.isArray(out) ? out : [out]).map((t) => ({
        shape: t.shape,
        dtype: t.dtype,
        values: Array.from(t.dataSync()),
      }));
    });
    assert.is(tf.memory().numTensors, before, `${backend} leaks tensors`);
    return result;
  });

/** The float64 DFT of rows of complex values [re, im, re, im, …] of length n (÷ n for the inverse). */
function referenceDft(values, n, inverse) {
  const out = new Float64Array(values.length);
  for (let row = 0; row < values.length / (2 * n); row++) {
    const base = 2 * n * row;
    for (let k = 0; k < n; k++) {
      let re = 0;
      let im = 0;
      for (let j = 0; j < n; j++) {
        const theta = ((inverse ? 2 : -2) * Math.PI * ((j * k) % n)) / n;
        const [a, b] = [values[base + 2 * j], values[base + 2 * j + 1]];
        re += a * Math.cos(theta) - b * Math.sin(theta);
        im += a * Math.sin(theta) + b * Math.cos(theta);
      }
      out[base + 2 * k] = inverse ? re / n : re;
      out[base + 2 * k + 1] = inverse ? im / n : im;
    }
  }
  return out;
}

/** Tolerance of a float32 transform of length n of values within ±1: a few ulps per stage, on the row's scale. */
const transformTolerance = (n) => ({ rtol: 1e-6, atol: 2e-6 * Math.max(1, Math.log2(n)) * Math.sqrt(n) });

for (const n of [1, 2, 3, 4, 17, 64, 255, 256]) {
  for (const batch of [[], [3], [2, 2]]) {
    test(`fft and ifft of [${[...batch, n]}]: the float64 DFT, cpu, and back`, async () => {
      const shape = [...batch, n];
      const re = randomValues(size(shape), random);
      const im = randomValues(size(shape), random);
      const interleaved = Array.from(re).flatMap((v, i) => [v, im[i]]);
      for (const inverse of [false, true]) {
        const transform = (r, i) => {
          const y = (inverse ? tf.spectral.ifft : tf.spectral.fft)(tf.complex(r, i));
          return [tf.real(y), tf.imag(y)];
        };
        const inputs = [
          { shape, values: re },
          { shape, values: im },
        ];
        const [simdRe, simdIm] = await run('simd', inputs, transform);
        const [cpuRe, cpuIm] = await run('cpu', inputs, transform);
        const reference = referenceDft(interleaved, n, inverse);
        const tol = transformTolerance(n);
        const what = `${inverse ? 'ifft' : 'fft'} ${shape}`;
        assertClose(simdRe.values, Array.from(reference.filter((_, i) => i % 2 === 0)), { ...tol, what: `${what} re` });
        assertClose(simdIm.values, Array.from(reference.filter((_, i) => i % 2 === 1)), { ...tol, what: `${what} im` });
        assertClose(simdRe.values, cpuRe.values, { ...tol, what: `${what} re vs cpu` });
        assertClose(simdIm.values, cpuIm.values, { ...tol, what: `${what} im vs cpu` });
        assert.equal(simdRe.shape, shape);
      }
      const [back] = await run('simd', [{ shape, values: re }], (r) =>
        tf.real(tf.spectral.ifft(tf.spectral.fft(tf.complex(r, tf.zerosLike(r))))),
      );
      assertClose(back.values, Array.from(re), {
        rtol: 1e-6,
        atol: 1e-6 * Math.max(1, Math.log2(n)),
        what: 'round trip',
      });
    });
  }
}

test('complex, real, imag equal cpu bit for bit; complexAbs to one float32 rounding, infinities and NaN included', async () => {
  const n = 255;
  const re = randomValues(n, random, -1e3, 1e3);
  const im = randomValues(n, random, -1e3, 1e3);
  [re[0], im[0], re[1], im[1], re[2], im[2], re[3]] = [Infinity, NaN, NaN, 1, -0, -0, -Infinity];
  const inputs = [
    { shape: [5, 51], values: re },
    { shape: [5, 51], values: im },
  ];
  const parts = (r, i) => {
    const c = tf.complex(r, i);
    return [tf.real(c), tf.imag(c), tf.abs(c), tf.reshape(c, [255])];
  };
  const simdOut = await run('simd', inputs, parts);
  const cpuOut = await run('cpu', inputs, parts);
  for (const k of [0, 1]) assertClose(simdOut[k].values, cpuOut[k].values, { rtol: 0, atol: 0, what: `part ${k}` });
  assertClose(simdOut[2].values, cpuOut[2].values, { rtol: 1.2e-7, atol: 0, what: 'abs' });
  assert.equal(simdOut[3].dtype, 'complex64');
  assert.equal(simdOut[3].values.length, cpuOut[3].values.length);
});

test('rfft, irfft and a spectrogram (stft magnitude) match cpu; empty inputs', async () => {
  const signal = { shape: [1000], values: randomValues(1000, random) };
  const tol = transformTolerance(256);
  const [spectrogramSimd] = await run('simd', [signal], (s) => tf.abs(tf.signal.stft(s, 200, 80, 256)));
  const [spectrogramCpu] = await run('cpu', [signal], (s) => tf.abs(tf.signal.stft(s, 200, 80, 256)));
  assert.equal(spectrogramSimd.shape, spectrogramCpu.shape);
  assertClose(spectrogramSimd.values, spectrogramCpu.values, { ...tol, what: 'stft' });
  const rows = { shape: [3, 12], values: randomValues(36, random) };
  const real = (x) => tf.spectral.irfft(tf.spectral.rfft(x));
  const [roundSimd] = await run('simd', [rows], real);
  const [roundCpu] = await run('cpu', [rows], real);
  assertClose(roundSimd.values, roundCpu.values, { rtol: 1e-5, atol: 1e-5, what: 'irfft(rfft)' });
  const [empty] = await run('simd', [{ shape: [0, 8], values: [] }], (x) => tf.real(tf.spectral.fft(tf.complex(x, x))));
  assert.equal(empty.shape, [0, 8]);
});

test('Complex, Real, Imag, ComplexAbs, FFT and IFFT are native kernels', () => {
  const { native } = simd.kernelCoverage();
  for (const name of ['Complex', 'Real', 'Imag', 'ComplexAbs', 'FFT', 'IFFT']) assert.ok(native.includes(name), name);
});

test.run();
