// Reads a JSON request body with the API's checks in a fixed order: media type (415), size (413, enforced while
// streaming so a chunked body without Content-Length cannot slip past), then syntax (400).
import { LIMITS } from '../../core/schemas/submission.ts';
import { AppError } from './app-error.ts';

export interface JsonBody {
  /** The decoded text (BOM removed), known to be valid JSON. */
  text: string;
  bytes: number;
}

export async function readJsonBody(req: Request, limit: number = LIMITS.bodyBytes): Promise<JsonBody> {
  const type = (req.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  // The media types hono's validator reads as JSON, so every body accepted here reaches the route's zValidator.
  if (!/^application\/([\w.-]+\+)?json$/.test(type)) {
    throw new AppError(
      415,
      'unsupported_media_type',
      {
        zh: `请求体必须是 JSON（Content-Type: application/json），收到 "${type || '无'}"`,
        en: `the body must be JSON (Content-Type: application/json), got "${type || 'none'}"`,
      },
      [{ path: 'Content-Type', code: 'unsupported_media_type', message: 'expected application/json' }],
    );
  }
  const tooLarge = () =>
    new AppError(413, 'payload_too_large', { zh: `请求体超过 ${limit} 字节上限`, en: `body exceeds ${limit} bytes` }, [
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
    throw new AppError(400, 'invalid_json', { zh: '请求体不是有效的 UTF-8', en: 'body is not valid UTF-8' }, [
      { path: '(body)', code: 'invalid_encoding', message: 'expected UTF-8' },
    ]);
  }
  try {
    JSON.parse(text);
    return { text, bytes };
  } catch (e) {
    throw new AppError(
      400,
      'invalid_json',
      { zh: '请求体不是有效的 JSON', en: `body is not valid JSON: ${(e as Error).message}` },
      [{ path: '(body)', code: 'invalid_json', message: (e as Error).message }],
    );
  }
}
