import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Language, Role } from '../src/core/auth/role';
import { AfterCommit } from '../src/core/database/after-commit';
import { EMAIL_CONFIRMATION_TTL_MS } from '../src/modules/accounts/accounts.service';
import { formatWhen } from '../src/modules/notifications/mail-templates';
import { OutboxWorker } from '../src/modules/notifications/outbox-worker';
import { BOOK, offer, publishedSession, REGISTER, registered, SEND_REQUEST } from './support/booking-fixtures';
import { GqlClient } from './support/gql-client';
import { ReceivedMail, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue #16, e-mail confirmation of new accounts: a sign-up signs nobody in and e-mails a link (in
 * the person's language, single use, 48 hours); until it is followed the account may sign in and
 * look around, but not register, book, send requests, offer slots or propose themes
 * (EMAIL_NOT_CONFIRMED, nothing changed), nor be listed in the directory. Invited accounts are
 * confirmed by their invitation; a new link can be asked for, with the same answer for any address.
 */

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { id email displayName roles preferredLanguage } }`;
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { id emailConfirmed } }`;
const CONFIRM = `mutation($input: ConfirmEmailInput!) { confirmEmail(input: $input) }`;
const RESEND = `mutation($input: ResendEmailConfirmationInput!) { resendEmailConfirmation(input: $input) }`;
const ME = `{ me { id emailConfirmed } }`;
const PERSON = `query($id: ID!) { person(id: $id) { id emailConfirmed } }`;
const PROPOSE = `mutation($input: ProposeSessionInput!) { proposeSession(input: $input) { id } }`;
const OFFER = `mutation($input: OfferSlotsInput!) { offerSlots(input: $input) { id } }`;
const PROFILE = `mutation($input: ProfileInput!) { updateMyProfile(input: $input) { directoryListed } }`;
const CREATE_INVITATION = `mutation($input: CreateInvitationInput!) { createInvitation(input: $input) { token } }`;
const ACCEPT_INVITATION = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { id emailConfirmed } }`;
const PASSWORD = 'a long enough password';
const LINK = /https:\/\/cyswllt\.example\/confirm-email\/([\w-]+)/;

describe('e-mail confirmation of new accounts', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: OutboxWorker;
  let n = 0;
  let address = 0;
  /** A browser at its own client address, so the throttles of one test do not reach the next. */
  const browser = () => new GqlClient(t.graphqlUrl, { headers: { 'x-forwarded-for': `203.0.113.${++address}` } });
  const newEmail = (prefix = 'new') => `${prefix}-${++n}@example.test`;

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
    await t.app.get(AfterCommit).idle();
    await worker.runOnce();
    sink.mails.length = 0;
  });

  /** Delivers what is queued and returns the one confirmation e-mail to `email`, with its link's token. */
  async function confirmationMail(email: string): Promise<{ mail: ReceivedMail; token: string }> {
    await t.app.get(AfterCommit).idle();
    await worker.runOnce();
    const mails = sink.mails.filter((m) => m.to.includes(email.toLowerCase()) && LINK.test(m.parsed.text ?? ''));
    expect(mails).toHaveLength(1);
    sink.mails.length = 0;
    return { mail: mails[0]!, token: LINK.exec(mails[0]!.parsed.text!)![1]! };
  }

  /** Signs up from a fresh browser, then signs that browser in (allowed before confirming). */
  async function signedUp(language: 'cy' | 'en' = 'en'): Promise<{ id: string; email: string; client: GqlClient }> {
    const email = newEmail();
    const client = browser();
    const { signUp } = await client.data(SIGN_UP, {
      input: { email, password: PASSWORD, displayName: `Newydd ${n}`, preferredLanguage: language },
    });
    expect(client.lastSetCookie).toEqual([]);
    expect((await client.data(LOG_IN, { input: { email, password: PASSWORD } })).logIn).toEqual({
      id: signUp.id,
      emailConfirmed: false,
    });
    return { id: signUp.id, email, client };
  }

  it('a sign-up signs nobody in and e-mails a single-use link in the person’s language; only its hash is stored', async () => {
    const email = newEmail('Cymraes');
    const client = browser();
    const { signUp } = await client.data(SIGN_UP, {
      input: { email, password: PASSWORD, displayName: 'Gwenllian', preferredLanguage: 'cy' },
    });
    expect(client.lastSetCookie).toEqual([]);
    expect((await client.data(ME)).me).toBeNull();
    const { mail, token } = await confirmationMail(email);
    expect(mail.parsed.subject).toBe('Cadarnhewch eich cyfeiriad e-bost ar gyfer Cyswllt');
    expect(mail.parsed.headers.get('content-language')).toBe('cy');
    const expires = formatWhen(new Date(t.clock.now().getTime() + EMAIL_CONFIRMATION_TTL_MS), undefined, Language.cy);
    expect(mail.parsed.text).toContain(
      `(mae’n gweithio unwaith, tan ${expires} amser y DU): https://cyswllt.example/confirm-email/${token}`,
    );
    const stored = (
      await t.db.sql<{ token_hash: string }>('SELECT token_hash FROM email_confirmations WHERE user_id = ?', [
        signUp.id,
      ])
    ).rows;
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(token);
    // Once sent, the outbox row no longer holds the link.
    const { rows } = await t.db.sql<{ payload: string }>(
      `SELECT payload FROM outbox WHERE kind = 'EMAIL_CONFIRMATION' AND recipient_id = ?`,
      [signUp.id],
    );
    expect(rows[0]!.payload).not.toContain(token);

    // The link confirms (signing nobody in); then the person signs in, confirmed. It works once.
    const elsewhere = browser();
    expect((await elsewhere.data(CONFIRM, { input: { token } })).confirmEmail).toBe(true);
    expect(elsewhere.lastSetCookie).toEqual([]);
    expect((await client.data(LOG_IN, { input: { email, password: PASSWORD } })).logIn).toEqual({
      id: signUp.id,
      emailConfirmed: true,
    });
    expect(await elsewhere.errorCode(CONFIRM, { input: { token } })).toBe('EMAIL_CONFIRMATION_INVALID');
  });

  it('an unconfirmed account cannot register, book, offer, send requests or propose: EMAIL_NOT_CONFIRMED, nothing changed', async () => {
    const session = await publishedSession(t);
    const host = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
    const [offered] = await offer(host, session.id, [0]);
    const person = await signedUp();
    const tables = ['registrations', 'offers', 'meetings', 'meeting_requests', 'session_proposals', 'outbox'];
    const counts = async () => Promise.all(tables.map((table) => t.countRows(table)));
    const before = await counts();
    expect(await person.client.errorCode(REGISTER, { input: { sessionId: session.id, role: 'GUEST' } })).toBe(
      'EMAIL_NOT_CONFIRMED',
    );
    expect(await person.client.errorCode(REGISTER, { input: { sessionId: session.id, role: 'HOST' } })).toBe(
      'EMAIL_NOT_CONFIRMED',
    );
    expect(await person.client.errorCode(OFFER, { input: { sessionId: session.id, slotIndexes: [1], seats: 1 } })).toBe(
      'EMAIL_NOT_CONFIRMED',
    );
    expect(await person.client.errorCode(BOOK, { offerId: offered!.id })).toBe('EMAIL_NOT_CONFIRMED');
    expect(
      await person.client.errorCode(SEND_REQUEST, {
        input: { sessionId: session.id, toUserId: host.user.id, message: 'Helo' },
      }),
    ).toBe('EMAIL_NOT_CONFIRMED');
    expect(
      await person.client.errorCode(PROPOSE, { input: { title: 'Canu a’r ysgyfaint', conditions: ['copd'] } }),
    ).toBe('EMAIL_NOT_CONFIRMED');
    expect(await counts()).toEqual(before);
    // Reading is fine; the flag is theirs to see, nobody else's.
    expect((await person.client.data(ME)).me).toEqual({ id: person.id, emailConfirmed: false });
    expect((await host.client.data(PERSON, { id: person.id })).person).toEqual({ id: person.id, emailConfirmed: null });

    // Confirmed, the same calls work.
    const { token } = await confirmationMail(person.email);
    await t.client().data(CONFIRM, { input: { token } });
    expect((await person.client.data(ME)).me.emailConfirmed).toBe(true);
    await person.client.data(REGISTER, { input: { sessionId: session.id, role: 'GUEST' } });
    expect((await person.client.data(BOOK, { offerId: offered!.id })).bookSlot.id).toEqual(expect.any(String));
  });

  it('an unconfirmed practitioner’s listing stays out of the directory until the address is confirmed', async () => {
    const person = await signedUp();
    await person.client.data(PROFILE, {
      input: {
        directoryListed: true,
        directoryServiceName: 'Gwasanaeth heb ei gadarnhau',
        directoryDelivery: 'ONLINE',
        directoryWebsite: 'https://heb-gadarnhau.example',
      },
    });
    const names = async () =>
      (
        (await (await fetch(`${t.url}/openreferral/services?per_page=50`)).json()) as { contents: { name: string }[] }
      ).contents.map((s) => s.name);
    expect(await names()).not.toContain('Gwasanaeth heb ei gadarnhau');
    const { token } = await confirmationMail(person.email);
    await t.client().data(CONFIRM, { input: { token } });
    expect(await names()).toContain('Gwasanaeth heb ei gadarnhau');
  });

  it('a link expires after 48 hours, and a new one replaces the old', async () => {
    const person = await signedUp();
    const { token: first } = await confirmationMail(person.email);
    expect(
      (await t.client().data(RESEND, { input: { email: person.email.toUpperCase() } })).resendEmailConfirmation,
    ).toBe(true);
    const { token: second } = await confirmationMail(person.email);
    expect(await t.client().errorCode(CONFIRM, { input: { token: first } })).toBe('EMAIL_CONFIRMATION_INVALID');
    t.clock.advance(EMAIL_CONFIRMATION_TTL_MS + 1000);
    try {
      expect(await t.client().errorCode(CONFIRM, { input: { token: second } })).toBe('EMAIL_CONFIRMATION_INVALID');
      expect(await t.client().errorCode(CONFIRM, { input: { token: 'x'.repeat(43) } })).toBe(
        'EMAIL_CONFIRMATION_INVALID',
      );
      expect((await person.client.data(ME)).me.emailConfirmed).toBe(false);
    } finally {
      t.clock.advance(-(EMAIL_CONFIRMATION_TTL_MS + 1000));
    }
  });

  it('asking for a new link answers true for any address, e-mails only an unconfirmed account, and is throttled', async () => {
    const confirmed = await t.createUser({ roles: [Role.PRACTITIONER] });
    const before = await t.countRows('outbox');
    for (const email of ['nobody@example.test', confirmed.user.email]) {
      expect((await browser().data(RESEND, { input: { email } })).resendEmailConfirmation).toBe(true);
    }
    await t.app.get(AfterCommit).idle();
    expect(await t.countRows('outbox')).toBe(before);
    expect(await t.client().errorCode(RESEND, { input: { email: 'not an address' } })).toBe('BAD_USER_INPUT');
    const client = browser();
    for (let i = 0; i < t.config.loginAttemptsPerWindow; i++)
      await client.data(RESEND, { input: { email: 'someone@example.test' } });
    expect(await client.errorCode(RESEND, { input: { email: 'someone@example.test' } })).toBe('LOGIN_THROTTLED');
  });

  it('an invited account is confirmed by its invitation; test fixtures and password resets confirm too', async () => {
    const organiser = await t.createUser({ roles: [Role.ORGANISER] });
    const email = newEmail('invited');
    const { createInvitation } = await organiser.client.data(CREATE_INVITATION, {
      input: { email, roles: ['LINK_WORKER'] },
    });
    const invited = browser();
    expect(
      (
        await invited.data(ACCEPT_INVITATION, {
          input: {
            token: createInvitation.token,
            password: PASSWORD,
            displayName: 'Gwahoddedig',
            preferredLanguage: 'en',
          },
        })
      ).acceptInvitation.emailConfirmed,
    ).toBe(true);
    expect((await organiser.client.data(ME)).me.emailConfirmed).toBe(true);
    const pending = await t.createUser({ roles: [Role.PRACTITIONER], emailConfirmed: false });
    expect((await pending.client.data(ME)).me.emailConfirmed).toBe(false);
    await t.client().data(`mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`, {
      input: { email: pending.user.email },
    });
    await t.app.get(AfterCommit).idle();
    await worker.runOnce();
    const reset = /\/reset-password\/([\w-]+)/.exec(
      sink.mails.find((m) => m.to.includes(pending.user.email))!.parsed.text!,
    )![1]!;
    await browser().data(`mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { id } }`, {
      input: { token: reset, password: 'another long password' },
    });
    expect(
      (
        await t.db.sql<{ email_confirmed_at: unknown }>('SELECT email_confirmed_at FROM users WHERE id = ?', [
          pending.user.id,
        ])
      ).rows[0]!.email_confirmed_at,
    ).not.toBeNull();
  });
});
