// A minimal grayscale PNG encoder on web-standard APIs only (CompressionStream), for runtimes without zlib.

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC of type + data. */
function chunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** zlib-wrapped deflate, which is what the Compression Streams 'deflate' format produces and PNG wants. */
async function zlibDeflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** An 8-bit grayscale PNG of `width`×`height` pixels given row by row, values in [0, 1]. */
export async function encodeGrayscalePng(
  pixels: ArrayLike<number>,
  width: number,
  height: number,
): Promise<Uint8Array<ArrayBuffer>> {
  // Each scanline starts with its filter type (0: none).
  const raw = new Uint8Array(height * (width + 1));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      raw[y * (width + 1) + 1 + x] = Math.round(255 * Math.min(1, Math.max(0, pixels[y * width + x])));
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = 0; // colour type: grayscale
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', await zlibDeflate(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  const png = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    png.set(part, offset);
    offset += part.length;
  }
  return png;
}

/** Lays out n images of side×side pixels (one per row of `images`) side by side in one strip. */
export function tileHorizontally(images: Float32Array, n: number, side: number): Float32Array {
  const strip = new Float32Array(n * side * side);
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) strip[y * n * side + i * side + x] = images[i * side * side + y * side + x];
    }
  }
  return strip;
}
