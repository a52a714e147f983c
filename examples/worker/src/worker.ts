// A Cloudflare Worker serving a small trained VAE on the 'simd' backend:
//   POST /score   body: JSON [[784 pixels in [0, 1]], …] (or { "rows": … })  →  { "elbo": [nats per row] }
//   GET  /sample?n=8&seed=1[&format=png]  →  generated digits as JSON { "n", "side", "pixels" } or a PNG strip
// The kernels' WebAssembly arrives as a precompiled module: for Workers ('workerd' export condition, which
// wrangler sets), 'tfjs-backend-simd/models' and 'tfjs-backend-simd' import it as .wasm modules.
import * as tf from '@tensorflow/tfjs-core';
import { VAE } from 'tfjs-backend-simd/models';
import decoderJson from '../model/decoder/model.json';
import decoderWeights from '../model/decoder/weights.bin';
import encoderJson from '../model/encoder/model.json';
import encoderWeights from '../model/encoder/weights.bin';
import { encodeGrayscalePng, tileHorizontally } from './png.js';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
const MAX_ROWS = 1000;
const MAX_SAMPLES = 64;

let model: Promise<VAE> | undefined;

/** The backend and the model are made at the first request: workers may not do that work at start-up. */
function loadModel(): Promise<VAE> {
  model ??= (async () => {
    if (!(await tf.setBackend('simd'))) throw new Error("backend 'simd' failed to initialise");
    // The saved networks arrive as modules: tfjs's memory handler hands them to VAE.load.
    const fromModules = (json: unknown, weights: ArrayBuffer) => {
      const modelJson = json as tf.io.ModelJSON;
      return tf.io.fromMemory(
        tf.io.getModelArtifactsForJSONSync(modelJson, tf.io.getWeightSpecs(modelJson.weightsManifest), weights),
      );
    };
    return VAE.load({
      encoder: fromModules(encoderJson, encoderWeights),
      decoder: fromModules(decoderJson, decoderWeights),
    });
  })();
  model.catch(() => {
    model = undefined;
  });
  return model;
}

class BadRequest extends Error {}

function parseRows(body: unknown): number[][] {
  const rows = Array.isArray(body) ? body : (body as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows) || rows.length === 0 || rows.length > MAX_ROWS) {
    throw new BadRequest(`expected a JSON array of 1 to ${MAX_ROWS} rows of ${PIXELS} pixels`);
  }
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== PIXELS || !row.every((v) => typeof v === 'number' && v >= 0 && v <= 1)) {
      throw new BadRequest(`row ${i}: expected ${PIXELS} numbers in [0, 1]`);
    }
  });
  return rows as number[][];
}

function integerParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const text = url.searchParams.get(name);
  const value = text == null ? fallback : Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new BadRequest(`${name} must be an integer from ${min} to ${max}`);
  return value;
}

async function score(request: Request): Promise<Response> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new BadRequest('body is not JSON');
  }
  const rows = parseRows(body);
  const vae = await loadModel();
  const x = tf.tensor2d(rows, [rows.length, PIXELS]);
  const elbo = vae.elbo(x);
  const values = Array.from(await elbo.data());
  tf.dispose([x, elbo]);
  return Response.json({ elbo: values, backend: describeBackend() });
}

async function sample(url: URL): Promise<Response> {
  const n = integerParam(url, 'n', 8, 1, MAX_SAMPLES);
  const seed = integerParam(url, 'seed', 1, 0, 2 ** 31 - 1);
  const format = url.searchParams.get('format') ?? 'json';
  if (format !== 'json' && format !== 'png') throw new BadRequest("format must be 'json' or 'png'");
  const vae = await loadModel();
  const digits = vae.sample(n, seed);
  const pixels = (await digits.data()) as Float32Array;
  digits.dispose();
  if (format === 'png') {
    const png = await encodeGrayscalePng(tileHorizontally(pixels, n, SIDE), n * SIDE, SIDE);
    return new Response(png, { headers: { 'content-type': 'image/png' } });
  }
  return Response.json({ n, side: SIDE, pixels: Array.from(pixels), backend: describeBackend() });
}

function describeBackend(): string {
  return `${tf.getBackend()} (${(tf.backend() as unknown as { build?: string }).build})`;
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    try {
      if (url.pathname === '/score' && request.method === 'POST') return await score(request);
      if (url.pathname === '/sample' && request.method === 'GET') return await sample(url);
      return Response.json({ error: 'not found: use POST /score or GET /sample' }, { status: 404 });
    } catch (e) {
      const status = e instanceof BadRequest ? 400 : 500;
      return Response.json({ error: (e as Error).message }, { status });
    }
  },
};
