// Saving and loading a model as standard tfjs LayersModel artifacts, one per network, through tfjs's io
// handlers. The model's own settings (its kind, config, threshold, standardization) are a small JSON object
// stored in each network's model.json under userDefinedMetadata, the place tfjs keeps for it: every io
// handler carries it, and tf.loadLayersModel keeps it (model.getUserDefinedMetadata()).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { fileHandler } from './file_handler.js';
import { disposeNetworks } from './networks.js';

/**
 * Where a model's networks go, or come from:
 *  - a tfjs URL: 'file://dir' or a plain directory path (Node), 'indexeddb://name', 'localstorage://name',
 *    'downloads://name' (save only), 'http(s)://…' (load only); network N lives at `${url}/${N}`
 *    ('downloads://name-N' for downloads);
 *  - or one tf.io.IOHandler per network, e.g. { encoder: tf.io.withSaveHandler(…), decoder: … } or
 *    tf.io.fromMemory(…) for loading.
 */
export type ModelStore = string | Record<string, tf.io.IOHandler>;

/** The package's own settings, saved with the networks. */
export interface ModelSettings {
  kind: string;
  config: unknown;
  [key: string]: unknown;
}

/** The userDefinedMetadata key holding the settings. */
const SETTINGS_KEY = 'tfjsBackendSimd';
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/** The io handler of one network of a store. */
function handlerOf(store: ModelStore, name: string, direction: 'save' | 'load'): tf.io.IOHandler {
  if (typeof store !== 'string') {
    const handler = store?.[name];
    if (!handler) throw new Error(`no io handler for the network '${name}'`);
    return handler;
  }
  const scheme = SCHEME.exec(store)?.[1].toLowerCase();
  if (scheme === undefined) return fileHandler(`${store.replace(/\/+$/, '')}/${name}`);
  const url = scheme === 'downloads' ? `${store}-${name}` : `${store.replace(/\/+$/, '')}/${name}`;
  const registered = direction === 'save' ? tf.io.getSaveHandlers(url) : tf.io.getLoadHandlers(url);
  if (scheme === 'file' && registered.length === 0) return fileHandler(url.slice('file://'.length));
  if (registered.length !== 1)
    throw new Error(`${registered.length === 0 ? 'no' : 'more than one'} tfjs io handler can ${direction} '${url}'`);
  return registered[0];
}

/**
 * tf.loadLayersModel's steps (topology, then weights) with the clean-up it lacks: a weight that does not
 * fit the topology leaves neither the network nor the decoded weights allocated.
 */
async function loadLayersModel(handler: tf.io.IOHandler): Promise<tfl.LayersModel> {
  if (!handler.load) throw new Error('the io handler cannot load');
  const artifacts = await handler.load();
  if (!artifacts.modelTopology) throw new Error('the artifacts have no modelTopology');
  const net = await tfl.models.modelFromJSON({
    modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'],
  });
  const weights = tf.io.decodeWeights(artifacts.weightData ?? new ArrayBuffer(0), artifacts.weightSpecs ?? []);
  try {
    net.loadWeights(weights, true);
  } catch (e) {
    disposeNetworks(net);
    throw e;
  } finally {
    tf.dispose(Object.values(weights));
  }
  if (artifacts.userDefinedMetadata) net.setUserDefinedMetadata(artifacts.userDefinedMetadata);
  return net;
}

/** Saves the networks, each with the settings in its metadata. */
export async function saveNetworks(
  store: ModelStore,
  settings: ModelSettings,
  networks: Record<string, tfl.LayersModel>,
): Promise<void> {
  for (const [name, net] of Object.entries(networks)) {
    // Through JSON: tfjs accepts plain JSON only (no undefined fields).
    net.setUserDefinedMetadata(JSON.parse(JSON.stringify({ [SETTINGS_KEY]: { ...settings, network: name } })));
    await net.save(handlerOf(store, name, 'save'));
  }
}

/**
 * Loads the named networks and the settings they carry (checked to be of `kind`); `who` names the caller
 * in errors. Nothing stays allocated when one fails.
 */
export async function loadNetworks<N extends string>(
  store: ModelStore,
  kind: string,
  names: readonly N[],
  who: string,
): Promise<{ settings: ModelSettings; networks: Record<N, tfl.LayersModel> }> {
  const where = typeof store === 'string' ? store : 'io handlers';
  const loaded: Partial<Record<N, tfl.LayersModel>> = {};
  try {
    let settings: ModelSettings | undefined;
    for (const name of names) {
      let net: tfl.LayersModel;
      try {
        net = await loadLayersModel(handlerOf(store, name, 'load'));
      } catch (e) {
        throw new Error(`${who}: ${where}: network '${name}': ${(e as Error).message}`);
      }
      loaded[name] = net;
      const saved = (net.getUserDefinedMetadata() as Record<string, ModelSettings> | undefined)?.[SETTINGS_KEY];
      if (saved?.kind !== kind) {
        throw new Error(`${who}: ${where}: network '${name}' is not part of a ${kind} (kind: ${saved?.kind})`);
      }
      settings ??= saved;
    }
    return { settings: settings!, networks: loaded as Record<N, tfl.LayersModel> };
  } catch (e) {
    disposeNetworks(...Object.values<tfl.LayersModel | undefined>(loaded));
    throw e;
  }
}
