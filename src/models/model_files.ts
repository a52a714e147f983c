// Saving and loading model weights as a directory in the tfjs format: model.json (the weights manifest
// plus the model's config under userDefinedMetadata) and weights.bin (the raw little-endian values).
import * as tf from '@tensorflow/tfjs-core';
import { nodeBuiltin } from '../node_builtin.js';
import { savedName } from './dense_stack.js';

export interface ModelMetadata {
  kind: string;
  config: unknown;
  [key: string]: unknown;
}

const MODEL_FILE = 'model.json';
const WEIGHTS_FILE = 'weights.bin';

/** Node's file system (Node, Deno, Bun), loaded on use: the models import cleanly where there is none. */
async function fileSystem() {
  const fs = nodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises');
  const path = nodeBuiltin<typeof import('node:path')>('node:path');
  if (fs == null || path == null) {
    throw new Error('save(dir) and load(dir) need a file system (Node >= 20.16, Deno, Bun); elsewhere use fromArtifacts.');
  }
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

/** One weight in a model.json; dtype is checked when decoding (JSON imports type it as a plain string). */
export type ModelWeightEntry = Omit<tf.io.WeightsManifestEntry, 'dtype'> & { dtype: string };

/** The parts of a model.json the loader reads. */
export interface ModelJson {
  weightsManifest?: Array<{ paths: string[]; weights: ModelWeightEntry[] }>;
  userDefinedMetadata?: ModelMetadata;
}

const WEIGHT_DTYPES = new Set(['float32', 'int32', 'bool']);

export interface DecodedModel {
  metadata: ModelMetadata;
  weights: Map<string, tf.Tensor>;
}

type Fail = (why: string) => never;

function failure(expectedKind: string, where: string): Fail {
  return (why) => { throw new Error(`${expectedKind}.load: ${where}: ${why}`); };
}

/** Checks a model.json's kind and manifest; returns the metadata and the one weights file's manifest. */
function parseModelJson(modelJson: ModelJson, expectedKind: string, fail: Fail) {
  const metadata = modelJson?.userDefinedMetadata;
  if (metadata?.kind !== expectedKind) fail(`${MODEL_FILE} does not describe a ${expectedKind} (kind: ${metadata?.kind})`);
  const manifest = modelJson.weightsManifest?.[0];
  if (!manifest || !Array.isArray(manifest.weights) || manifest.paths?.length !== 1) fail(`${MODEL_FILE} has no valid weightsManifest`);
  const unsupported = manifest!.weights.find((w) => !WEIGHT_DTYPES.has(w.dtype));
  if (unsupported) fail(`weight '${unsupported.name}' has unsupported dtype '${unsupported.dtype}'`);
  return { metadata: metadata!, manifest: manifest as { paths: string[]; weights: tf.io.WeightsManifestEntry[] } };
}

/** Decodes the weights file's bytes into named tensors, after checking their size against the manifest. */
function decodeWeightsFile(
  manifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }, bytes: Uint8Array, fail: Fail): Map<string, tf.Tensor> {
  const expectedBytes = manifest.weights.reduce(
    (sum, w) => sum + tf.util.sizeFromShape(w.shape) * (w.dtype === 'float32' || w.dtype === 'int32' ? 4 : 1), 0);
  if (bytes.byteLength !== expectedBytes) {
    fail(`${manifest.paths[0]} has ${bytes.byteLength} bytes, the manifest describes ${expectedBytes}`);
  }
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return new Map(Object.entries(tf.io.decodeWeights(buffer, manifest.weights)));
}

/**
 * Decodes a model held in memory — the parsed model.json and the bytes of its weights file — for runtimes
 * without a file system (workers, browsers).
 */
export function decodeModelArtifacts(
  modelJson: ModelJson, weights: ArrayBuffer | Uint8Array, expectedKind: string): DecodedModel {
  const fail = failure(expectedKind, 'model artifacts');
  const { metadata, manifest } = parseModelJson(modelJson, expectedKind, fail);
  const bytes = weights instanceof Uint8Array ? weights : new Uint8Array(weights);
  return { metadata, weights: decodeWeightsFile(manifest, bytes, fail) };
}

/** Reads a directory written by writeModelDirectory. */
export async function readModelDirectory(dir: string, expectedKind: string): Promise<DecodedModel> {
  const { fs, path } = await fileSystem();
  const fail = failure(expectedKind, dir);
  let modelJson: ModelJson;
  try {
    modelJson = JSON.parse(await fs.readFile(path.join(dir, MODEL_FILE), 'utf8'));
  } catch (e) {
    return fail(`cannot read ${MODEL_FILE} (${(e as Error).message})`);
  }
  const { metadata, manifest } = parseModelJson(modelJson, expectedKind, fail);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path.join(dir, manifest.paths[0]));
  } catch (e) {
    return fail(`cannot read ${manifest.paths[0]} (${(e as Error).message})`);
  }
  return { metadata, weights: decodeWeightsFile(manifest, bytes, fail) };
}
