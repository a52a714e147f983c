// Prints the README's table of kernels: which run as native WASM on 'simd', which through tfjs-backend-cpu.
import '@tensorflow/tfjs-backend-cpu'; // the fallback list is tfjs-backend-cpu's, once it is loaded
import { kernelCoverage } from '../dist/index.js';

const { native, fallback } = kernelCoverage();
console.log(`| runs as | count | kernels |\n|---|---|---|`);
console.log(`| native WASM SIMD | ${native.length} | ${native.map((k) => `\`${k}\``).join(', ')} |`);
console.log(
  `| tfjs-backend-cpu's code on the same memory | ${fallback.length} | ${fallback.map((k) => `\`${k}\``).join(', ')} |`,
);
