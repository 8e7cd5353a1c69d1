import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Language, Role } from '../src/core/auth/role';
import { formatWhen } from '../src/modules/notifications/mail-templates';
import { OutboxWorker } from '../src/modules/notifications/outbox-worker';
import { ReceivedMail, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #6, a forgotten password: the request never says whether an account exists; a link goes
 * by e-mail (both languages), works once within the hour, and setting the new password ends every
 * other login.
 */

const REQUEST = `mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`;
const RESET = `mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { id email } }`;
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { id } }`;
const ME = `{ me { id } }`;
const NEW_PASSWORD = 'a brand new passphrase';

describe('forgotten password', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: OutboxWorker;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ config: { smtpUrl: sink.url, publicUrl: 'https://cyswllt.example' } });
    worker = t.app.get(OutboxWorker);
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  beforeEach(async () => {
    await worker.runOnce();
    sink.mails.length = 0;
  });

  /** Asks for a reset from a fresh browser, delivers the mail, and returns it and the token in its link. */
  async function requestLink(email: string): Promise<{ mail: ReceivedMail; token: string }> {
    expect((await t.client().data(REQUEST, { input: { email } })).requestPasswordReset).toBe(true);
    sink.mails.length = 0;
    await worker.runOnce();
    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    const token = /https:\/\/cyswllt\.example\/reset-password\/([\w-]+)/.exec(mail.parsed.text!)![1]!;
    return { mail, token };
  }

  async function resetTables() {
    return { resets: await t.countRows('password_resets'), outbox: await t.countRows('outbox'), sessions: await t.countRows('login_sessions') };
  }

  it('the same answer for an unknown address, and no e-mail', async () => {
    const before = await resetTables();
    expect((await t.client().data(REQUEST, { input: { email: 'nobody@example.test' } })).requestPasswordReset).toBe(true);
    expect(await resetTables()).toEqual(before);
    await worker.runOnce();
    expect(sink.mails).toEqual([]);
    expect(await t.client().errorCode(REQUEST, { input: { email: 'not an address' } })).toBe('BAD_USER_INPUT');
  });

  it('an account gets one e-mail in both languages with a link for an hour; only its hash is stored', async () => {
    const person = await t.createUser({ roles: [Role.PRACTITIONER], language: Language.en, displayName: 'Forgetful Fran' });
    const { mail, token } = await requestLink(person.user.email.toUpperCase());
    expect(mail.to).toEqual([person.user.email]);
    expect(mail.parsed.subject).toBe('Ailosod eich cyfrinair Cyswllt / Reset your Cyswllt password');
    expect(mail.parsed.text).toContain('Annwyl Forgetful Fran,');
    expect(mail.parsed.text).toContain('Dear Forgetful Fran,');
    const expires = formatWhen(new Date(t.clock.now().getTime() + 3600_000), undefined, Language.en);
    expect(mail.parsed.text).toContain(`Choose a new password with this link (it works once, until ${expires} UK time): https://cyswllt.example/reset-password/${token}`);
    expect(mail.parsed.headers.get('list-unsubscribe')).toBeUndefined();
    const stored = (await t.db.sql<{ token_hash: string }>('SELECT token_hash FROM password_resets WHERE user_id = ?', [person.user.id])).rows;
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(token);
    // Once sent, the outbox no longer holds the link; and no one's outbox page shows it.
    const { rows } = await t.db.sql<{ payload: string }>(`SELECT payload FROM outbox WHERE kind = 'PASSWORD_RESET' AND recipient_id = ?`, [person.user.id]);
    expect(rows[0]!.payload).not.toContain(token);
    const mine = (await person.client.data(`{ myOutbox { kind bodyText } }`)).myOutbox.find((m: { kind: string }) => m.kind === 'PASSWORD_RESET');
    expect(mine.bodyText).not.toContain(token);
  });

  it('the link sets the password, ends every other login, signs this browser in, and works once', async () => {
    const person = await t.createUser({ roles: [Role.COMMISSIONER], language: Language.cy });
    const elsewhere = t.client();
    await elsewhere.data(LOG_IN, { input: { email: person.user.email, password: person.password } });
    expect((await elsewhere.data(ME)).me.id).toBe(person.user.id);
    const { token } = await requestLink(person.user.email);

    const browser = t.client();
    expect((await browser.data(RESET, { input: { token, password: NEW_PASSWORD } })).resetPassword.id).toBe(person.user.id);
    expect((await browser.data(ME)).me.id).toBe(person.user.id);
    expect((await person.client.data(ME)).me).toBeNull();
    expect((await elsewhere.data(ME)).me).toBeNull();
    expect(await t.client().errorCode(LOG_IN, { input: { email: person.user.email, password: person.password } })).toBe('INVALID_CREDENTIALS');
    expect((await t.client().data(LOG_IN, { input: { email: person.user.email, password: NEW_PASSWORD } })).logIn.id).toBe(person.user.id);

    // Used: refused, and nothing changes.
    const before = await resetTables();
    expect(await t.client().errorCode(RESET, { input: { token, password: 'yet another passphrase' } })).toBe('PASSWORD_RESET_INVALID');
    expect(await resetTables()).toEqual(before);
    expect((await t.client().data(LOG_IN, { input: { email: person.user.email, password: NEW_PASSWORD } })).logIn.id).toBe(person.user.id);
  });

  it('refuses an expired, superseded or unknown link, and a password too short, changing nothing', async () => {
    const person = await t.createUser({ roles: [Role.PRACTITIONER] });
    const { token: first } = await requestLink(person.user.email);
    const { token: second } = await requestLink(person.user.email);
    const fails = async (token: string, password: string, code: string) => {
      const before = await resetTables();
      expect(await t.client().errorCode(RESET, { input: { token, password } })).toBe(code);
      expect(await resetTables()).toEqual(before);
      expect((await person.client.data(ME)).me.id).toBe(person.user.id);
    };
    await fails(first, NEW_PASSWORD, 'PASSWORD_RESET_INVALID');
    await fails('x'.repeat(43), NEW_PASSWORD, 'PASSWORD_RESET_INVALID');
    await fails(second, 'short', 'BAD_USER_INPUT');
    t.clock.advance(3600_000 + 1);
    await fails(second, NEW_PASSWORD, 'PASSWORD_RESET_INVALID');
    expect((await t.client().data(LOG_IN, { input: { email: person.user.email, password: person.password } })).logIn.id).toBe(person.user.id);
  });

  it('requests are throttled per address and client, known address or not', async () => {
    const limit = t.config.loginAttemptsPerWindow;
    const client = t.client();
    const email = 'throttled@example.test';
    for (let i = 0; i < limit; i++) expect((await client.data(REQUEST, { input: { email } })).requestPasswordReset).toBe(true);
    expect(await client.errorCode(REQUEST, { input: { email } })).toBe('LOGIN_THROTTLED');
    // Its own budget: logging in still works.
    const person = await t.createUser({ roles: [Role.PRACTITIONER] });
    expect((await client.data(LOG_IN, { input: { email: person.user.email, password: person.password } })).logIn.id).toBe(person.user.id);
  });
});
