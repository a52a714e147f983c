// @ts-check
// `node --import ./test/helpers/hide_wasm_peer.mjs …`: the process behaves as if @tensorflow/tfjs-backend-wasm
// were not installed (its imports fail with ERR_MODULE_NOT_FOUND), to test what users without it see.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === '@tensorflow/tfjs-backend-wasm' || specifier.startsWith('@tensorflow/tfjs-backend-wasm/')) {
    const error = new Error("Cannot find package '" + specifier + "'");
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
