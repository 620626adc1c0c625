// npm run deploy: the whole production sequence — D1 migrations (remote), pane build, wrangler deploy, the first
// admin token when the database has none — then prints the page's and the manifest's addresses. Refuses to start
// while database_id is the placeholder, and ends with a loud warning (exit code 2) on a workers.dev-only setup.
// Needs `wrangler login` (or CLOUDFLARE_API_TOKEN); it cannot run without a Cloudflare account.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildAddin } from './build-addin.ts';
import {
  WORKERS_DEV_WARNING,
  deployedUrls,
  isWorkersDevOnly,
  needsDatabaseId,
  parseJsonc,
  type DeployConfig,
} from './deploy-config.ts';
import { newDevToken, tokenInsertSql, wrangler } from './seed-dev.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

async function main(): Promise<number> {
  const config = parseJsonc(readFileSync(path.join(ROOT, 'wrangler.jsonc'), 'utf8')) as DeployConfig;
  if (needsDatabaseId(config)) {
    console.error(
      'wrangler.jsonc 的 database_id 还是占位值：先运行 npx wrangler d1 create rectify，把 id 填入 wrangler.jsonc。',
    );
    return 1;
  }
  if (isWorkersDevOnly(config)) console.warn(`${WORKERS_DEV_WARNING}\n`);
  console.log('1/4 D1 migrations (remote)…');
  console.log(await wrangler(['d1', 'migrations', 'apply', 'DB', '--remote']));
  console.log('2/4 building the task pane…');
  const b = await buildAddin({ dev: false });
  console.log(`    ${(b.gzipBytes / 1024).toFixed(1)} KB gzipped`);
  console.log('3/4 wrangler deploy…');
  const out = await wrangler(['deploy']);
  console.log(out);
  console.log('4/4 first admin token…');
  const count = await wrangler([
    'd1',
    'execute',
    'DB',
    '--remote',
    '--json',
    '--command',
    "SELECT COUNT(*) AS n FROM tokens WHERE role = 'admin' AND revoked_at IS NULL",
  ]);
  const admins = (JSON.parse(count) as { results: { n: number }[] }[])[0]!.results[0]!.n;
  if (admins === 0) {
    const token = newDevToken();
    await wrangler([
      'd1',
      'execute',
      'DB',
      '--remote',
      '--yes',
      '--command',
      tokenInsertSql(token, 'admin', '乡村振兴办管理员', null),
    ]);
    console.log(`    admin token (shown once, store it safely): ${token}`);
  } else console.log(`    ${admins} admin token(s) already exist; none created.`);
  const urls = deployedUrls(config);
  for (const u of urls) console.log(`\n填报页面 / page:      ${u.page}\nmanifest.xml:          ${u.manifest}`);
  const devUrl = out.match(/https:\/\/\S+\.workers\.dev/)?.[0];
  if (devUrl) console.log(`workers.dev (not reachable in mainland China): ${devUrl}`);
  if (isWorkersDevOnly(config)) {
    console.warn(`\n${WORKERS_DEV_WARNING}`);
    return 2;
  }
  return 0;
}

process.exitCode = await main();
