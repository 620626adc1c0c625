// Node-side test helper (runs in the vitest main process): typechecked by the root tsconfig via vitest.worker.config.ts.
// A real HTTP server on 127.0.0.1 standing in for the WeCom/DingTalk group robot. It is started by
// vitest.worker.config.ts (in Node); the Worker under test posts to it from inside workerd, and tests read what it
// received through GET /received. POST /hook-fail/* answers a robot-style error so failures can be tested;
// POST /hook-hang/* is recorded and never answered (a robot that hangs);
// POST /dingtalk/* and /wecom/* check each robot's documented shape and 加签 and answer its error codes
// (test/worker/robot-rules.ts).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dingTalkAnswer, forgetRecentMessages, weComAnswer, type RobotAnswer } from './robot-rules.ts';

export interface ReceivedMessage {
  path: string;
  contentType: string;
  body: string;
  /** What the receiver answered (robot paths: the documented errcode). */
  answer?: RobotAnswer;
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
      if (req.method === 'POST' && req.url === '/minute-passed') {
        forgetRecentMessages();
        res.writeHead(204).end();
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/hook-hang')) {
        received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body });
        return; // never answered: the caller's timeout must end the request
      }
      let answer: RobotAnswer;
      if (url.pathname.startsWith('/dingtalk/')) answer = dingTalkAnswer(url, body);
      else if (url.pathname.startsWith('/wecom/')) answer = weComAnswer(url, body);
      else if (url.pathname.startsWith('/hook-fail')) answer = { errcode: 93000, errmsg: 'invalid webhook url' };
      else answer = { errcode: 0, errmsg: 'ok' };
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body, answer });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
