// Bundlers and runtimes for edge workers (wrangler, workerd, Vercel Edge) turn an import of a .wasm file
// into a WebAssembly.Module compiled ahead of the code, the only way those runtimes accept WebAssembly.
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
