// One real local Worker (wrangler dev + a throw-away local D1) for the whole reliability project; its URL and the
// seeded tokens reach the tests through vitest's provide/inject.
import type { TestProject } from 'vitest/node';
import { startLocalWorker } from '../../bench/lib/local-worker.ts';
import type { DevTokens } from '../../scripts/seed-dev.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    worker: { url: string; tokens: DevTokens };
  }
}

export default async function setup(project: TestProject) {
  const worker = await startLocalWorker({ clockOverride: true });
  project.provide('worker', { url: worker.url, tokens: worker.tokens });
  return () => worker.stop();
}
