import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { MeetingStatus } from '../src/modules/booking/booking.enums';
import { MeetingsService } from '../src/modules/booking/meetings.service';
import { BOOK, offer, PublishedSession, publishedSession, registered } from './support/booking-fixtures';
import { GqlClient } from './support/gql-client';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * The reciprocity ledger (issue #23, point 1). The session is on 2027-02-01 from 10:00 (GMT) in
 * 10-minute slots; the host (a commissioner) meets `giver` in slot 0, which is held, and `waiting`
 * in slot 1, which is not.
 */
const MINE = `{ myReciprocity { showOnProfile allTime { givenMinutes receivedMinutes balanceMinutes } thisYear { givenMinutes receivedMinutes }
  history { meetingId sessionTitleEn lengthMinutes preparationMinutes givenMinutes receivedMinutes gave got recorded withPeople { id } } } }`;
const RECORD = `mutation($input: RecordExchangeInput!) { recordExchange(input: $input) { meetingId preparationMinutes givenMinutes receivedMinutes gave got recorded } }`;
const SHOW = `mutation($show: Boolean!) { showReciprocityOnProfile(show: $show) }`;
const PERSON_LEDGER = `query($id: ID!) { meeting(id: $id) { participants { person { id reciprocity { givenMinutes receivedMinutes balanceMinutes } } } } }`;
const RECOMMEND = `query($sessionId: ID!) { recommendations(sessionId: $sessionId) { person { id } reasons { code textCy textEn } } }`;
const DASHBOARD = `{ impactDashboard { reciprocity { people { display } hoursGiven { display suppressed }
  by { dimension rows { key people { display } hoursGiven { display } } } } } }`;
const ERASE = `mutation ($input: EraseMyAccountInput!) { eraseMyAccount(input: $input) }`;

let t: TestApp;
let session: PublishedSession;
let host: TestUser;
let giver: TestUser;
let waiting: TestUser;
let outsider: TestUser;
let heldId: string;
let notHeldId: string;

const TABLES = ['reciprocity_entries', 'reciprocity_preferences'];
async function counts(): Promise<number[]> {
  return Promise.all(TABLES.map((table) => t.countRows(table)));
}
async function failsWithoutChange(user: TestUser, query: string, variables: Record<string, unknown>): Promise<string> {
  const before = await counts();
  const code = await user.client.errorCode(query, variables);
  expect(await counts()).toEqual(before);
  return code;
}
async function myData(client: GqlClient): Promise<any> {
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return (await fetch(`${t.url}/account/my-data`, { headers: { cookie } })).json();
}
const hostSees = async (meetingId: string, personId: string) =>
  (await host.client.data(PERSON_LEDGER, { id: meetingId })).meeting.participants.find(
    (p: any) => p.person.id === personId,
  ).person.reciprocity;

beforeAll(async () => {
  t = await startTestApp({ now: new Date('2027-01-30T09:00:00Z') });
  session = await publishedSession(t);
  host = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
  giver = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
  waiting = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
  outsider = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
  const [slot0, slot1] = await offer(host, session.id, [0, 1]);
  heldId = (await giver.client.data(BOOK, { offerId: slot0!.id })).bookSlot.id;
  notHeldId = (await waiting.client.data(BOOK, { offerId: slot1!.id })).bookSlot.id;
  t.clock.set(new Date('2027-02-01T11:00:00Z'));
  expect(
    await t.db.write((em) => t.app.get(MeetingsService).applyAttendanceStatus(heldId, MeetingStatus.COMPLETED, em)),
  ).toBe(true);
});

afterAll(async () => {
  await t?.close();
});

describe('the reciprocity ledger', () => {
  it('credits both sides of a held meeting its length, given and received alike, and nothing for meetings not held', async () => {
    for (const person of [giver, host]) {
      const { myReciprocity } = await person.client.data(MINE);
      expect(myReciprocity.allTime).toEqual({ givenMinutes: 10, receivedMinutes: 10, balanceMinutes: 0 });
      expect(myReciprocity.thisYear).toEqual({ givenMinutes: 10, receivedMinutes: 10 });
      expect(myReciprocity.history).toHaveLength(1);
      expect(myReciprocity.history[0]).toMatchObject({
        meetingId: heldId,
        sessionTitleEn: 'Dance and Parkinson’s',
        lengthMinutes: 10,
        recorded: false,
        gave: [],
        got: [],
      });
    }
    expect((await giver.client.data(MINE)).myReciprocity.history[0].withPeople).toEqual([{ id: host.user.id }]);
    expect((await waiting.client.data(MINE)).myReciprocity).toMatchObject({
      allTime: { givenMinutes: 0, receivedMinutes: 0 },
      history: [],
    });
  });

  it('lets a participant record what they gave and got, and their preparation, replacing their own entry', async () => {
    const first = await giver.client.data(RECORD, {
      input: { meetingId: heldId, gave: ['EVIDENCE'], got: ['INTRODUCTION'], preparationMinutes: 30 },
    });
    expect(first.recordExchange).toEqual({
      meetingId: heldId,
      preparationMinutes: 30,
      givenMinutes: 40,
      receivedMinutes: 10,
      gave: ['EVIDENCE'],
      got: ['INTRODUCTION'],
      recorded: true,
    });
    const { recordExchange } = await giver.client.data(RECORD, {
      input: { meetingId: heldId, gave: ['EVIDENCE', 'ADVICE', 'ADVICE'], got: [], preparationMinutes: 120 },
    });
    // Gave and got nothing: the meeting counts as received by the others only.
    expect(recordExchange).toEqual({
      meetingId: heldId,
      preparationMinutes: 120,
      givenMinutes: 130,
      receivedMinutes: 0,
      gave: ['ADVICE', 'EVIDENCE'],
      got: [],
      recorded: true,
    });
    expect(await t.countRows('reciprocity_entries')).toBe(1);
    expect((await giver.client.data(MINE)).myReciprocity.allTime).toEqual({
      givenMinutes: 130,
      receivedMinutes: 0,
      balanceMinutes: 130,
    });
    // The other side's hours are their own.
    expect((await host.client.data(MINE)).myReciprocity.allTime).toEqual({
      givenMinutes: 10,
      receivedMinutes: 10,
      balanceMinutes: 0,
    });
  });

  it('refuses more than two hours of preparation, meetings not held, outsiders and anyone signed out, changing nothing', async () => {
    const input = (overrides: Record<string, unknown>) => ({
      input: { meetingId: heldId, gave: [], got: [], preparationMinutes: 0, ...overrides },
    });
    expect(await failsWithoutChange(giver, RECORD, input({ preparationMinutes: 121 }))).toBe('BAD_USER_INPUT');
    expect(await failsWithoutChange(giver, RECORD, input({ preparationMinutes: -1 }))).toBe('BAD_USER_INPUT');
    expect(await failsWithoutChange(waiting, RECORD, input({ meetingId: notHeldId }))).toBe('MEETING_NOT_HELD');
    expect(await failsWithoutChange(outsider, RECORD, input({}))).toBe('NOT_A_PARTICIPANT');
    expect(await failsWithoutChange(giver, RECORD, input({ meetingId: '00000000-0000-4000-8000-000000000000' }))).toBe(
      'NOT_FOUND',
    );
    expect(await t.client().errorCode(MINE)).toBe('UNAUTHENTICATED');
  });

  it('shows a person’s hours on their profile only when they choose to (always to themselves)', async () => {
    expect(await hostSees(heldId, giver.user.id)).toBeNull();
    expect(
      (await giver.client.data(PERSON_LEDGER, { id: heldId })).meeting.participants.find(
        (p: any) => p.person.id === giver.user.id,
      ).person.reciprocity,
    ).toEqual({
      givenMinutes: 130,
      receivedMinutes: 0,
      balanceMinutes: 130,
    });
    expect((await giver.client.data(SHOW, { show: true })).showReciprocityOnProfile).toBe(true);
    expect(await hostSees(heldId, giver.user.id)).toEqual({
      givenMinutes: 130,
      receivedMinutes: 0,
      balanceMinutes: 130,
    });
    expect((await giver.client.data(MINE)).myReciprocity.showOnProfile).toBe(true);
    await giver.client.data(SHOW, { show: false });
    expect(await hostSees(heldId, giver.user.id)).toBeNull();
    await giver.client.data(SHOW, { show: true });
  });

  it('favours, in matching, someone who has given more than they received, saying so in both languages', async () => {
    const { recommendations } = await host.client.data(RECOMMEND, { sessionId: session.id });
    const reasonsFor = (id: string) => recommendations.find((r: any) => r.person.id === id).reasons;
    expect(reasonsFor(giver.user.id)).toContainEqual({
      code: 'HAS_GIVEN_MORE',
      textEn: 'has given 2 hours of advice this year',
      textCy: 'wedi rhoi 2 awr o gyngor eleni',
    });
    expect(reasonsFor(waiting.user.id).map((r: any) => r.code)).not.toContain('HAS_GIVEN_MORE');
  });

  it('puts the ledger on the impact dashboard by role, region and condition, with small numbers suppressed', async () => {
    const { reciprocity } = (await session.organiser.client.data(DASHBOARD)).impactDashboard;
    expect(reciprocity.people.display).toBe('<5');
    expect(reciprocity.hoursGiven).toEqual({ display: '[c]', suppressed: true });
    expect(reciprocity.by.map((b: any) => b.dimension)).toEqual(['ROLE', 'REGION', 'CONDITION']);
    const roles = reciprocity.by[0].rows;
    expect(roles.map((r: any) => [r.key, r.people.display])).toEqual([
      ['PRACTITIONER', '<5'],
      ['COMMISSIONER', '<5'],
      ['LINK_WORKER', '0'],
      ['NOT_STATED', '0'],
    ]);
    expect(roles.every((r: any) => r.hoursGiven.display === '[c]' || r.hoursGiven.display === '–')).toBe(true);
  });

  it('is in the person’s data download, and erased with their account while the other side keeps their hours', async () => {
    const data = await myData(giver.client);
    expect(data.reciprocity).toMatchObject({
      showOnProfile: true,
      totals: { givenMinutes: 130, receivedMinutes: 0 },
      meetings: [
        {
          meetingId: heldId,
          lengthMinutes: 10,
          preparationMinutes: 120,
          gave: ['ADVICE', 'EVIDENCE'],
          got: [],
          recordedAt: '2027-02-01T11:00:00.000Z',
        },
      ],
    });
    expect(
      await giver.client.data(ERASE, { input: { password: giver.password, confirmation: giver.user.email } }),
    ).toEqual({ eraseMyAccount: true });
    expect(await counts()).toEqual([0, 0]);
    expect((await host.client.data(MINE)).myReciprocity.allTime).toEqual({
      givenMinutes: 10,
      receivedMinutes: 10,
      balanceMinutes: 0,
    });
  });
});
