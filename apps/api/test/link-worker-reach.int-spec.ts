import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { MeetingStatus } from '../src/modules/booking/booking.enums';
import { MeetingsService } from '../src/modules/booking/meetings.service';
import { ImpactRepository } from '../src/modules/impact/impact.repository';
import { BOOK, offer, PublishedSession, publishedSession, REGISTER } from './support/booking-fixtures';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * The reach of link workers on the impact dashboard (issue #23, point 4; HARP recommendation 3).
 * A link worker hosts three practitioners from two organisations on 2027-02-01 and agrees referral
 * routes with each; a dropped route and the link worker's own organisation do not count.
 */
const RECORD = `mutation($input: RecordFollowUpActionInput!) { recordFollowUpAction(input: $input) { id } }`;
const CHANGE = `mutation($input: ChangeFollowUpStatusInput!) { changeFollowUpStatus(input: $input) { id status } }`;
const DASHBOARD = `{ impactDashboard { linkWorkerReach { periods rows { linkWorkerId displayName organisations { value display suppressed } growth { value display suppressed } } } } }`;

let t: TestApp;
let session: PublishedSession;
let linkWorker: TestUser;
let counted: string[];

async function organisation(name: string): Promise<string> {
  return (
    await session.organiser.client.data(
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
      { input: { name, kind: 'ARTS_ORGANISATION' } },
    )
  ).createOrganisation.id;
}

beforeAll(async () => {
  t = await startTestApp({ now: new Date('2027-01-30T09:00:00Z') });
  session = await publishedSession(t);
  const [own, first, second] = [
    await organisation('Cyswllt Arfon'),
    await organisation('Dawns Dyfed'),
    await organisation('Cân y Cymoedd'),
  ];
  linkWorker = await t.createUser({ roles: [Role.LINK_WORKER], displayName: 'Llinos Link', organisationId: own });
  await linkWorker.client.data(REGISTER, { input: { sessionId: session.id, role: 'HOST' } });
  const offers = await offer(linkWorker, session.id, [0, 1, 2, 3]);
  const meetingIds: string[] = [];
  for (const [i, organisationId] of [first, second, second, own].entries()) {
    const guest = await t.createUser({ roles: [Role.PRACTITIONER], organisationId });
    await guest.client.data(REGISTER, { input: { sessionId: session.id, role: 'GUEST' } });
    meetingIds.push((await guest.client.data(BOOK, { offerId: offers[i]!.id })).bookSlot.id);
  }
  t.clock.set(new Date('2027-02-01T11:00:00Z'));
  for (const id of meetingIds)
    expect(
      await t.db.write((em) => t.app.get(MeetingsService).applyAttendanceStatus(id, MeetingStatus.COMPLETED, em)),
    ).toBe(true);
  counted = [first, second];
  const route = (meetingId: string) => ({
    input: {
      meetingId,
      kind: 'REFERRAL_ROUTE',
      description: 'Refer from the falls clinic',
      ownerId: linkWorker.user.id,
      dueOn: '2027-03-01',
      referringOrganisationKind: 'HEALTH_BOARD',
    },
  });
  for (const id of meetingIds.slice(0, 2)) await linkWorker.client.data(RECORD, route(id)); // two organisations
  const dropped = (await linkWorker.client.data(RECORD, route(meetingIds[2]!))).recordFollowUpAction.id; // the second again, then dropped
  await linkWorker.client.data(CHANGE, { input: { actionId: dropped, status: 'DROPPED' } });
  await linkWorker.client.data(RECORD, route(meetingIds[3]!)); // their own organisation
});

afterAll(async () => {
  await t?.close();
});

describe('the reach of link workers', () => {
  it('counts the other participants’ organisations of routes agreed, not dropped ones nor the link worker’s own', async () => {
    const routes = await t.app.get(ImpactRepository).linkWorkerRoutes([session.id]);
    expect(routes.every((r) => r.linkWorkerId === linkWorker.user.id)).toBe(true);
    expect([...new Set(routes.map((r) => r.organisationId))].sort()).toEqual([...counted].sort());
  });

  it('shows each link worker’s distinct organisations with referral routes per month and its growth, suppressed', async () => {
    const { linkWorkerReach } = (await session.organiser.client.data(DASHBOARD)).impactDashboard;
    expect(linkWorkerReach).toEqual({
      periods: ['2027-02'],
      rows: [
        {
          linkWorkerId: linkWorker.user.id,
          displayName: 'Llinos Link',
          organisations: [{ value: null, display: '<5', suppressed: true }],
          growth: { value: null, display: '<5', suppressed: true },
        },
      ],
    });
    const csv = await (
      await fetch(`${t.url}/exports/impact.csv?lang=en`, {
        headers: { cookie: [...session.organiser.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      })
    ).text();
    expect(csv).toContain('link_worker_reach,2027-02,Llinos Link,,<5');
    expect(csv).toContain('link_worker_reach,growth_latest_period,Llinos Link,,<5');
  });

  it('is not for participants: the link worker gets no dashboard', async () => {
    expect(await linkWorker.client.errorCode(DASHBOARD)).toBe('FORBIDDEN');
  });
});
