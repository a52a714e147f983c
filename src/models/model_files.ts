// Saving and loading model weights as a directory in the tfjs format: model.json (the weights manifest
// plus the model's config under userDefinedMetadata) and weights.bin (the raw little-endian values).
import * as tf from '@tensorflow/tfjs-core';
import { savedName } from './dense_stack.js';

export interface ModelMetadata {
  kind: string;
  config: unknown;
  [key: string]: unknown;
}

const MODEL_FILE = 'model.json';
const WEIGHTS_FILE = 'weights.bin';

async function fileSystem() {
  // Loaded on use, so the models import cleanly in runtimes without a file system.
  const [fs, path] = await Promise.all([import('node:fs/promises'), import('node:path')]);
  return { fs, path };
}

export async function writeModelDirectory(dir: string, metadata: ModelMetadata, variables: tf.Variable[]): Promise<void> {
  const { fs, path } = await fileSystem();
  const { data, specs } = await tf.io.encodeWeights(variables.map((v) => ({ name: savedName(v), tensor: v })));
  const modelJson = {
    format: 'tfjs-backend-simd',
    generatedBy: `TensorFlow.js tfjs-core v${tf.version_core}`,
    modelTopology: null,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
    userDefinedMetadata: metadata,
  };
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, WEIGHTS_FILE), new Uint8Array(data));
  await fs.writeFile(path.join(dir, MODEL_FILE), JSON.stringify(modelJson, null, 2));
}

export async function readModelDirectory(
  dir: string, expectedKind: string): Promise<{ metadata: ModelMetadata; weights: Map<string, tf.Tensor> }> {
  const { fs, path } = await fileSystem();
  const fail = (why: string): never => { throw new Error(`${expectedKind}.load: ${dir}: ${why}`); };
  let modelJson: {
    weightsManifest?: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
    userDefinedMetadata?: ModelMetadata;
  };
  try {
    modelJson = JSON.parse(await fs.readFile(path.join(dir, MODEL_FILE), 'utf8'));
  } catch (e) {
    return fail(`cannot read ${MODEL_FILE} (${(e as Error).message})`);
  }
  const metadata = modelJson.userDefinedMetadata;
  if (metadata?.kind !== expectedKind) fail(`${MODEL_FILE} does not describe a ${expectedKind} (kind: ${metadata?.kind})`);
  const manifest = modelJson.weightsManifest?.[0];
  if (!manifest || !Array.isArray(manifest.weights) || manifest.paths?.length !== 1) fail(`${MODEL_FILE} has no valid weightsManifest`);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path.join(dir, manifest!.paths[0]));
  } catch (e) {
    return fail(`cannot read ${manifest!.paths[0]} (${(e as Error).message})`);
  }
  const expectedBytes = manifest!.weights.reduce(
    (sum, w) => sum + tf.util.sizeFromShape(w.shape) * (w.dtype === 'float32' || w.dtype === 'int32' ? 4 : 1), 0);
  if (bytes.byteLength !== expectedBytes) {
    fail(`${manifest!.paths[0]} has ${bytes.byteLength} bytes, the manifest describes ${expectedBytes}`);
  }
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const named = tf.io.decodeWeights(buffer, manifest!.weights);
  return { metadata: metadata!, weights: new Map(Object.entries(named)) };
}
