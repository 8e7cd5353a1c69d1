import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { MeetingStatus } from '../src/modules/booking/booking.enums';
import { MeetingsService } from '../src/modules/booking/meetings.service';
import {
  ACCEPT_REQUEST,
  BOOK,
  CANCEL,
  offer,
  PublishedSession,
  publishedSession,
  registered,
  SEND_REQUEST,
  THIRD_PARTY,
} from './support/booking-fixtures';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * After the meeting (issue #7, first part): follow-up actions, feedback and the evidence library.
 * The session is on 2027-02-01 from 10:00 (GMT, so Europe/London = UTC) in 10-minute slots.
 */
const TABLES = ['follow_up_actions', 'follow_up_updates', 'meeting_feedback', 'evidence_methods'];

const RECORD = `mutation($input: RecordFollowUpActionInput!) { recordFollowUpAction(input: $input) {
  id meetingId kind description dueOn status overdue referringOrganisationKind referringTeam closedAt
  owner { id } createdBy { id } history { fromStatus toStatus comment author { id } } } }`;
const CHANGE = `mutation($input: ChangeFollowUpStatusInput!) { changeFollowUpStatus(input: $input) {
  id status closedAt history { fromStatus toStatus comment author { id } } } }`;
const REASSIGN = `mutation($input: ReassignFollowUpActionInput!) { reassignFollowUpAction(input: $input) { id status owner { id } history { fromStatus toStatus comment } } }`;
const MY_ACTIONS = `{ myFollowUpActions { id dueOn status overdue meeting { id session { titleEn } } } }`;
const MEETING_ACTIONS = `query($id: ID!) { meeting(id: $id) { id followUpActions { id kind dueOn owner { id } } myFeedback { usefulness comment } } }`;
const FEEDBACK = `mutation($input: GiveMeetingFeedbackInput!) { giveMeetingFeedback(input: $input) { meetingId usefulness comment person { id } } }`;
const MEETING_FEEDBACK = `query($id: ID!) { meetingFeedback(meetingId: $id) { usefulness comment person { id } } }`;
const DESCRIBE = `mutation($input: EvidenceMethodInput!) { describeEvidenceMethod(input: $input) { id title conditionCodes artFormCodes shared } }`;
const UPDATE_EVIDENCE = `mutation($id: ID!, $input: EvidenceMethodInput!) { updateEvidenceMethod(id: $id, input: $input) { id title shared } }`;
const DELETE_EVIDENCE = `mutation($id: ID!) { deleteEvidenceMethod(id: $id) }`;
const MY_EVIDENCE = `{ myEvidenceMethods { id title conditionCodes artFormCodes shared } }`;
const LIBRARY = `query($condition: String, $artForm: String, $first: Int, $after: String) {
  evidenceLibrary(condition: $condition, artForm: $artForm, first: $first, after: $after) {
    edges { cursor node { id title description conditionCodes artFormCodes practitioner { displayName organisation { name kind } } } }
    pageInfo { hasNextPage endCursor } } }`;

let t: TestApp;
let session: PublishedSession;
let host: TestUser;
let guest: TestUser;
let third: TestUser;
let outsider: TestUser;
let leaver: TestUser;
let admin: TestUser;
let otherOrganiser: TestUser;
/** host + guest + third party, slot 1 (10:10–10:20). */
let meetingId: string;
/** host + guest, slot 4 (10:40–10:50). */
let laterMeetingId: string;
/** host + leaver, slot 3, cancelled. */
let cancelledMeetingId: string;
/** host + outsider, slot 0 (10:00–10:10), a NO_SHOW. */
let noShowMeetingId: string;

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

async function setStatus(
  id: string,
  status: MeetingStatus.IN_PROGRESS | MeetingStatus.COMPLETED | MeetingStatus.NO_SHOW,
): Promise<void> {
  expect(await t.db.write((em) => t.app.get(MeetingsService).applyAttendanceStatus(id, status, em))).toBe(true);
}

const action = (overrides: Record<string, unknown> = {}) => ({
  meetingId,
  kind: 'PILOT',
  description: 'Plan a six-week dance pilot on the ward',
  ownerId: guest.user.id,
  dueOn: '2027-02-10',
  ...overrides,
});

beforeAll(async () => {
  t = await startTestApp({ now: new Date('2027-01-30T09:00:00Z') });
  session = await publishedSession(t);
  const { createOrganisation } = await session.organiser.client.data(
    `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
    {
      input: { name: 'Dawns Dyfed', kind: 'ARTS_ORGANISATION' },
    },
  );
  host = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
  guest = await t.createUser({
    roles: [Role.PRACTITIONER],
    displayName: 'Gwen Guest',
    organisationId: createOrganisation.id,
  });
  await guest.client.data(`mutation($input: RegisterInput!) { registerForSession(input: $input) { id } }`, {
    input: { sessionId: session.id, role: 'GUEST' },
  });
  third = await registered(t, session.id, [Role.LINK_WORKER], 'GUEST');
  outsider = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
  leaver = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
  admin = await t.createUser({ roles: [Role.ADMIN] });
  otherOrganiser = await t.createUser({ roles: [Role.ORGANISER] });

  const request = (
    await guest.client.data(SEND_REQUEST, {
      input: { sessionId: session.id, toUserId: host.user.id, thirdPartyId: third.user.id, message: 'Three of us' },
    })
  ).sendMeetingRequest;
  meetingId = (
    await host.client.data(ACCEPT_REQUEST, {
      input: { requestId: request.id, placement: 'SLOT', slotId: session.slots[1]!.id },
    })
  ).acceptMeetingRequest.meetingId;
  await third.client.data(THIRD_PARTY, { id: request.id, accept: true });

  const [slot0, slot3, slot4] = await offer(host, session.id, [0, 3, 4]);
  noShowMeetingId = (await outsider.client.data(BOOK, { offerId: slot0!.id })).bookSlot.id;
  cancelledMeetingId = (await leaver.client.data(BOOK, { offerId: slot3!.id })).bookSlot.id;
  await leaver.client.data(CANCEL, { input: { meetingId: cancelledMeetingId, reason: 'Ill' } });
  laterMeetingId = (await guest.client.data(BOOK, { offerId: slot4!.id })).bookSlot.id;
  await guest.client.data(`mutation($input: ProfileInput!) { updateMyProfile(input: $input) { updatedAt } }`, {
    input: { artForms: ['dance', 'singing-music'] },
  });

  // Meeting 1 has started (still CONFIRMED: nobody has joined its room yet); meeting 0 was a no-show.
  t.clock.set(new Date('2027-02-01T10:15:00Z'));
  await setStatus(noShowMeetingId, MeetingStatus.NO_SHOW);
});

afterAll(async () => {
  await t?.close();
});

describe('follow-up actions', () => {
  let referralId: string;
  let evidenceActionId: string;

  it('lets any participant record actions once the meeting has started, owned by a participant', async () => {
    const { recordFollowUpAction: referral } = await host.client.data(RECORD, {
      input: action({
        kind: 'REFERRAL_ROUTE',
        description: '  Agree a referral route from the discharge team  ',
        dueOn: '2027-02-15',
        referringOrganisationKind: 'HEALTH_BOARD',
        referringTeam: 'discharge team',
      }),
    });
    expect(referral).toEqual({
      id: expect.any(String),
      meetingId,
      kind: 'REFERRAL_ROUTE',
      description: 'Agree a referral route from the discharge team',
      dueOn: '2027-02-15',
      status: 'OPEN',
      overdue: false,
      referringOrganisationKind: 'HEALTH_BOARD',
      referringTeam: 'discharge team',
      closedAt: null,
      owner: { id: guest.user.id },
      createdBy: { id: host.user.id },
      history: [{ fromStatus: null, toStatus: 'OPEN', comment: null, author: { id: host.user.id } }],
    });
    referralId = referral.id;
    const { recordFollowUpAction: evidence } = await third.client.data(RECORD, {
      input: action({
        kind: 'SHARE_EVIDENCE',
        description: 'Send the evaluation framework',
        ownerId: third.user.id,
        dueOn: '2027-02-01',
      }),
    });
    evidenceActionId = evidence.id;
    expect(await counts()).toMatchObject({ follow_up_actions: 2, follow_up_updates: 2 });

    // Every participant and the session's organiser see them, earliest due first.
    for (const viewer of [host, guest, third, session.organiser, admin]) {
      const { meeting } = await viewer.client.data(MEETING_ACTIONS, { id: meetingId });
      expect(meeting.followUpActions).toEqual([
        { id: evidenceActionId, kind: 'SHARE_EVIDENCE', dueOn: '2027-02-01', owner: { id: third.user.id } },
        { id: referralId, kind: 'REFERRAL_ROUTE', dueOn: '2027-02-15', owner: { id: guest.user.id } },
      ]);
    }
    // Anyone else cannot reach the meeting at all.
    expect(await outsider.client.errorCode(MEETING_ACTIONS, { id: meetingId })).toBe('NOT_FOUND');
    expect(await otherOrganiser.client.errorCode(MEETING_ACTIONS, { id: meetingId })).toBe('NOT_FOUND');
  });

  it('refuses bad actions with a typed code and changes nothing', async () => {
    const cases: [TestUser, Record<string, unknown>, string][] = [
      [host, action({ dueOn: '2027-01-31' }), 'DUE_DATE_IN_PAST'],
      [host, action({ dueOn: '2027-02-30' }), 'BAD_USER_INPUT'],
      [host, action({ dueOn: '1 March' }), 'BAD_USER_INPUT'],
      [host, action({ ownerId: outsider.user.id }), 'OWNER_NOT_A_PARTICIPANT'],
      [host, action({ description: 'x'.repeat(501) }), 'BAD_USER_INPUT'],
      [host, action({ description: '   ' }), 'BAD_USER_INPUT'],
      [host, action({ kind: 'REFERRAL_ROUTE' }), 'REFERRING_ORGANISATION_REQUIRED'],
      [host, action({ kind: 'PILOT', referringTeam: 'discharge team' }), 'REFERRAL_DETAILS_NOT_ALLOWED'],
      [
        host,
        action({ kind: 'REFERRAL_ROUTE', referringOrganisationKind: 'HEALTH_BOARD', referringTeam: 't'.repeat(121) }),
        'BAD_USER_INPUT',
      ],
      [outsider, action({ ownerId: outsider.user.id }), 'NOT_A_PARTICIPANT'],
      [session.organiser, action(), 'NOT_A_PARTICIPANT'],
      [guest, action({ meetingId: laterMeetingId }), 'MEETING_NOT_STARTED'],
      [leaver, action({ meetingId: cancelledMeetingId, ownerId: leaver.user.id }), 'MEETING_CANCELLED'],
      [outsider, action({ meetingId: cancelledMeetingId, ownerId: outsider.user.id }), 'NOT_A_PARTICIPANT'],
      [outsider, action({ meetingId: noShowMeetingId, ownerId: outsider.user.id }), 'MEETING_NOT_HELD'],
      [host, action({ meetingId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND'],
    ];
    for (const [who, input, code] of cases) {
      expect(await failsWithoutChange(who, RECORD, { input }), JSON.stringify(input).slice(0, 120)).toBe(code);
    }
  });

  it('lets only the owner move an action on, along the allowed transitions, keeping its history', async () => {
    const inProgress = (
      await guest.client.data(CHANGE, {
        input: { actionId: referralId, status: 'IN_PROGRESS', comment: 'Called the discharge team' },
      })
    ).changeFollowUpStatus;
    expect(inProgress).toMatchObject({ status: 'IN_PROGRESS', closedAt: null });
    expect(await failsWithoutChange(host, CHANGE, { input: { actionId: referralId, status: 'DONE' } })).toBe(
      'NOT_ACTION_OWNER',
    );
    expect(
      await failsWithoutChange(session.organiser, CHANGE, { input: { actionId: referralId, status: 'DONE' } }),
    ).toBe('NOT_ACTION_OWNER');
    expect(await failsWithoutChange(outsider, CHANGE, { input: { actionId: referralId, status: 'DONE' } })).toBe(
      'NOT_FOUND',
    );
    expect(await failsWithoutChange(guest, CHANGE, { input: { actionId: referralId, status: 'OPEN' } })).toBe(
      'INVALID_TRANSITION',
    );
    expect(
      await failsWithoutChange(guest, CHANGE, {
        input: { actionId: referralId, status: 'DONE', comment: 'c'.repeat(501) },
      }),
    ).toBe('BAD_USER_INPUT');

    const done = (await guest.client.data(CHANGE, { input: { actionId: referralId, status: 'DONE', comment: '  ' } }))
      .changeFollowUpStatus;
    expect(done.status).toBe('DONE');
    expect(done.closedAt).toBe('2027-02-01T10:15:00.000Z');
    expect(done.history).toEqual([
      { fromStatus: null, toStatus: 'OPEN', comment: null, author: { id: host.user.id } },
      {
        fromStatus: 'OPEN',
        toStatus: 'IN_PROGRESS',
        comment: 'Called the discharge team',
        author: { id: guest.user.id },
      },
      { fromStatus: 'IN_PROGRESS', toStatus: 'DONE', comment: null, author: { id: guest.user.id } },
    ]);
    for (const status of ['OPEN', 'IN_PROGRESS', 'DROPPED', 'DONE']) {
      const res = await guest.client.request(CHANGE, { input: { actionId: referralId, status } });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'DONE', to: status });
    }
    expect(await counts()).toMatchObject({ follow_up_actions: 2, follow_up_updates: 4 });

    // OPEN may go straight to DROPPED.
    const dropped = (
      await third.client.data(CHANGE, {
        input: { actionId: evidenceActionId, status: 'DROPPED', comment: 'Shared in the meeting' },
      })
    ).changeFollowUpStatus;
    expect(dropped.history.at(-1)).toEqual({
      fromStatus: 'OPEN',
      toStatus: 'DROPPED',
      comment: 'Shared in the meeting',
      author: { id: third.user.id },
    });
  });

  it('lets the owner hand an open action to another participant', async () => {
    const { recordFollowUpAction: intro } = await guest.client.data(RECORD, {
      input: action({ kind: 'INTRODUCTION', description: 'Introduce the GP cluster lead', ownerId: third.user.id }),
    });
    expect(await failsWithoutChange(guest, REASSIGN, { input: { actionId: intro.id, ownerId: host.user.id } })).toBe(
      'NOT_ACTION_OWNER',
    );
    expect(
      await failsWithoutChange(third, REASSIGN, { input: { actionId: intro.id, ownerId: outsider.user.id } }),
    ).toBe('OWNER_NOT_A_PARTICIPANT');
    const moved = (
      await third.client.data(REASSIGN, {
        input: { actionId: intro.id, ownerId: host.user.id, comment: 'Over to you' },
      })
    ).reassignFollowUpAction;
    expect(moved).toEqual({
      id: intro.id,
      status: 'OPEN',
      owner: { id: host.user.id },
      history: [
        { fromStatus: null, toStatus: 'OPEN', comment: null },
        { fromStatus: 'OPEN', toStatus: 'OPEN', comment: 'Over to you' },
      ],
    });
    expect(await failsWithoutChange(third, CHANGE, { input: { actionId: intro.id, status: 'DONE' } })).toBe(
      'NOT_ACTION_OWNER',
    );
    expect(await failsWithoutChange(guest, REASSIGN, { input: { actionId: referralId, ownerId: host.user.id } })).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('lists my actions overdue first, then by due date, closed ones last', async () => {
    const soon = (
      await host.client.data(RECORD, { input: action({ dueOn: '2027-02-03', description: 'Draft the pilot outline' }) })
    ).recordFollowUpAction;
    const today = (
      await host.client.data(RECORD, { input: action({ dueOn: '2027-02-01', description: 'Send notes' }) })
    ).recordFollowUpAction;
    // Four days later the meeting is over (COMPLETED): actions can still be recorded.
    t.clock.set(new Date('2027-02-05T09:00:00Z'));
    await setStatus(meetingId, MeetingStatus.IN_PROGRESS);
    await setStatus(meetingId, MeetingStatus.COMPLETED);
    const late = (
      await third.client.data(RECORD, { input: action({ dueOn: '2027-02-05', description: 'Book a follow-up call' }) })
    ).recordFollowUpAction;
    expect(await failsWithoutChange(third, RECORD, { input: action({ dueOn: '2027-02-04' }) })).toBe(
      'DUE_DATE_IN_PAST',
    );

    const { myFollowUpActions } = await guest.client.data(MY_ACTIONS);
    const rows = myFollowUpActions.map((a: { id: string; dueOn: string; status: string; overdue: boolean }) => [
      a.dueOn,
      a.status,
      a.overdue,
    ]);
    expect(rows).toEqual([
      ['2027-02-01', 'OPEN', true],
      ['2027-02-03', 'OPEN', true],
      ['2027-02-05', 'OPEN', false],
      ['2027-02-10', 'OPEN', false],
      ['2027-02-01', 'DROPPED', false],
      ['2027-02-15', 'DONE', false],
    ]);
    expect(myFollowUpActions.slice(0, 3).map((a: { id: string }) => a.id)).toEqual([today.id, soon.id, late.id]);
    expect(myFollowUpActions[0].meeting).toEqual({ id: meetingId, session: { titleEn: 'Dance and Parkinson’s' } });
    // The same list for everyone in the meeting; nothing for people outside it, organisers included.
    expect((await third.client.data(MY_ACTIONS)).myFollowUpActions.map((a: { id: string }) => a.id)).toEqual(
      myFollowUpActions.map((a: { id: string }) => a.id),
    );
    // Batched: six actions with their people, meetings, sessions and history in six statements
    // (action ids, actions, users, meetings, sessions, history; the sign-in is cached), not one per action.
    const deep = await guest.client.request(
      `{ myFollowUpActions { id owner { displayName } createdBy { displayName } meeting { id session { titleEn } } history { comment author { displayName } } } }`,
    );
    expect(deep.data.myFollowUpActions).toHaveLength(6);
    expect(Number(deep.headers.get('x-sql-statements'))).toBe(6);
    expect((await outsider.client.data(MY_ACTIONS)).myFollowUpActions).toEqual([]);
    expect((await session.organiser.client.data(MY_ACTIONS)).myFollowUpActions).toEqual([]);
    expect(await t.client().errorCode(MY_ACTIONS)).toBe('UNAUTHENTICATED');
  });
});

describe('feedback', () => {
  it('takes feedback once per participant; comments reach the organisers only', async () => {
    const given = (
      await guest.client.data(FEEDBACK, {
        input: { meetingId, usefulness: 4, comment: 'Useful contacts for the pilot' },
      })
    ).giveMeetingFeedback;
    expect(given).toEqual({
      meetingId,
      usefulness: 4,
      comment: 'Useful contacts for the pilot',
      person: { id: guest.user.id },
    });
    await third.client.data(FEEDBACK, { input: { meetingId, usefulness: 5 } });
    expect(
      await failsWithoutChange(guest, FEEDBACK, { input: { meetingId, usefulness: 2, comment: 'Changed my mind' } }),
    ).toBe('FEEDBACK_ALREADY_GIVEN');

    // Two submissions at once from the host: exactly one is stored.
    const results = await Promise.all(
      [1, 2].map((n) => host.client.request(FEEDBACK, { input: { meetingId, usefulness: n, comment: `Host ${n}` } })),
    );
    expect(results.filter((res) => !res.errors)).toHaveLength(1);
    expect(results.flatMap((res) => res.errors ?? []).map((e) => e.extensions?.code)).toEqual([
      'FEEDBACK_ALREADY_GIVEN',
    ]);
    expect(await t.countRows('meeting_feedback')).toBe(3);

    // Each participant sees only their own; the rated host cannot read the others' comments.
    expect((await guest.client.data(MEETING_ACTIONS, { id: meetingId })).meeting.myFeedback).toEqual({
      usefulness: 4,
      comment: 'Useful contacts for the pilot',
    });
    expect((await third.client.data(MEETING_ACTIONS, { id: meetingId })).meeting.myFeedback).toEqual({
      usefulness: 5,
      comment: null,
    });
    expect((await session.organiser.client.data(MEETING_ACTIONS, { id: meetingId })).meeting.myFeedback).toBeNull();
    expect(await host.client.errorCode(MEETING_FEEDBACK, { id: meetingId })).toBe('FORBIDDEN');
    expect(await guest.client.errorCode(MEETING_FEEDBACK, { id: meetingId })).toBe('FORBIDDEN');
    expect(await outsider.client.errorCode(MEETING_FEEDBACK, { id: meetingId })).toBe('FORBIDDEN');
    expect(await otherOrganiser.client.errorCode(MEETING_FEEDBACK, { id: meetingId })).toBe('NOT_SESSION_ORGANISER');

    for (const organiser of [session.organiser, admin]) {
      const { meetingFeedback } = await organiser.client.data(MEETING_FEEDBACK, { id: meetingId });
      const byPerson = Object.fromEntries(
        meetingFeedback.map((f: { person: { id: string }; usefulness: number; comment: string | null }) => [
          f.person.id,
          [f.usefulness, f.comment],
        ]),
      );
      expect(byPerson[guest.user.id]).toEqual([4, 'Useful contacts for the pilot']);
      expect(byPerson[third.user.id]).toEqual([5, null]);
      expect(byPerson[host.user.id]![1]).toMatch(/^Host [12]$/);
      expect(meetingFeedback).toHaveLength(3);
    }
  });

  it('refuses bad feedback with a typed code and changes nothing', async () => {
    const cases: [TestUser, Record<string, unknown>, string][] = [
      [guest, { meetingId: laterMeetingId, usefulness: 0 }, 'BAD_USER_INPUT'],
      [guest, { meetingId: laterMeetingId, usefulness: 6 }, 'BAD_USER_INPUT'],
      [guest, { meetingId: laterMeetingId, usefulness: 3, comment: 'c'.repeat(1001) }, 'BAD_USER_INPUT'],
      [outsider, { meetingId, usefulness: 3 }, 'NOT_A_PARTICIPANT'],
      [leaver, { meetingId: cancelledMeetingId, usefulness: 3 }, 'MEETING_CANCELLED'],
      [outsider, { meetingId: noShowMeetingId, usefulness: 3 }, 'MEETING_NOT_HELD'],
      [
        host,
        {
          meetingId: laterMeetingId,
          usefulness: 3,
          evidence: { title: 'Mine', description: 'How I do it', conditionCodes: [], shared: true },
        },
        'PRACTITIONERS_ONLY',
      ],
      [
        guest,
        {
          meetingId: laterMeetingId,
          usefulness: 3,
          evidence: { title: 'Mine', description: 'How I do it', conditionCodes: ['not-a-condition'], shared: true },
        },
        'UNKNOWN_TERM',
      ],
      [
        guest,
        {
          meetingId: laterMeetingId,
          usefulness: 3,
          evidence: { title: 't'.repeat(161), description: 'How', conditionCodes: [], shared: true },
        },
        'BAD_USER_INPUT',
      ],
    ];
    for (const [who, input, code] of cases) {
      expect(await failsWithoutChange(who, FEEDBACK, { input }), JSON.stringify(input).slice(0, 120)).toBe(code);
    }
  });

  it('refuses feedback before the meeting starts', async () => {
    const early = await startTestApp({ now: new Date('2027-01-30T09:00:00Z') });
    try {
      const s = await publishedSession(early);
      const h = await registered(early, s.id, [Role.COMMISSIONER], 'HOST');
      const g = await registered(early, s.id, [Role.PRACTITIONER], 'GUEST');
      const [slot] = await offer(h, s.id, [2]);
      const { bookSlot } = await g.client.data(BOOK, { offerId: slot!.id });
      early.clock.set(new Date('2027-02-01T10:19:59Z'));
      expect(await g.client.errorCode(FEEDBACK, { input: { meetingId: bookSlot.id, usefulness: 3 } })).toBe(
        'MEETING_NOT_STARTED',
      );
      expect(await early.countRows('meeting_feedback')).toBe(0);
      early.clock.set(new Date('2027-02-01T10:20:00Z'));
      expect(
        (await g.client.data(FEEDBACK, { input: { meetingId: bookSlot.id, usefulness: 3 } })).giveMeetingFeedback
          .usefulness,
      ).toBe(3);
    } finally {
      await early.close();
    }
  });
});

describe('evidence methods and the library', () => {
  let fromFeedbackId: string;
  let privateId: string;
  let standaloneId: string;

  it('stores an evidence method described with feedback, art forms defaulting from the profile', async () => {
    const before = await counts();
    await guest.client.data(FEEDBACK, {
      input: {
        meetingId: laterMeetingId,
        usefulness: 5,
        evidence: {
          title: 'Movement diaries',
          description: 'Participants keep a short diary of how they move each week.',
          conditionCodes: ['parkinsons'],
          shared: true,
        },
      },
    });
    expect(await counts()).toEqual({
      ...before,
      meeting_feedback: before.meeting_feedback! + 1,
      evidence_methods: before.evidence_methods! + 1,
    });
    const [method] = (await guest.client.data(MY_EVIDENCE)).myEvidenceMethods;
    expect(method).toEqual({
      id: expect.any(String),
      title: 'Movement diaries',
      conditionCodes: ['parkinsons'],
      artFormCodes: ['dance', 'singing-music'],
      shared: true,
    });
    fromFeedbackId = method.id;
  });

  it('lets practitioners describe methods on their own, shared or kept private', async () => {
    privateId = (
      await guest.client.data(DESCRIBE, {
        input: {
          title: 'Private notes',
          description: 'Only for me',
          conditionCodes: ['dementia'],
          artFormCodes: [],
          shared: false,
        },
      })
    ).describeEvidenceMethod.id;
    t.clock.advance(60_000); // the library lists the most recently described first
    const standalone = (
      await outsider.client.data(DESCRIBE, {
        input: {
          title: 'Choir wellbeing scale',
          description: 'A five-question scale before and after each term.',
          conditionCodes: ['dementia', 'parkinsons'],
          artFormCodes: ['singing-music'],
          shared: true,
        },
      })
    ).describeEvidenceMethod;
    expect(standalone).toEqual({
      id: expect.any(String),
      title: 'Choir wellbeing scale',
      conditionCodes: ['dementia', 'parkinsons'],
      artFormCodes: ['singing-music'],
      shared: true,
    });
    standaloneId = standalone.id;
    const input = { title: 'Mine', description: 'How I do it', conditionCodes: [], shared: true };
    expect(await failsWithoutChange(host, DESCRIBE, { input })).toBe('FORBIDDEN');
    expect(await failsWithoutChange(third, DESCRIBE, { input })).toBe('FORBIDDEN');
    expect(await failsWithoutChange(guest, DESCRIBE, { input: { ...input, artFormCodes: ['juggling'] } })).toBe(
      'UNKNOWN_TERM',
    );
    expect(await failsWithoutChange(guest, DESCRIBE, { input: { ...input, description: 'd'.repeat(2001) } })).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('lists shared methods to anyone signed in, filtered by condition and art form, page by page', async () => {
    const all = (await host.client.data(LIBRARY, {})).evidenceLibrary;
    expect(all.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([standaloneId, fromFeedbackId]);
    expect(all.edges[1].node).toMatchObject({
      title: 'Movement diaries',
      practitioner: { displayName: 'Gwen Guest', organisation: { name: 'Dawns Dyfed', kind: 'ARTS_ORGANISATION' } },
    });
    expect(all.pageInfo.hasNextPage).toBe(false);

    const ids = async (vars: Record<string, unknown>) =>
      (await third.client.data(LIBRARY, vars)).evidenceLibrary.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await ids({ condition: 'parkinsons' })).toEqual([standaloneId, fromFeedbackId]);
    expect(await ids({ condition: 'dementia' })).toEqual([standaloneId]);
    expect(await ids({ artForm: 'dance' })).toEqual([fromFeedbackId]);
    expect(await ids({ condition: 'dementia', artForm: 'dance' })).toEqual([]);
    expect(await ids({ condition: 'stroke' })).toEqual([]);

    const first = (await third.client.data(LIBRARY, { first: 1 })).evidenceLibrary;
    expect(first.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([standaloneId]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await third.client.data(LIBRARY, { first: 1, after: first.pageInfo.endCursor })).evidenceLibrary;
    expect(second.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([fromFeedbackId]);
    expect(second.pageInfo.hasNextPage).toBe(false);

    expect(await third.client.errorCode(LIBRARY, { first: 0 })).toBe('BAD_USER_INPUT');
    expect(await third.client.errorCode(LIBRARY, { first: 51 })).toBe('BAD_USER_INPUT');
    expect(await third.client.errorCode(LIBRARY, { after: 'not-a-cursor' })).toBe('INVALID_CURSOR');
    expect(await t.client().errorCode(LIBRARY, {})).toBe('UNAUTHENTICATED');
  });

  it('lets only the owner edit or delete a method', async () => {
    const input = {
      title: 'Movement diaries (revised)',
      description: 'Weekly diary, shared with the group.',
      conditionCodes: ['parkinsons'],
      artFormCodes: ['dance'],
      shared: false,
    };
    expect(await failsWithoutChange(outsider, UPDATE_EVIDENCE, { id: fromFeedbackId, input })).toBe(
      'NOT_EVIDENCE_OWNER',
    );
    expect(await failsWithoutChange(outsider, UPDATE_EVIDENCE, { id: privateId, input })).toBe('NOT_FOUND');
    expect(await failsWithoutChange(outsider, DELETE_EVIDENCE, { id: fromFeedbackId })).toBe('NOT_EVIDENCE_OWNER');
    expect((await guest.client.data(UPDATE_EVIDENCE, { id: fromFeedbackId, input })).updateEvidenceMethod).toEqual({
      id: fromFeedbackId,
      title: 'Movement diaries (revised)',
      shared: false,
    });
    expect(
      (await third.client.data(LIBRARY, {})).evidenceLibrary.edges.map((e: { node: { id: string } }) => e.node.id),
    ).toEqual([standaloneId]);
    expect((await guest.client.data(DELETE_EVIDENCE, { id: privateId })).deleteEvidenceMethod).toBe(true);
    expect((await guest.client.data(MY_EVIDENCE)).myEvidenceMethods.map((m: { id: string }) => m.id)).toEqual([
      fromFeedbackId,
    ]);
    expect(await guest.client.errorCode(DELETE_EVIDENCE, { id: privateId })).toBe('NOT_FOUND');
  });
});
