// npm run deploy's pure decisions: a workers.dev-only setup is recognised (and warned about), a custom domain or a
// zone route gives the page and manifest addresses, and the placeholder database id stops the deploy.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  WORKERS_DEV_WARNING,
  customOrigins,
  deployedUrls,
  isWorkersDevOnly,
  needsDatabaseId,
  parseJsonc,
  type DeployConfig,
} from '../../scripts/deploy-config.ts';

const repoConfig = parseJsonc(
  readFileSync(path.resolve(import.meta.dirname, '../../wrangler.jsonc'), 'utf8'),
) as DeployConfig;

describe('deploy config', () => {
  it('reads the repository wrangler.jsonc (comments, URLs inside strings) and finds it workers.dev-only with a placeholder id', () => {
    expect(repoConfig.name).toBe('rectify');
    expect(isWorkersDevOnly(repoConfig)).toBe(true);
    expect(needsDatabaseId(repoConfig)).toBe(true);
    expect(parseJsonc('{ "a": "http://x//y", /* c */ "b": [1,], }')).toEqual({ a: 'http://x//y', b: [1] });
  });

  it('treats a custom domain or a zone route as reachable and prints its page and manifest addresses', () => {
    const custom: DeployConfig = { name: 'r', routes: [{ pattern: 'zhenggai.example.gov.cn', custom_domain: true }] };
    expect(isWorkersDevOnly(custom)).toBe(false);
    expect(deployedUrls(custom)).toEqual([
      { page: 'https://zhenggai.example.gov.cn/', manifest: 'https://zhenggai.example.gov.cn/manifest.xml' },
    ]);
    expect(customOrigins({ name: 'r', route: 'https://rectify.example.cn/*' })).toEqual(['https://rectify.example.cn']);
  });

  it('still warns when the only routes are workers.dev addresses, in Chinese and English', () => {
    expect(isWorkersDevOnly({ name: 'r', routes: ['rectify.someone.workers.dev/*'], workers_dev: true })).toBe(true);
    expect(WORKERS_DEV_WARNING).toContain('DNS 污染');
    expect(WORKERS_DEV_WARNING).toContain('custom_domain');
  });

  it('accepts a real database id', () => {
    expect(
      needsDatabaseId({ name: 'r', d1_databases: [{ database_id: '6f1c2a3b-1111-2222-3333-444455556666' }] }),
    ).toBe(false);
  });
});
