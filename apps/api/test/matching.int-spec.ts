import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Language, Role } from '../src/core/auth/role';
import { SchedulingService } from '../src/modules/matching/scheduling.service';
import {
  ACCEPT_REQUEST,
  BOOK,
  MEETING,
  offer,
  publishedSession,
  PublishedSession,
  REGISTER,
  SEND_REQUEST,
} from './support/booking-fixtures';
import { startTestApp, TestApp, TestUser } from './support/test-app';

const PROFILE = `mutation($input: ProfileInput!) { updateMyProfile(input: $input) { updatedAt } }`;
const RECOMMEND = `query($sessionId: ID!) { recommendations(sessionId: $sessionId) { score person { id } reasons { code textCy textEn codes } } }`;
const SETTINGS = `mutation($input: UpdateScheduleSettingsInput!) { updateScheduleSettings(input: $input) { weights { region conditionOverlap } recommendationsPerPerson } }`;
const START = `mutation($sessionId: ID!) { startAutoSchedule(sessionId: $sessionId) { id status } }`;
const RUN = `query($id: ID!) { scheduleRun(id: $id) { status error progress { fraction } draft { practitionersWithMeeting practitionersTotal emptyReason
  meetings { willBe tiers slot { id index } host { id } guests { id } } unplaced { reason host { id } guest { id } } practitionersWithoutMeeting { id } } } }`;
const PUBLISH_RUN = `mutation($id: ID!) { publishAutoSchedule(id: $id) { meetingIds run { status } } }`;
const CONFIRM = `mutation($id: ID!) { confirmMeeting(id: $id) { status } }`;

let t: TestApp;
let session: PublishedSession;
let practitioner: TestUser;
let welshPractitioner: TestUser;
let commissioner: TestUser;
let emptyLinkWorker: TestUser;
let farCommissioner: TestUser;

async function person(
  roles: Role[],
  role: 'HOST' | 'GUEST',
  profile: Record<string, unknown>,
  language = Language.en,
): Promise<TestUser> {
  const user = await t.createUser({ roles, language });
  await user.client.data(PROFILE, { input: profile });
  await user.client.data(REGISTER, { input: { sessionId: session.id, role } });
  return user;
}

async function finishedRun(organiser: TestUser, sessionId: string) {
  const { startAutoSchedule } = await organiser.client.data(START, { sessionId });
  await t.app.get(SchedulingService).settled(startAutoSchedule.id);
  return (await organiser.client.data(RUN, { id: startAutoSchedule.id })).scheduleRun as {
    status: string;
    draft: any;
    error: string | null;
  } & { id?: string };
}

beforeAll(async () => {
  t = await startTestApp({ now: new Date('2027-01-30T09:00:00Z') });
  session = await publishedSession(t);
  const parkinsonsNorth = { conditions: ['parkinsons'], regions: ['betsi-cadwaladr'], welshAbility: 'FLUENT' };
  practitioner = await person([Role.PRACTITIONER], 'GUEST', {
    ...parkinsonsNorth,
    supportNeeds: ['evaluation'],
    projectTerm: 'SHORT',
  });
  welshPractitioner = await person(
    [Role.PRACTITIONER],
    'GUEST',
    { ...parkinsonsNorth, supportNeeds: ['evaluation'] },
    Language.cy,
  );
  commissioner = await person([Role.COMMISSIONER], 'HOST', {
    ...parkinsonsNorth,
    supportOffers: ['evaluation'],
    projectTerm: 'SHORT',
  });
  emptyLinkWorker = await person([Role.LINK_WORKER], 'HOST', { ...parkinsonsNorth, referralCapacityPerMonth: 0 });
  farCommissioner = await person([Role.COMMISSIONER], 'HOST', { conditions: ['cancer'], regions: ['powys'] });
});

afterAll(async () => {
  await t?.close();
});

describe('recommendations', () => {
  it('ranks who to meet and says why, in both languages whatever the account’s', async () => {
    const { recommendations } = await practitioner.client.data(RECOMMEND, { sessionId: session.id });
    const ids = recommendations.map((r: { person: { id: string } }) => r.person.id);
    expect(ids[0]).toBe(commissioner.user.id);
    expect(ids.indexOf(emptyLinkWorker.user.id)).toBeGreaterThan(0);
    expect(ids.indexOf(farCommissioner.user.id)).toBe(ids.length - 1);
    const texts = recommendations[0].reasons.map((r: { textEn: string }) => r.textEn);
    expect(texts).toContain("works with Parkinson's like you");
    expect(texts).toContain('commissions in Betsi Cadwaladr University Health Board');
    expect(texts).toContain('offers Evaluation and impact measurement, which you need');
    expect(texts).toContain('speaks Welsh');
    const linkWorker = recommendations.find((r: { person: { id: string } }) => r.person.id === emptyLinkWorker.user.id);
    expect(linkWorker.reasons.map((r: { code: string }) => r.code)).toContain('NO_REFERRAL_CAPACITY');

    expect(recommendations[0].reasons.map((r: { textCy: string }) => r.textCy)).toContain(
      'yn gweithio gyda chlefyd Parkinson fel chi',
    );
    // A Welsh-speaking account reading an English page gets the same pair: the page picks.
    const welsh = (await welshPractitioner.client.data(RECOMMEND, { sessionId: session.id })).recommendations;
    expect(welsh[0].reasons.map((r: { textEn: string }) => r.textEn)).toContain("works with Parkinson's like you");
    expect(welsh[0].reasons.map((r: { textCy: string }) => r.textCy)).toContain(
      'yn gweithio gyda chlefyd Parkinson fel chi',
    );
  });

  it('shows commissioners practitioners only, and needs a registration', async () => {
    const { recommendations } = await commissioner.client.data(RECOMMEND, { sessionId: session.id });
    const ids = new Set(recommendations.map((r: { person: { id: string } }) => r.person.id));
    expect(ids).toEqual(new Set([practitioner.user.id, welshPractitioner.user.id]));
    const stranger = await t.createUser({ roles: [Role.PRACTITIONER] });
    expect(await stranger.client.errorCode(RECOMMEND, { sessionId: session.id })).toBe('NOT_IN_SESSION');
  });
});

describe('schedule settings', () => {
  it('keeps weights in range and only the session’s organiser may tune them', async () => {
    const before = await t.countRows('schedule_settings');
    expect(
      await session.organiser.client.errorCode(SETTINGS, { input: { sessionId: session.id, weights: { region: 11 } } }),
    ).toBe('WEIGHT_OUT_OF_RANGE');
    expect(await t.countRows('schedule_settings')).toBe(before);
    const other = await t.createUser({ roles: [Role.ORGANISER] });
    expect(await other.client.errorCode(SETTINGS, { input: { sessionId: session.id, weights: { region: 4 } } })).toBe(
      'NOT_SESSION_ORGANISER',
    );
    const { updateScheduleSettings } = await session.organiser.client.data(SETTINGS, {
      input: { sessionId: session.id, weights: { region: 4 } },
    });
    expect(updateScheduleSettings.weights).toMatchObject({ region: 4, conditionOverlap: 5 });
  });
});

describe('auto-schedule', () => {
  it('drafts, previews and publishes a timetable in one go, never moving booked meetings', async () => {
    const [slot0] = await offer(commissioner, session.id, [0, 1]);
    const booker = await person([Role.PRACTITIONER], 'GUEST', { conditions: ['stroke'] });
    const booked = (await booker.client.data(BOOK, { offerId: slot0!.id })).bookSlot;
    await practitioner.client.data(SEND_REQUEST, {
      input: { sessionId: session.id, toUserId: commissioner.user.id, message: 'Pilot?' },
    });
    const accepted = (
      await welshPractitioner.client.data(SEND_REQUEST, {
        input: { sessionId: session.id, toUserId: emptyLinkWorker.user.id, message: '' },
      })
    ).sendMeetingRequest;
    await emptyLinkWorker.client.data(ACCEPT_REQUEST, {
      input: { requestId: accepted.id, placement: 'AUTO_SCHEDULE' },
    });

    const other = await t.createUser({ roles: [Role.ORGANISER] });
    expect(await other.client.errorCode(START, { sessionId: session.id })).toBe('NOT_SESSION_ORGANISER');
    const { startAutoSchedule } = await session.organiser.client.data(START, { sessionId: session.id });
    await t.app.get(SchedulingService).settled(startAutoSchedule.id);
    const { scheduleRun } = await session.organiser.client.data(RUN, { id: startAutoSchedule.id });
    expect(scheduleRun.status).toBe('READY');
    expect(scheduleRun.progress.fraction).toBe(1);
    const draft = scheduleRun.draft;
    const find = (host: TestUser, guest: TestUser) =>
      draft.meetings.find(
        (m: any) => m.host.id === host.user.id && m.guests.some((g: { id: string }) => g.id === guest.user.id),
      );
    const requested = find(commissioner, practitioner);
    expect(requested).toMatchObject({ willBe: 'PROPOSED', tiers: ['ONE_SIDED_REQUEST'] });
    expect(requested.slot.index).not.toBe(0); // the booked meeting holds the commissioner at slot 0
    expect(find(emptyLinkWorker, welshPractitioner)).toMatchObject({ willBe: 'CONFIRMED', tiers: ['ACCEPTED'] });
    expect(draft.practitionersWithoutMeeting).toEqual([]);
    expect(draft.practitionersWithMeeting).toBe(draft.practitionersTotal);

    const before = await t.countRows('meetings');
    const { publishAutoSchedule } = await session.organiser.client.data(PUBLISH_RUN, { id: startAutoSchedule.id });
    expect(publishAutoSchedule.run.status).toBe('PUBLISHED');
    expect(await t.countRows('meetings')).toBe(before + draft.meetings.length);
    expect(await session.organiser.client.errorCode(PUBLISH_RUN, { id: startAutoSchedule.id })).toBe(
      'SCHEDULE_NOT_READY',
    );

    const { meetingRequest } = await welshPractitioner.client.data(
      `query($id: ID!) { meetingRequest(id: $id) { meetingId awaitingSchedule } }`,
      { id: accepted.id },
    );
    expect(meetingRequest.awaitingSchedule).toBe(false);
    expect((await welshPractitioner.client.data(MEETING, { id: meetingRequest.meetingId })).meeting.status).toBe(
      'CONFIRMED',
    );
    expect((await booker.client.data(MEETING, { id: booked.id })).meeting).toMatchObject({
      status: 'CONFIRMED',
      slot: { index: 0 },
    });

    // The proposed one becomes CONFIRMED once both sides confirm.
    const { myAgenda } = await practitioner.client.data(`{ myAgenda { id status participants { person { id } } } }`);
    const proposed = myAgenda.find(
      (m: any) => m.status === 'PROPOSED' && m.participants.some((p: any) => p.person.id === commissioner.user.id),
    );
    expect((await practitioner.client.data(CONFIRM, { id: proposed.id })).confirmMeeting.status).toBe('PROPOSED');
    expect((await commissioner.client.data(CONFIRM, { id: proposed.id })).confirmMeeting.status).toBe('CONFIRMED');
  });

  it('publishes nothing when the session changed since the draft (SCHEDULE_STALE)', async () => {
    const guest = await person([Role.PRACTITIONER], 'GUEST', { conditions: ['cancer'], regions: ['powys'] });
    await farCommissioner.client.data(
      `mutation($input: UpdateRegistrationInput!) { updateRegistration(input: $input) { id } }`,
      {
        input: { sessionId: session.id, availableSlotIndexes: [9] },
      },
    );
    await guest.client.data(SEND_REQUEST, {
      input: { sessionId: session.id, toUserId: farCommissioner.user.id, message: '' },
    });
    const run = await finishedRun(session.organiser, session.id);
    expect(run.status).toBe('READY');
    const planned = run.draft.meetings.find((m: any) => m.host.id === farCommissioner.user.id);
    expect(planned.slot.index).toBe(9);
    // Meanwhile the commissioner takes a booking in that very slot.
    const [slot9] = await offer(farCommissioner, session.id, [9]);
    const rival = await person([Role.PRACTITIONER], 'GUEST', {});
    await rival.client.data(BOOK, { offerId: slot9!.id });
    const runs = (
      await session.organiser.client.data(
        `query($sessionId: ID!) { scheduleRuns(sessionId: $sessionId) { id status } }`,
        { sessionId: session.id },
      )
    ).scheduleRuns;
    const before = { meetings: await t.countRows('meetings'), participants: await t.countRows('meeting_participants') };
    expect(await session.organiser.client.errorCode(PUBLISH_RUN, { id: runs[0].id })).toBe('SCHEDULE_STALE');
    expect({
      meetings: await t.countRows('meetings'),
      participants: await t.countRows('meeting_participants'),
    }).toEqual(before);
    expect((await session.organiser.client.data(RUN, { id: runs[0].id })).scheduleRun.status).toBe('READY');
  });

  it('lets the organiser take a planned meeting out of the draft before publishing', async () => {
    const extra = await person([Role.PRACTITIONER], 'GUEST', { conditions: ['dementia'] });
    await extra.client.data(SEND_REQUEST, {
      input: { sessionId: session.id, toUserId: emptyLinkWorker.user.id, message: '' },
    });
    const run = await finishedRun(session.organiser, session.id);
    const runs = (
      await session.organiser.client.data(`query($sessionId: ID!) { scheduleRuns(sessionId: $sessionId) { id } }`, {
        sessionId: session.id,
      })
    ).scheduleRuns;
    const index = run.draft.meetings.findIndex((m: any) =>
      m.guests.some((g: { id: string }) => g.id === extra.user.id),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    const REMOVE = `mutation($id: ID!, $index: Int!) { removeDraftMeeting(id: $id, index: $index) { draft { meetings { guests { id } } practitionersWithoutMeeting { id } } } }`;
    expect(await session.organiser.client.errorCode(REMOVE, { id: runs[0].id, index: 999 })).toBe('BAD_USER_INPUT');
    const { removeDraftMeeting } = await session.organiser.client.data(REMOVE, { id: runs[0].id, index });
    expect(removeDraftMeeting.draft.meetings).toHaveLength(run.draft.meetings.length - 1);
    expect(removeDraftMeeting.draft.practitionersWithoutMeeting.map((p: { id: string }) => p.id)).toContain(
      extra.user.id,
    );
    await session.organiser.client.data(PUBLISH_RUN, { id: runs[0].id });
    const { myAgenda } = await extra.client.data(`{ myAgenda { id } }`);
    expect(myAgenda).toEqual([]);
  });

  it('explains an empty result instead of failing', async () => {
    const empty = await publishedSession(t);
    const run = await finishedRun(empty.organiser, empty.id);
    expect(run).toMatchObject({ status: 'READY', error: null });
    expect(run.draft.meetings).toEqual([]);
    expect(run.draft.emptyReason).toBe('NO_PEOPLE');
  });
});
