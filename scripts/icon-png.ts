// The add-in's icon as PNG files (16/32/64/80 px), drawn in code so the build needs no image library or binary in
// the repo: a minimal RGBA PNG encoder and the icon's pixels.
import { crc32, deflateSync } from 'node:zlib';

/** A minimal RGBA PNG encoder (zlib + CRC32 from node:zlib) — enough for flat icons without an image library. */
export function encodePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number, number],
): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * (width * 4 + 1) + 1 + x * 4);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The icon: a #0f6cbd rounded square holding a white sheet with three ruled lines — a form to fill in. (A check mark
 * here read as a ticked checkbox in the ribbon and the pane's header.)
 */
export function iconPixel(size: number) {
  const r = size * 0.18;
  const BLUE: [number, number, number, number] = [15, 108, 189, 255];
  const WHITE: [number, number, number, number] = [255, 255, 255, 255];
  return (x: number, y: number): [number, number, number, number] => {
    const cx = Math.min(Math.max(x + 0.5, r), size - r);
    const cy = Math.min(Math.max(y + 0.5, r), size - r);
    if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) > r) return [0, 0, 0, 0];
    const u = (x + 0.5) / size;
    const v = (y + 0.5) / size;
    const onSheet = u > 0.25 && u < 0.75 && v > 0.17 && v < 0.83 && u - 0.6 < v - 0.17;
    if (!onSheet) return BLUE;
    const line = Math.max(1 / size, 0.06);
    const ruled = u > 0.34 && u < 0.66 && [0.4, 0.55, 0.7].some((ly) => Math.abs(v - ly) < line / 2);
    return ruled ? BLUE : WHITE;
  };
}
