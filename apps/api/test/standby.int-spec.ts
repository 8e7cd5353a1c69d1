import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Language, Role } from '../src/core/auth/role';
import { Ticker } from '../src/core/clock/ticker';
import { LiveEvents } from '../src/core/realtime/live-events';
import { BookingTopics } from '../src/modules/booking/booking-live';
import { STANDBY_CLAIM_WINDOW_MS } from '../src/modules/booking/standby.service';
import { OutboxWorker } from '../src/modules/notifications/outbox-worker';
import {
  BOOK,
  CANCEL,
  offer,
  OFFERS,
  publishedSession,
  PublishedSession,
  registered,
  SEND_REQUEST,
} from './support/booking-fixtures';
import { eventually } from './support/livekit-harness';
import { LiveClient } from './support/live-client';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #24 point 3: standby lists on full offers. A freed seat is held for the first in line
 * (e-mail in their language, live update), passes to the next when unclaimed by the API's clock,
 * and a claim is decided by the database like a booking.
 */
const JOIN = `mutation($offerId: ID!) { joinStandby(offerId: $offerId) { offerId status position claimUntil } }`;
const LEAVE = `mutation($offerId: ID!) { leaveStandby(offerId: $offerId) }`;
const CLAIM = `mutation($offerId: ID!) { claimStandbySeat(offerId: $offerId) { id status participants { role person { id } } } }`;
const MINE = `query($sessionId: ID!) { myStandby(sessionId: $sessionId) { offerId status position claimUntil } }`;
const LEAVE_SESSION = `mutation($input: LeaveSessionInput!) { leaveSession(input: $input) }`;
const OFFERED_SUB = `subscription { standbySeatOffered { offerId status position claimUntil } }`;

const NOW = new Date('2027-01-30T09:00:00Z');
let t: TestApp;
let sink: SmtpSink;
let session: PublishedSession;
let host: TestUser;

const guest = (language = Language.en) =>
  registered(t, session.id, [Role.PRACTITIONER], 'GUEST').then(async (u) => {
    if (language !== Language.en)
      await t.db.sql('UPDATE users SET preferred_language = ? WHERE id = ?', [language, u.user.id]);
    return u;
  });
const codeOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.[0]?.extensions?.code;
const activeGuests = async (offerId: string) =>
  Number(
    (
      await t.db.sql<{ n: number }>(
        `SELECT COUNT(*) AS n FROM meeting_participants WHERE offer_id = ? AND active AND role = 'GUEST'`,
        [offerId],
      )
    ).rows[0]!.n,
  );

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startTestApp({ now: NOW, config: { smtpUrl: sink.url } });
  session = await publishedSession(t, { endsAt: '2027-02-01T15:00:00.000Z', breakSlotIndexes: [] });
  host = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
}, 60_000);

afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe(`standby on ${process.env.TEST_DB ?? 'sqlite'}`, () => {
  it('joins only full offers, in order; a freed seat is held for the first (Welsh e-mail, live update), passes on unclaimed, and is claimed', async () => {
    const [oneToOne, free] = await offer(host, session.id, [0, 1], 1);
    const [a, b, c, stranger] = [await guest(), await guest(Language.cy), await guest(), await guest()];
    const booked = (await a.client.data(BOOK, { offerId: oneToOne!.id })).bookSlot;

    expect(codeOf(await b.client.request(JOIN, { offerId: free!.id }))).toBe('OFFER_HAS_SEATS');
    expect(codeOf(await a.client.request(JOIN, { offerId: oneToOne!.id }))).toBe('ALREADY_BOOKED');
    expect(codeOf(await host.client.request(JOIN, { offerId: oneToOne!.id }))).toBe('CANNOT_BOOK_SELF');
    const outsider = await t.createUser({ roles: [Role.PRACTITIONER] });
    expect(codeOf(await outsider.client.request(JOIN, { offerId: oneToOne!.id }))).toBe('NOT_REGISTERED');
    expect(codeOf(await c.client.request(CLAIM, { offerId: oneToOne!.id }))).toBe('STANDBY_NOT_OFFERED');
    expect(codeOf(await c.client.request(LEAVE, { offerId: oneToOne!.id }))).toBe('NOT_ON_STANDBY');
    expect(await t.countRows('standby_entries')).toBe(0);

    expect((await b.client.data(JOIN, { offerId: oneToOne!.id })).joinStandby).toEqual({
      offerId: oneToOne!.id,
      status: 'WAITING',
      position: 1,
      claimUntil: null,
    });
    expect((await c.client.data(JOIN, { offerId: oneToOne!.id })).joinStandby).toMatchObject({
      status: 'WAITING',
      position: 2,
    });
    // Joining again keeps one's place.
    expect((await b.client.data(JOIN, { offerId: oneToOne!.id })).joinStandby).toMatchObject({ position: 1 });

    const live = LiveClient.open(t.url, b.client);
    const offered = live.subscribe<{ standbySeatOffered: Record<string, unknown> }>(OFFERED_SUB, {});
    await eventually(() => t.app.get(LiveEvents).listeners(BookingTopics.standbyFor(b.user.id)) === 1);

    await a.client.data(CANCEL, { input: { meetingId: booked.id, reason: 'Salwch' } });
    const claimUntil = new Date(NOW.getTime() + STANDBY_CLAIM_WINDOW_MS).toISOString();
    expect((await offered.next()).standbySeatOffered).toEqual({
      offerId: oneToOne!.id,
      status: 'OFFERED',
      position: 1,
      claimUntil,
    });
    await live.close();
    // The seat is held: nobody else can book it, and it shows as full.
    expect(codeOf(await stranger.client.request(BOOK, { offerId: oneToOne!.id }))).toBe('SLOT_TAKEN');
    const offers = (await stranger.client.data(OFFERS, { sessionId: session.id })).sessionOffers as {
      id: string;
      seatsLeft: number;
    }[];
    expect(offers.find((o) => o.id === oneToOne!.id)!.seatsLeft).toBe(0);

    await t.app.get(OutboxWorker).runOnce();
    const mail = sink.mails.find((m) => m.parsed.subject?.startsWith('Mae lle’n rhydd i chi'));
    expect(mail?.to).toEqual([b.user.email]);
    expect(mail!.parsed.text).toContain('amser y DU');
    expect(mail!.parsed.text).toContain(`/sessions/${session.id}`);

    // The window closes by the API's clock: the claim is refused, and the Ticker passes the seat on.
    t.clock.advance(STANDBY_CLAIM_WINDOW_MS);
    expect(codeOf(await b.client.request(CLAIM, { offerId: oneToOne!.id }))).toBe('STANDBY_CLAIM_EXPIRED');
    await t.app.get(Ticker).runNow();
    expect((await b.client.data(MINE, { sessionId: session.id })).myStandby).toEqual([]);
    expect(codeOf(await b.client.request(CLAIM, { offerId: oneToOne!.id }))).toBe('STANDBY_NOT_OFFERED');
    expect((await c.client.data(MINE, { sessionId: session.id })).myStandby).toEqual([
      {
        offerId: oneToOne!.id,
        status: 'OFFERED',
        position: 1,
        claimUntil: new Date(t.clock.now().getTime() + STANDBY_CLAIM_WINDOW_MS).toISOString(),
      },
    ]);

    const claimed = (await c.client.data(CLAIM, { offerId: oneToOne!.id })).claimStandbySeat;
    expect(claimed.status).toBe('CONFIRMED');
    expect(claimed.participants.map((p: { person: { id: string } }) => p.person.id).sort()).toEqual(
      [host.user.id, c.user.id].sort(),
    );
    expect((await c.client.data(MINE, { sessionId: session.id })).myStandby).toEqual([]);
    expect(codeOf(await c.client.request(CLAIM, { offerId: oneToOne!.id }))).toBe('STANDBY_NOT_OFFERED');
    t.clock.set(NOW);
  }, 60_000);

  it('a guest who can’t make it frees their group seat: the host hears why; leaving standby while offered passes the seat on', async () => {
    const [group] = await offer(host, session.id, [2], 2);
    const [g1, g2, w1, w2] = [await guest(), await guest(), await guest(), await guest()];
    const meetingId = (await g1.client.data(BOOK, { offerId: group!.id })).bookSlot.id;
    await g2.client.data(BOOK, { offerId: group!.id });
    await w1.client.data(JOIN, { offerId: group!.id });
    await w2.client.data(JOIN, { offerId: group!.id });

    expect(
      (await g1.client.data(CANCEL, { input: { meetingId, reason: 'Flare-up today' } })).cancelMeeting.status,
    ).toBe('CONFIRMED');
    const { rows } = await t.db.sql<{ kind: string; recipient_id: string; payload: string }>(
      `SELECT kind, recipient_id, payload FROM outbox WHERE kind IN ('GUEST_LEFT', 'STANDBY_OFFERED') AND created_at = ?`,
      [t.db.instant(NOW)],
    );
    const left = rows.filter((r) => r.kind === 'GUEST_LEFT');
    expect(left.map((r) => r.recipient_id)).toEqual([host.user.id]);
    expect(JSON.parse(left[0]!.payload)).toMatchObject({ reason: 'Flare-up today', fromId: g1.user.id });
    expect((await w1.client.data(MINE, { sessionId: session.id })).myStandby[0]).toMatchObject({ status: 'OFFERED' });

    await w1.client.data(LEAVE, { offerId: group!.id });
    expect((await w2.client.data(MINE, { sessionId: session.id })).myStandby[0]).toMatchObject({
      status: 'OFFERED',
      position: 1,
    });
    await w2.client.data(CLAIM, { offerId: group!.id });
    expect(await activeGuests(group!.id)).toBe(2);
  }, 60_000);

  it('a host who raises an offer’s seats offers the new seats to standby, in line order', async () => {
    const [grown] = await offer(host, session.id, [6], 1);
    const [seated, w1, w2, w3] = [await guest(), await guest(), await guest(), await guest()];
    await seated.client.data(BOOK, { offerId: grown!.id });
    for (const w of [w1, w2, w3]) await w.client.data(JOIN, { offerId: grown!.id });

    // Two more seats: the first two in line are offered one each; the third keeps waiting.
    await offer(host, session.id, [6], 3);
    const placeOf = async (w: TestUser) => (await w.client.data(MINE, { sessionId: session.id })).myStandby[0];
    expect(await placeOf(w1)).toMatchObject({ offerId: grown!.id, status: 'OFFERED' });
    expect(await placeOf(w2)).toMatchObject({ offerId: grown!.id, status: 'OFFERED' });
    expect(await placeOf(w3)).toMatchObject({ status: 'WAITING', position: 3 });
    const told = await t.db.sql<{ recipient_id: string }>(
      `SELECT recipient_id FROM outbox WHERE kind = 'STANDBY_OFFERED' AND recipient_id IN (?, ?, ?)`,
      [w1.user.id, w2.user.id, w3.user.id],
    );
    expect(told.rows.map((r) => r.recipient_id).sort()).toEqual([w1.user.id, w2.user.id].sort());
    const offers = (await w3.client.data(OFFERS, { sessionId: session.id })).sessionOffers as {
      id: string;
      seatsLeft: number;
    }[];
    expect(offers.find((o) => o.id === grown!.id)!.seatsLeft).toBe(0);
    // Re-offering the same seats offers nothing more.
    await offer(host, session.id, [6], 3);
    expect(await placeOf(w3)).toMatchObject({ status: 'WAITING' });
    await w2.client.data(CLAIM, { offerId: grown!.id });
    expect(await activeGuests(grown!.id)).toBe(2);
  }, 60_000);
});

describe(`leaving a session on ${process.env.TEST_DB ?? 'sqlite'}`, () => {
  it('cancels their meetings in it with notice, offers the freed seats to standby, ends their requests and registration', async () => {
    const [oneToOne] = await offer(host, session.id, [7], 1);
    const [leaver, waiting] = [await guest(), await guest()];
    const meetingId = (await leaver.client.data(BOOK, { offerId: oneToOne!.id })).bookSlot.id;
    await waiting.client.data(JOIN, { offerId: oneToOne!.id });
    const request = (
      await leaver.client.data(SEND_REQUEST, {
        input: { sessionId: session.id, toUserId: waiting.user.id, message: 'Hello' },
      })
    ).sendMeetingRequest;

    expect(
      codeOf(await leaver.client.request(LEAVE_SESSION, { input: { sessionId: session.id, reason: 'x'.repeat(501) } })),
    ).toBe('BAD_USER_INPUT');
    expect(
      (await leaver.client.data(LEAVE_SESSION, { input: { sessionId: session.id, reason: 'Moving away' } }))
        .leaveSession,
    ).toBe(true);

    const meeting = await t.db.sql<{ status: string; cancel_reason: string }>(
      'SELECT status, cancel_reason FROM meetings WHERE id = ?',
      [meetingId],
    );
    expect(meeting.rows[0]).toEqual({ status: 'CANCELLED', cancel_reason: 'Moving away' });
    const told = await t.db.sql<{ recipient_id: string }>(
      `SELECT recipient_id FROM outbox WHERE kind = 'CANCELLED' AND meeting_id = ?`,
      [meetingId],
    );
    expect(told.rows.map((r) => r.recipient_id).sort()).toEqual([host.user.id, leaver.user.id].sort());
    expect((await waiting.client.data(MINE, { sessionId: session.id })).myStandby[0]).toMatchObject({
      offerId: oneToOne!.id,
      status: 'OFFERED',
    });
    const requests = await t.db.sql<{ status: string }>('SELECT status FROM meeting_requests WHERE id = ?', [
      request.id,
    ]);
    expect(requests.rows[0]!.status).toBe('WITHDRAWN');
    expect(
      await t.db.sql('SELECT 1 FROM registrations WHERE session_id = ? AND user_id = ?', [session.id, leaver.user.id]),
    ).toMatchObject({ rows: [] });
    expect(codeOf(await leaver.client.request(LEAVE_SESSION, { input: { sessionId: session.id } }))).toBe(
      'NOT_REGISTERED',
    );
    expect(codeOf(await leaver.client.request(BOOK, { offerId: oneToOne!.id }))).toBe('NOT_REGISTERED');
  }, 60_000);
});

describe(`standby claim races on ${process.env.TEST_DB ?? 'sqlite'}`, () => {
  const CLAIMS = 100;
  const BOOKERS = 30;

  it(`gives a held seat to exactly one of ${CLAIMS} concurrent claims, while ${BOOKERS} others try to book it`, async () => {
    const bookers = await Promise.all(Array.from({ length: BOOKERS }, () => guest()));
    for (const [round, slotIndex] of [3, 4, 5].entries()) {
      const [group] = await offer(host, session.id, [slotIndex], 3);
      const seated = [await guest(), await guest(), await guest()];
      let meetingId = '';
      for (const g of seated) meetingId = (await g.client.data(BOOK, { offerId: group!.id })).bookSlot.id;
      const claimant = await guest();
      await claimant.client.data(JOIN, { offerId: group!.id });
      // Round 0: a guest leaves; the others: the host cancels the whole meeting (all three seats free, one in line).
      if (round === 0) await seated[0]!.client.data(CANCEL, { input: { meetingId, reason: '' } });
      else await host.client.data(CANCEL, { input: { meetingId, reason: 'race' } });

      const results = await Promise.all([
        ...Array.from({ length: CLAIMS }, () => claimant.client.request(CLAIM, { offerId: group!.id })),
        ...bookers.map((b) => b.client.request(BOOK, { offerId: group!.id })),
      ]);
      const claims = results.slice(0, CLAIMS);
      expect(
        claims.filter((r) => r.data?.claimStandbySeat),
        `round ${round}`,
      ).toHaveLength(1);
      expect(new Set(claims.filter((r) => r.errors).map(codeOf)), `round ${round}`).toEqual(
        new Set(['STANDBY_NOT_OFFERED']),
      );
      const bookings = results.slice(CLAIMS);
      const won = bookings.filter((r) => r.data?.bookSlot).length;
      // Round 0: the held seat was the only free one. Otherwise two more were free for anyone.
      expect(won, `round ${round}`).toBe(round === 0 ? 0 : 2);
      expect(new Set(bookings.filter((r) => r.errors).map(codeOf)), `round ${round}`).toEqual(new Set(['SLOT_TAKEN']));
      expect(await activeGuests(group!.id), `round ${round}`).toBe(3);
      // A booker may already have a seat from an earlier round at another time; nobody is seated twice in a slot.
      const { rows } = await t.db.sql<{ n: number }>(
        `SELECT COUNT(*) AS n FROM (SELECT user_id, slot_id FROM meeting_participants WHERE active GROUP BY user_id, slot_id HAVING COUNT(*) > 1) x`,
      );
      expect(Number(rows[0]!.n)).toBe(0);
    }
  }, 180_000);
});
