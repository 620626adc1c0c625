// Browser entry for module-page.ts: the pane's evidence store and photo preparation, plus a synthetic phone photo.
import { browserEvidenceStore } from '../../addin/evidence/evidence-store.ts';
import { prepareFile } from '../../addin/evidence/prepare-image.ts';
import { sha256Hex } from '../../addin/evidence/sha256.ts';

/** A JPEG of w × h with enough detail to compress like a photo (gradient and coloured blocks). */
async function photo(w: number, h: number, quality = 0.92): Promise<File> {
  const c = new OffscreenCanvas(w, h);
  const g = c.getContext('2d')!;
  const grad = g.createLinearGradient(0, 0, w, h);
  grad.addColorStop(0, '#3a7');
  grad.addColorStop(1, '#c84');
  g.fillStyle = grad;
  g.fillRect(0, 0, w, h);
  for (let i = 0; i < 2000; i++) {
    g.fillStyle = `hsl(${(i * 37) % 360},60%,${30 + (i % 40)}%)`;
    g.fillRect((i * 97) % w, (i * 61) % h, 40 + (i % 90), 30 + (i % 70));
  }
  return new File([await c.convertToBlob({ type: 'image/jpeg', quality })], 'IMG_20231110_093512.jpg', {
    type: 'image/jpeg',
  });
}

async function size(blob: Blob): Promise<[number, number]> {
  const b = await createImageBitmap(blob);
  const s: [number, number] = [b.width, b.height];
  b.close();
  return s;
}

const api = { browserEvidenceStore, prepareFile, photo, size, sha256Hex };
export type EvidenceTestApi = typeof api;
Object.assign(window, { evidenceTest: api });
