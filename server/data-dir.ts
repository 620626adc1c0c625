// One server per data directory: the first process takes an exclusive SQLite lock on <data>/server.lock and holds it
// while it runs. The kernel drops the lock when the process ends however it ends (kill -9 included), so there is no
// stale lock file to clean up; a second process finds the lock taken and refuses to start.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export class DataDirInUse extends Error {
  constructor(readonly dir: string) {
    super(`数据目录 ${dir} 已被另一个服务器进程使用 / data directory ${dir} is in use by another server process`);
  }
}

export interface DataDir {
  dir: string;
  database: string;
  evidence: string;
  backups: string;
  release(): void;
}

export function lockDataDir(dir: string): DataDir {
  const root = path.resolve(dir);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const lock = new Database(path.join(root, 'server.lock'), { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    lock.close();
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new DataDirInUse(root);
    throw e;
  }
  return {
    dir: root,
    database: path.join(root, 'rectify.sqlite'),
    evidence: path.join(root, 'evidence'),
    backups: path.join(root, 'backups'),
    release: () => lock.close(),
  };
}
