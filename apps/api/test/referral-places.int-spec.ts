import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { MeetingStatus } from '../src/modules/booking/booking.enums';
import { MeetingsService } from '../src/modules/booking/meetings.service';
import { BOOK, offer, PublishedSession, publishedSession, registered, SEND_REQUEST } from './support/booking-fixtures';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #14, point 8: a link worker's referral places left this month are their capacity less the
 * referral routes agreed in meetings held this month; shown on the profile and in recommendations;
 * with requests switched off when none is left, a request to them is refused (typed, nothing saved).
 */

const PROFILE = `mutation($input: ProfileInput!) { updateMyProfile(input: $input) { referralCapacityPerMonth requestsWhenFull referralPlacesLeft } }`;
const MY_PROFILE = `{ myProfile { referralCapacityPerMonth requestsWhenFull referralPlacesLeft } }`;
const RECORD = `mutation($input: RecordFollowUpActionInput!) { recordFollowUpAction(input: $input) { id } }`;
const CHANGE = `mutation($input: ChangeFollowUpStatusInput!) { changeFollowUpStatus(input: $input) { id status } }`;
const RECOMMEND = `query($sessionId: ID!) { recommendations(sessionId: $sessionId, limit: 50) { person { id } reasons { code textCy textEn } } }`;

let t: TestApp;
let session: PublishedSession;
/** A later session: requests close when a session starts. */
let later: PublishedSession;
let linkWorker: TestUser;
let meetings: string[];

async function held(meetingId: string): Promise<void> {
  const service = t.app.get(MeetingsService);
  await t.db.write(async (em) => {
    expect(await service.applyAttendanceStatus(meetingId, MeetingStatus.IN_PROGRESS, em)).toBe(true);
    expect(await service.applyAttendanceStatus(meetingId, MeetingStatus.COMPLETED, em)).toBe(true);
  });
}

const referral = (meetingId: string) => ({
  meetingId,
  kind: 'REFERRAL_ROUTE',
  description: 'Agree a referral route from the discharge team',
  ownerId: linkWorker.user.id,
  dueOn: '2027-02-15',
  referringOrganisationKind: 'HEALTH_BOARD',
});

const placesLeft = async () => (await linkWorker.client.data(MY_PROFILE)).myProfile.referralPlacesLeft;

beforeAll(async () => {
  t = await startTestApp({ now: new Date('2027-01-30T09:00:00Z'), config: { sessionTtlHours: 24 * 365 } });
  session = await publishedSession(t);
  linkWorker = await registered(t, session.id, [Role.LINK_WORKER], 'HOST');
  const offers = await offer(linkWorker, session.id, [0, 1, 2]);
  later = await publishedSession(t, { startsAt: '2027-02-20T10:00:00.000Z', endsAt: '2027-02-20T12:00:00.000Z' });
  await linkWorker.client.data(`mutation($input: RegisterInput!) { registerForSession(input: $input) { id } }`, {
    input: { sessionId: later.id, role: 'HOST' },
  });
  meetings = [];
  for (const o of offers) {
    const guest = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
    meetings.push((await guest.client.data(BOOK, { offerId: o.id })).bookSlot.id);
  }
});

afterAll(async () => {
  await t?.close();
});

describe('referral places left this month', () => {
  it('counts referral routes agreed in held meetings this month, shows them, and refuses requests when none is left if the link worker says so', async () => {
    const saved = (
      await linkWorker.client.data(PROFILE, { input: { referralCapacityPerMonth: 2, requestsWhenFull: false } })
    ).updateMyProfile;
    expect(saved).toEqual({ referralCapacityPerMonth: 2, requestsWhenFull: false, referralPlacesLeft: 2 });

    // February: the three meetings took place.
    t.clock.set(new Date('2027-02-01T10:35:00Z'));
    for (const id of meetings) await held(id);
    const first = (await linkWorker.client.data(RECORD, { input: referral(meetings[0]!) })).recordFollowUpAction;
    // Another kind of action, and a dropped referral route, take no place.
    await linkWorker.client.data(RECORD, {
      input: { ...referral(meetings[1]!), kind: 'PILOT', referringOrganisationKind: null },
    });
    const dropped = (await linkWorker.client.data(RECORD, { input: referral(meetings[1]!) })).recordFollowUpAction;
    await linkWorker.client.data(CHANGE, {
      input: { actionId: dropped.id, status: 'DROPPED', comment: 'Not needed after all' },
    });
    expect(await placesLeft()).toBe(1);

    const viewer = await registered(t, later.id, [Role.PRACTITIONER], 'GUEST');
    const { recommendations } = await viewer.client.data(RECOMMEND, { sessionId: later.id });
    const reasons =
      recommendations.find((r: { person: { id: string } }) => r.person.id === linkWorker.user.id)?.reasons ?? [];
    expect(reasons).toContainEqual({
      code: 'HAS_REFERRAL_CAPACITY',
      textEn: '1 referral place left this month',
      textCy: 'un lle atgyfeirio ar ôl y mis hwn',
    });

    // Still a place: requests come in.
    await viewer.client.data(SEND_REQUEST, {
      input: { sessionId: later.id, toUserId: linkWorker.user.id, message: 'Hello' },
    });
    await linkWorker.client.data(RECORD, { input: referral(meetings[2]!) });
    expect(await placesLeft()).toBe(0);
    expect(first.id).toBeDefined();

    // None left and requests off: refused, typed, nothing saved.
    const asker = await registered(t, later.id, [Role.PRACTITIONER], 'GUEST');
    const before = [await t.countRows('meeting_requests'), await t.countRows('outbox')];
    expect(
      await asker.client.errorCode(SEND_REQUEST, {
        input: { sessionId: later.id, toUserId: linkWorker.user.id, message: 'Hi' },
      }),
    ).toBe('NO_REFERRAL_PLACES');
    expect([await t.countRows('meeting_requests'), await t.countRows('outbox')]).toEqual(before);

    // Requests on again: it goes through though no place is left.
    await linkWorker.client.data(PROFILE, { input: { requestsWhenFull: true } });
    await asker.client.data(SEND_REQUEST, {
      input: { sessionId: later.id, toUserId: linkWorker.user.id, message: 'Hi' },
    });

    // A new month: all places again.
    t.clock.set(new Date('2027-03-01T00:30:00Z'));
    expect(await placesLeft()).toBe(2);
  });
});
