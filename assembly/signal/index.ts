// Kernels of the 'signal' family: complex64 tensors and their Fourier transforms (spectrograms of audio models).
export { signal_fft_c64, signal_fft_scratch_bytes } from './fft';
export { signal_complex_abs_c64, signal_complex_c64, signal_part_c64 } from './complex';
