// A tfjs io handler for a directory in Node: model.json (topology, weights manifest, metadata) and one
// weights.bin, the layout of tfjs-node's file:// handler. Used for 'file://' URLs and plain paths when no
// other file:// handler is registered (tfjs-node registers its own).
import * as tf from '@tensorflow/tfjs-core';
import { nodeBuiltin } from '../node_builtin.js';

const MODEL_FILE = 'model.json';
const WEIGHTS_FILE = 'weights.bin';

/** Node's file system (Node, Deno, Bun), reached on use: a browser bundle holds no node: import. */
async function fileSystem() {
  const fs = nodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises');
  const path = nodeBuiltin<typeof import('node:path')>('node:path');
  if (fs == null || path == null) {
    throw new Error(
      'Saving to or loading from a directory needs a file system (Node >= 20.16, Deno, Bun); ' +
        'elsewhere pass an io handler (indexeddb://, downloads://, tf.io.fromMemory).',
    );
  }
  return { fs, path };
}

function bytesOf(specs: tf.io.WeightsManifestEntry[]): number {
  return specs.reduce(
    (sum, w) => sum + tf.util.sizeFromShape(w.shape) * (w.dtype === 'float32' || w.dtype === 'int32' ? 4 : 1),
    0,
  );
}

export function fileHandler(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      const { fs, path } = await fileSystem();
      const weightSpecs = artifacts.weightSpecs ?? [];
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology!,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: weightSpecs }],
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      await fs.mkdir(dir, { recursive: true });
      // The weights first: a model.json on disk always has its weights beside it.
      await fs.writeFile(
        path.join(dir, WEIGHTS_FILE),
        new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? [])),
      );
      await fs.writeFile(path.join(dir, MODEL_FILE), JSON.stringify(modelJson, null, 2));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },

    async load(): Promise<tf.io.ModelArtifacts> {
      const { fs, path } = await fileSystem();
      let modelJson: tf.io.ModelJSON;
      try {
        modelJson = JSON.parse(await fs.readFile(path.join(dir, MODEL_FILE), 'utf8'));
      } catch (e) {
        throw new Error(`${dir}: cannot read ${MODEL_FILE} (${(e as Error).message})`);
      }
      const groups = modelJson?.weightsManifest;
      if (!Array.isArray(groups) || !groups.every((g) => Array.isArray(g?.paths) && Array.isArray(g?.weights))) {
        throw new Error(`${dir}: ${MODEL_FILE} has no valid weightsManifest`);
      }
      const shards: ArrayBuffer[] = [];
      for (const file of groups.flatMap((g) => g.paths)) {
        try {
          const bytes = await fs.readFile(path.join(dir, file));
          shards.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
        } catch (e) {
          throw new Error(`${dir}: cannot read ${file} (${(e as Error).message})`);
        }
      }
      const weightSpecs = tf.io.getWeightSpecs(groups);
      const weightData = tf.io.CompositeArrayBuffer.join(shards);
      if (weightData.byteLength !== bytesOf(weightSpecs)) {
        throw new Error(
          `${dir}: ${groups.flatMap((g) => g.paths).join(', ')} has ${weightData.byteLength} bytes, the manifest describes ${bytesOf(weightSpecs)}`,
        );
      }
      return tf.io.getModelArtifactsForJSONSync(modelJson, weightSpecs, weightData);
    },
  };
}
