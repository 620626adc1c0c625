// npm start: build the task pane (if the build script exists), migrate + seed the local D1, create demo tokens on
// first run (printed once, saved to .dev-tokens.json), then serve API + task pane with wrangler dev.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDevServer } from './dev-server.ts';
import { ROOT } from './seed-dev.ts';

if (existsSync(path.join(ROOT, 'scripts', 'build-addin.ts'))) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
} else {
  console.log('scripts/build-addin.ts 尚不存在，跳过任务窗格构建 / no add-in build yet, serving the API only');
}

const port = Number(process.env.PORT ?? 8787);
const server = await startDevServer({ port, inherit: true, detached: false, testScheduled: true });
const tokensFile = path.join(ROOT, '.dev-tokens.json');
if (server.tokens) {
  writeFileSync(tokensFile, JSON.stringify(server.tokens, null, 2) + '\n', { mode: 0o600 });
  console.log(
    '\n演示令牌（仅显示一次，已保存到 .dev-tokens.json）/ demo tokens (shown once, saved to .dev-tokens.json):',
  );
  console.log(`  admin      ${server.tokens.admin}`);
  console.log(`  supervisor ${server.tokens.supervisor}`);
  for (const [unit, token] of Object.entries(server.tokens.units)) console.log(`  ${unit.padEnd(24)} ${token}`);
} else {
  console.log(`\n已有令牌，见 .dev-tokens.json / tokens already exist (see .dev-tokens.json)`);
}
console.log(`\nRectify: ${server.url}/  (API ${server.url}/api/v1/health)  — Ctrl+C 停止 / to stop`);
console.log(`定时任务手动触发 / trigger the cron job: curl "${server.url}/__scheduled?cron=0+*+*+*+*"`);

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => void server.stop().then(() => process.exit(0)));
}
