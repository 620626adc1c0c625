// HTTP for the self-hosted server: the Worker's Hono app (worker/app.ts) on @hono/node-server. The client address
// the rate limits count (CF-Connecting-IP, set by Cloudflare's edge for the Worker) is set here from the socket —
// or, behind nginx/Caddy on the same machine (TRUST_PROXY=1), from the last X-Forwarded-For hop the proxy added —
// and a value the client sent itself is never believed.
import type { AddressInfo } from 'node:net';
import { serve, type HttpBindings } from '@hono/node-server';
import { app } from '../worker/app.ts';
import { CRON, runScheduled } from './hourly-job.ts';

export interface HttpOptions {
  port: number;
  host: string;
  trustProxy: boolean;
  /** GET /__scheduled?cron=… runs the hourly job now, as `wrangler dev --test-scheduled` offers (tests, demos). */
  testScheduled?: boolean;
}

const ctx = {
  waitUntil: (p: Promise<unknown>) => void p.catch((e) => console.error('background task failed', e)),
  passThroughOnException() {},
  props: {},
} as unknown as ExecutionContext;

export function clientAddressOf(req: Request, socketAddress: string | undefined, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers.get('X-Forwarded-For')?.split(',').pop()?.trim() : undefined;
  return forwarded || socketAddress || 'unknown';
}

export function startHttp(env: Cloudflare.Env, o: HttpOptions): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve(
      {
        port: o.port,
        hostname: o.host,
        async fetch(req, bindings) {
          const socket = (bindings as HttpBindings).incoming.socket.remoteAddress;
          req.headers.set('CF-Connecting-IP', clientAddressOf(req, socket, o.trustProxy));
          if (o.testScheduled && new URL(req.url).pathname === '/__scheduled') {
            await runScheduled(env, new Date());
            return new Response(`Ran scheduled event for ${CRON}`);
          }
          return app.fetch(req, env, ctx);
        },
      },
      (info: AddressInfo) =>
        resolve({
          url: `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${info.port}`,
          close: () => new Promise<void>((done) => server.close(() => done())),
        }),
    );
  });
}
