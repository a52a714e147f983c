// What the page runs its GPU backends on: the WebGL renderer and the WebGPU adapter the browser reports. Both are
// software (SwiftShader) on a machine without a GPU, and a browser may have no WebGPU adapter at all: the page
// then shows the reason in the webgpu column and runs the rest.

/** The renderer WebGL reports (SwiftShader is a software rasterizer: no GPU). */
export function glRenderer() {
  const gl =
    document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
  if (gl == null) return 'no WebGL';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

/**
 * The WebGPU adapter a page gets: { info: { vendor, architecture, device, description } } from
 * `requestAdapter().info`, or { missing: why } when there is none.
 */
export async function webgpuAdapter() {
  if (!globalThis.isSecureContext) return { missing: 'no WebGPU: the page is not a secure context' };
  if (navigator.gpu == null) return { missing: 'no WebGPU in this browser (navigator.gpu is undefined)' };
  let adapter;
  try {
    adapter = await navigator.gpu.requestAdapter();
  } catch (e) {
    return { missing: `no WebGPU adapter: requestAdapter() failed (${e?.message ?? e})` };
  }
  if (adapter == null) return { missing: 'no WebGPU adapter (requestAdapter() gave null)' };
  const { vendor, architecture, device, description } = adapter.info;
  return { info: { vendor, architecture, device, description } };
}

const isSoftware = (text) => /swiftshader|llvmpipe|software/i.test(text);

/** The adapter in words, flagged when it is a CPU emulation (SwiftShader): its figures are this CPU's, not a GPU's. */
export function describeAdapter(webgpu) {
  if (webgpu == null) return 'not probed';
  if (webgpu.missing) return webgpu.missing;
  const { vendor, architecture, device, description } = webgpu.info;
  const name = [vendor, architecture, device, description].filter(Boolean).join(' / ') || 'unnamed adapter';
  return isSoftware(name)
    ? `${name} — SwiftShader, a CPU emulation of a GPU: webgpu figures here describe this machine's CPU, not a GPU`
    : name;
}

/** The WebGL renderer in words, flagged the same way. */
export function describeRenderer(renderer) {
  return isSoftware(renderer ?? '')
    ? `${renderer} — a software rasterizer (no GPU): webgl figures here are CPU-emulated, not a GPU's`
    : renderer;
}
