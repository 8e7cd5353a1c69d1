import { Logger } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { REQUEST_ID_HEADER } from '../src/core/logging/request-logging';
import { eventually, signWebhook, webhookBody } from './support/livekit-harness';
import { LogCapture } from './support/log-capture';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Structured JSON logs (pino): one request id per HTTP request, echoed in x-request-id and present
 * on every line written while that request is handled; the GraphQL operation named on the
 * request's line; no credentials or personal data anywhere.
 */
const logs = new LogCapture();
let t: TestApp;

const LOG_IN = `mutation LogIn($input: LogInInput!) { logIn(input: $input) { id } }`;

beforeAll(async () => {
  t = await startTestApp({
    logDestination: logs,
    config: {
      logLevel: 'info',
      livekitUrl: 'ws://127.0.0.1:9',
      livekitApiKey: 'APIlogtest',
      livekitApiSecret: 'a-secret-of-at-least-thirty-two-chars',
    },
  });
});

afterAll(async () => {
  await t?.close();
});

function completionLine(requestId: string): Record<string, unknown> | undefined {
  return logs.ofRequest(requestId).find((line) => line.msg === 'request completed' || line.msg === 'request errored');
}

describe('request ids', () => {
  it('keeps a sane incoming x-request-id, echoes it, and logs the request under it with the operation name', async () => {
    const requestId = 'trace-0123456789abcdef';
    const res = await t
      .client()
      .request(`query WhoAmI { me { id } }`, undefined, { headers: { [REQUEST_ID_HEADER]: requestId } });
    expect(res.headers.get(REQUEST_ID_HEADER)).toBe(requestId);
    const line = await eventually(() => completionLine(requestId), 5_000, 'the request line');
    expect(line).toMatchObject({
      level: 'info',
      reqId: requestId,
      graphqlOperation: 'WhoAmI',
      req: { method: 'POST', path: '/graphql' },
      res: { statusCode: 200 },
    });
    expect(typeof line.responseTime).toBe('number');
  });

  it('replaces a missing or insane x-request-id with a fresh UUID', async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const none = await t.client().request(`{ me { id } }`);
    const insane = await t
      .client()
      .request(`{ me { id } }`, undefined, { headers: { [REQUEST_ID_HEADER]: 'bad id with spaces\u00e9' } });
    const tooLong = await t
      .client()
      .request(`{ me { id } }`, undefined, { headers: { [REQUEST_ID_HEADER]: 'a'.repeat(300) } });
    const ids = [none, insane, tooLong].map((res) => res.headers.get(REQUEST_ID_HEADER));
    for (const id of ids) expect(id).toMatch(uuid);
    expect(new Set(ids).size).toBe(3);
    await eventually(() => completionLine(ids[2]!), 5_000, 'the request line');
    expect(completionLine(ids[0]!)).toMatchObject({ graphqlOperation: 'anonymous query' });
  });

  it('puts the request id on lines that code deep inside the request writes (a refused webhook)', async () => {
    const requestId = 'webhook-forged-0001';
    const body = webhookBody({ event: 'room_started', roomName: 'mtg_forged', createdAt: new Date() });
    const forged = await signWebhook(body, 'APIlogtest', 'not-the-secret-not-the-secret-at-all');
    const res = await fetch(`${t.url}/livekit/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/webhook+json', authorization: forged, [REQUEST_ID_HEADER]: requestId },
      body,
    });
    expect(res.status).toBe(401);
    await eventually(() => completionLine(requestId), 5_000, 'the request line');
    const lines = logs.ofRequest(requestId);
    expect(lines.find((line) => line.context === 'LiveKitWebhook')).toMatchObject({ level: 'warn', reqId: requestId });
    expect(completionLine(requestId)).toMatchObject({ level: 'info', res: { statusCode: 401 } });
  });
});

describe('no personal data in logs', () => {
  it('never writes passwords, e-mail addresses, cookies, authorization headers or variables', async () => {
    const { user, password, client } = await t.createUser({
      roles: [Role.PRACTITIONER],
      email: 'seren.jones@example.cymru',
    });
    const cookieValue = [...client.cookies.values()][0];
    expect(cookieValue).toBeTruthy();
    const requestId = 'redaction-check-0001';
    const anonymous = t.client();
    const wrong = await anonymous.request(
      LOG_IN,
      { input: { email: user.email, password: 'wrong-password-hunter2' } },
      {
        headers: {
          [REQUEST_ID_HEADER]: requestId,
          authorization: 'Bearer super-secret-bearer-value',
          cookie: `__Host-cyswllt_session=${cookieValue}`,
        },
      },
    );
    expect(wrong.errors?.[0].extensions?.code).toBeDefined();
    // GET carries the variables in the query string, which must not reach the log either.
    const getId = 'redaction-check-get1';
    await client.request(
      `query Who($q: String) { me { id } }`,
      { q: user.email },
      { method: 'GET', headers: { 'apollo-require-preflight': 'true', [REQUEST_ID_HEADER]: getId } },
    );
    await eventually(() => completionLine(getId), 5_000, 'the GET line');
    expect(completionLine(getId)).toMatchObject({ req: { method: 'GET', path: '/graphql' } });
    // A module's free-text line that names an address (as the console mail transport does).
    new Logger('Outbox').log(`e-mail INVITATION to ${user.email} [en]`);

    await eventually(() => completionLine(requestId), 5_000, 'the login line');
    await eventually(() => logs.lines.some((line) => line.context === 'Outbox'), 5_000, 'the outbox line');
    const text = logs.text();
    for (const secret of [
      user.email,
      password,
      'wrong-password-hunter2',
      cookieValue,
      'super-secret-bearer-value',
      'hunter2',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(logs.lines.find((line) => line.context === 'Outbox')?.msg).toBe('e-mail INVITATION to [email] [en]');
    expect(completionLine(requestId)).toMatchObject({ graphqlOperation: 'LogIn', req: { path: '/graphql' } });
    expect(JSON.stringify(completionLine(requestId))).not.toMatch(/cookie|authorization/i);
  });
});
