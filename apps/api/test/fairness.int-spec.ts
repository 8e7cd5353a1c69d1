import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { SchedulingService } from '../src/modules/matching/scheduling.service';
import {
  DECLINE_REQUEST,
  offer,
  publishedSession,
  PublishedSession,
  registered,
  SEND_REQUEST,
} from './support/booking-fixtures';
import { GqlClient } from './support/gql-client';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #23, point 3: the fairness report of an auto-schedule run and of a session as it stands.
 * One commissioner offers one seat, in slot 0 only; ten practitioners: six ask for slot 0 (one gets
 * it, five lose to capacity), one is free only when the host is not (no mutual slot), one only in
 * the break (no availability), one was declined, one asked nobody. Counts are suppressed as on the
 * dashboard; the organiser's list names everyone without a meeting, with the reason.
 */
const SETTINGS = `mutation($input: UpdateScheduleSettingsInput!) { updateScheduleSettings(input: $input) { recommendationsPerPerson } }`;
const START = `mutation($sessionId: ID!) { startAutoSchedule(sessionId: $sessionId) { id } }`;
const PUBLISH_RUN = `mutation($id: ID!) { publishAutoSchedule(id: $id) { meetingIds } }`;
const COUNT = `value display suppressed`;
const REPORT_FIELDS = `sessionId runId people { ${COUNT} } withMeeting { ${COUNT} } withoutMeeting { ${COUNT} }
  coverage { value display } averageValue { value display }
  groups { dimension category people { ${COUNT} } withMeeting { ${COUNT} } coverage { value display } averageValue { value display } }
  reasons { reason people { ${COUNT} } }
  withoutMeetingList { reason person { id } }`;
const RUN_REPORT = `query($runId: ID!) { scheduleRunFairness(runId: $runId) { ${REPORT_FIELDS} } }`;
const SESSION_REPORT = `query($sessionId: ID!) { sessionFairness(sessionId: $sessionId) { ${REPORT_FIELDS} } }`;

let t: TestApp;
let session: PublishedSession;
let host: TestUser;
let crowd: TestUser[];
let elsewhere: TestUser;
let breakOnly: TestUser;
let declined: TestUser;
let nobody: TestUser;
let runId: string;

function reasonsOf(report: any): Record<string, string> {
  return Object.fromEntries(report.withoutMeetingList.map((w: any) => [w.person.id, w.reason]));
}

/** No count of 1–4 is ever shown as a number, and no share or average stands on fewer than 5 shown people. */
function expectSuppressed(report: any) {
  const counts = [
    report.people,
    report.withMeeting,
    report.withoutMeeting,
    ...report.reasons.map((r: any) => r.people),
    ...report.groups.flatMap((g: any) => [g.people, g.withMeeting]),
  ];
  for (const c of counts) if (c.value !== null) expect(c.value === 0 || c.value >= 5).toBe(true);
  for (const g of report.groups) {
    if (g.people.value === null || g.people.value < 5) {
      expect(g.coverage.value).toBeNull();
      expect(g.averageValue.value).toBeNull();
    }
  }
}

async function csv(client: GqlClient, query: string): Promise<{ status: number; text: string }> {
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const res = await fetch(`${t.url}/exports/fairness.csv?${query}`, { headers: { cookie } });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  t = await startTestApp();
  session = await publishedSession(t);
  await session.organiser.client.data(SETTINGS, { input: { sessionId: session.id, recommendationsPerPerson: 0 } });
  host = await registered(t, session.id, [Role.COMMISSIONER], 'HOST', [0]);
  await offer(host, session.id, [0], 1);
  crowd = [];
  for (let i = 0; i < 6; i++) crowd.push(await registered(t, session.id, [Role.PRACTITIONER], 'GUEST', [0, 1]));
  elsewhere = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST', [3]);
  breakOnly = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST', [6]);
  declined = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST', [0]);
  nobody = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST', [0]);
  for (const p of [...crowd, elsewhere, breakOnly, declined]) {
    const { sendMeetingRequest } = await p.client.data(SEND_REQUEST, {
      input: { sessionId: session.id, toUserId: host.user.id, message: '' },
    });
    if (p === declined)
      await host.client.data(DECLINE_REQUEST, { input: { requestId: sendMeetingRequest.id, reason: 'Full' } });
  }
  const { startAutoSchedule } = await session.organiser.client.data(START, { sessionId: session.id });
  runId = startAutoSchedule.id;
  await t.app.get(SchedulingService).settled(runId);
});

afterAll(async () => {
  await t?.close();
});

describe('fairness report', () => {
  it('gives a run its coverage and who has no meeting and why', async () => {
    const report = (await session.organiser.client.data(RUN_REPORT, { runId })).scheduleRunFairness;
    expect(report).toMatchObject({ sessionId: session.id, runId });
    const reasons = reasonsOf(report);
    const lost = crowd.filter((p) => reasons[p.user.id] === 'CAPACITY');
    expect(lost).toHaveLength(5);
    expect(reasons[host.user.id]).toBeUndefined();
    expect(reasons[elsewhere.user.id]).toBe('NO_MUTUAL_SLOT');
    expect(reasons[breakOnly.user.id]).toBe('NO_AVAILABILITY');
    expect(reasons[declined.user.id]).toBe('DECLINED');
    expect(reasons[nobody.user.id]).toBe('NO_CANDIDATES');
    expect(report.withoutMeetingList).toHaveLength(9);
    expect(report.reasons.find((r: any) => r.reason === 'CAPACITY').people.value).toBe(5);
    expect(report.reasons.find((r: any) => r.reason === 'NO_AVAILABILITY').people.display).toBe('<5');
    const commissioners = report.groups.find((g: any) => g.dimension === 'ROLE' && g.category === 'COMMISSIONER');
    expect(commissioners.people.display).toBe('<5');
    // Ten practitioners beside a total of eleven would give the one commissioner away.
    const practitioners = report.groups.find((g: any) => g.dimension === 'ROLE' && g.category === 'PRACTITIONER');
    expect(practitioners.people.suppressed).toBe(true);
    expect(report.groups.some((g: any) => g.dimension === 'FIRST_TIME' && g.category === 'YES')).toBe(true);
    expectSuppressed(report);
  });

  it('gives the session as it stands, before and after the run is published', async () => {
    const before = (await session.organiser.client.data(SESSION_REPORT, { sessionId: session.id })).sessionFairness;
    expect(before.runId).toBeNull();
    expect(before.withMeeting.value).toBe(0);
    const was = reasonsOf(before);
    for (const p of [host, ...crowd]) expect(was[p.user.id]).toBe('NOT_YET_PLACED');
    expect(was[elsewhere.user.id]).toBe('NO_MUTUAL_SLOT');
    expect(was[breakOnly.user.id]).toBe('NO_AVAILABILITY');
    expect(was[declined.user.id]).toBe('DECLINED');
    expectSuppressed(before);

    await session.organiser.client.data(PUBLISH_RUN, { id: runId });
    const after = (await session.organiser.client.data(SESSION_REPORT, { sessionId: session.id })).sessionFairness;
    const now = reasonsOf(after);
    expect(now[host.user.id]).toBeUndefined();
    expect(crowd.filter((p) => now[p.user.id] === 'CAPACITY')).toHaveLength(5);
    expect(after.withoutMeetingList).toHaveLength(9);
    expectSuppressed(after);
  });

  it('is for the session’s organiser only, and its CSV is suppressed the same way', async () => {
    const other = await t.createUser({ roles: [Role.ORGANISER] });
    expect(await other.client.errorCode(RUN_REPORT, { runId })).toBe('NOT_SESSION_ORGANISER');
    expect(await other.client.errorCode(SESSION_REPORT, { sessionId: session.id })).toBe('NOT_SESSION_ORGANISER');
    expect(await crowd[0]!.client.errorCode(SESSION_REPORT, { sessionId: session.id })).toBe('FORBIDDEN');
    expect(await t.client().errorCode(SESSION_REPORT, { sessionId: session.id })).toBe('UNAUTHENTICATED');
    expect(await session.organiser.client.errorCode(RUN_REPORT, { runId: 'nope' })).toBe('NOT_FOUND');

    const file = await csv(session.organiser.client, `runId=${runId}`);
    expect(file.status).toBe(200);
    const lines = file.text
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('table,dimension,category,people,with_meeting,coverage,average_value');
    expect(lines).toContain('without_meeting_by_reason,REASON,CAPACITY,5,,,');
    expect(lines).toContain('without_meeting_by_reason,REASON,NO_AVAILABILITY,<5,,,');
    expect(lines.find((l) => l.startsWith('by_group,ROLE,COMMISSIONER,'))).toMatch(/^by_group,ROLE,COMMISSIONER,<5,/);
    for (const line of lines.slice(1)) expect(line.split(',')[3]).not.toMatch(/^[1-4]$/);
    expect((await csv(other.client, `runId=${runId}`)).status).toBe(403);
    expect((await csv(session.organiser.client, `runId=x`)).status).toBe(400);
    expect((await csv(session.organiser.client, `sessionId=${session.id}`)).status).toBe(200);
  });
});
