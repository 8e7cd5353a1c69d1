import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Language, Role } from '../src/core/auth/role';
import { GqlClient } from './support/gql-client';
import { offer, publishedSession, PublishedSession, registered } from './support/booking-fixtures';
import { startTestApp, TEST_ENGINE, TestApp, TestUser } from './support/test-app';

/**
 * Issue #18 point 2: booking, joining a group and cancelling in as few statements as the
 * invariant allows — counted whole per request (x-sql-statements) — while a seat held for
 * someone on standby stays theirs on every path (a new meeting and a group's last seat), and the
 * e-mails still go out in each recipient's own language.
 */
const BOOK = `mutation($offerId: ID!) { bookSlot(offerId: $offerId) { id } }`;
const CANCEL = `mutation($input: CancelMeetingInput!) { cancelMeeting(input: $input) { id status } }`;
const JOIN = `mutation($offerId: ID!) { joinStandby(offerId: $offerId) { status } }`;
const CLAIM = `mutation($offerId: ID!) { claimStandbySeat(offerId: $offerId) { id } }`;
const ME = `query { me { id } }`;

/** Statements per request, login look-up included (cached after the first request). */
const LIMITS =
  TEST_ENGINE === 'postgres' ? { book: 7, join: 7, cancel: 6, leave: 6 } : { book: 7, join: 7, cancel: 7, leave: 6 };

const NOW = new Date('2027-01-30T09:00:00Z');
let t: TestApp;
let session: PublishedSession;
let host: TestUser;

const guest = async (language = Language.en) => {
  const u = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
  if (language !== Language.en)
    await t.db.sql('UPDATE users SET preferred_language = ? WHERE id = ?', [language, u.user.id]);
  await u.client.data(ME); // the sign-in is read once and then cached
  return u;
};
const statements = async (client: GqlClient, query: string, variables: Record<string, unknown>) => {
  const response = await client.request(query, variables);
  return {
    data: response.data as Record<string, { id: string; status?: string } | undefined>,
    code: response.errors?.[0]?.extensions?.code,
    count: Number(response.headers.get('x-sql-statements')),
  };
};
const outbox = async (meetingId: string) =>
  (
    await t.db.sql<{ recipient_id: string; language: string; kind: string }>(
      'SELECT recipient_id, language, kind FROM outbox WHERE meeting_id = ? ORDER BY created_at',
      [meetingId],
    )
  ).rows;

beforeAll(async () => {
  t = await startTestApp({ now: NOW });
  session = await publishedSession(t, { endsAt: '2027-02-01T15:00:00.000Z', breakSlotIndexes: [] });
  host = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe(`booking's statements on ${TEST_ENGINE}`, () => {
  it('books, joins a group and cancels within the limits; e-mails in each recipient’s language', async () => {
    const [group] = await offer(host, session.id, [0], 2);
    const [a, b] = [await guest(Language.cy), await guest()];

    const booked = await statements(a.client, BOOK, { offerId: group!.id });
    expect(booked.code).toBeUndefined();
    expect(booked.count).toBeLessThanOrEqual(LIMITS.book);
    const meetingId = booked.data.bookSlot!.id;

    const joined = await statements(b.client, BOOK, { offerId: group!.id });
    expect(joined.code).toBeUndefined();
    expect(joined.data.bookSlot!.id).toBe(meetingId);
    expect(joined.count).toBeLessThanOrEqual(LIMITS.join);

    const left = await statements(b.client, CANCEL, { input: { meetingId, reason: 'x' } });
    expect(left.data.cancelMeeting!.status).toBe('CONFIRMED');
    expect(left.count).toBeLessThanOrEqual(LIMITS.leave);

    const cancelled = await statements(a.client, CANCEL, { input: { meetingId, reason: 'x' } });
    expect(cancelled.data.cancelMeeting!.status).toBe('CANCELLED');
    expect(cancelled.count).toBeLessThanOrEqual(LIMITS.cancel);

    const mails = await outbox(meetingId);
    const languageOf = (id: string) => new Set(mails.filter((m) => m.recipient_id === id).map((m) => m.language));
    expect(languageOf(a.user.id)).toEqual(new Set(['cy']));
    expect(languageOf(b.user.id)).toEqual(new Set(['en']));
    expect(mails.some((m) => m.recipient_id === host.user.id && m.kind === 'CANCELLED')).toBe(true);
  });

  it('a one-to-one seat held for standby is not booked by a stranger (new meeting), only claimed', async () => {
    const [single] = await offer(host, session.id, [1], 1);
    const [a, waiting, stranger] = [await guest(), await guest(), await guest()];
    const meetingId = (await a.client.data(BOOK, { offerId: single!.id })).bookSlot.id;
    expect((await waiting.client.data(JOIN, { offerId: single!.id })).joinStandby.status).toBe('WAITING');
    await a.client.data(CANCEL, { input: { meetingId, reason: 'x' } });

    expect((await statements(stranger.client, BOOK, { offerId: single!.id })).code).toBe('SLOT_TAKEN');
    expect((await waiting.client.data(CLAIM, { offerId: single!.id })).claimStandbySeat.id).toBeTruthy();
  });

  it('a group’s last seat held for standby is not taken by a stranger (joining), only claimed', async () => {
    const [group] = await offer(host, session.id, [2], 2);
    const [a, b, waiting, stranger] = [await guest(), await guest(), await guest(), await guest()];
    const meetingId = (await a.client.data(BOOK, { offerId: group!.id })).bookSlot.id;
    await b.client.data(BOOK, { offerId: group!.id });
    expect((await waiting.client.data(JOIN, { offerId: group!.id })).joinStandby.status).toBe('WAITING');
    // b leaves: the meeting goes on with a, and b's seat is held for the one waiting.
    expect((await b.client.data(CANCEL, { input: { meetingId, reason: 'x' } })).cancelMeeting.status).toBe('CONFIRMED');

    expect((await statements(stranger.client, BOOK, { offerId: group!.id })).code).toBe('SLOT_TAKEN');
    expect((await waiting.client.data(CLAIM, { offerId: group!.id })).claimStandbySeat.id).toBe(meetingId);
    expect((await statements(stranger.client, BOOK, { offerId: group!.id })).code).toBe('SLOT_TAKEN');
  });
});
