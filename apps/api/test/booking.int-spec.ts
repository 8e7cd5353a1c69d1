import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { Ticker } from '../src/core/clock/ticker';
import {
  ACCEPT_REQUEST,
  AGENDA,
  BOOK,
  CANCEL,
  DECLINE_REQUEST,
  MEETING,
  OFFERS,
  offer,
  PublishedSession,
  publishedSession,
  REGISTER,
  registered,
  RESCHEDULE,
  SEND_REQUEST,
  THIRD_PARTY,
  WITHDRAW_REQUEST,
} from './support/booking-fixtures';
import { startTestApp, TestApp, TestUser } from './support/test-app';

const TABLES = ['meetings', 'meeting_participants', 'meeting_requests', 'offers', 'registrations'];

let t: TestApp;
let session: PublishedSession;
let commissioner: TestUser;
let linkWorker: TestUser;
let practitioner: TestUser;
let peer: TestUser;

async function counts(): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await t.countRows(table)] as const)));
}

/** Runs a call expected to fail and checks it changed no row. */
async function failsWithoutChange(user: TestUser, query: string, variables: Record<string, unknown>): Promise<string> {
  const before = await counts();
  const code = await user.client.errorCode(query, variables);
  expect(await counts()).toEqual(before);
  return code;
}

beforeAll(async () => {
  t = await startTestApp({ now: new Date('2027-01-30T09:00:00Z') });
  session = await publishedSession(t);
  commissioner = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
  linkWorker = await registered(t, session.id, [Role.LINK_WORKER], 'HOST');
  practitioner = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
  peer = await registered(t, session.id, [Role.PRACTITIONER], 'HOST');
});

afterAll(async () => {
  await t?.close();
});

describe('registration and offers', () => {
  it('rejects a second registration, hosting without a hosting role, and closed sessions', async () => {
    expect(await failsWithoutChange(practitioner, REGISTER, { input: { sessionId: session.id, role: 'GUEST' } })).toBe(
      'ALREADY_REGISTERED',
    );
    const organiser = await t.createUser({ roles: [Role.ORGANISER] });
    expect(await failsWithoutChange(organiser, REGISTER, { input: { sessionId: session.id, role: 'HOST' } })).toBe(
      'HOST_ROLE_REQUIRED',
    );
    expect(
      await failsWithoutChange(organiser, REGISTER, {
        input: { sessionId: '00000000-0000-4000-8000-000000000000', role: 'GUEST' },
      }),
    ).toBe('NOT_FOUND');
  });

  it('lets hosts offer slots but not guests, breaks or unknown slots', async () => {
    expect(
      await failsWithoutChange(
        practitioner,
        `mutation($input: OfferSlotsInput!) { offerSlots(input: $input) { id } }`,
        { input: { sessionId: session.id, slotIndexes: [0], seats: 1 } },
      ),
    ).toBe('NOT_A_HOST');
    expect(
      await failsWithoutChange(
        commissioner,
        `mutation($input: OfferSlotsInput!) { offerSlots(input: $input) { id } }`,
        { input: { sessionId: session.id, slotIndexes: [6], seats: 1 } },
      ),
    ).toBe('SLOT_IS_BREAK');
    expect(
      await failsWithoutChange(
        commissioner,
        `mutation($input: OfferSlotsInput!) { offerSlots(input: $input) { id } }`,
        { input: { sessionId: session.id, slotIndexes: [99], seats: 1 } },
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      await failsWithoutChange(
        commissioner,
        `mutation($input: OfferSlotsInput!) { offerSlots(input: $input) { id } }`,
        { input: { sessionId: session.id, slotIndexes: [0], seats: 0 } },
      ),
    ).toBe('BAD_USER_INPUT');
  });
});

describe('closed sessions and oversized input', () => {
  it('refuses bookings and registrations in a cancelled session, and drafts stay hidden', async () => {
    const other = await publishedSession(t);
    const host = await registered(t, other.id, [Role.LINK_WORKER], 'HOST');
    const guest = await registered(t, other.id, [Role.PRACTITIONER], 'GUEST');
    const [slot] = await offer(host, other.id, [0]);
    await other.organiser.client.data(
      `mutation($id: ID!) { cancelSession(id: $id, reason: "Storm warning") { status } }`,
      { id: other.id },
    );
    expect(await failsWithoutChange(guest, BOOK, { offerId: slot!.id })).toBe('SESSION_NOT_OPEN');
    const late = await t.createUser({ roles: [Role.PRACTITIONER] });
    expect(await failsWithoutChange(late, REGISTER, { input: { sessionId: other.id, role: 'GUEST' } })).toBe(
      'SESSION_NOT_OPEN',
    );

    const { createSession: draft } = await other.organiser.client.data(
      `mutation($input: CreateSessionInput!) { createSession(input: $input) { id } }`,
      {
        input: {
          titleCy: 'Drafft',
          titleEn: 'Draft',
          theme: 'OPEN',
          deliveryLanguage: 'cy',
          startsAt: '2027-03-01T10:00:00Z',
          endsAt: '2027-03-01T11:00:00Z',
          slotMinutes: 30,
        },
      },
    );
    expect(await failsWithoutChange(late, REGISTER, { input: { sessionId: draft.id, role: 'GUEST' } })).toBe(
      'NOT_FOUND',
    );
  });

  it('rejects oversized and malformed input with BAD_USER_INPUT', async () => {
    const input = { sessionId: session.id, toUserId: commissioner.user.id, message: 'x'.repeat(1001) };
    expect(await failsWithoutChange(practitioner, SEND_REQUEST, { input })).toBe('BAD_USER_INPUT');
    expect(
      await failsWithoutChange(practitioner, SEND_REQUEST, { input: { ...input, message: '', toUserId: 'someone' } }),
    ).toBe('BAD_USER_INPUT');
    expect(
      await failsWithoutChange(practitioner, CANCEL, {
        input: { meetingId: '00000000-0000-4000-8000-000000000000', reason: 'y'.repeat(501) },
      }),
    ).toBe('BAD_USER_INPUT');
  });
});

describe('booking a seat', () => {
  it('books a one-to-one, shows it on both agendas in London time, and refuses a second booking', async () => {
    const [slotOne] = await offer(commissioner, session.id, [1]);
    const { bookSlot } = await practitioner.client.data(BOOK, { offerId: slotOne!.id });
    expect(bookSlot).toMatchObject({ status: 'CONFIRMED', source: 'BOOKED', startsAt: '2027-02-01T10:10:00.000Z' });
    expect(bookSlot.participants.map((p: { role: string }) => p.role).sort()).toEqual(['GUEST', 'HOST']);

    for (const person of [practitioner, commissioner]) {
      const { myAgenda } = await person.client.data(AGENDA);
      const meeting = myAgenda.find((m: { id: string }) => m.id === bookSlot.id);
      expect(meeting).toMatchObject({
        startsAtLondon: '2027-02-01T10:10:00+00:00',
        endsAtLondon: '2027-02-01T10:20:00+00:00',
        session: { titleEn: 'Dance and Parkinson’s' },
        slot: { index: 1 },
      });
    }
    expect(await failsWithoutChange(peer, BOOK, { offerId: slotOne!.id })).toBe('SLOT_TAKEN');
    const { sessionOffers } = await practitioner.client.data(OFFERS, {
      sessionId: session.id,
      hostId: commissioner.user.id,
    });
    expect(sessionOffers.find((o: { id: string }) => o.id === slotOne!.id).seatsLeft).toBe(0);
  });

  it('keeps a person to one meeting per slot, and refuses own, unregistered, unknown and past bookings', async () => {
    const [commissionerSlot] = await offer(commissioner, session.id, [2]);
    const [linkSlot] = await offer(linkWorker, session.id, [2]);
    await practitioner.client.data(BOOK, { offerId: commissionerSlot!.id });
    expect(await failsWithoutChange(practitioner, BOOK, { offerId: linkSlot!.id })).toBe('SELF_BUSY');
    expect(await failsWithoutChange(linkWorker, BOOK, { offerId: linkSlot!.id })).toBe('CANNOT_BOOK_SELF');
    const stranger = await t.createUser({ roles: [Role.PRACTITIONER] });
    expect(await failsWithoutChange(stranger, BOOK, { offerId: linkSlot!.id })).toBe('NOT_REGISTERED');
    expect(await failsWithoutChange(practitioner, BOOK, { offerId: '00000000-0000-4000-8000-000000000000' })).toBe(
      'NOT_FOUND',
    );
    expect(await failsWithoutChange(practitioner, BOOK, { offerId: 'not-a-uuid' })).toBe('NOT_FOUND');

    const [early] = await offer(linkWorker, session.id, [0]);
    const now = t.clock.now();
    t.clock.set(new Date('2027-02-01T10:05:00Z'));
    try {
      expect(await failsWithoutChange(peer, BOOK, { offerId: early!.id })).toBe('SLOT_IN_PAST');
    } finally {
      t.clock.set(now);
    }
  });

  it('seats a group consultation up to its seats; a guest leaving frees a seat, the host cancelling ends it', async () => {
    const [group] = await offer(linkWorker, session.id, [3], 2);
    const guests = await Promise.all([0, 1, 2].map(() => registered(t, session.id, [Role.PRACTITIONER], 'GUEST')));
    const first = (await guests[0]!.client.data(BOOK, { offerId: group!.id })).bookSlot;
    const second = (await guests[1]!.client.data(BOOK, { offerId: group!.id })).bookSlot;
    expect(second.id).toBe(first.id);
    expect(await failsWithoutChange(guests[2]!, BOOK, { offerId: group!.id })).toBe('SLOT_TAKEN');

    const left = (await guests[0]!.client.data(CANCEL, { input: { meetingId: first.id, reason: 'clash' } }))
      .cancelMeeting;
    expect(left.status).toBe('CONFIRMED');
    const third = (await guests[2]!.client.data(BOOK, { offerId: group!.id })).bookSlot;
    expect(third.id).toBe(first.id);
    expect(third.participants.filter((p: { role: string }) => p.role === 'GUEST')).toHaveLength(2);

    const cancelled = (await linkWorker.client.data(CANCEL, { input: { meetingId: first.id, reason: 'unwell' } }))
      .cancelMeeting;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'unwell' });
    expect(await linkWorker.client.errorCode(CANCEL, { input: { meetingId: first.id, reason: 'again' } })).toBe(
      'INVALID_TRANSITION',
    );
    // The slot is free again: a new meeting starts on the same offer.
    const again = (await guests[0]!.client.data(BOOK, { offerId: group!.id })).bookSlot;
    expect(again.id).not.toBe(first.id);
  });

  it('lets only participants and the organiser cancel or see a meeting', async () => {
    const [slot] = await offer(peer, session.id, [4]);
    const meeting = (await practitioner.client.data(BOOK, { offerId: slot!.id })).bookSlot;
    expect(await failsWithoutChange(linkWorker, CANCEL, { input: { meetingId: meeting.id, reason: '' } })).toBe(
      'NOT_A_PARTICIPANT',
    );
    expect(await linkWorker.client.errorCode(MEETING, { id: meeting.id })).toBe('NOT_FOUND');
    expect((await session.organiser.client.data(MEETING, { id: meeting.id })).meeting.id).toBe(meeting.id);
  });
});

describe('rescheduling', () => {
  it('takes the new slot and frees the old one in one transaction, keeping history', async () => {
    const [from, to] = await offer(peer, session.id, [5, 7]);
    const original = (await commissioner.client.data(BOOK, { offerId: from!.id })).bookSlot;
    const moved = (
      await commissioner.client.data(RESCHEDULE, { input: { meetingId: original.id, slotId: session.slots[7]!.id } })
    ).rescheduleMeeting;
    expect(moved).toMatchObject({ status: 'CONFIRMED', rescheduledFromId: original.id, slot: { index: 7 } });
    const { myAgenda } = await commissioner.client.data(AGENDA, { includeCancelled: true });
    expect(myAgenda.find((m: { id: string }) => m.id === original.id)).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'RESCHEDULED',
    });
    // The old slot is free: someone else can book it now; the new offer is taken.
    expect((await practitioner.client.data(BOOK, { offerId: from!.id })).bookSlot.id).not.toBe(original.id);
    expect(await failsWithoutChange(linkWorker, BOOK, { offerId: to!.id })).toBe('SLOT_TAKEN');
  });

  it('refuses a slot where someone is busy or unavailable, and changes nothing', async () => {
    const [here] = await offer(peer, session.id, [8]);
    const meeting = (await linkWorker.client.data(BOOK, { offerId: here!.id })).bookSlot;
    // The link worker already hosts in slot 3 (the group above was cancelled) — make them busy in 9.
    const [busy] = await offer(commissioner, session.id, [9]);
    await linkWorker.client.data(BOOK, { offerId: busy!.id });
    expect(
      await failsWithoutChange(linkWorker, RESCHEDULE, {
        input: { meetingId: meeting.id, slotId: session.slots[9]!.id },
      }),
    ).toBe('PARTICIPANT_BUSY');
    expect(
      await failsWithoutChange(linkWorker, RESCHEDULE, {
        input: { meetingId: meeting.id, slotId: session.slots[6]!.id },
      }),
    ).toBe('SLOT_IS_BREAK');
    expect(
      await failsWithoutChange(linkWorker, RESCHEDULE, {
        input: { meetingId: meeting.id, slotId: session.slots[8]!.id },
      }),
    ).toBe('SAME_SLOT');
    expect((await linkWorker.client.data(MEETING, { id: meeting.id })).meeting.status).toBe('CONFIRMED');
  });
});

describe('meeting requests', () => {
  it('accepts into a chosen slot, the earliest mutual slot, or the auto-schedule', async () => {
    const [a, b, c] = await Promise.all(
      [0, 1, 2].map(() => registered(t, session.id, [Role.PRACTITIONER], 'GUEST', [10, 11])),
    );
    const target = await registered(t, session.id, [Role.COMMISSIONER], 'HOST', [10, 11]);
    const send = (from: TestUser) =>
      from.client.data(SEND_REQUEST, {
        input: { sessionId: session.id, toUserId: target.user.id, message: 'Hoffwn gwrdd' },
      });
    const [ra, rb, rc] = [
      (await send(a!)).sendMeetingRequest,
      (await send(b!)).sendMeetingRequest,
      (await send(c!)).sendMeetingRequest,
    ];
    expect(ra.status).toBe('PENDING');
    expect(
      await failsWithoutChange(a!, SEND_REQUEST, {
        input: { sessionId: session.id, toUserId: target.user.id, message: 'again' },
      }),
    ).toBe('DUPLICATE_REQUEST');
    expect(
      await failsWithoutChange(a!, SEND_REQUEST, {
        input: { sessionId: session.id, toUserId: a!.user.id, message: '' },
      }),
    ).toBe('CANNOT_REQUEST_SELF');
    expect(
      await failsWithoutChange(a!, ACCEPT_REQUEST, { input: { requestId: ra.id, placement: 'EARLIEST_MUTUAL' } }),
    ).toBe('NOT_YOUR_REQUEST');

    const chosen = (
      await target.client.data(ACCEPT_REQUEST, {
        input: { requestId: ra.id, placement: 'SLOT', slotId: session.slots[11]!.id },
      })
    ).acceptMeetingRequest;
    expect(chosen.status).toBe('ACCEPTED');
    expect((await a!.client.data(MEETING, { id: chosen.meetingId })).meeting).toMatchObject({
      status: 'CONFIRMED',
      slot: { index: 11 },
    });

    const earliest = (
      await target.client.data(ACCEPT_REQUEST, { input: { requestId: rb.id, placement: 'EARLIEST_MUTUAL' } })
    ).acceptMeetingRequest;
    expect((await b!.client.data(MEETING, { id: earliest.meetingId })).meeting.slot.index).toBe(10);
    // Both of c's slots are now taken on the target's side: nothing mutual is left.
    expect(
      await failsWithoutChange(target, ACCEPT_REQUEST, { input: { requestId: rc.id, placement: 'EARLIEST_MUTUAL' } }),
    ).toBe('NO_MUTUAL_SLOT');
    const later = (
      await target.client.data(ACCEPT_REQUEST, { input: { requestId: rc.id, placement: 'AUTO_SCHEDULE' } })
    ).acceptMeetingRequest;
    expect(later).toMatchObject({ status: 'ACCEPTED', meetingId: null, awaitingSchedule: true });
    expect(await target.client.errorCode(DECLINE_REQUEST, { input: { requestId: rc.id } })).toBe('INVALID_TRANSITION');
  });

  it('declines and withdraws only from PENDING, by the right side', async () => {
    const from = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
    const send = async () =>
      (
        await from.client.data(SEND_REQUEST, {
          input: { sessionId: session.id, toUserId: linkWorker.user.id, message: '' },
        })
      ).sendMeetingRequest;
    const first = await send();
    expect(await failsWithoutChange(from, DECLINE_REQUEST, { input: { requestId: first.id } })).toBe(
      'NOT_YOUR_REQUEST',
    );
    expect(
      (await linkWorker.client.data(DECLINE_REQUEST, { input: { requestId: first.id, reason: 'Full this month' } }))
        .declineMeetingRequest,
    ).toMatchObject({ status: 'DECLINED', declineReason: 'Full this month' });
    const second = await send();
    expect(await failsWithoutChange(linkWorker, WITHDRAW_REQUEST, { id: second.id })).toBe('NOT_YOUR_REQUEST');
    expect((await from.client.data(WITHDRAW_REQUEST, { id: second.id })).withdrawMeetingRequest.status).toBe(
      'WITHDRAWN',
    );
    expect(await from.client.errorCode(WITHDRAW_REQUEST, { id: second.id })).toBe('INVALID_TRANSITION');
  });

  it('adds a confirming third party to the meeting; one who declines leaves it one-to-one', async () => {
    const from = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST', [0, 1, 2, 3, 4, 5]);
    const to = await registered(t, session.id, [Role.COMMISSIONER], 'HOST', [0, 1, 2, 3, 4, 5]);
    const third = await registered(t, session.id, [Role.LINK_WORKER], 'GUEST', [0, 1, 2, 3, 4, 5]);
    const request = (
      await from.client.data(SEND_REQUEST, {
        input: { sessionId: session.id, toUserId: to.user.id, thirdPartyId: third.user.id, message: 'Three-way' },
      })
    ).sendMeetingRequest;
    expect(request.thirdPartyStatus).toBe('INVITED');
    const accepted = (
      await to.client.data(ACCEPT_REQUEST, { input: { requestId: request.id, placement: 'EARLIEST_MUTUAL' } })
    ).acceptMeetingRequest;
    expect(
      (await third.client.data(THIRD_PARTY, { id: request.id, accept: true })).respondToMeetingRequestAsThirdParty
        .thirdPartyStatus,
    ).toBe('CONFIRMED');
    const { meeting } = await third.client.data(MEETING, { id: accepted.meetingId });
    expect(meeting.participants.map((p: { role: string }) => p.role).sort()).toEqual(['GUEST', 'HOST', 'THIRD_PARTY']);
    expect(await third.client.errorCode(THIRD_PARTY, { id: request.id, accept: false })).toBe('INVALID_TRANSITION');

    const other = (
      await from.client.data(SEND_REQUEST, {
        input: { sessionId: session.id, toUserId: linkWorker.user.id, thirdPartyId: third.user.id, message: '' },
      })
    ).sendMeetingRequest;
    expect(
      (await third.client.data(THIRD_PARTY, { id: other.id, accept: false })).respondToMeetingRequestAsThirdParty
        .thirdPartyStatus,
    ).toBe('DECLINED');
  });

  it('expires pending requests when the session starts, and refuses late answers', async () => {
    const late = await startTestApp({ now: new Date('2027-01-30T09:00:00Z') });
    try {
      const s = await publishedSession(late);
      const a = await registered(late, s.id, [Role.PRACTITIONER], 'GUEST');
      const b = await registered(late, s.id, [Role.LINK_WORKER], 'HOST');
      const request = (
        await a.client.data(SEND_REQUEST, { input: { sessionId: s.id, toUserId: b.user.id, message: '' } })
      ).sendMeetingRequest;
      late.clock.set(new Date('2027-02-01T10:00:00Z'));
      expect(
        await b.client.errorCode(ACCEPT_REQUEST, { input: { requestId: request.id, placement: 'AUTO_SCHEDULE' } }),
      ).toBe('REQUEST_EXPIRED');
      expect(
        await a.client.errorCode(SEND_REQUEST, { input: { sessionId: s.id, toUserId: b.user.id, message: '' } }),
      ).toBe('REQUESTS_CLOSED');
      await late.app.get(Ticker).runNow();
      const { meetingRequest } = await a.client.data(`query($id: ID!) { meetingRequest(id: $id) { status } }`, {
        id: request.id,
      });
      expect(meetingRequest.status).toBe('EXPIRED');
      expect(
        (await a.client.data(`query($id: ID!) { session(id: $id) { status } }`, { id: s.id })).session.status,
      ).toBe('LIVE');
    } finally {
      await late.close();
    }
  });
});
