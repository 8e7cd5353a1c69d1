import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import {
  BOOK,
  CANCEL,
  CREATE_SESSION,
  offer,
  PUBLISH,
  publishedSession,
  PublishedSession,
  REGISTER,
  SEND_REQUEST,
} from './support/booking-fixtures';
import type { GqlClient } from './support/gql-client';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * The impact dashboard on a seeded data set with exact expected figures, on both engines.
 * Sessions, people, profiles, bookings, cancellations and requests go through the real API;
 * meeting outcomes (which LiveKit attendance would set), follow-up actions and feedback (other
 * modules' APIs) are written straight into their tables.
 *
 * Organiser O runs A (1 Feb, 9 meetings) and B (1 Mar, 2 meetings); another organiser runs C.
 *
 *   A: C1–P1 COMPLETED, C1–P2 COMPLETED, C1–P3 COMPLETED, L1–P4 COMPLETED, L1–P5 COMPLETED,
 *      L2–P6 COMPLETED, L2–P1 NO_SHOW, C1–P4 CANCELLED, L1–P6 CONFIRMED
 *   B: C1–P2 COMPLETED, C1–P3 NO_SHOW
 */
const COUNT = `{ value suppressed reason display }`;
const MEASURE = `{ value suppressed reason display }`;
const DASHBOARD_FIELDS = `
  sessionCount reach ${COUNT}
  reachBy { dimension rows { key labelEn count ${COUNT} } }
  meetings { key count ${COUNT} } meetingsTotal ${COUNT}
  requests { total ${COUNT} answered ${COUNT} unanswered ${COUNT} shareUnanswered ${MEASURE} medianHoursToAnswer ${MEASURE} }
  followUps { kind created ${COUNT} done ${COUNT} } followUpsCreated ${COUNT} followUpsDone ${COUNT}
  referralRoutes ${COUNT} referralRoutesBy { key count ${COUNT} }
  linkWorkers { linkWorkers ${COUNT} capacityOffered ${COUNT} capacityUsed ${COUNT} }
  feedback { answers ${COUNT} meanUsefulness ${MEASURE} }
  trends { sessionId titleEn reach ${COUNT} meetings { key count ${COUNT} } meetingsTotal ${COUNT} followUpsCreated ${COUNT} referralRoutes ${COUNT} feedbackAnswers ${COUNT} meanUsefulness ${MEASURE} }`;
const DASHBOARD = `query ($filter: ImpactFilterInput) { impactDashboard(filter: $filter) { ${DASHBOARD_FIELDS} } }`;
const SUMMARY = `query ($sessionId: ID!) { sessionOutcomeSummary(sessionId: $sessionId) { ${DASHBOARD_FIELDS} } }`;
const CREATE_ORGANISATION = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`;
const UPDATE_PROFILE = `mutation ($input: ProfileInput!) { updateMyProfile(input: $input) { updatedAt } }`;
const ACCEPT = `mutation ($id: ID!) { acceptMeetingRequest(input: { requestId: $id, placement: AUTO_SCHEDULE }) { id } }`;
const DECLINE = `mutation ($id: ID!) { declineMeetingRequest(input: { requestId: $id, reason: "Not this time" }) { id } }`;
const WITHDRAW = `mutation ($id: ID!) { withdrawMeetingRequest(id: $id) { id } }`;

type Count = { value: number | null; suppressed: boolean; reason: string | null; display: string };
type Dashboard = Record<string, any>;

/** "<5" primary, "[c]" secondary, otherwise the number. */
const shown = (count: Count) => count.display;
const rows = (list: { key: string; count: Count }[]) => Object.fromEntries(list.map((r) => [r.key, shown(r.count)]));
const breakdown = (d: Dashboard, dimension: string) =>
  rows(d.reachBy.find((b: { dimension: string }) => b.dimension === dimension).rows);

let t: TestApp;
let a: PublishedSession;
let sessionB: string;
let c: PublishedSession;
let organiser: GqlClient;
const people: Record<string, TestUser> = {};
const meetings: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  a = await publishedSession(t);
  organiser = a.organiser.client;
  const created = await organiser.data(CREATE_SESSION, {
    input: {
      titleCy: 'Canu ar gyfer yr ysgyfaint',
      titleEn: 'Singing for lung health',
      descriptionCy: 'Sesiwn',
      descriptionEn: 'Session',
      theme: 'CONDITION',
      conditions: ['lung-health-copd'],
      deliveryLanguage: 'cy',
      region: 'powys',
      startsAt: '2027-03-01T10:00:00.000Z',
      endsAt: '2027-03-01T11:00:00.000Z',
      slotMinutes: 10,
    },
  });
  sessionB = created.createSession.id;
  await organiser.data(PUBLISH, { id: sessionB });
  c = await publishedSession(t, {
    startsAt: '2027-02-02T10:00:00.000Z',
    endsAt: '2027-02-02T11:00:00.000Z',
    breakSlotIndexes: [],
  });

  const org = async (name: string, kind: string) =>
    (await organiser.data(CREATE_ORGANISATION, { input: { name, kind } })).createOrganisation.id as string;
  const healthBoard = await org('Bwrdd Iechyd Hywel Dda', 'HEALTH_BOARD');
  const cluster = await org('Clwstwr Arfon', 'GP_CLUSTER');
  const arts = await org('Dawns i Bawb', 'ARTS_ORGANISATION');
  const person = async (
    name: string,
    roles: Role[],
    organisationId: string | null,
    profile: Record<string, unknown> | null,
  ) => {
    people[name] = await t.createUser({ roles, organisationId, displayName: name });
    if (profile) await people[name].client.data(UPDATE_PROFILE, { input: profile });
  };
  await person('C1', [Role.COMMISSIONER], healthBoard, {
    regions: ['hywel-dda'],
    conditions: ['parkinsons', 'dementia'],
    inclusiveSpace: false,
  });
  await person('L1', [Role.LINK_WORKER], cluster, {
    regions: ['hywel-dda', 'powys'],
    referralCapacityPerMonth: 10,
    inclusiveSpace: false,
  });
  await person('L2', [Role.LINK_WORKER], cluster, {
    regions: ['powys'],
    referralCapacityPerMonth: 6,
    inclusiveSpace: false,
  });
  const dancer = { regions: ['hywel-dda'], conditions: ['parkinsons'], artForms: ['dance'] };
  await person('P1', [Role.PRACTITIONER], arts, { ...dancer, inclusiveSpace: true, projectTerm: 'LONG' });
  await person('P2', [Role.PRACTITIONER], arts, { ...dancer, inclusiveSpace: true, projectTerm: 'LONG' });
  await person('P3', [Role.PRACTITIONER], arts, { ...dancer, inclusiveSpace: false, projectTerm: 'LONG' });
  await person('P4', [Role.PRACTITIONER], arts, { ...dancer, inclusiveSpace: false, projectTerm: 'SHORT' });
  await person('P5', [Role.PRACTITIONER], arts, {
    regions: [],
    conditions: ['parkinsons'],
    artForms: ['dance'],
    inclusiveSpace: false,
  });
  await person('P6', [Role.PRACTITIONER], null, null);
  await person('outsider', [Role.PRACTITIONER], null, null);

  const openSlots = [0, 1, 2, 3, 4, 5];
  for (const host of ['C1', 'L1', 'L2'])
    await people[host].client.data(REGISTER, {
      input: { sessionId: a.id, role: 'HOST', availableSlotIndexes: openSlots },
    });
  for (const guest of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'])
    await people[guest].client.data(REGISTER, {
      input: { sessionId: a.id, role: 'GUEST', availableSlotIndexes: openSlots },
    });
  for (const name of ['C1', 'P2', 'P3'])
    await people[name].client.data(REGISTER, {
      input: { sessionId: sessionB, role: name === 'C1' ? 'HOST' : 'GUEST', availableSlotIndexes: [0, 1, 2] },
    });

  const book = async (key: string, sessionId: string, host: string, guest: string, slot: number) => {
    const [offered] = await offer(people[host], sessionId, [slot]);
    meetings[key] = (await people[guest].client.data(BOOK, { offerId: offered!.id })).bookSlot.id;
  };
  await book('m1', a.id, 'C1', 'P1', 0);
  await book('m2', a.id, 'C1', 'P2', 1);
  await book('m3', a.id, 'C1', 'P3', 2);
  await book('m4', a.id, 'L1', 'P4', 0);
  await book('m5', a.id, 'L1', 'P5', 1);
  await book('m6', a.id, 'L2', 'P6', 0);
  await book('m7', a.id, 'L2', 'P1', 1);
  await book('m8', a.id, 'C1', 'P4', 3);
  await book('m9', a.id, 'L1', 'P6', 2);
  await book('m10', sessionB, 'C1', 'P2', 0);
  await book('m11', sessionB, 'C1', 'P3', 1);
  await people.P4.client.data(CANCEL, { input: { meetingId: meetings.m8, reason: 'Clash' } });
  // Session C (another organiser): a completed meeting that must never be counted for O.
  const cHost = await t.createUser({ roles: [Role.COMMISSIONER] });
  await cHost.client.data(REGISTER, { input: { sessionId: c.id, role: 'HOST' } });
  await people.outsider.client.data(REGISTER, { input: { sessionId: c.id, role: 'GUEST' } });
  const [cOffer] = await offer(cHost, c.id, [0]);
  meetings.c1 = (await people.outsider.client.data(BOOK, { offerId: cOffer!.id })).bookSlot.id;

  // What LiveKit attendance would have decided.
  const outcome = (status: string, keys: string[]) =>
    t.db.sql(`UPDATE meetings SET status = ? WHERE id IN (${keys.map(() => '?').join(', ')})`, [
      status,
      ...keys.map((k) => meetings[k]),
    ]);
  await outcome('COMPLETED', ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm10', 'c1']);
  await outcome('NO_SHOW', ['m7', 'm11']);

  // Requests in A, answered after 1, 2, 4, 6, 10 and 30 hours (median 5), one withdrawn.
  const sent: [string, string][] = [
    ['P1', 'L1'],
    ['P2', 'L1'],
    ['P3', 'L2'],
    ['P4', 'C1'],
    ['P5', 'L2'],
    ['P6', 'L1'],
  ];
  const requestIds: string[] = [];
  for (const [from, to] of sent)
    requestIds.push(
      (
        await people[from].client.data(SEND_REQUEST, {
          input: { sessionId: a.id, toUserId: people[to].user.id, message: 'Hoffwn gwrdd' },
        })
      ).sendMeetingRequest.id,
    );
  const withdrawn = (
    await people.P1.client.data(SEND_REQUEST, { input: { sessionId: a.id, toUserId: people.C1.user.id, message: 'x' } })
  ).sendMeetingRequest.id;
  await people.P1.client.data(WITHDRAW, { id: withdrawn });
  const start = t.clock.now().getTime();
  const answers: [number, string, string][] = [
    [1, 'L1', ACCEPT],
    [2, 'L1', DECLINE],
    [4, 'L2', ACCEPT],
    [6, 'C1', DECLINE],
    [10, 'L2', ACCEPT],
    [30, 'L1', ACCEPT],
  ];
  for (const [i, [hours, receiver, doc]] of answers.entries()) {
    t.clock.set(new Date(start + hours * 3600_000));
    await people[receiver].client.data(doc, { id: requestIds[i] });
  }

  // Follow-ups (REFERRAL_ROUTE f1–f7, f4 dropped) and feedback, straight into their tables.
  const now = t.db.instant(t.clock.now());
  const action = (meeting: string, owner: string, kind: string, status: string, referringKind: string | null = null) =>
    t.db.sql(
      `INSERT INTO follow_up_actions (id, meeting_id, created_by_id, owner_id, kind, referring_organisation_kind, referring_team, description, due_on, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        randomUUID(),
        meetings[meeting],
        people[owner].user.id,
        people[owner].user.id,
        kind,
        referringKind,
        kind === 'REFERRAL_ROUTE' ? 'discharge team' : null,
        'Next step',
        '2027-04-01',
        status,
        now,
        now,
      ],
    );
  await action('m4', 'L1', 'REFERRAL_ROUTE', 'DONE', 'GP_CLUSTER');
  await action('m5', 'L1', 'REFERRAL_ROUTE', 'OPEN', 'HEALTH_BOARD');
  await action('m1', 'C1', 'REFERRAL_ROUTE', 'IN_PROGRESS', 'HEALTH_BOARD');
  await action('m2', 'C1', 'REFERRAL_ROUTE', 'DROPPED', 'HEALTH_BOARD');
  await action('m2', 'C1', 'REFERRAL_ROUTE', 'OPEN', 'HEALTH_BOARD');
  await action('m3', 'C1', 'REFERRAL_ROUTE', 'DONE', 'HEALTH_BOARD');
  await action('m10', 'C1', 'REFERRAL_ROUTE', 'DONE', 'HEALTH_BOARD');
  await action('m6', 'P6', 'SHARE_EVIDENCE', 'DONE');
  await action('m6', 'L2', 'SHARE_EVIDENCE', 'DONE');
  await action('m1', 'P1', 'PILOT', 'OPEN');
  await action('m3', 'P3', 'INTRODUCTION', 'DONE');
  await action('m10', 'P2', 'FUNDING_BID', 'OPEN');
  await action('c1', 'outsider', 'PILOT', 'DONE');
  const feedback = (meeting: string, user: string, usefulness: number) =>
    t.db.sql(
      'INSERT INTO meeting_feedback (id, meeting_id, user_id, usefulness, comment, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [randomUUID(), meetings[meeting], people[user].user.id, usefulness, null, now],
    );
  for (const [meeting, user, usefulness] of [
    ['m1', 'P1', 5],
    ['m1', 'C1', 4],
    ['m2', 'P2', 4],
    ['m4', 'P4', 5],
    ['m4', 'L1', 3],
    ['m6', 'P6', 2],
    ['m10', 'P2', 5],
    ['c1', 'outsider', 1],
  ] as const) {
    await feedback(meeting, user, usefulness);
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('impact dashboard: exact figures over both of the organiser’s sessions', () => {
  let d: Dashboard;
  beforeAll(async () => {
    d = (await organiser.data(DASHBOARD)).impactDashboard;
  });

  it('covers the organiser’s own two sessions, in time order', () => {
    expect(d.sessionCount).toBe(2);
    expect(d.trends.map((r: { sessionId: string }) => r.sessionId)).toEqual([a.id, sessionB]);
  });

  it('reach: 9 distinct people, by region, condition, art form, organisation kind, inclusive space and project term', () => {
    expect(d.reach).toEqual({ value: 9, suppressed: false, reason: null, display: '9' });
    expect(breakdown(d, 'REGION')).toMatchObject({
      'hywel-dda': '6',
      powys: '<5',
      'swansea-bay': '0',
      NOT_STATED: '<5',
    });
    expect(breakdown(d, 'CONDITION')).toMatchObject({ parkinsons: '6', dementia: '<5', stroke: '0', NOT_STATED: '<5' });
    // Everyone is under dance (5) or NOT_STATED (4): 9 ≤ 5 + NOT_STATED would pin the hidden 4, so the 5 is hidden too.
    expect(breakdown(d, 'ART_FORM')).toMatchObject({ dance: '[c]', 'singing-music': '0', NOT_STATED: '<5' });
    expect(breakdown(d, 'ORGANISATION_KIND')).toEqual({
      ARTS_ORGANISATION: '5',
      COMMUNITY_ARTS_GROUP: '0',
      HEALTH_BOARD: '<5',
      LOCAL_AUTHORITY: '0',
      GP_CLUSTER: '<5',
      THIRD_SECTOR: '0',
      FUNDER: '0',
      NOT_STATED: '<5',
    });
    expect(breakdown(d, 'INCLUSIVE_SPACE')).toEqual({ YES: '<5', NO: '6', NOT_STATED: '<5' });
    expect(breakdown(d, 'PROJECT_TERM')).toEqual({ SHORT: '<5', LONG: '<5', EITHER: '0', NOT_STATED: '5' });
    const region = d.reachBy
      .find((b: { dimension: string }) => b.dimension === 'REGION')
      .rows.find((r: { key: string }) => r.key === 'hywel-dda');
    expect(region.labelEn).toBe('Hywel Dda University Health Board');
  });

  it('meetings by status: a 2-D table whose totals would reveal hidden cells gets secondary suppression', () => {
    //            PROPOSED CONFIRMED IN_PROGRESS COMPLETED NO_SHOW CANCELLED | total
    //   A            0        1          0          6        1        1     |   9
    //   B            0        0          0          1        1        0     |   2
    //   total        0        1          0          7        2        1     |  11
    // Row A: 9 − 6 leaves 3 for three hidden cells, so each would be 1: A's 6 goes. Column COMPLETED:
    // 7 − A's 6 would give B's 1, and 11 − A's 9 B's 2: A's total and the COMPLETED total go too.
    // What is left: 11 = CONFIRMED (1–4) + COMPLETED (≥ 5) + NO_SHOW (1–4) + CANCELLED (1–4) pins nothing.
    expect(rows(d.meetings)).toEqual({
      PROPOSED: '0',
      CONFIRMED: '<5',
      IN_PROGRESS: '0',
      COMPLETED: '[c]',
      NO_SHOW: '<5',
      CANCELLED: '<5',
    });
    expect(d.meetingsTotal).toEqual({ value: 11, suppressed: false, reason: null, display: '11' });
    const [rowA, rowB] = d.trends;
    expect(rows(rowA.meetings)).toEqual({
      PROPOSED: '0',
      CONFIRMED: '<5',
      IN_PROGRESS: '0',
      COMPLETED: '[c]',
      NO_SHOW: '<5',
      CANCELLED: '<5',
    });
    expect(rows(rowB.meetings)).toEqual({
      PROPOSED: '0',
      CONFIRMED: '0',
      IN_PROGRESS: '0',
      COMPLETED: '<5',
      NO_SHOW: '<5',
      CANCELLED: '0',
    });
    expect(shown(rowB.meetingsTotal)).toBe('<5');
    expect(rowA.meetings.find((m: { key: string }) => m.key === 'COMPLETED').count).toEqual({
      value: null,
      suppressed: true,
      reason: 'SECONDARY',
      display: '[c]',
    });
    expect(rowA.meetingsTotal).toEqual({ value: null, suppressed: true, reason: 'SECONDARY', display: '[c]' });
  });

  it('requests: 6 answered (median 5 hours), none unanswered, the withdrawn one left out', () => {
    expect(shown(d.requests.total)).toBe('6');
    expect(shown(d.requests.answered)).toBe('6');
    expect(d.requests.unanswered).toEqual({ value: 0, suppressed: false, reason: null, display: '0' });
    expect(d.requests.shareUnanswered).toMatchObject({ value: 0, suppressed: false, display: '0%' });
    expect(d.requests.medianHoursToAnswer).toMatchObject({ value: 5, suppressed: false, display: '5.0' });
  });

  it('follow-ups created and done by kind; a session total that would reveal the other gets hidden', () => {
    expect(
      Object.fromEntries(
        d.followUps.map((f: { kind: string; created: Count; done: Count }) => [
          f.kind,
          [shown(f.created), shown(f.done)],
        ]),
      ),
    ).toEqual({
      REFERRAL_ROUTE: ['7', '<5'],
      SHARE_EVIDENCE: ['<5', '<5'],
      PILOT: ['<5', '0'],
      INTRODUCTION: ['<5', '<5'],
      FUNDING_BID: ['<5', '0'],
      OTHER: ['0', '0'],
    });
    expect(shown(d.followUpsCreated)).toBe('12');
    expect(shown(d.followUpsDone)).toBe('6');
    // 12 created: A 10, B 2 — B is "<5", so A may not be shown beside the total.
    expect(d.trends.map((r: { followUpsCreated: Count }) => shown(r.followUpsCreated))).toEqual(['[c]', '<5']);
  });

  it('referral routes agreed (6, the dropped one left out), by referring organisation kind, with secondary suppression', () => {
    // 6 = health boards 5 + GP cluster 1 (hidden), and 6 = A 5 + B 1 (hidden): A's 5 goes, and then
    // the total too — beside a "[c]" (≥ 5) and a "<5" (≥ 1), a visible 6 would still pin B at 1.
    expect(d.referralRoutes).toEqual({ value: null, suppressed: true, reason: 'SECONDARY', display: '[c]' });
    expect(rows(d.referralRoutesBy)).toEqual({
      ARTS_ORGANISATION: '0',
      COMMUNITY_ARTS_GROUP: '0',
      HEALTH_BOARD: '5',
      LOCAL_AUTHORITY: '0',
      GP_CLUSTER: '<5',
      THIRD_SECTOR: '0',
      FUNDER: '0',
      NOT_STATED: '0',
    });
    expect(d.trends.map((r: { referralRoutes: Count }) => shown(r.referralRoutes))).toEqual(['[c]', '<5']);
  });

  it('link-worker capacity: 2 link workers offering 16 a month, 2 routes agreed with them', () => {
    expect(shown(d.linkWorkers.linkWorkers)).toBe('<5');
    expect(d.linkWorkers.capacityOffered).toEqual({ value: 16, suppressed: false, reason: null, display: '16' });
    expect(shown(d.linkWorkers.capacityUsed)).toBe('<5');
  });

  it('feedback: 7 answers, mean 4.0; a session with fewer than 5 answers shows no mean', () => {
    expect(shown(d.feedback.answers)).toBe('7');
    expect(d.feedback.meanUsefulness).toMatchObject({ value: 4, suppressed: false, display: '4.0' });
    const [rowA, rowB] = d.trends;
    expect(shown(rowB.feedbackAnswers)).toBe('<5');
    expect(rowB.meanUsefulness).toEqual({ value: null, suppressed: true, reason: 'TOO_FEW', display: '[c]' });
    // A's 6 answers beside the total 7 would reveal B's 1: hidden, and its mean with it.
    expect(shown(rowA.feedbackAnswers)).toBe('[c]');
    expect(rowA.meanUsefulness.value).toBeNull();
  });

  it('trends: reach per session', () => {
    expect(d.trends.map((r: { reach: Count }) => shown(r.reach))).toEqual(['9', '<5']);
  });

  it('no suppressed count carries a number anywhere in the response', () => {
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (record.suppressed === true) expect(record.value).toBeNull();
      Object.values(record).forEach(walk);
    };
    walk(d);
  });
});

describe('filters', () => {
  it('one session: the same figures as its outcome summary', async () => {
    const onlyA = (await organiser.data(DASHBOARD, { filter: { sessionIds: [a.id] } })).impactDashboard;
    const summary = (await people.P5.client.data(SUMMARY, { sessionId: a.id })).sessionOutcomeSummary;
    expect(summary).toEqual(onlyA);
    expect(onlyA.sessionCount).toBe(1);
    expect(shown(onlyA.reach)).toBe('9');
    // 9 = 6 + three hidden cells: they would each be 1, so the 6 (or the 9) must go.
    expect(rows(onlyA.meetings)).toEqual({
      PROPOSED: '0',
      CONFIRMED: '<5',
      IN_PROGRESS: '0',
      COMPLETED: '[c]',
      NO_SHOW: '<5',
      CANCELLED: '<5',
    });
    expect(shown(onlyA.meetingsTotal)).toBe('[c]');
    // 5 routes = two hidden cells (4 + 1): 1+4, 2+3, 3+2 and 4+1 all fit, so the 5 stays.
    expect(shown(onlyA.referralRoutes)).toBe('5');
    expect(rows(onlyA.referralRoutesBy)).toMatchObject({ HEALTH_BOARD: '<5', GP_CLUSTER: '<5' });
    expect(shown(onlyA.feedback.answers)).toBe('6');
    expect(onlyA.feedback.meanUsefulness.display).toBe('3.8');
  });

  it('by date range, region and condition (each selects sessions)', async () => {
    const march = (
      await organiser.data(DASHBOARD, { filter: { from: '2027-02-15T00:00:00Z', to: '2027-04-01T00:00:00Z' } })
    ).impactDashboard;
    expect(march.trends.map((r: { sessionId: string }) => r.sessionId)).toEqual([sessionB]);
    const powys = (await organiser.data(DASHBOARD, { filter: { region: 'powys' } })).impactDashboard;
    expect(powys.trends.map((r: { sessionId: string }) => r.sessionId)).toEqual([sessionB]);
    const parkinsons = (await organiser.data(DASHBOARD, { filter: { condition: 'parkinsons' } })).impactDashboard;
    expect(parkinsons.trends.map((r: { sessionId: string }) => r.sessionId)).toEqual([a.id]);
    const none = (await organiser.data(DASHBOARD, { filter: { condition: 'stroke' } })).impactDashboard;
    expect(none.sessionCount).toBe(0);
    expect(shown(none.reach)).toBe('0');
    expect(none.feedback.meanUsefulness.display).toBe('–');
  });

  it('a range that ends before it starts is a typed error', async () => {
    expect(
      await organiser.errorCode(DASHBOARD, { filter: { from: '2027-03-01T00:00:00Z', to: '2027-02-01T00:00:00Z' } }),
    ).toBe('INVALID_DATE_RANGE');
  });
});

describe('who sees what', () => {
  it('the other organiser sees only their session; naming O’s session is FORBIDDEN, an unknown one NOT_FOUND', async () => {
    const theirs = (await c.organiser.client.data(DASHBOARD)).impactDashboard;
    expect(theirs.trends.map((r: { sessionId: string }) => r.sessionId)).toEqual([c.id]);
    expect(shown(theirs.reach)).toBe('<5');
    expect(await c.organiser.client.errorCode(DASHBOARD, { filter: { sessionIds: [a.id] } })).toBe('FORBIDDEN');
    expect(await organiser.errorCode(DASHBOARD, { filter: { sessionIds: [randomUUID()] } })).toBe('NOT_FOUND');
  });

  it('an admin sees every organiser’s sessions', async () => {
    const admin = await t.createUser({ roles: [Role.ADMIN] });
    const all = (await admin.client.data(DASHBOARD)).impactDashboard;
    expect(all.sessionCount).toBe(3);
    expect(shown(all.meetingsTotal)).toBe('12');
  });

  it('participants see only the summaries of sessions they were in; other roles get no dashboard', async () => {
    expect(await people.P5.client.errorCode(DASHBOARD)).toBe('FORBIDDEN');
    expect(await people.P5.client.errorCode(SUMMARY, { sessionId: sessionB })).toBe('FORBIDDEN');
    expect(await people.outsider.client.errorCode(SUMMARY, { sessionId: a.id })).toBe('FORBIDDEN');
    expect((await people.P2.client.data(SUMMARY, { sessionId: sessionB })).sessionOutcomeSummary.sessionCount).toBe(1);
    expect((await organiser.data(SUMMARY, { sessionId: sessionB })).sessionOutcomeSummary.sessionCount).toBe(1);
    expect(await c.organiser.client.errorCode(SUMMARY, { sessionId: a.id })).toBe('FORBIDDEN');
    expect(await t.client().errorCode(SUMMARY, { sessionId: a.id })).toBe('UNAUTHENTICATED');
  });
});

describe('CSV export', () => {
  const download = (client: GqlClient | null, query = '') =>
    fetch(`${t.url}/exports/impact.csv${query}`, {
      headers: {
        accept: 'text/html',
        ...(client ? { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
      },
    });

  it('streams every table with suppressed cells as "<5" or "[c]", parsed back with csv-parse', async () => {
    const res = await download(organiser, '?lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const records: Record<string, string>[] = parse(await res.text(), { columns: true, bom: true });
    const value = (table: string, row: string, session = '') =>
      records.find((r) => r.table === table && r.row === row && r.session.endsWith(session))?.value;
    expect(value('summary', 'sessions')).toBe('2');
    expect(value('summary', 'reach')).toBe('9');
    expect(value('reach_by_region', 'hywel-dda')).toBe('6');
    expect(value('reach_by_region', 'powys')).toBe('<5');
    expect(records.find((r) => r.table === 'reach_by_region' && r.row === 'hywel-dda')!.label).toBe(
      'Hywel Dda University Health Board',
    );
    expect(value('meetings_by_status', 'NO_SHOW')).toBe('<5');
    expect(value('meetings_by_status', 'PROPOSED')).toBe('0');
    expect(value('meetings_by_status', 'TOTAL')).toBe('11');
    expect(value('meetings_by_status', 'COMPLETED')).toBe('[c]');
    expect(value('referral_routes_by_organisation_kind', 'HEALTH_BOARD')).toBe('5');
    expect(value('referral_routes_by_organisation_kind', 'GP_CLUSTER')).toBe('<5');
    expect(value('referral_routes_by_organisation_kind', 'TOTAL')).toBe('[c]');
    expect(value('requests', 'median_hours_to_answer')).toBe('5.0');
    expect(value('trends', 'meetings_COMPLETED', 'Dance and Parkinson’s')).toBe('[c]');
    expect(value('trends', 'meetings_COMPLETED', 'Singing for lung health')).toBe('<5');
    expect(value('trends', 'meetings_TOTAL', 'Dance and Parkinson’s')).toBe('[c]');
    // Every value is a number, "<5", "[c]", "–" or a share: the hidden numbers never appear.
    for (const r of records) expect(r.value).toMatch(/^(\d+(\.\d)?%?|<5|\[c\]|–)$/);
    // The same figures as the API, cell for cell.
    const d = (await organiser.data(DASHBOARD)).impactDashboard;
    expect(value('follow_ups_created_by_kind', 'TOTAL')).toBe(shown(d.followUpsCreated));
    expect(value('feedback', 'answers')).toBe(shown(d.feedback.answers));
  });

  it('uses the filters and Welsh labels', async () => {
    const res = await download(organiser, `?sessionIds=${sessionB}&lang=cy`);
    const records: Record<string, string>[] = parse(await res.text(), { columns: true, bom: true });
    expect(records.find((r) => r.row === 'sessions')!.value).toBe('1');
    expect(records.find((r) => r.table === 'reach_by_region' && r.row === 'powys')!.label).toBe(
      'Bwrdd Iechyd Addysgu Powys',
    );
    expect(
      records.filter((r) => r.table === 'trends').every((r) => r.session === '2027-03-01 Canu ar gyfer yr ysgyfaint'),
    ).toBe(true);
  });

  it('refuses anonymous callers, other roles, other organisers’ sessions and bad filters', async () => {
    expect((await download(null)).status).toBe(401);
    const practitioner = await download(people.P1.client);
    expect(practitioner.status).toBe(403);
    expect(await practitioner.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await download(c.organiser.client, `?sessionIds=${a.id}`)).status).toBe(403);
    const bad = await download(organiser, '?from=yesterday');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
