import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { Ticker } from '../src/core/clock/ticker';
import {
  ACCEPT_REQUEST,
  DECLINE_REQUEST,
  publishedSession,
  PublishedSession,
  registered,
  SEND_REQUEST,
} from './support/booking-fixtures';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #24 point 2: an organiser caps the requests each person may have waiting for an answer in
 * a session, and sets how long a request stays open before it expires (the Ticker expires it, both
 * sides are told, as at the session's start).
 */
const SESSION = `query($id: ID!) { session(id: $id) { requestCap requestExpiryHours } }`;
const UPDATE_SESSION = `mutation($id: ID!, $input: UpdateSessionInput!) { updateSession(id: $id, input: $input) { requestCap requestExpiryHours } }`;
const NOW = new Date('2027-01-20T09:00:00Z');
const HOUR = 3_600_000;

let t: TestApp;
let session: PublishedSession;
let sender: TestUser;
const receivers: TestUser[] = [];

const send = (to: TestUser, from = sender) =>
  from.client.request(SEND_REQUEST, { input: { sessionId: session.id, toUserId: to.user.id, message: 'Helo' } });
const statusOf = async (id: string) =>
  (await t.db.sql<{ status: string }>('SELECT status FROM meeting_requests WHERE id = ?', [id])).rows[0]!.status;

beforeAll(async () => {
  t = await startTestApp({ now: NOW });
  session = await publishedSession(t, { requestCap: 2, requestExpiryHours: 48 });
  sender = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
  for (let i = 0; i < 3; i++) receivers.push(await registered(t, session.id, [Role.COMMISSIONER], 'HOST'));
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe(`request limits on ${process.env.TEST_DB ?? 'sqlite'}`, () => {
  it('caps the requests a person has waiting for an answer; an answer frees a place', async () => {
    expect((await sender.client.data(SESSION, { id: session.id })).session).toEqual({
      requestCap: 2,
      requestExpiryHours: 48,
    });
    const first = (await send(receivers[0]!)).data!.sendMeetingRequest.id as string;
    await send(receivers[1]!);
    const before = await t.countRows('meeting_requests');
    const refused = await send(receivers[2]!);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'REQUEST_CAP_REACHED', cap: 2 });
    expect(await t.countRows('meeting_requests')).toBe(before);
    // Others are not held back by the sender's cap.
    expect((await send(sender, receivers[2]!)).errors).toBeUndefined();

    await receivers[0]!.client.data(DECLINE_REQUEST, { input: { requestId: first, reason: '' } });
    expect((await send(receivers[2]!)).errors).toBeUndefined();
  });

  it('lets the organiser change or lift the limits; bad values change nothing', async () => {
    const organiser = session.organiser;
    for (const input of [
      { requestCap: 0 },
      { requestCap: 10_001 },
      { requestExpiryHours: 0 },
      { requestExpiryHours: 24 * 366 },
    ])
      expect(await organiser.client.errorCode(UPDATE_SESSION, { id: session.id, input })).toBe('BAD_USER_INPUT');
    expect(await sender.client.errorCode(UPDATE_SESSION, { id: session.id, input: { requestCap: 9 } })).toBe(
      'FORBIDDEN',
    );
    expect((await organiser.client.data(SESSION, { id: session.id })).session).toEqual({
      requestCap: 2,
      requestExpiryHours: 48,
    });
    expect(
      (await organiser.client.data(UPDATE_SESSION, { id: session.id, input: { requestCap: null } })).updateSession,
    ).toEqual({ requestCap: null, requestExpiryHours: 48 });
    const extra = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
    expect((await send(extra)).errors).toBeUndefined();
  });

  it('expires requests left unanswered for the set hours: refused to answer, then ended by the Ticker with notice', async () => {
    const late = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
    t.clock.advance(HOUR);
    const young = (await send(late)).data!.sendMeetingRequest.id as string;
    const open = await t.db.sql<{ id: string }>(
      `SELECT id FROM meeting_requests WHERE status = 'PENDING' AND id <> ?`,
      [young],
    );
    expect(open.rows.length).toBeGreaterThan(0);

    t.clock.advance(47 * HOUR);
    // 48 hours after the older ones were sent: they can no longer be answered, even before the Ticker runs.
    const old = await t.db.sql<{ id: string }>(
      `SELECT id FROM meeting_requests WHERE status = 'PENDING' AND to_user_id = ?`,
      [sender.user.id],
    );
    expect(
      await sender.client.errorCode(ACCEPT_REQUEST, {
        input: { requestId: old.rows[0]!.id, placement: 'AUTO_SCHEDULE' },
      }),
    ).toBe('REQUEST_EXPIRED');

    await t.app.get(Ticker).runNow();
    for (const { id } of open.rows) expect(await statusOf(id)).toBe('EXPIRED');
    expect(await statusOf(young)).toBe('PENDING');
    const told = await t.db.sql<{ recipient_id: string }>(
      `SELECT recipient_id FROM outbox WHERE kind = 'REQUEST_EXPIRED' AND request_id = ?`,
      [old.rows[0]!.id],
    );
    expect(told.rows.length).toBe(2);

    t.clock.advance(HOUR);
    await t.app.get(Ticker).runNow();
    expect(await statusOf(young)).toBe('EXPIRED');
    t.clock.set(NOW);
  });
});
