import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/app-config';
import { NotificationKind } from './notifications.enums';
import { UnsubscribeLinks } from './unsubscribe-links';

const userId = '0b6f3f5e-1d2c-4c3b-9a8f-7e6d5c4b3a21';
/** A data folder per installation (where the SQLite file lives). */
const installations: string[] = [];
const installation = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cyswllt-install-'));
  installations.push(dir);
  return dir;
};
const links = (env: Record<string, string>, dataDir = installation()) =>
  new UnsubscribeLinks(
    loadConfig({ PUBLIC_URL: 'https://cyswllt.example', SQLITE_PATH: join(dataDir, 'cyswllt.sqlite'), ...env }),
  );

afterAll(() => {
  for (const dir of installations) rmSync(dir, { recursive: true, force: true });
});
const tokenOf = (url: string) => url.split('/unsubscribe/')[1]!;

describe('UnsubscribeLinks', () => {
  const signed = links({ MAIL_SIGNING_KEY: 'k'.repeat(32) });

  it('signs optional kinds only, and verifies its own tokens', () => {
    const url = signed.url({ userId, kind: NotificationKind.REMINDER_DAY })!;
    expect(url).toMatch(/^https:\/\/cyswllt\.example\/unsubscribe\/[0-9a-f-]{36}\.REMINDER_DAY\.[A-Za-z0-9_-]{43}$/);
    expect(signed.verify(tokenOf(url))).toEqual({ userId, kind: NotificationKind.REMINDER_DAY });
    expect(signed.url({ userId, kind: NotificationKind.BOOKED })).toBeNull();
    expect(signed.url({ userId, kind: NotificationKind.INVITATION })).toBeNull();
  });

  it('refuses tokens signed with another key, or changed in any part', () => {
    const token = tokenOf(signed.url({ userId, kind: NotificationKind.NUDGE })!);
    expect(links({ MAIL_SIGNING_KEY: 'j'.repeat(32) }).verify(token)).toBeNull();
    expect(signed.verify(token.replace('NUDGE', 'PROPOSED'))).toBeNull();
    expect(signed.verify(token.replace(userId, userId.replace('0b6f', '0b6e')))).toBeNull();
    expect(signed.verify(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(signed.verify('')).toBeNull();
  });

  it('in production without MAIL_SIGNING_KEY there are no links (and none verify), and no key file is made', () => {
    const dir = installation();
    const production = links({ CYSWLLT_MODE: 'production' }, dir);
    expect(production.url({ userId, kind: NotificationKind.NUDGE })).toBeNull();
    expect(production.verify(tokenOf(links({}).url({ userId, kind: NotificationKind.NUDGE })!))).toBeNull();
    expect(existsSync(join(dir, 'mail-signing.key'))).toBe(false);
  });

  it('without MAIL_SIGNING_KEY (embedded) signs with a random key made on first start and kept in the data folder', () => {
    const dir = installation();
    const first = links({}, dir);
    const token = tokenOf(first.url({ userId, kind: NotificationKind.NUDGE })!);
    const keyFile = join(dir, 'mail-signing.key');
    expect(readFileSync(keyFile, 'utf8').trim()).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(statSync(keyFile).mode & 0o077).toBe(0); // readable by the owner only
    // The same installation after a restart verifies its links; another installation does not.
    expect(links({}, dir).verify(token)).toEqual({ userId, kind: NotificationKind.NUDGE });
    expect(links({}).verify(token)).toBeNull();
    // Nobody can sign with a key published in the source code.
    expect(links({ MAIL_SIGNING_KEY: 'cyswllt-development-mail-signing-key-not-secret' }).verify(token)).toBeNull();
  });
});
