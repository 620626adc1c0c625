// The reliability suites once more, against the self-hosted server (server/: Node + SQLite) instead of wrangler dev:
// the same files, the same expectations, provided under the same name.
import type { TestProject } from 'vitest/node';
import { startLocalNodeServer } from '../../scripts/node-server.ts';

export default async function setup(project: TestProject) {
  const server = await startLocalNodeServer({ clockOverride: true });
  project.provide('worker', { url: server.url, tokens: server.tokens });
  return () => server.stop();
}
