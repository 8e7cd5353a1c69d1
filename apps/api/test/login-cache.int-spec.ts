import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginSessionService, SESSION_COOKIE } from '../src/core/auth/login-session.service';
import { Role } from '../src/core/auth/role';
import { GqlClient } from './support/gql-client';
import { eventually } from './support/livekit-harness';
import { startTestApp, TEST_ENGINE, type TestApp } from './support/test-app';

/**
 * Issue #18: a sign-in read once is answered from memory, yet ending it (log-out, password reset,
 * erasure) or changing its person cuts it at once — here before the response, on other instances
 * through Redis pub/sub.
 */
const ME = `query { me { id displayName } }`;
const LOG_OUT = `mutation { logOut }`;
const UPDATE_ME = `mutation ($input: UpdateMeInput!) { updateMe(input: $input) { id } }`;
const ERASE = `mutation ($input: EraseMyAccountInput!) { eraseMyAccount(input: $input) }`;

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

function tokenOf(client: GqlClient): string {
  const token = client.cookies.get(SESSION_COOKIE);
  if (!token) throw new Error('the client has no session cookie');
  return token;
}

function withToken(app: TestApp, token: string): GqlClient {
  const client = new GqlClient(app.graphqlUrl);
  client.cookies.set(SESSION_COOKIE, token);
  return client;
}

describe('the sign-in cache', () => {
  it('reads a sign-in once: the next request of the same login runs one statement less', async () => {
    const { client } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const fresh = withToken(t, tokenOf(client));
    const first = await fresh.request(ME);
    const second = await fresh.request(ME);
    expect(Number(second.headers.get('x-sql-statements'))).toBe(Number(first.headers.get('x-sql-statements')) - 1);
  });

  it('forgets a login at log-out, before the answer', async () => {
    const { client, user } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const kept = withToken(t, tokenOf(client));
    expect((await kept.data(ME)).me.id).toBe(user.id);
    await client.data(LOG_OUT);
    expect((await kept.data(ME)).me).toBeNull();
  });

  it('reads the person again after a change of name or language', async () => {
    const { client } = await t.createUser({ roles: [Role.PRACTITIONER], displayName: 'Before Name' });
    const token = tokenOf(client);
    const sessions = t.app.get(LoginSessionService);
    expect((await sessions.resolve(token))?.displayName).toBe('Before Name');
    await client.data(UPDATE_ME, { input: { displayName: 'After Name', preferredLanguage: 'cy' } });
    expect(await sessions.resolve(token)).toMatchObject({ displayName: 'After Name', language: 'cy' });
  });

  it('forgets every login of an erased account', async () => {
    const { client, user, password } = await t.createUser({ roles: [Role.PRACTITIONER] });
    const kept = withToken(t, tokenOf(client));
    expect((await kept.data(ME)).me.id).toBe(user.id);
    expect((await client.data(ERASE, { input: { password, confirmation: user.email } })).eraseMyAccount).toBe(true);
    expect((await kept.data(ME)).me).toBeNull();
  });
});

describe.runIf(TEST_ENGINE === 'postgres')('two API instances on Redis pub/sub', () => {
  it('a log-out or a name change through one instance reaches the sign-ins the other has cached', async () => {
    const prefix = `cyswllt-test-${randomBytes(6).toString('hex')}:`;
    const first = await startTestApp({ config: { pubsub: 'redis', pubsubChannelPrefix: prefix } });
    const second = await startTestApp({
      shareDatabaseWith: first,
      config: { pubsub: 'redis', pubsubChannelPrefix: prefix },
    });
    try {
      const { client, user } = await first.createUser({ roles: [Role.PRACTITIONER], displayName: 'Ffion Before' });
      const token = tokenOf(client);
      const onSecond = second.app.get(LoginSessionService);
      expect((await onSecond.resolve(token))?.displayName).toBe('Ffion Before');
      await client.data(UPDATE_ME, { input: { displayName: 'Ffion After' } });
      await eventually(
        async () => (await onSecond.resolve(token))?.displayName === 'Ffion After',
        5_000,
        'the new name on the second instance',
      );

      const throughSecond = withToken(second, token);
      expect((await throughSecond.data(ME)).me.id).toBe(user.id);
      await client.data(LOG_OUT);
      await eventually(
        async () => (await throughSecond.data(ME)).me === null,
        5_000,
        'the log-out on the second instance',
      );
    } finally {
      await second.close();
      await first.close();
    }
  });
});
