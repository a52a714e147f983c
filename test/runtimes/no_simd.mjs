// @ts-check
// A runtime without WebAssembly SIMD, simulated: WebAssembly.validate rejects every module containing the
// SIMD opcode prefix (0xfd) before the package loads. setBackend('simd') must fail with a clear message
// (tfjs logs it) and tfjs must fall back to the next backend, 'cpu'. Prints NO_SIMD {…}; exits 1 on failure.
const validate = WebAssembly.validate;
WebAssembly.validate = (bytes) => {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes.buffer ?? bytes);
  return !view.includes(0xfd) && validate(bytes);
};

const warnings = [];
const warn = console.warn;
console.warn = (...args) => warnings.push(args.map(String).join(' '));

const tf = await import('@tensorflow/tfjs-core');
await import('@tensorflow/tfjs-backend-cpu');
const simd = await import('../../dist/index.js');

const features = simd.detectWasmFeatures();
const switched = await tf.setBackend('simd');
await tf.ready();
const active = tf.getBackend();
const sum = (await tf.add([1, 2], [3, 4]).data()).join(',');
console.warn = warn;

const message = warnings.find((w) => w.includes('needs WebAssembly SIMD'))?.split('\n')[0] ?? null;
const failures = [];
if (features.simd !== false || features.relaxedSimd !== false) failures.push(`features ${JSON.stringify(features)}`);
if (switched !== false) failures.push(`setBackend('simd') returned ${switched}`);
if (active !== 'cpu') failures.push(`active backend '${active}', expected 'cpu'`);
if (message == null) failures.push(`no clear message among the warnings: ${JSON.stringify(warnings)}`);
if (sum !== '4,6') failures.push(`1+3, 2+4 on the fallback gave ${sum}`);
console.log(`NO_SIMD ${JSON.stringify({ features, switched, active, message, failures })}`);
if (failures.length > 0) process.exit(1);
