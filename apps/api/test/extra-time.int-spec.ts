import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { SchedulingService } from '../src/modules/matching/scheduling.service';
import { OutboxWorker } from '../src/modules/notifications/outbox-worker';
import {
  ACCEPT_REQUEST,
  CANCEL,
  offer,
  publishedSession,
  PublishedSession,
  registered,
} from './support/booking-fixtures';
import { calendarsOf } from './support/calendar-check';
import { ReceivedMail, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Extra time (issue #22 point 2): a booking with extraTime takes the offer's slot and the next
 * one the same host offers; both are held for everyone in it, on this engine (TEST_DB). The session
 * has twelve 10-minute slots from 10:00; slot 6 is a break.
 */
const BOOK_EXTRA = `mutation($offerId: ID!, $extraTime: Boolean) { bookSlot(offerId: $offerId, extraTime: $extraTime) { id status startsAt endsAt extraTime } }`;
const RESCHEDULE = `mutation($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { id startsAt endsAt extraTime } }`;
const SEND = `mutation($input: SendMeetingRequestInput!) { sendMeetingRequest(input: $input) { id extraTime } }`;
const MEETING_TIMES = `query($id: ID!) { meeting(id: $id) { id startsAt endsAt extraTime status } }`;
const START = `mutation($sessionId: ID!) { startAutoSchedule(sessionId: $sessionId) { id } }`;
const PUBLISH_RUN = `mutation($id: ID!) { publishAutoSchedule(id: $id) { meetingIds } }`;
const SEATS_LEFT = `query($sessionId: ID!, $hostId: ID) { sessionOffers(sessionId: $sessionId, hostId: $hostId) { id seatsLeft slot { index } } }`;

let t: TestApp;
let sink: SmtpSink;
let session: PublishedSession;

const at = (minutes: number) => new Date(Date.parse('2027-02-01T10:00:00.000Z') + minutes * 60_000).toISOString();

async function guest(): Promise<TestUser> {
  return registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
}

async function host(slotIndexes: number[]): Promise<{ host: TestUser; offers: Map<number, string> }> {
  const h = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
  const offers = await offer(h, session.id, slotIndexes);
  return { host: h, offers: new Map(offers.map((o) => [o.slot.index, o.id])) };
}

/** Every (person, slot) held by more than one live meeting or hold row: must always be none. */
async function doubleHeld(): Promise<number> {
  const { rows } = await t.db.sql<{ n: number }>(
    `SELECT COUNT(*) AS n FROM (SELECT user_id, slot_id FROM meeting_participants WHERE active OR extra_hold
       GROUP BY user_id, slot_id HAVING COUNT(*) > 1) x`,
  );
  return Number(rows[0]!.n);
}

/** The slot indexes a person is held in (in a meeting or by its extra time). */
async function heldSlots(person: TestUser): Promise<number[]> {
  const { rows } = await t.db.sql<{ idx: number }>(
    `SELECT s.idx FROM meeting_participants p JOIN slots s ON s.id = p.slot_id
      WHERE p.user_id = ? AND (p.active OR p.extra_hold) ORDER BY s.idx`,
    [person.user.id],
  );
  return rows.map((r) => Number(r.idx));
}

async function seatsLeft(hostUser: TestUser): Promise<Record<number, number>> {
  const { sessionOffers } = await hostUser.client.data(SEATS_LEFT, { sessionId: session.id, hostId: hostUser.user.id });
  return Object.fromEntries(
    (sessionOffers as { seatsLeft: number; slot: { index: number } }[]).map((o) => [o.slot.index, o.seatsLeft]),
  );
}

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startTestApp({ now: new Date('2027-01-30T09:00:00Z'), config: { smtpUrl: sink.url } });
  session = await publishedSession(t);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe(`extra time on ${process.env.TEST_DB ?? 'sqlite'}`, () => {
  it('takes the slot and the next one: the meeting ends with the second, both are held, .ics DTEND follows', async () => {
    const { host: h, offers } = await host([0, 1, 2]);
    const g = await guest();
    const worker = t.app.get(OutboxWorker);
    await worker.runOnce();
    sink.mails.length = 0;

    const { bookSlot } = await g.client.data(BOOK_EXTRA, { offerId: offers.get(0), extraTime: true });
    expect(bookSlot).toMatchObject({ startsAt: at(0), endsAt: at(20), extraTime: true, status: 'CONFIRMED' });
    expect(await heldSlots(g)).toEqual([0, 1]);
    expect(await heldSlots(h)).toEqual([0, 1]);
    // The host's offer of slot 1 is no longer bookable: they are in the extra time.
    expect(await seatsLeft(h)).toMatchObject({ 0: 0, 1: 0, 2: 1 });
    const other = await guest();
    const refused = await other.client.request(BOOK_EXTRA, { offerId: offers.get(1) });
    expect(refused.errors?.[0]?.extensions?.code).toBe('PARTICIPANT_BUSY');
    expect(await heldSlots(other)).toEqual([]);

    await worker.runOnce();
    const mails: ReceivedMail[] = [...sink.mails];
    expect(mails.length).toBeGreaterThanOrEqual(2);
    for (const mail of mails) {
      const [calendar] = calendarsOf(mail);
      expect(calendar!.event).toMatchObject({ startsAt: at(0), endsAt: at(20) });
    }

    // Cancelling frees both slots, for both people: the slot-1 offer can be booked again.
    await g.client.data(CANCEL, { input: { meetingId: bookSlot.id, reason: 'ill' } });
    expect(await heldSlots(g)).toEqual([]);
    expect(await heldSlots(h)).toEqual([]);
    expect(await seatsLeft(h)).toMatchObject({ 0: 1, 1: 1, 2: 1 });
    const rebooked = await other.client.data(BOOK_EXTRA, { offerId: offers.get(1), extraTime: true });
    expect(rebooked.bookSlot).toMatchObject({ startsAt: at(10), endsAt: at(30), extraTime: true });
    expect(await doubleHeld()).toBe(0);
  });

  it('refuses with NO_CONSECUTIVE_SLOT, changing nothing, when the next slot is taken, missing, a break or not offered', async () => {
    const { host: h, offers } = await host([2, 3, 5, 8]);
    const first = await guest();
    await first.client.data(BOOK_EXTRA, { offerId: offers.get(3) });
    const g = await guest();
    const cases: [number, string][] = [
      [2, 'NOT_FREE'], // the host is in a meeting in slot 3
      [5, 'NO_NEXT_SLOT'], // slot 6 is a break
      [8, 'NOT_OFFERED'], // the host does not offer slot 9
    ];
    for (const [index, reason] of cases) {
      const result = await g.client.request(BOOK_EXTRA, { offerId: offers.get(index), extraTime: true });
      expect(result.errors?.[0]?.extensions, `slot ${index}`).toMatchObject({ code: 'NO_CONSECUTIVE_SLOT', reason });
    }
    const notFree = await g.client.request(BOOK_EXTRA, { offerId: offers.get(2), extraTime: true });
    expect(notFree.errors?.[0]?.extensions?.userIds).toEqual([h.user.id]);
    expect(await heldSlots(g)).toEqual([]);
    expect(await seatsLeft(h)).toMatchObject({ 2: 1, 3: 0, 5: 1, 8: 1 });
    // Without extra time the same slots are bookable.
    await g.client.data(BOOK_EXTRA, { offerId: offers.get(2) });
    expect(await heldSlots(g)).toEqual([2]);
  });

  it('the last slot of the session has no next slot; a group offer takes no extra time', async () => {
    const h = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
    const [last] = await offer(h, session.id, [11]);
    const [group] = await offer(h, session.id, [9], 3);
    const g = await guest();
    const noNext = await g.client.request(BOOK_EXTRA, { offerId: last!.id, extraTime: true });
    expect(noNext.errors?.[0]?.extensions).toMatchObject({ code: 'NO_CONSECUTIVE_SLOT', reason: 'NO_NEXT_SLOT' });
    const grouped = await g.client.request(BOOK_EXTRA, { offerId: group!.id, extraTime: true });
    expect(grouped.errors?.[0]?.extensions).toMatchObject({ code: 'NO_CONSECUTIVE_SLOT', reason: 'GROUP_OFFER' });
    expect(await heldSlots(g)).toEqual([]);
  });

  it('rescheduling keeps the length: the slot after the new one is taken too, the old two are freed', async () => {
    const { host: h, offers } = await host([0]);
    await offer(h, session.id, [1]);
    const g = await guest();
    const { bookSlot } = await g.client.data(BOOK_EXTRA, { offerId: offers.get(0), extraTime: true });
    const slotId = (index: number) => session.slots.find((s) => s.index === index)!.id;
    const last = await g.client.request(RESCHEDULE, { input: { meetingId: bookSlot.id, slotId: slotId(11) } });
    expect(last.errors?.[0]?.extensions).toMatchObject({ code: 'NO_CONSECUTIVE_SLOT', reason: 'NO_NEXT_SLOT' });
    expect(await heldSlots(g)).toEqual([0, 1]);
    const { rescheduleMeeting } = await g.client.data(RESCHEDULE, {
      input: { meetingId: bookSlot.id, slotId: slotId(9) },
    });
    expect(rescheduleMeeting).toMatchObject({ startsAt: at(90), endsAt: at(110), extraTime: true });
    expect(await heldSlots(g)).toEqual([9, 10]);
    expect(await heldSlots(h)).toEqual([9, 10]);
    expect(await doubleHeld()).toBe(0);
  });

  it('of concurrent bookings that overlap on a second slot, exactly one wins', async () => {
    const rounds = 4;
    for (let round = 0; round < rounds; round++) {
      // Slots 7, 8, 9 of a fresh host: every racer needs the host in slot 8.
      const { host: h, offers } = await host([7, 8, 9]);
      const racers = await Promise.all(Array.from({ length: 12 }, () => guest()));
      const results = await Promise.all(
        racers.map((r, i) =>
          r.client.request(BOOK_EXTRA, {
            offerId: offers.get(i % 3 === 0 ? 7 : 8),
            extraTime: i % 3 !== 2,
          }),
        ),
      );
      const winners = results.filter((r) => r.data?.bookSlot);
      expect(winners, `round ${round}`).toHaveLength(1);
      const codes = new Set(results.flatMap((r) => r.errors?.map((e) => e.extensions?.code) ?? []));
      expect(
        [...codes].every((c) => ['SLOT_TAKEN', 'PARTICIPANT_BUSY', 'NO_CONSECUTIVE_SLOT'].includes(String(c))),
      ).toBe(true);
      expect((await heldSlots(h)).filter((i) => i === 8)).toEqual([8]);
      const held = await Promise.all(racers.map((r) => heldSlots(r)));
      expect(held.filter((slots) => slots.length > 0)).toHaveLength(1);
      expect(await doubleHeld()).toBe(0);
    }
  }, 120_000);

  it('a request asking for extra time is placed in two slots: a chosen slot, or the earliest pair everyone is free in', async () => {
    const h = await registered(t, session.id, [Role.COMMISSIONER], 'HOST', [0, 1, 2, 4, 5]);
    const g = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST', [0, 1, 2, 4, 5]);
    const first = (
      await g.client.data(SEND, { input: { sessionId: session.id, toUserId: h.user.id, extraTime: true } })
    ).sendMeetingRequest;
    expect(first.extraTime).toBe(true);
    const slotId = (index: number) => session.slots.find((s) => s.index === index)!.id;
    // Slot 2's next is slot 3, where neither is available.
    const refused = await h.client.request(ACCEPT_REQUEST, {
      input: { requestId: first.id, placement: 'SLOT', slotId: slotId(2) },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_AVAILABLE');
    const { acceptMeetingRequest } = await h.client.data(ACCEPT_REQUEST, {
      input: { requestId: first.id, placement: 'SLOT', slotId: slotId(4) },
    });
    const { meeting } = await h.client.data(MEETING_TIMES, { id: acceptMeetingRequest.meetingId });
    expect(meeting).toMatchObject({ startsAt: at(40), endsAt: at(60), extraTime: true });
    expect(await heldSlots(g)).toEqual([4, 5]);

    // Earliest mutual: slot 0 is taken by another meeting of the guest, so 1–2 is the first free pair.
    const k = await registered(t, session.id, [Role.COMMISSIONER], 'HOST', [0, 1, 2]);
    const [k0] = await offer(k, session.id, [0]);
    await g.client.data(BOOK_EXTRA, { offerId: k0!.id });
    const second = (
      await h.client.data(SEND, { input: { sessionId: session.id, toUserId: k.user.id, extraTime: true } })
    ).sendMeetingRequest;
    const earliest = await k.client.data(ACCEPT_REQUEST, {
      input: { requestId: second.id, placement: 'EARLIEST_MUTUAL' },
    });
    const placed = await k.client.data(MEETING_TIMES, { id: earliest.acceptMeetingRequest.meetingId });
    expect(placed.meeting).toMatchObject({ startsAt: at(10), endsAt: at(30), extraTime: true });
    expect(await heldSlots(k)).toEqual([0, 1, 2]);
  });

  it('the auto-schedule places an extra-time request in two free consecutive slots, around another meeting', async () => {
    const own = await publishedSession(t);
    const h = await registered(t, own.id, [Role.COMMISSIONER], 'HOST', [0, 1, 2, 3]);
    const g = await registered(t, own.id, [Role.PRACTITIONER], 'GUEST', [0, 1, 2, 3]);
    const a = await registered(t, own.id, [Role.PRACTITIONER], 'GUEST', [1]);
    for (const [from, extraTime] of [
      [g, true],
      [a, false],
    ] as const) {
      const { sendMeetingRequest } = await from.client.data(SEND, {
        input: { sessionId: own.id, toUserId: h.user.id, extraTime },
      });
      await h.client.data(ACCEPT_REQUEST, { input: { requestId: sendMeetingRequest.id, placement: 'AUTO_SCHEDULE' } });
    }
    const { startAutoSchedule } = await own.organiser.client.data(START, { sessionId: own.id });
    await t.app.get(SchedulingService).settled(startAutoSchedule.id);
    const { publishAutoSchedule } = await own.organiser.client.data(PUBLISH_RUN, { id: startAutoSchedule.id });
    const meetings = await Promise.all(
      (publishAutoSchedule.meetingIds as string[]).map(
        async (id) => (await h.client.data(MEETING_TIMES, { id })).meeting,
      ),
    );
    // A can only meet in slot 1, so G's two slots are 2–3 (0–1 and 1–2 would overlap A's).
    expect(meetings.map((m) => [m.startsAt, m.endsAt, m.extraTime]).sort()).toEqual([
      [at(10), at(20), false],
      [at(20), at(40), true],
    ]);
    const ownSlots = new Map(own.slots.map((s) => [s.id, s.index]));
    const { rows } = await t.db.sql<{ slot_id: string }>(
      `SELECT slot_id FROM meeting_participants WHERE user_id = ? AND (active OR extra_hold)`,
      [g.user.id],
    );
    expect(rows.map((r) => ownSlots.get(r.slot_id)).sort()).toEqual([2, 3]);
  });
});
