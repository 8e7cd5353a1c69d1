import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppConfig } from './app-config';

/**
 * A random secret made on this installation's first start and kept in its data folder (beside the
 * SQLite file, `apps/api/data` by default), readable by the owner only: for the embedded mode,
 * where no operator set one. Several processes starting at once agree on one file (written aside,
 * then linked into place: whoever links first wins). An in-memory database keeps it in memory.
 */
export function installationSecret(config: AppConfig, name: string): string {
  if (config.sqlitePath === ':memory:') return randomBytes(32).toString('base64url');
  const dir = dirname(config.sqlitePath);
  const file = join(dir, name);
  const existing = readSecret(file);
  if (existing) return existing;
  mkdirSync(dir, { recursive: true });
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(aside, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(aside, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(aside, { force: true });
  }
  const secret = readSecret(file);
  if (!secret) throw new Error(`${file} is empty: delete it to make a new secret`);
  return secret;
}

function readSecret(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
