// Node-side test helper (runs in the vitest main process): typechecked by the root tsconfig via vitest.worker.config.ts.
// A real HTTP server on 127.0.0.1 standing in for the WeCom/DingTalk group robot. It is started by
// vitest.worker.config.ts (in Node); the Worker under test posts to it from inside workerd, and tests read what it
// received through GET /received. POST /hook-fail/* answers a robot-style error so failures can be tested.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedMessage {
  path: string;
  contentType: string;
  body: string;
}

export async function startWebhookReceiver(): Promise<{ url: string; server: Server }> {
  const received: ReceivedMessage[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/received') {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(received));
        return;
      }
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString('utf8') });
      const fail = req.url?.startsWith('/hook-fail');
      res.writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify(fail ? { errcode: 93000, errmsg: 'invalid webhook url' } : { errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
