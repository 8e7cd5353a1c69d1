import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { SchedulingService } from '../src/modules/matching/scheduling.service';
import { BOOK, offer, publishedSession, PublishedSession, registered, SEND_REQUEST } from './support/booking-fixtures';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #24 point 2: running the auto-schedule again keeps meetings someone agreed to (CONFIRMED
 * ones) fixed, moves a proposal nobody agreed to only when that serves more people, shows the
 * diff before publishing, and publishing a move updates its people's calendar event (same UID,
 * higher SEQUENCE).
 */
const SETTINGS = `mutation($input: UpdateScheduleSettingsInput!) { updateScheduleSettings(input: $input) { sessionId } }`;
const START = `mutation($sessionId: ID!) { startAutoSchedule(sessionId: $sessionId) { id } }`;
const RUN = `query($id: ID!) { scheduleRun(id: $id) { status draft { keptProposals fixedMeetings
  meetings { willBe movesMeetingId movedFrom { index } slot { index } host { id } guests { id } }
  moved { meetingId from { index } to { index } host { id } guests { id } }
  dropped { meetingId } } } }`;
const PUBLISH_RUN = `mutation($id: ID!) { publishAutoSchedule(id: $id) { meetingIds } }`;
const CONFIRM = `mutation($id: ID!) { confirmMeeting(id: $id) { status } }`;

let t: TestApp;
let session: PublishedSession;
let host: TestUser;
let first: TestUser;

const run = async () => {
  const { startAutoSchedule } = await session.organiser.client.data(START, { sessionId: session.id });
  await t.app.get(SchedulingService).settled(startAutoSchedule.id);
  const { scheduleRun } = await session.organiser.client.data(RUN, { id: startAutoSchedule.id });
  expect(scheduleRun.status).toBe('READY');
  return { id: startAutoSchedule.id as string, draft: scheduleRun.draft };
};
const meetingRow = async (id: string) =>
  (
    await t.db.sql<{ status: string; calendar_uid: string; sequence: number; slot_id: string; cancel_reason: string }>(
      'SELECT status, calendar_uid, sequence, slot_id, cancel_reason FROM meetings WHERE id = ?',
      [id],
    )
  ).rows[0]!;
const request = (from: TestUser, to: TestUser) =>
  from.client.data(SEND_REQUEST, { input: { sessionId: session.id, toUserId: to.user.id, message: 'Helo' } });

beforeAll(async () => {
  t = await startTestApp({ now: new Date('2027-01-30T09:00:00Z') });
  session = await publishedSession(t);
  await session.organiser.client.data(SETTINGS, { input: { sessionId: session.id, recommendationsPerPerson: 0 } });
  host = await registered(t, session.id, [Role.COMMISSIONER], 'HOST', [0, 1]);
  first = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST', [0, 1]);
  // A CONFIRMED meeting elsewhere: booked directly, it never moves.
  const other = await registered(t, session.id, [Role.LINK_WORKER], 'HOST', [3]);
  const [slot3] = await offer(other, session.id, [3], 1);
  const booker = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST', [3]);
  await booker.client.data(BOOK, { offerId: slot3!.id });
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe(`re-optimising the auto-schedule on ${process.env.TEST_DB ?? 'sqlite'}`, () => {
  let proposalId: string;
  let proposedAt: number;

  it('keeps every proposal where it is when moving one serves nobody more', async () => {
    await request(first, host);
    const initial = await run();
    expect(initial.draft.meetings).toHaveLength(1);
    expect(initial.draft).toMatchObject({ moved: [], dropped: [], keptProposals: 0, fixedMeetings: 1 });
    proposalId = (await session.organiser.client.data(PUBLISH_RUN, { id: initial.id })).publishAutoSchedule
      .meetingIds[0];
    proposedAt = initial.draft.meetings[0].slot.index;

    const again = await run();
    expect(again.draft).toMatchObject({ meetings: [], moved: [], dropped: [], keptProposals: 1, fixedMeetings: 1 });
  });

  it('moves a proposal nobody agreed to when that serves one more person, and shows the diff', async () => {
    const second = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST', [proposedAt]);
    await request(second, host);
    const other = proposedAt === 0 ? 1 : 0;
    const { id, draft } = await run();
    expect(draft.moved).toEqual([
      {
        meetingId: proposalId,
        from: { index: proposedAt },
        to: { index: other },
        host: { id: host.user.id },
        guests: [{ id: first.user.id }],
      },
    ]);
    expect(draft).toMatchObject({ dropped: [], keptProposals: 0, fixedMeetings: 1 });
    const byGuest = (guest: TestUser) =>
      draft.meetings.find((m: { guests: { id: string }[] }) => m.guests.some((g) => g.id === guest.user.id));
    expect(byGuest(first)).toMatchObject({
      movesMeetingId: proposalId,
      movedFrom: { index: proposedAt },
      slot: { index: other },
    });
    expect(byGuest(second)).toMatchObject({ movesMeetingId: null, movedFrom: null, slot: { index: proposedAt } });

    const before = await meetingRow(proposalId);
    const { meetingIds } = (await session.organiser.client.data(PUBLISH_RUN, { id })).publishAutoSchedule;
    expect((await meetingRow(proposalId)).status).toBe('CANCELLED');
    const moved = await t.db.sql<{ id: string; calendar_uid: string; sequence: number; status: string }>(
      `SELECT id, calendar_uid, sequence, status FROM meetings WHERE rescheduled_from_id = ?`,
      [proposalId],
    );
    expect(moved.rows).toHaveLength(1);
    expect(moved.rows[0]).toMatchObject({
      calendar_uid: before.calendar_uid,
      sequence: before.sequence + 1,
      status: 'PROPOSED',
    });
    expect(meetingIds).toContain(moved.rows[0]!.id);
    const told = await t.db.sql<{ recipient_id: string }>(
      `SELECT recipient_id FROM outbox WHERE kind = 'RESCHEDULED' AND meeting_id = ?`,
      [moved.rows[0]!.id],
    );
    expect(told.rows.map((r) => r.recipient_id).sort()).toEqual([host.user.id, first.user.id].sort());
    // The request follows its meeting: confirming the moved proposal accepts it.
    const linked = await t.db.sql<{ meeting_id: string }>(
      'SELECT meeting_id FROM meeting_requests WHERE from_user_id = ? AND to_user_id = ?',
      [first.user.id, host.user.id],
    );
    expect(linked.rows[0]!.meeting_id).toBe(moved.rows[0]!.id);
    expect(await t.countRows('meetings')).toBe(4); // the booked one, the first proposal, its move, the new one
  });

  it('refuses a draft whose proposal someone agreed to since (SCHEDULE_STALE), changing nothing', async () => {
    const host2 = await registered(t, session.id, [Role.COMMISSIONER], 'HOST', [4, 5]);
    const early = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST', [4, 5]);
    await request(early, host2);
    const initial = await run();
    const published = (await session.organiser.client.data(PUBLISH_RUN, { id: initial.id })).publishAutoSchedule;
    const proposal = published.meetingIds[0] as string;
    const at = initial.draft.meetings[0].slot.index;
    const late = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST', [at]);
    await request(late, host2);
    const { id, draft } = await run();
    expect(draft.moved.map((m: { meetingId: string }) => m.meetingId)).toEqual([proposal]);

    await early.client.data(CONFIRM, { id: proposal });
    const before = await t.countRows('meetings');
    expect(await session.organiser.client.errorCode(PUBLISH_RUN, { id })).toBe('SCHEDULE_STALE');
    expect(await t.countRows('meetings')).toBe(before);
    expect((await meetingRow(proposal)).status).toBe('PROPOSED');
    // Agreed to by one side, it is fixed from now on.
    expect((await run()).draft).toMatchObject({ moved: [], dropped: [] });
  });
});
