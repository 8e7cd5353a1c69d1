import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Language, Role } from '../src/core/auth/role';
import {
  REQUEST_DECLINED_REASON,
  REQUEST_EXPIRED_REASON,
  REQUEST_WITHDRAWN_REASON,
  RequestsService,
} from '../src/modules/booking/requests.service';
import { SchedulingService } from '../src/modules/matching/scheduling.service';
import { OutboxWorker } from '../src/modules/notifications/outbox-worker';
import { RequestNudger } from '../src/modules/notifications/request-nudger';
import { BLIND_SETTLE_AFTER_MS, RoomsReconciler } from '../src/modules/rooms/rooms-reconciler';
import {
  ACCEPT_REQUEST,
  BOOK,
  DECLINE_REQUEST,
  offer,
  publishedSession,
  PublishedSession,
  registered,
  SEND_REQUEST,
  SESSION_START,
  WITHDRAW_REQUEST,
} from './support/booking-fixtures';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #14, points 1–3: a request and its meeting always agree; no outcome before the start
 * (see rooms.int-spec.ts for the room side); meetings held elsewhere get their outcome from their
 * participants' word or an organiser, and nobody's meeting stays CONFIRMED for ever.
 */

const HOUR = 3600_000;
const MIN = 60_000;
/** Logins outlive the clock moves of these tests. */
const LONG_LOGINS = { sessionTtlHours: 24 * 60 };

const START = `mutation($sessionId: ID!) { startAutoSchedule(sessionId: $sessionId) { id } }`;
const PUBLISH_RUN = `mutation($id: ID!) { publishAutoSchedule(id: $id) { meetingIds } }`;
const REQUEST = `query($id: ID!) { meetingRequest(id: $id) { id status meetingId } }`;
const MEETING = `query($id: ID!) { meeting(id: $id) { id status cancelReason outcomeSource outcomeDisputed outcomeReports { happened person { id } } } }`;
const CONFIRM = `mutation($id: ID!) { confirmMeeting(id: $id) { status } }`;
const REPORT = `mutation($input: ReportMeetingOutcomeInput!) { reportMeetingOutcome(input: $input) { id status outcomeSource outcomeDisputed } }`;
const SET_OUTCOME = `mutation($input: SetMeetingOutcomeInput!) { setMeetingOutcome(input: $input) { id status outcomeSource } }`;
const FEEDBACK = `mutation($input: GiveMeetingFeedbackInput!) { giveMeetingFeedback(input: $input) { usefulness } }`;
const MY_OUTBOX = `{ myOutbox { kind subject } }`;
const ATTENDANCE = `query($sessionId: ID!) { sessionAttendanceReport(sessionId: $sessionId) { held notHeld awaiting disputed
  meetings { disputed meeting { id status outcomeSource } people { role turnedUp minutesInRoom said person { id } } } } }`;

async function outboxKinds(
  t: TestApp,
  where: { requestId?: string; meetingId?: string },
): Promise<{ kind: string; recipient_id: string; language: string }[]> {
  const [column, value] = where.requestId ? ['request_id', where.requestId] : ['meeting_id', where.meetingId];
  const { rows } = await t.db.sql<{ kind: string; recipient_id: string; language: string }>(
    `SELECT kind, recipient_id, language FROM outbox WHERE ${column} = ? ORDER BY kind, recipient_id`,
    [value],
  );
  return rows;
}

describe('a request and its auto-scheduled meeting agree', () => {
  let t: TestApp;
  let session: PublishedSession;
  const pairs: { host: TestUser; guest: TestUser; requestId: string; meetingId: string }[] = [];
  let unscheduled: { host: TestUser; guest: TestUser; requestId: string };

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2027-01-28T09:00:00Z'), config: LONG_LOGINS });
    session = await publishedSession(t);
    for (let i = 0; i < 5; i++) {
      const host = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
      const guest = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
      const { sendMeetingRequest } = await guest.client.data(SEND_REQUEST, {
        input: { sessionId: session.id, toUserId: host.user.id, message: `Pair ${i}` },
      });
      pairs.push({ host, guest, requestId: sendMeetingRequest.id, meetingId: '' });
    }
    const { startAutoSchedule } = await session.organiser.client.data(START, { sessionId: session.id });
    await t.app.get(SchedulingService).settled(startAutoSchedule.id);
    await session.organiser.client.data(PUBLISH_RUN, { id: startAutoSchedule.id });
    for (const pair of pairs) {
      const { meetingRequest } = await pair.guest.client.data(REQUEST, { id: pair.requestId });
      expect(meetingRequest.status).toBe('PENDING');
      expect(meetingRequest.meetingId).not.toBeNull();
      pair.meetingId = meetingRequest.meetingId;
      expect((await pair.guest.client.data(MEETING, { id: pair.meetingId })).meeting.status).toBe('PROPOSED');
    }
    // Sent after the schedule was published: no meeting yet (the nudge's and expiry's control).
    const host = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
    const guest = await t.createUser({ roles: [Role.PRACTITIONER], language: Language.cy });
    await guest.client.data(`mutation($input: RegisterInput!) { registerForSession(input: $input) { id } }`, {
      input: { sessionId: session.id, role: 'GUEST' },
    });
    const { sendMeetingRequest } = await guest.client.data(SEND_REQUEST, {
      input: { sessionId: session.id, toUserId: host.user.id, message: 'Later' },
    });
    unscheduled = { host, guest, requestId: sendMeetingRequest.id };
  });

  afterAll(async () => {
    await t?.close();
  });

  it('accepting a request with a PROPOSED meeting confirms that meeting, and makes no second one', async () => {
    const { host, guest, requestId, meetingId } = pairs[0]!;
    const meetings = await t.countRows('meetings');
    const { acceptMeetingRequest } = await host.client.data(ACCEPT_REQUEST, {
      input: { requestId, placement: 'EARLIEST_MUTUAL' },
    });
    expect(acceptMeetingRequest).toMatchObject({ status: 'ACCEPTED', meetingId });
    expect(await t.countRows('meetings')).toBe(meetings);
    expect((await guest.client.data(MEETING, { id: meetingId })).meeting.status).toBe('CONFIRMED');
    expect(
      (await outboxKinds(t, { requestId }))
        .filter((r) => r.kind === 'ACCEPTED')
        .map((r) => r.recipient_id)
        .sort(),
    ).toEqual([host.user.id, guest.user.id].sort());
  });

  it('declining or withdrawing the request cancels its PROPOSED meeting, with notice to both', async () => {
    const declined = pairs[1]!;
    await declined.host.client.data(DECLINE_REQUEST, {
      input: { requestId: declined.requestId, reason: 'Not this time' },
    });
    const withdrawn = pairs[2]!;
    await withdrawn.guest.client.data(WITHDRAW_REQUEST, { id: withdrawn.requestId });
    for (const [pair, reason] of [
      [declined, REQUEST_DECLINED_REASON],
      [withdrawn, REQUEST_WITHDRAWN_REASON],
    ] as const) {
      const { meeting } = await pair.guest.client.data(MEETING, { id: pair.meetingId });
      expect(meeting).toMatchObject({ status: 'CANCELLED', cancelReason: reason });
      const cancelled = (await outboxKinds(t, { meetingId: pair.meetingId })).filter((r) => r.kind === 'CANCELLED');
      expect(cancelled.map((r) => r.recipient_id).sort()).toEqual([pair.host.user.id, pair.guest.user.id].sort());
    }
  });

  it('both sides confirming the PROPOSED meeting accept the request with it', async () => {
    const { host, guest, requestId, meetingId } = pairs[3]!;
    await guest.client.data(CONFIRM, { id: meetingId });
    expect((await guest.client.data(REQUEST, { id: requestId })).meetingRequest.status).toBe('PENDING');
    expect((await host.client.data(CONFIRM, { id: meetingId })).confirmMeeting.status).toBe('CONFIRMED');
    expect((await guest.client.data(REQUEST, { id: requestId })).meetingRequest).toMatchObject({
      status: 'ACCEPTED',
      meetingId,
    });
  });

  it('nudges only requests that have no meeting waiting for them', async () => {
    t.clock.advance(49 * HOUR);
    expect(await t.app.get(RequestNudger).runOnce()).toBeGreaterThan(0);
    expect((await outboxKinds(t, { requestId: pairs[4]!.requestId })).filter((r) => r.kind === 'NUDGE')).toEqual([]);
    expect(
      (await outboxKinds(t, { requestId: unscheduled.requestId }))
        .filter((r) => r.kind === 'NUDGE')
        .map((r) => r.recipient_id),
    ).toEqual([unscheduled.host.user.id]);
  });

  it('at the session start, unanswered requests expire: both sides are told in their language, and a PROPOSED meeting is withdrawn', async () => {
    t.clock.set(new Date(SESSION_START));
    expect(await t.app.get(RequestsService).expireStarted()).toBe(2);
    expect(await t.app.get(RequestsService).expireStarted()).toBe(0);
    const { host, guest, requestId, meetingId } = pairs[4]!;
    expect((await guest.client.data(REQUEST, { id: requestId })).meetingRequest.status).toBe('EXPIRED');
    expect((await guest.client.data(MEETING, { id: meetingId })).meeting).toMatchObject({
      status: 'CANCELLED',
      cancelReason: REQUEST_EXPIRED_REASON,
    });
    for (const { requestId: id, host: h, guest: g } of [pairs[4]!, unscheduled]) {
      expect(
        (await outboxKinds(t, { requestId: id }))
          .filter((r) => r.kind === 'REQUEST_EXPIRED')
          .map((r) => r.recipient_id)
          .sort(),
      ).toEqual([h.user.id, g.user.id].sort());
    }
    await t.app.get(OutboxWorker).runOnce();
    const subjects = async (user: TestUser) =>
      (await user.client.data(MY_OUTBOX)).myOutbox
        .filter((m: { kind: string }) => m.kind === 'REQUEST_EXPIRED')
        .map((m: { subject: string }) => m.subject);
    expect(await subjects(host)).toEqual(['Request expired: Dance and Parkinson’s']);
    expect(await subjects(unscheduled.guest)).toEqual(['Cais wedi dod i ben: Dawns a Parkinson’s']);
  });
});

describe('meetings held elsewhere', () => {
  let t: TestApp;
  let session: PublishedSession;

  /** A booked one-to-one in `slotIndex` (10 minutes from 10:00Z + 10 × index on 2027-02-01). */
  async function booked(slotIndex: number) {
    const host = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
    const guest = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
    const [o] = await offer(host, session.id, [slotIndex]);
    const { bookSlot } = await guest.client.data(BOOK, { offerId: o!.id });
    return { id: bookSlot.id as string, host, guest };
  }
  const at = (minutes: number) => new Date(Date.parse(SESSION_START) + minutes * MIN);

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2027-01-31T09:00:00Z'), config: LONG_LOGINS });
    session = await publishedSession(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('one "we met" makes it held; a contrary word is shown, not hidden; an organiser decides for good', async () => {
    const m = await booked(0);
    const outsider = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
    const reportCount = await t.countRows('meeting_outcome_reports');
    t.clock.set(at(-1));
    expect(await m.guest.client.errorCode(REPORT, { input: { meetingId: m.id, happened: true } })).toBe(
      'MEETING_NOT_STARTED',
    );
    t.clock.set(at(3));
    expect(await outsider.client.errorCode(REPORT, { input: { meetingId: m.id, happened: true } })).toBe(
      'NOT_A_PARTICIPANT',
    );
    expect(await m.guest.client.errorCode(REPORT, { input: { meetingId: 'not-an-id', happened: true } })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await t.countRows('meeting_outcome_reports')).toBe(reportCount);
    expect((await m.guest.client.data(MEETING, { id: m.id })).meeting.status).toBe('CONFIRMED');

    const { reportMeetingOutcome } = await m.guest.client.data(REPORT, { input: { meetingId: m.id, happened: true } });
    expect(reportMeetingOutcome).toMatchObject({
      status: 'COMPLETED',
      outcomeSource: 'PARTICIPANTS',
      outcomeDisputed: false,
    });
    // Held: feedback is taken (MEETING_NOT_HELD before this change for a meeting nobody joined on video).
    expect(
      (await m.host.client.data(FEEDBACK, { input: { meetingId: m.id, usefulness: 4 } })).giveMeetingFeedback
        .usefulness,
    ).toBe(4);

    const disputed = (await m.host.client.data(REPORT, { input: { meetingId: m.id, happened: false } }))
      .reportMeetingOutcome;
    expect(disputed).toMatchObject({ outcomeDisputed: true });
    for (const viewer of [m.guest, m.host, session.organiser]) {
      const { meeting } = await viewer.client.data(MEETING, { id: m.id });
      expect(meeting.outcomeDisputed).toBe(true);
      expect(
        meeting.outcomeReports
          .map((r: { happened: boolean; person: { id: string } }) => [r.person.id, r.happened])
          .sort(),
      ).toEqual(
        [
          [m.guest.user.id, true],
          [m.host.user.id, false],
        ].sort(),
      );
    }

    expect(await m.host.client.errorCode(SET_OUTCOME, { input: { meetingId: m.id, held: false } })).toBe(
      'NOT_SESSION_ORGANISER',
    );
    expect(
      (await session.organiser.client.data(SET_OUTCOME, { input: { meetingId: m.id, held: false } })).setMeetingOutcome,
    ).toMatchObject({ status: 'NO_SHOW', outcomeSource: 'ORGANISER' });
    // The organiser's word is final: a later report is kept, and changes nothing.
    await m.host.client.data(REPORT, { input: { meetingId: m.id, happened: true } });
    expect((await m.guest.client.data(MEETING, { id: m.id })).meeting).toMatchObject({
      status: 'NO_SHOW',
      outcomeSource: 'ORGANISER',
      outcomeDisputed: false,
    });
  });

  it('only "it didn’t happen" makes it NO_SHOW; a cancelled meeting has no outcome to give', async () => {
    const m = await booked(1);
    const cancelled = await booked(2);
    await cancelled.guest.client.data(`mutation($input: CancelMeetingInput!) { cancelMeeting(input: $input) { id } }`, {
      input: { meetingId: cancelled.id, reason: '' },
    });
    t.clock.set(at(15));
    expect(
      (await m.host.client.data(REPORT, { input: { meetingId: m.id, happened: false } })).reportMeetingOutcome,
    ).toMatchObject({ status: 'NO_SHOW', outcomeSource: 'PARTICIPANTS' });
    expect(
      await session.organiser.client.errorCode(SET_OUTCOME, { input: { meetingId: cancelled.id, held: true } }),
    ).toBe('INVALID_TRANSITION');
  });

  it('with video unreachable, meetings nobody reported on settle a fixed time after their end; a "we met" then corrects the room', async () => {
    const past = await booked(3); // 10:30–10:40
    const recent = await booked(11); // 11:50–12:00
    t.clock.set(new Date(at(40).getTime() + BLIND_SETTLE_AFTER_MS - MIN));
    expect((await t.app.get(RoomsReconciler).run()).reachable).toBe(false);
    expect((await past.guest.client.data(MEETING, { id: past.id })).meeting.status).toBe('CONFIRMED');
    t.clock.advance(2 * MIN);
    const report = await t.app.get(RoomsReconciler).run();
    expect(report).toMatchObject({ reachable: false });
    expect(report.meetingsSettled).toBeGreaterThanOrEqual(1);
    expect((await past.guest.client.data(MEETING, { id: past.id })).meeting).toMatchObject({
      status: 'NO_SHOW',
      outcomeSource: 'ROOM',
    });
    expect((await recent.guest.client.data(MEETING, { id: recent.id })).meeting.status).toBe('CONFIRMED');

    expect(
      (await past.host.client.data(REPORT, { input: { meetingId: past.id, happened: true } })).reportMeetingOutcome,
    ).toMatchObject({ status: 'COMPLETED', outcomeSource: 'PARTICIPANTS' });
    expect(
      (await past.guest.client.data(FEEDBACK, { input: { meetingId: past.id, usefulness: 5 } })).giveMeetingFeedback
        .usefulness,
    ).toBe(5);
  });

  it('gives organisers an attendance report per session: who met, who did not, how each outcome was decided; also as CSV', async () => {
    t.clock.set(at(-60));
    const disputed = await booked(4);
    t.clock.set(at(45));
    await disputed.guest.client.data(REPORT, { input: { meetingId: disputed.id, happened: false } });
    await disputed.host.client.data(REPORT, { input: { meetingId: disputed.id, happened: true } });
    const { sessionAttendanceReport: report } = await session.organiser.client.data(ATTENDANCE, {
      sessionId: session.id,
    });
    type Row = {
      disputed: boolean;
      meeting: { id: string; status: string; outcomeSource: string | null };
      people: { said: boolean | null; turnedUp: boolean; person: { id: string } }[];
    };
    const byId = new Map<string, Row>(report.meetings.map((row: Row) => [row.meeting.id, row]));
    // From the tests above: slot 0 (organiser: not held), 1 (participants: not held), 3 (room, then participants: held), 11 (waiting);
    // slot 4: "it didn't happen" first (NO_SHOW), then a contrary "we met" (disputed: left for an organiser).
    expect(report).toMatchObject({ held: 1, notHeld: 3, awaiting: 1, disputed: 1 });
    expect(report.meetings).toHaveLength(5);
    const row = byId.get(disputed.id)!;
    expect(row).toMatchObject({ disputed: true, meeting: { status: 'NO_SHOW', outcomeSource: 'PARTICIPANTS' } });
    expect(row.people.map((p) => [p.person.id, p.said, p.turnedUp]).sort()).toEqual(
      [
        [disputed.guest.user.id, false, false],
        [disputed.host.user.id, true, false],
      ].sort(),
    );
    const sources = report.meetings.map((r: Row) => r.meeting.outcomeSource).sort();
    expect(sources).toEqual(['ORGANISER', 'PARTICIPANTS', 'PARTICIPANTS', 'PARTICIPANTS', null].sort());
    expect(await disputed.host.client.errorCode(ATTENDANCE, { sessionId: session.id })).toBe('FORBIDDEN');
    const other = await t.createUser({ roles: [Role.ORGANISER] });
    expect(await other.client.errorCode(ATTENDANCE, { sessionId: session.id })).toBe('NOT_SESSION_ORGANISER');

    const csv = async (who: TestUser) =>
      fetch(`${t.url}/exports/attendance.csv?sessionId=${session.id}`, {
        headers: { cookie: who.client.cookieHeader() },
      });
    const res = await csv(session.organiser);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'meeting,starts_at,status,decided_by,disputed,person,role,turned_up,minutes_in_room,said,no_show',
    );
    expect(lines).toHaveLength(1 + 10);
    expect(
      lines
        .filter((l) => l.startsWith(disputed.id))
        .map((l) => l.split(',').slice(2, 5).concat(l.split(',').slice(9)).join(' ').trim())
        .sort(),
    ).toEqual(['NO_SHOW PARTICIPANTS yes MET', 'NO_SHOW PARTICIPANTS yes NOT_MET']);
    expect((await csv(other)).status).toBe(403);
  });
});
