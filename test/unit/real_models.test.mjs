// @ts-check
// Models others trained and ship inside their npm packages, run the way those packages run them: nsfwjs's
// classifiers (a converted graph model and a tfjs-layers model, both MobileNetV2) and face-api's tiny face
// detector, tiny landmark network and face descriptor (a ResNet of 3×3 convolutions), on one of face-api's own
// sample photos. On 'simd' they give 'cpu''s results within float32 rounding, run no kernel on the CPU
// fallback and leak no tensor; a second run (the weights now packed and kept) equals the first bit for bit.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import jpeg from 'jpeg-js';
import * as nsfwjs from 'nsfwjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose, onBackend, simd, tf } from '../helpers/setup.mjs';

const require = createRequire(import.meta.url);
const faceApiDir = require.resolve('@vladmandic/face-api/package.json').replace(/package\.json$/, '');
/** face-api's build for Node without tfjs-node (it requires '@tensorflow/tfjs', the same tfjs-core as here). */
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

/** face-api's sample photo of several faces, as int32 RGB [height, width, 3] values. */
function samplePhoto() {
  const { width, height, data } = jpeg.decode(readFileSync(`${faceApiDir}demo/sample1.jpg`), { useTArray: true });
  const rgb = new Int32Array(width * height * 3);
  for (let i = 0; i < width * height; i++) for (let c = 0; c < 3; c++) rgb[3 * i + c] = data[4 * i + c];
  return { rgb, shape: /** @type {[number, number, number]} */ ([height, width, 3]) };
}

const photo = samplePhoto();

/** The kernels `run` calls that run tfjs-backend-cpu's code on 'simd'. */
async function fallbacksIn(run) {
  const { fallback } = simd.kernelCoverage();
  const profile = await tf.profile(run);
  return [...new Set(profile.kernels.map((k) => k.name).filter((name) => fallback.includes(name)))];
}

/** `run`'s result on `backend`, asserting it leaves no tensor behind (models and inputs made before it). */
async function leakFree(backend, run) {
  return onBackend(backend, async () => {
    const before = tf.memory().numTensors;
    const result = await run();
    assert.is(tf.memory().numTensors, before, `${backend}: tensors left behind`);
    return result;
  });
}

for (const name of ['MobileNetV2Mid', 'MobileNetV2']) {
  test(`nsfwjs ${name}: 'cpu''s class probabilities, no fallback kernel, a second run bit for bit the first`, async () => {
    /** Class probabilities of the photo, with the model loaded on `backend`; the fallbacks seen on 'simd'. */
    const classify = (/** @type {string} */ backend) =>
      onBackend(backend, async () => {
        const model = await nsfwjs.load(name);
        const img = tf.tensor3d(photo.rgb, photo.shape, 'int32');
        const runs = await leakFree(backend, () => {
          const probabilities = [];
          for (let run = 0; run < (backend === 'simd' ? 2 : 1); run++) {
            probabilities.push(tf.tidy(() => tf.softmax(/** @type {tf.Tensor} */ (model.infer(img))).dataSync()));
          }
          return probabilities;
        });
        const fallbacks = backend === 'simd' ? await fallbacksIn(() => tf.dispose(model.infer(img))) : [];
        img.dispose();
        model.model.dispose();
        return { runs, fallbacks };
      });
    const cpu = await classify('cpu');
    const onSimd = await classify('simd');
    assertClose(onSimd.runs[0], cpu.runs[0], { rtol: 1e-4, atol: 1e-6, what: `${name} probabilities` });
    assert.equal(onSimd.runs[1], onSimd.runs[0], 'second run');
    assert.equal(onSimd.fallbacks, [], 'kernels on the CPU fallback');
  });
}

test("face-api: tiny detector, landmarks and descriptor give 'cpu''s faces; a second run bit for bit the first", async () => {
  const models = `${faceApiDir}model`;
  /** Every face's box, landmarks and descriptor (the descriptor's ResNet for the first face only: on 'cpu' it takes seconds). */
  const describe = (/** @type {string} */ backend) =>
    onBackend(backend, async () => {
      await faceapi.nets.tinyFaceDetector.loadFromDisk(models);
      await faceapi.nets.faceLandmark68TinyNet.loadFromDisk(models);
      await faceapi.nets.faceRecognitionNet.loadFromDisk(models);
      const img = tf.tensor3d(photo.rgb, photo.shape, 'int32');
      const runs = await leakFree(backend, () => describeFaces(img, backend === 'simd' ? 2 : 1));
      img.dispose();
      for (const net of [
        faceapi.nets.tinyFaceDetector,
        faceapi.nets.faceLandmark68TinyNet,
        faceapi.nets.faceRecognitionNet,
      ])
        net.dispose();
      return runs;
    });
  const cpu = await describe('cpu');
  const [first, second] = await describe('simd');
  assert.ok(cpu[0].boxes.length >= 8, `faces found on 'cpu': ${cpu[0].boxes.length / 4}`);
  assertClose(first.boxes, cpu[0].boxes, { rtol: 1e-4, atol: 1e-4, what: 'scores and boxes' });
  assertClose(first.landmarks, cpu[0].landmarks, { rtol: 1e-4, atol: 1e-3, what: 'landmarks (pixels)' });
  assertClose(first.descriptor, cpu[0].descriptor, { rtol: 1e-3, atol: 1e-5, what: 'descriptor' });
  assert.equal(second, first, 'second run');
});

/** `runs` times: every face's score and box, its landmarks, and the first face's descriptor. */
async function describeFaces(/** @type {tf.Tensor3D} */ image, /** @type {number} */ count) {
  // face-api's types name the tfjs-core it bundles for browsers; in Node it runs on this one.
  const img = /** @type {any} */ (image);
  const runs = [];
  for (let run = 0; run < count; run++) {
    const options = new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.3 });
    const faces = await faceapi.detectAllFaces(img, options).withFaceLandmarks(true);
    const first = faces[0];
    const crop = (await faceapi.extractFaceTensors(img, [first.detection]))[0];
    const descriptor = await faceapi.computeFaceDescriptor(crop);
    crop.dispose();
    runs.push({
      boxes: faces.flatMap((f) => [f.detection.score, f.detection.box.x, f.detection.box.y, f.detection.box.width]),
      landmarks: faces.flatMap((f) => f.landmarks.positions.flatMap((p) => [p.x, p.y])),
      descriptor: Array.from(/** @type {Float32Array} */ (descriptor)),
    });
  }
  return runs;
}

test.run();
