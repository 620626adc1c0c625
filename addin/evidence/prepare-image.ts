// Phone photos are 4,000 px and 5–12 MB; on a village line that is minutes per photo. Before upload, a photo whose
// longer side exceeds DOWNSCALE_ABOVE px is redrawn at that size as JPEG in the browser (createImageBitmap applies
// the EXIF orientation), unless the user ticked 保留原图. Every decodable image also gets a small thumbnail.
// Anything the browser cannot decode (PDF, documents) is sent as it is, without a thumbnail; so is HEIC (the
// iPhone's format: no browser but Safari decodes it), and the pane says so (`heic`).
export const DOWNSCALE_ABOVE = 2500;
const JPEG_QUALITY = 0.85;
const THUMB_PX = 96;

export interface PreparedFile {
  blob: Blob;
  name: string;
  /** A data: URL (JPEG) for images the browser could decode. */
  thumbnail?: string;
  /** Set when the photo was downscaled: its size before and after. */
  downscaled?: { from: [number, number]; to: [number, number] };
  /** A HEIC/HEIF photo: the browser cannot redraw it, so the original is sent whatever its size. */
  heic?: true;
}

const isHeic = (file: File) => /^image\/hei[cf]/i.test(file.type) || /\.hei[cf]$/i.test(file.name);

export async function prepareFile(file: File, keepOriginal: boolean): Promise<PreparedFile> {
  if (isHeic(file)) return { blob: file, name: file.name, heic: true };
  if (!/^image\/(jpeg|png|webp)$/.test(file.type)) return { blob: file, name: file.name };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    // Not decodable after all (a mislabelled file): the server decides by its bytes.
    return { blob: file, name: file.name };
  }
  try {
    const thumbnail = await toJpeg(bitmap, THUMB_PX, 0.7).then(dataUrl);
    const longer = Math.max(bitmap.width, bitmap.height);
    if (keepOriginal || longer <= DOWNSCALE_ABOVE) return { blob: file, name: file.name, thumbnail };
    const blob = await toJpeg(bitmap, DOWNSCALE_ABOVE, JPEG_QUALITY);
    // A photo already compressed harder than we would: keep it.
    if (blob.size >= file.size) return { blob: file, name: file.name, thumbnail };
    const scale = DOWNSCALE_ABOVE / longer;
    return {
      blob,
      name: file.name.replace(/\.[^.]*$/, '') + '.jpg',
      thumbnail,
      downscaled: {
        from: [bitmap.width, bitmap.height],
        to: [Math.round(bitmap.width * scale), Math.round(bitmap.height * scale)],
      },
    };
  } finally {
    bitmap.close();
  }
}

/** The bitmap redrawn with its longer side at most `maxSide` px, as JPEG. */
export async function toJpeg(bitmap: ImageBitmap, maxSide: number, quality: number): Promise<Blob> {
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(w, h);
    const g = canvas.getContext('2d')!;
    g.imageSmoothingQuality = 'high';
    g.drawImage(bitmap, 0, 0, w, h);
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const g = canvas.getContext('2d')!;
  g.imageSmoothingQuality = 'high';
  g.drawImage(bitmap, 0, 0, w, h);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob gave nothing'))), 'image/jpeg', quality),
  );
}

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
