import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import {
  ACCEPT_REQUEST,
  BOOK,
  offer,
  PublishedSession,
  publishedSession,
  registered,
  SEND_REQUEST,
} from './support/booking-fixtures';
import { GqlError } from './support/gql-client';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #14, point 7: a clash with your own meeting is told apart from someone else's
 * (SELF_BUSY with the clashing meeting's id), and accepting a request into a busy slot answers,
 * with the typed error, the next slots in which everyone is free.
 */

let t: TestApp;
let session: PublishedSession;

const counts = async () => ({
  meetings: await t.countRows('meetings'),
  participants: await t.countRows('meeting_participants'),
  requests: await t.countRows('meeting_requests'),
});

/** The first error of a call that must fail, and proof that it changed nothing. */
async function failure(user: TestUser, query: string, variables: Record<string, unknown>): Promise<GqlError> {
  const before = await counts();
  const res = await user.client.request(query, variables);
  expect(res.errors, 'the call fails').toBeDefined();
  expect(await counts()).toEqual(before);
  return res.errors![0]!;
}

beforeAll(async () => {
  t = await startTestApp({ now: new Date('2027-01-30T09:00:00Z') });
  session = await publishedSession(t);
});

afterAll(async () => {
  await t?.close();
});

const slotId = (index: number) => session.slots[index]!.id;

describe('your own clash', () => {
  it('booking when you are busy answers SELF_BUSY with your meeting and the slots where you are busy', async () => {
    const first = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
    const second = await registered(t, session.id, [Role.LINK_WORKER], 'HOST');
    const guest = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
    const [firstSlot] = await offer(first, session.id, [2]);
    const [secondSlot] = await offer(second, session.id, [2]);
    const { bookSlot } = await guest.client.data(BOOK, { offerId: firstSlot!.id });

    const error = await failure(guest, BOOK, { offerId: secondSlot!.id });
    expect(error.extensions).toMatchObject({
      code: 'SELF_BUSY',
      meetingId: bookSlot.id,
      slotId: slotId(2),
      busySlotIds: [slotId(2)],
    });
    // Someone else who is free books it.
    const other = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
    await other.client.data(BOOK, { offerId: secondSlot!.id });
  });

  it('accepting a request into a slot where you are busy: SELF_BUSY, your meeting, and up to five next free mutual slots', async () => {
    const free = [1, 3, 4, 5, 7, 8, 9, 10, 11];
    const receiver = await registered(t, session.id, [Role.LINK_WORKER], 'HOST', [0, ...free]);
    const requester = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST', [0, ...free]);
    // The receiver is booked at slot 0 and slot 3 by others.
    const [zero, three] = await offer(receiver, session.id, [0, 3]);
    const booker = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
    const atZero = (await booker.client.data(BOOK, { offerId: zero!.id })).bookSlot;
    await booker.client.data(BOOK, { offerId: three!.id });
    const request = (
      await requester.client.data(SEND_REQUEST, {
        input: { sessionId: session.id, toUserId: receiver.user.id, message: 'Coffee?' },
      })
    ).sendMeetingRequest;

    const error = await failure(receiver, ACCEPT_REQUEST, {
      input: { requestId: request.id, placement: 'SLOT', slotId: slotId(0) },
    });
    const startsAt = (i: number) => session.slots[i]!.startsAt;
    // Slot 3 is the receiver's; slot 6 is a break: 1, 4, 5, 7, 8 are next where both are free.
    expect(error.extensions).toMatchObject({
      code: 'SELF_BUSY',
      meetingId: atZero.id,
      slotId: slotId(0),
      freeSlots: [1, 4, 5, 7, 8].map((i) => ({ slotId: slotId(i), startsAt: new Date(startsAt(i)).toISOString() })),
    });
    // One of them works, and the request is accepted into it.
    const { acceptMeetingRequest } = await receiver.client.data(ACCEPT_REQUEST, {
      input: { requestId: request.id, placement: 'SLOT', slotId: slotId(4) },
    });
    expect(acceptMeetingRequest.status).toBe('ACCEPTED');
  });

  it('accepting into a slot where the other person is busy: PARTICIPANT_BUSY (who) with the next free mutual slots', async () => {
    const receiver = await registered(t, session.id, [Role.COMMISSIONER], 'HOST', [9, 10, 11]);
    const requester = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST', [9, 10, 11]);
    const host = await registered(t, session.id, [Role.LINK_WORKER], 'HOST');
    const [nine] = await offer(host, session.id, [9]);
    await requester.client.data(BOOK, { offerId: nine!.id });
    const request = (
      await requester.client.data(SEND_REQUEST, {
        input: { sessionId: session.id, toUserId: receiver.user.id, message: 'Later?' },
      })
    ).sendMeetingRequest;

    const error = await failure(receiver, ACCEPT_REQUEST, {
      input: { requestId: request.id, placement: 'SLOT', slotId: slotId(9) },
    });
    expect(error.extensions).toMatchObject({
      code: 'PARTICIPANT_BUSY',
      userIds: [requester.user.id],
      freeSlots: [10, 11].map((i) => ({ slotId: slotId(i) })),
    });
    expect(error.extensions).not.toHaveProperty('meetingId');
  });
});
