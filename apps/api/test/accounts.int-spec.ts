import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Language, Role } from '../src/core/auth/role';
import { SESSION_COOKIE } from '../src/core/auth/login-session.service';
import { publishedSession, REGISTER } from './support/booking-fixtures';
import { MailRenderer } from '../src/modules/notifications/mail-renderer';
import { OutboxMessageEntity } from '../src/modules/notifications/entities/outbox-message.entity';
import { NotificationKind } from '../src/modules/notifications/notifications.enums';
import { GqlClient } from './support/gql-client';
import { DEFAULT_NOW, startTestApp, TestApp } from './support/test-app';

/** Accounts over real HTTP GraphQL: sign-up, login sessions, throttling, invitations, privacy. */

const SIGN_UP = `mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) { id displayName roles preferredLanguage email organisation { id } }
}`;
const LOG_IN = `mutation LogIn($input: LogInInput!) { logIn(input: $input) { id roles } }`;
const LOG_OUT = `mutation { logOut }`;
const ME = `{ me { id email displayName roles preferredLanguage organisation { id name kind } } }`;
const PERSON = `query Person($id: ID!) { person(id: $id) { id displayName email roles } }`;
const CREATE_INVITATION = `mutation CreateInvitation($input: CreateInvitationInput!) {
  createInvitation(input: $input) { invitationId email roles url token expiresAt }
}`;
const ACCEPT_INVITATION = `mutation AcceptInvitation($input: AcceptInvitationInput!) {
  acceptInvitation(input: $input) { id email roles displayName preferredLanguage organisation { id } }
}`;
const UPDATE_ME = `mutation UpdateMe($input: UpdateMeInput!) {
  updateMe(input: $input) { id displayName preferredLanguage organisation { id name } }
}`;
const CREATE_ORGANISATION = `mutation CreateOrganisation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { id name kind }
}`;
const ORGANISATIONS = `{ organisations { id name kind } }`;

const PASSWORD = 'a long enough password';
const HOUR = 3600_000;

let t: TestApp;
let seq = 0;
const uniqueEmail = (prefix = 'person') => `${prefix}-${++seq}-${randomBytes(3).toString('hex')}@example.test`;

function signUpInput(overrides: Record<string, unknown> = {}) {
  return {
    email: uniqueEmail('signup'),
    password: PASSWORD,
    displayName: 'Gwen Practitioner',
    preferredLanguage: 'cy',
    ...overrides,
  };
}

/** A client carrying only the given session token, as a browser that kept an old cookie would. */
function clientWithToken(token: string): GqlClient {
  const client = t.client();
  client.cookies.set(SESSION_COOKIE, token);
  return client;
}

let clientAddress = 0;
/**
 * A browser at its own client address (the app trusts X-Forwarded-For from loopback), so the
 * throttling tests spend their own per-client budget, not the one every other test shares.
 */
function clientElsewhere(): GqlClient {
  return new GqlClient(t.graphqlUrl, { headers: { 'x-forwarded-for': `198.51.100.${++clientAddress}` } });
}

function sessionToken(client: GqlClient): string {
  const token = client.cookies.get(SESSION_COOKIE);
  if (!token) throw new Error('the client has no session cookie');
  return token;
}

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

afterEach(() => {
  t.clock.set(DEFAULT_NOW);
});

describe('health', () => {
  it('GET /healthz answers 200 {status: "ok"} once the database answers', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: t.engine });
  });
});

describe('signUp', () => {
  it('creates a PRACTITIONER without signing in; logging in sets an httpOnly Secure __Host- cookie', async () => {
    const usersBefore = await t.countRows('users');
    const client = t.client();
    const email = uniqueEmail('Mixed.Case');
    const res = await client.request(SIGN_UP, { input: signUpInput({ email, displayName: '  Gwen Jones  ' }) });
    expect(res.errors).toBeUndefined();
    expect(res.data.signUp).toMatchObject({
      displayName: 'Gwen Jones',
      roles: [Role.PRACTITIONER],
      preferredLanguage: 'cy',
      email: email.toLowerCase(),
      organisation: null,
    });
    // Until the address is confirmed the person signs in themselves (email-confirmation.int-spec.ts).
    expect(client.lastSetCookie).toEqual([]);
    expect((await client.data(ME)).me).toBeNull();
    await client.data(LOG_IN, { input: { email, password: PASSWORD } });

    const cookieLine = client.lastSetCookie.find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    expect(cookieLine, `Set-Cookie: ${client.lastSetCookie.join(' | ')}`).toBeDefined();
    const attributes = cookieLine!.split(';').map((part) => part.trim().toLowerCase());
    expect(SESSION_COOKIE.startsWith('__Host-')).toBe(true);
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('secure');
    expect(attributes).toContain('path=/');
    expect(attributes).toContain('samesite=lax');
    expect(attributes.some((a) => a.startsWith('domain='))).toBe(false); // __Host- forbids Domain
    expect(sessionToken(client).length).toBeGreaterThanOrEqual(40);

    expect(await t.countRows('users')).toBe(usersBefore + 1);
    const { me } = await client.data(ME);
    expect(me).toMatchObject({ id: res.data.signUp.id, email: email.toLowerCase(), roles: [Role.PRACTITIONER] });

    // The session is stored hashed: the cookie's token is nowhere in the table.
    const { rows } = await t.db.sql<{ token_hash: string }>('SELECT token_hash FROM login_sessions WHERE user_id = ?', [
      me.id,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toBe(sessionToken(client));
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers an address already in use (any case) as a new one, without a login or a row, and e-mails its holder in their language', async () => {
    const holder = await t.createUser({ roles: [Role.PRACTITIONER], language: Language.cy, displayName: 'Heledd' });
    const usersBefore = await t.countRows('users');
    const outboxBefore = await t.countRows('outbox');
    const fresh = t.client();
    const newAnswer = await fresh.request(SIGN_UP, {
      input: signUpInput({ displayName: 'Someone', preferredLanguage: 'en' }),
    });
    expect(await t.countRows('users')).toBe(usersBefore + 1);
    const second = t.client();
    const taken = await second.request(SIGN_UP, {
      input: signUpInput({ email: holder.user.email.toUpperCase(), displayName: 'Someone', preferredLanguage: 'en' }),
    });
    // The same answer: no error, the same fields and shapes (a fresh id, the address as given, lower case).
    expect(taken.errors).toBeUndefined();
    expect(taken.status).toBe(newAnswer.status);
    const shape = (person: Record<string, unknown>) => ({
      ...person,
      id: typeof person.id,
      email: typeof person.email,
    });
    expect(shape(taken.data.signUp)).toEqual(shape(newAnswer.data.signUp));
    // Neither answer sets a cookie: a sign-up signs nobody in.
    expect(second.lastSetCookie).toEqual(fresh.lastSetCookie);
    expect(fresh.lastSetCookie).toEqual([]);
    expect(taken.data.signUp.id).not.toBe(holder.user.id);
    expect(taken.data.signUp.email).toBe(holder.user.email);
    // Nothing was made and nobody was signed in; the holder is told, in Welsh, by e-mail.
    expect(await t.countRows('users')).toBe(usersBefore + 1);
    expect(second.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await second.data(ME)).me).toBeNull();
    const { rows } = await t.db.sql<{ recipient_id: string; kind: string }>(
      `SELECT recipient_id, kind FROM outbox WHERE kind = 'SIGN_UP_ATTEMPT'`,
    );
    expect(rows).toEqual([{ recipient_id: holder.user.id, kind: 'SIGN_UP_ATTEMPT' }]);
    // One e-mail each: the new account's confirmation link, the holder's notice.
    expect(await t.countRows('outbox')).toBe(outboxBefore + 2);
    const row = await t.db.dataSource
      .getRepository(OutboxMessageEntity)
      .findOneByOrFail({ kind: NotificationKind.SIGN_UP_ATTEMPT });
    const mail = (await t.app.get(MailRenderer).render([row], 'delivery')).get(row.id);
    expect(mail?.to).toBe(holder.user.email);
    expect(mail?.subject).toBe('Mae rhywun wedi ceisio creu cyfrif Cyswllt gyda’ch cyfeiriad');
    expect(mail?.text).toContain('Heledd');
    expect(mail?.text).toContain('/forgot-password');
  });

  it('leaves an address with a pending invitation to the invitation: same answer, no account, and the invitation still works', async () => {
    const { client: organiser } = await t.createUser({ roles: [Role.ORGANISER] });
    const email = uniqueEmail('invited');
    const { createInvitation: link } = await organiser.data(CREATE_INVITATION, {
      input: { email, roles: ['COMMISSIONER'] },
    });
    const usersBefore = await t.countRows('users');
    const squatter = t.client();
    const answer = await squatter.request(SIGN_UP, { input: signUpInput({ email }) });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.signUp.email).toBe(email);
    expect(await t.countRows('users')).toBe(usersBefore);
    expect(squatter.cookies.has(SESSION_COOKIE)).toBe(false);
    const invited = t.client();
    const { acceptInvitation } = await invited.data(ACCEPT_INVITATION, {
      input: { token: link.token, password: PASSWORD, displayName: 'Invited', preferredLanguage: 'en' },
    });
    expect(acceptInvitation).toMatchObject({ email, roles: ['COMMISSIONER'] });
  });

  it('throttles sign-ups per address and client like logging in (LOGIN_THROTTLED), adding no row', async () => {
    const client = clientElsewhere();
    const limit = t.config.loginAttemptsPerWindow;
    const email = uniqueEmail('again');
    for (let i = 0; i < limit; i++)
      expect((await client.request(SIGN_UP, { input: signUpInput({ email }) })).errors).toBeUndefined();
    const usersBefore = await t.countRows('users');
    expect(await client.errorCode(SIGN_UP, { input: signUpInput({ email }) })).toBe('LOGIN_THROTTLED');
    expect(await t.countRows('users')).toBe(usersBefore);
    // Another address from another client is not held up.
    expect((await clientElsewhere().request(SIGN_UP, { input: signUpInput() })).errors).toBeUndefined();
  });

  it.each([
    ['an invalid e-mail address', { email: 'not-an-email' }],
    ['a display name over 120 characters', { displayName: 'x'.repeat(121) }],
    ['an empty display name', { displayName: '' }],
    ['a display name of only spaces', { displayName: '   ' }],
    ['a password under 10 characters', { password: 'short' }],
  ])('refuses %s with BAD_USER_INPUT and adds no row', async (_label, overrides) => {
    const usersBefore = await t.countRows('users');
    const sessionsBefore = await t.countRows('login_sessions');
    const res = await t.client().request(SIGN_UP, { input: signUpInput(overrides) });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.data).toBeUndefined();
    expect(await t.countRows('users')).toBe(usersBefore);
    expect(await t.countRows('login_sessions')).toBe(sessionsBefore);
  });

  it('accepts a display name of exactly 120 characters', async () => {
    const { signUp } = await t.client().data(SIGN_UP, { input: signUpInput({ displayName: 'y'.repeat(120) }) });
    expect(signUp.displayName).toHaveLength(120);
  });

  it('refuses an organisation that does not exist with ORGANISATION_NOT_FOUND', async () => {
    const usersBefore = await t.countRows('users');
    const code = await t
      .client()
      .errorCode(SIGN_UP, { input: signUpInput({ organisationId: '00000000-0000-4000-8000-000000000000' }) });
    expect(code).toBe('ORGANISATION_NOT_FOUND');
    expect(await t.countRows('users')).toBe(usersBefore);
  });
});

describe('logIn, logOut and login sessions', () => {
  it('refuses a wrong password and an unknown e-mail alike with INVALID_CREDENTIALS', async () => {
    const { user } = await t.createUser({ roles: [Role.PRACTITIONER], password: PASSWORD });
    const client = t.client();
    expect(await client.errorCode(LOG_IN, { input: { email: user.email, password: 'wrong password!' } })).toBe(
      'INVALID_CREDENTIALS',
    );
    expect(await client.errorCode(LOG_IN, { input: { email: uniqueEmail('nobody'), password: PASSWORD } })).toBe(
      'INVALID_CREDENTIALS',
    );
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await client.data(ME)).me).toBeNull();
    // ...and the right password, in another case of the address, works.
    const { logIn } = await client.data(LOG_IN, { input: { email: user.email.toUpperCase(), password: PASSWORD } });
    expect(logIn.id).toBe(user.id);
  });

  it('throttles after loginAttemptsPerWindow failures: LOGIN_THROTTLED, even for the right password', async () => {
    const { user } = await t.createUser({ roles: [Role.PRACTITIONER], password: PASSWORD });
    const client = clientElsewhere();
    const limit = t.config.loginAttemptsPerWindow;
    expect(limit).toBeGreaterThan(1);
    for (let attempt = 1; attempt <= limit; attempt++) {
      expect(
        await client.errorCode(LOG_IN, { input: { email: user.email, password: `wrong password ${attempt}` } }),
      ).toBe('INVALID_CREDENTIALS');
    }
    const throttled = await client.request(LOG_IN, { input: { email: user.email, password: 'wrong password again' } });
    expect(throttled.errors?.[0].extensions?.code).toBe('LOGIN_THROTTLED');
    expect(throttled.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(await client.errorCode(LOG_IN, { input: { email: user.email, password: PASSWORD } })).toBe(
      'LOGIN_THROTTLED',
    );
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('parallel guesses cannot outrun the throttle: at most loginAttemptsPerWindow are checked', async () => {
    const { user } = await t.createUser({ roles: [Role.PRACTITIONER], password: PASSWORD });
    const limit = t.config.loginAttemptsPerWindow;
    const fromAttacker = () => new GqlClient(t.graphqlUrl, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    const codes = await Promise.all(
      Array.from({ length: limit * 3 }, (_, i) =>
        fromAttacker().errorCode(LOG_IN, { input: { email: user.email, password: `parallel guess ${i}` } }),
      ),
    );
    expect(codes.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(limit);
    expect(codes.filter((code) => code === 'LOGIN_THROTTLED')).toHaveLength(limit * 2);
    const correct = { input: { email: user.email, password: PASSWORD } };
    expect(await fromAttacker().errorCode(LOG_IN, correct)).toBe('LOGIN_THROTTLED');
    // The budget is per e-mail and client address: the owner, elsewhere, can still sign in.
    expect((await clientElsewhere().data(LOG_IN, correct)).logIn.id).toBe(user.id);
  });

  it('a successful login clears the failures counted so far', async () => {
    const { user } = await t.createUser({ roles: [Role.PRACTITIONER], password: PASSWORD });
    const client = clientElsewhere();
    const limit = t.config.loginAttemptsPerWindow;
    for (let round = 0; round < 2; round++) {
      for (let attempt = 1; attempt < limit; attempt++) {
        expect(
          await client.errorCode(LOG_IN, { input: { email: user.email, password: `wrong ${round}.${attempt}` } }),
        ).toBe('INVALID_CREDENTIALS');
      }
      expect((await client.data(LOG_IN, { input: { email: user.email, password: PASSWORD } })).logIn.id).toBe(user.id);
    }
  });

  it('logOut revokes the session: the old cookie no longer signs anyone in', async () => {
    const { client, user } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const token = sessionToken(client);
    expect((await clientWithToken(token).data(ME)).me.id).toBe(user.id);

    expect((await client.data(LOG_OUT)).logOut).toBe(true);
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false); // the server cleared the cookie
    expect((await client.data(ME)).me).toBeNull();
    // A browser that kept the cookie anyway gets nothing: the session is revoked server-side.
    expect((await clientWithToken(token).data(ME)).me).toBeNull();
    expect(await clientWithToken(token).errorCode(PERSON, { id: user.id })).toBe('UNAUTHENTICATED');
    const { rows } = await t.db.sql<{ revoked_at: unknown }>(
      'SELECT revoked_at FROM login_sessions WHERE user_id = ?',
      [user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].revoked_at).not.toBeNull();
  });

  it('logging in rotates the session: the browser gets a new token and its previous one stops working', async () => {
    const { client, user, password } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const first = sessionToken(client);
    await client.data(LOG_IN, { input: { email: user.email, password } });
    const second = sessionToken(client);
    expect(second).not.toBe(first);
    expect((await clientWithToken(first).data(ME)).me).toBeNull();
    expect((await clientWithToken(second).data(ME)).me.id).toBe(user.id);
    expect((await client.data(ME)).me.id).toBe(user.id);
  });

  it('a session in another browser survives a login elsewhere (rotation is per browser)', async () => {
    const { client, user, password } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const other = t.client();
    await other.data(LOG_IN, { input: { email: user.email, password } });
    expect((await client.data(ME)).me.id).toBe(user.id);
    expect((await other.data(ME)).me.id).toBe(user.id);
  });

  it('a session expires sessionTtlHours after login (by the app clock)', async () => {
    const { client, user } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const ttl = t.config.sessionTtlHours * HOUR;
    t.clock.advance(ttl - 60_000);
    expect((await client.data(ME)).me.id).toBe(user.id);
    t.clock.advance(2 * 60_000);
    expect((await client.data(ME)).me).toBeNull();
    expect(await client.errorCode(ORGANISATIONS)).toBe('UNAUTHENTICATED');
  });

  it('me is null for an anonymous browser and for a made-up cookie', async () => {
    expect((await t.client().data(ME)).me).toBeNull();
    expect((await clientWithToken('x'.repeat(43)).data(ME)).me).toBeNull();
  });
});

describe('invitations', () => {
  it('an organiser invites; accepting creates the user with the invited roles and signs them in — once', async () => {
    const { client: organiser } = await t.createUser({ roles: [Role.ORGANISER] });
    const email = uniqueEmail('Invitee');
    const { createInvitation: link } = await organiser.data(CREATE_INVITATION, {
      input: { email, roles: ['COMMISSIONER', 'LINK_WORKER'] },
    });
    expect(link).toMatchObject({ email: email.toLowerCase(), roles: ['COMMISSIONER', 'LINK_WORKER'] });
    expect(link.url).toBe(`${t.config.publicUrl}/invitation/${link.token}`);
    expect(new Date(link.expiresAt).getTime()).toBe(DEFAULT_NOW.getTime() + t.config.invitationTtlHours * HOUR);
    // Only the token's hash is stored.
    const { rows } = await t.db.sql<{ token_hash: string }>('SELECT token_hash FROM invitations WHERE id = ?', [
      link.invitationId,
    ]);
    expect(rows[0].token_hash).not.toBe(link.token);

    const usersBefore = await t.countRows('users');
    const invitee = t.client();
    const { acceptInvitation } = await invitee.data(ACCEPT_INVITATION, {
      input: { token: link.token, password: PASSWORD, displayName: 'Carys Commissioner', preferredLanguage: 'en' },
    });
    expect(acceptInvitation).toMatchObject({
      email: email.toLowerCase(),
      roles: ['COMMISSIONER', 'LINK_WORKER'],
      displayName: 'Carys Commissioner',
      preferredLanguage: 'en',
    });
    expect(await t.countRows('users')).toBe(usersBefore + 1);
    expect((await invitee.data(ME)).me).toMatchObject({
      id: acceptInvitation.id,
      roles: ['COMMISSIONER', 'LINK_WORKER'],
    });

    // Single use.
    const again = t.client();
    const code = await again.errorCode(ACCEPT_INVITATION, {
      input: { token: link.token, password: PASSWORD, displayName: 'Someone Else', preferredLanguage: 'en' },
    });
    expect(code).toBe('INVITATION_INVALID');
    expect(await t.countRows('users')).toBe(usersBefore + 1);
    expect(again.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('an invitation carries its organisation to the new account', async () => {
    const { client: organiser } = await t.createUser({ roles: [Role.ORGANISER] });
    const { createOrganisation: org } = await organiser.data(CREATE_ORGANISATION, {
      input: { name: 'Bwrdd Iechyd Hywel Dda', kind: 'HEALTH_BOARD' },
    });
    const { createInvitation: link } = await organiser.data(CREATE_INVITATION, {
      input: { email: uniqueEmail(), roles: ['LINK_WORKER'], organisationId: org.id },
    });
    const { acceptInvitation } = await t.client().data(ACCEPT_INVITATION, {
      input: { token: link.token, password: PASSWORD, displayName: 'Link Worker', preferredLanguage: 'cy' },
    });
    expect(acceptInvitation.organisation).toEqual({ id: org.id });
  });

  it('an expired invitation is refused with INVITATION_INVALID', async () => {
    const { client: organiser } = await t.createUser({ roles: [Role.ORGANISER] });
    const { createInvitation: link } = await organiser.data(CREATE_INVITATION, {
      input: { email: uniqueEmail(), roles: ['PRACTITIONER'] },
    });
    t.clock.advance(t.config.invitationTtlHours * HOUR + 1000);
    const usersBefore = await t.countRows('users');
    const code = await t.client().errorCode(ACCEPT_INVITATION, {
      input: { token: link.token, password: PASSWORD, displayName: 'Too Late', preferredLanguage: 'en' },
    });
    expect(code).toBe('INVITATION_INVALID');
    expect(await t.countRows('users')).toBe(usersBefore);
  });

  it('is still valid just before it expires', async () => {
    const { client: organiser } = await t.createUser({ roles: [Role.ORGANISER] });
    const { createInvitation: link } = await organiser.data(CREATE_INVITATION, {
      input: { email: uniqueEmail(), roles: ['PRACTITIONER'] },
    });
    t.clock.advance(t.config.invitationTtlHours * HOUR - 60_000);
    const { acceptInvitation } = await t.client().data(ACCEPT_INVITATION, {
      input: { token: link.token, password: PASSWORD, displayName: 'Just In Time', preferredLanguage: 'en' },
    });
    expect(acceptInvitation.roles).toEqual(['PRACTITIONER']);
  });

  it('an unknown token is refused with INVITATION_INVALID', async () => {
    const code = await t.client().errorCode(ACCEPT_INVITATION, {
      input: { token: 'z'.repeat(43), password: PASSWORD, displayName: 'Guess', preferredLanguage: 'en' },
    });
    expect(code).toBe('INVITATION_INVALID');
  });

  it('accepting for an address that already has an account fails with EMAIL_TAKEN and leaves the invitation unused', async () => {
    const { client: organiser } = await t.createUser({ roles: [Role.ORGANISER] });
    const { user: existing } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const { createInvitation: link } = await organiser.data(CREATE_INVITATION, {
      input: { email: existing.email, roles: ['COMMISSIONER'] },
    });
    const code = await t.client().errorCode(ACCEPT_INVITATION, {
      input: { token: link.token, password: PASSWORD, displayName: 'Duplicate', preferredLanguage: 'en' },
    });
    expect(code).toBe('EMAIL_TAKEN');
    const { rows } = await t.db.sql<{ accepted_at: unknown }>('SELECT accepted_at FROM invitations WHERE id = ?', [
      link.invitationId,
    ]);
    expect(rows[0].accepted_at).toBeNull(); // the claim rolled back with the failed insert
  });

  it('an organiser may not invite an ORGANISER or ADMIN (ROLE_NOT_INVITABLE); an admin may', async () => {
    const { client: organiser } = await t.createUser({ roles: [Role.ORGANISER] });
    const before = await t.countRows('invitations');
    expect(
      await organiser.errorCode(CREATE_INVITATION, { input: { email: uniqueEmail(), roles: ['ORGANISER'] } }),
    ).toBe('ROLE_NOT_INVITABLE');
    expect(
      await organiser.errorCode(CREATE_INVITATION, {
        input: { email: uniqueEmail(), roles: ['PRACTITIONER', 'ADMIN'] },
      }),
    ).toBe('ROLE_NOT_INVITABLE');
    expect(await t.countRows('invitations')).toBe(before);

    const { client: admin } = await t.createUser({ roles: [Role.ADMIN] });
    const { createInvitation: link } = await admin.data(CREATE_INVITATION, {
      input: { email: uniqueEmail(), roles: ['ORGANISER'] },
    });
    expect(link.roles).toEqual(['ORGANISER']);
    const { acceptInvitation } = await t.client().data(ACCEPT_INVITATION, {
      input: { token: link.token, password: PASSWORD, displayName: 'New Organiser', preferredLanguage: 'cy' },
    });
    expect(acceptInvitation.roles).toEqual(['ORGANISER']);
  });

  it('a PRACTITIONER may not invite (FORBIDDEN); an anonymous caller is UNAUTHENTICATED', async () => {
    const { client: practitioner } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const before = await t.countRows('invitations');
    const input = { email: uniqueEmail(), roles: ['PRACTITIONER'] };
    expect(await practitioner.errorCode(CREATE_INVITATION, { input })).toBe('FORBIDDEN');
    expect(await t.client().errorCode(CREATE_INVITATION, { input })).toBe('UNAUTHENTICATED');
    expect(await t.countRows('invitations')).toBe(before);
  });

  it('refuses bad invitation input with BAD_USER_INPUT', async () => {
    const { client: organiser } = await t.createUser({ roles: [Role.ORGANISER] });
    expect(await organiser.errorCode(CREATE_INVITATION, { input: { email: 'nope', roles: ['PRACTITIONER'] } })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await organiser.errorCode(CREATE_INVITATION, { input: { email: uniqueEmail(), roles: [] } })).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('privacy of Person.email', () => {
  it('is visible to the person themselves, to organisers of a session they registered for, and to admins; null for everyone else', async () => {
    const session = await publishedSession(t);
    const { user: subject, client: self } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const { user: stranger } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const { client: peer } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const { client: commissioner } = await t.createUser({ roles: [Role.COMMISSIONER] });
    const { client: otherOrganiser } = await t.createUser({ roles: [Role.ORGANISER] });
    const { client: admin } = await t.createUser({ roles: [Role.ADMIN] });
    const organiser = session.organiser.client;
    await self.data(REGISTER, { input: { sessionId: session.id, role: 'GUEST' } });

    expect((await self.data(ME)).me.email).toBe(subject.email);
    expect((await self.data(PERSON, { id: subject.id })).person.email).toBe(subject.email);
    expect((await organiser.data(PERSON, { id: subject.id })).person.email).toBe(subject.email);
    expect((await admin.data(PERSON, { id: subject.id })).person.email).toBe(subject.email);
    expect((await admin.data(PERSON, { id: stranger.id })).person.email).toBe(stranger.email);
    // Organisers see only the people of their own sessions (batched: both in one request).
    const both = await organiser.data(
      `query ($a: ID!, $b: ID!) { a: person(id: $a) { email } b: person(id: $b) { email } }`,
      { a: subject.id, b: stranger.id },
    );
    expect(both).toEqual({ a: { email: subject.email }, b: { email: null } });
    expect((await otherOrganiser.data(PERSON, { id: subject.id })).person.email).toBeNull();

    const seenByPeer = (await peer.data(PERSON, { id: subject.id })).person;
    expect(seenByPeer).toMatchObject({ id: subject.id, displayName: subject.displayName, email: null });
    expect((await commissioner.data(PERSON, { id: subject.id })).person.email).toBeNull();
  });

  it('person() needs a signed-in caller and a real id', async () => {
    const { user, client } = await t.createUser({ roles: [Role.PRACTITIONER] });
    expect(await t.client().errorCode(PERSON, { id: user.id })).toBe('UNAUTHENTICATED');
    expect(await client.errorCode(PERSON, { id: '00000000-0000-4000-8000-000000000000' })).toBe('NOT_FOUND');
  });
});

describe('updateMe', () => {
  it('changes only the caller’s own name, language and organisation', async () => {
    const { client: organiser } = await t.createUser({ roles: [Role.ORGANISER] });
    const { createOrganisation: org } = await organiser.data(CREATE_ORGANISATION, {
      input: { name: 'Celf Cymunedol', kind: 'COMMUNITY_ARTS_GROUP' },
    });
    const { user, client } = await t.createUser({ roles: [Role.PRACTITIONER], language: Language.en });
    const { user: bystander } = await t.createUser({ roles: [Role.PRACTITIONER], displayName: 'Bystander' });

    // Naming an organisation asks to join it (organisation-membership.int-spec.ts): an organiser approves.
    const { updateMe } = await client.data(UPDATE_ME, {
      input: { displayName: 'Siân Roberts', preferredLanguage: 'cy', organisationId: org.id },
    });
    expect(updateMe).toEqual({ id: user.id, displayName: 'Siân Roberts', preferredLanguage: 'cy', organisation: null });
    await organiser.data(
      `mutation ($input: DecideOrganisationMembershipInput!) { decideOrganisationMembership(input: $input) { id } }`,
      { input: { userId: user.id, approve: true } },
    );
    expect((await client.data(ME)).me).toMatchObject({
      displayName: 'Siân Roberts',
      preferredLanguage: 'cy',
      organisation: { id: org.id, name: 'Celf Cymunedol' },
    });

    // A partial update leaves the other fields alone.
    const { updateMe: partial } = await client.data(UPDATE_ME, { input: { preferredLanguage: 'en' } });
    expect(partial).toMatchObject({ displayName: 'Siân Roberts', preferredLanguage: 'en' });
    // organisationId: null leaves the organisation.
    const { updateMe: left } = await client.data(UPDATE_ME, { input: { organisationId: null } });
    expect(left).toMatchObject({ displayName: 'Siân Roberts', organisation: null });

    const { rows } = await t.db.sql<{ display_name: string }>('SELECT display_name FROM users WHERE id = ?', [
      bystander.id,
    ]);
    expect(rows[0].display_name).toBe('Bystander');
  });

  it('refuses bad input (BAD_USER_INPUT), unknown organisations and anonymous callers', async () => {
    const { user, client } = await t.createUser({ roles: [Role.PRACTITIONER], displayName: 'Unchanged' });
    expect(await client.errorCode(UPDATE_ME, { input: { displayName: 'x'.repeat(121) } })).toBe('BAD_USER_INPUT');
    expect(await client.errorCode(UPDATE_ME, { input: { displayName: '   ' } })).toBe('BAD_USER_INPUT');
    expect(await client.errorCode(UPDATE_ME, { input: { displayName: null } })).toBe('BAD_USER_INPUT');
    expect(await client.errorCode(UPDATE_ME, { input: { preferredLanguage: null } })).toBe('BAD_USER_INPUT');
    expect(await client.errorCode(UPDATE_ME, { input: { organisationId: 'not-a-uuid' } })).toBe('BAD_USER_INPUT');
    expect(
      await client.errorCode(UPDATE_ME, { input: { organisationId: '00000000-0000-4000-8000-000000000000' } }),
    ).toBe('ORGANISATION_NOT_FOUND');
    expect(await t.client().errorCode(UPDATE_ME, { input: { displayName: 'Anonymous' } })).toBe('UNAUTHENTICATED');
    expect((await client.data(ME)).me).toMatchObject({ id: user.id, displayName: 'Unchanged', organisation: null });
  });
});

describe('organisations', () => {
  it('an organiser or an admin creates an organisation; everyone signed in can list them', async () => {
    const { client: organiser } = await t.createUser({ roles: [Role.ORGANISER] });
    const { client: admin } = await t.createUser({ roles: [Role.ADMIN] });
    const { client: practitioner } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const before = await t.countRows('organisations');

    const { createOrganisation: a } = await organiser.data(CREATE_ORGANISATION, {
      input: { name: '  Zeta Arts  ', kind: 'ARTS_ORGANISATION' },
    });
    expect(a).toMatchObject({ name: 'Zeta Arts', kind: 'ARTS_ORGANISATION' });
    const { createOrganisation: b } = await admin.data(CREATE_ORGANISATION, {
      input: { name: 'Alpha Cluster', kind: 'GP_CLUSTER' },
    });
    expect(await t.countRows('organisations')).toBe(before + 2);

    const { organisations } = await practitioner.data(ORGANISATIONS);
    const ids = organisations.map((o: { id: string }) => o.id);
    expect(ids).toContain(a.id);
    expect(ids).toContain(b.id);
    const names = organisations.map((o: { name: string }) => o.name);
    expect(names).toEqual([...names].sort((x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)));
  });

  it('a practitioner may not create one (FORBIDDEN), nor an anonymous caller (UNAUTHENTICATED), and bad input is refused', async () => {
    const { client: practitioner } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const { client: organiser } = await t.createUser({ roles: [Role.ORGANISER] });
    const before = await t.countRows('organisations');
    const input = { name: 'Not Allowed', kind: 'FUNDER' };
    expect(await practitioner.errorCode(CREATE_ORGANISATION, { input })).toBe('FORBIDDEN');
    expect(await t.client().errorCode(CREATE_ORGANISATION, { input })).toBe('UNAUTHENTICATED');
    expect(await t.client().errorCode(ORGANISATIONS)).toBe('UNAUTHENTICATED');
    expect(await organiser.errorCode(CREATE_ORGANISATION, { input: { name: 'x', kind: 'FUNDER' } })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await organiser.errorCode(CREATE_ORGANISATION, { input: { name: '     ', kind: 'FUNDER' } })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await organiser.errorCode(CREATE_ORGANISATION, { input: { name: 'y'.repeat(201), kind: 'FUNDER' } })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await organiser.errorCode(CREATE_ORGANISATION, { input: { name: 'Bad Kind', kind: 'CASINO' } })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await t.countRows('organisations')).toBe(before);
  });
});
