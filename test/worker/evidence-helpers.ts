// Helpers for the evidence tests: uploads through the real Worker (SELF), in one request or in parts.
import { SELF } from 'cloudflare:test';
import { call, ORIGIN } from './helpers.ts';
import { DEMO_PLAN_ID, demoMeasuresFor } from '../fixtures/demo-plan.ts';

export const PERIOD = '2023-11-H2';

export interface UploadOptions {
  name?: string;
  measure?: string;
  period?: string;
  plan?: string;
  item?: string;
  /** Overrides the Content-Length header; null leaves it out. */
  contentLength?: string | null;
}

/** The first measure the unit reports on. */
export const measureOf = (unitId: string) => demoMeasuresFor(unitId)[0]!.id;

export function evidenceQuery(unitId: string, o: UploadOptions = {}): string {
  const q = new URLSearchParams({
    plan: o.plan ?? DEMO_PLAN_ID,
    period: o.period ?? PERIOD,
    measure: o.measure ?? measureOf(unitId),
    name: o.name ?? '现场照片.jpg',
  });
  if (o.item) q.set('item', o.item);
  return q.toString();
}

/** POST /evidence with the bytes as body. */
export function uploadEvidence(
  token: string,
  unitId: string,
  bytes: Uint8Array,
  o: UploadOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/octet-stream',
  };
  if (o.contentLength !== null) headers['Content-Length'] = o.contentLength ?? String(bytes.byteLength);
  // A stream of unknown length, so the Content-Length header is the one the test sets (or none).
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.byteLength; i += 1 << 20) controller.enqueue(bytes.slice(i, i + (1 << 20)));
      controller.close();
    },
  });
  return SELF.fetch(`${ORIGIN}/api/v1/evidence?${evidenceQuery(unitId, o)}`, {
    method: 'POST',
    headers,
    body,
    duplex: 'half',
  } as RequestInit);
}

export function putPart(token: string, uploadId: string, partNumber: number, bytes: Uint8Array): Promise<Response> {
  return SELF.fetch(`${ORIGIN}/api/v1/evidence/uploads/${uploadId}/parts/${partNumber}`, {
    method: 'PUT',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(bytes.byteLength),
    },
    body: new Blob([bytes]).stream(),
    duplex: 'half',
  } as RequestInit);
}

export const getJson = async <T>(res: Response) => (await res.json()) as T;
export { call };
