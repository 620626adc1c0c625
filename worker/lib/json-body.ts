// Reads a JSON request body with the API's checks in a fixed order: media type (415), size (413, enforced while
// streaming so a chunked body without Content-Length cannot slip past), then syntax (400).
import { LIMITS } from '../../core/index.ts';
import { AppError } from './app-error.ts';

export interface JsonBody {
  value: unknown;
  bytes: number;
}

export async function readJsonBody(req: Request, limit: number = LIMITS.bodyBytes): Promise<JsonBody> {
  const type = (req.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
    throw new AppError(415, 'unsupported_media_type', `请求体必须是 JSON（Content-Type: application/json），收到 "${type || '无'}"`, [
      { path: 'Content-Type', code: 'unsupported_media_type', message: 'expected application/json' },
    ]);
  }
  const tooLarge = () =>
    new AppError(413, 'payload_too_large', `请求体超过 ${limit} 字节上限 / body exceeds ${limit} bytes`, [
      { path: '(body)', code: 'too_big', message: `at most ${limit} bytes` },
    ]);
  const declared = Number(req.headers.get('Content-Length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > limit) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const buf = new Uint8Array(bytes);
  let at = 0;
  for (const c of chunks) {
    buf.set(c, at);
    at += c.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    throw new AppError(400, 'invalid_json', '请求体不是有效的 UTF-8 / body is not valid UTF-8', [
      { path: '(body)', code: 'invalid_encoding', message: 'expected UTF-8' },
    ]);
  }
  try {
    return { value: JSON.parse(text), bytes };
  } catch (e) {
    throw new AppError(400, 'invalid_json', `请求体不是有效的 JSON / body is not valid JSON: ${(e as Error).message}`, [
      { path: '(body)', code: 'invalid_json', message: (e as Error).message },
    ]);
  }
}
