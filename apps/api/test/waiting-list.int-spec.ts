import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Language, Role } from '../src/core/auth/role';
import { publishedSession, PublishedSession, REGISTER, registered } from './support/booking-fixtures';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #24 point 4: a session may cap its guest registrations; beyond the cap people join a
 * waiting list in order, and are registered — and told, in their language — when a place frees
 * (someone leaves the session or becomes a host) or the organiser raises the cap. The last place
 * is raced safely: concurrent registrations never pass the cap.
 */

const SESSION = `query($id: ID!) { session(id: $id) { registrationCap placesLeft myWaitingListPosition myRegistration { role } } }`;
const JOIN = `mutation($input: JoinWaitingListInput!) { joinSessionWaitingList(input: $input) }`;
const LEAVE_LIST = `mutation($sessionId: ID!) { leaveSessionWaitingList(sessionId: $sessionId) }`;
const LEAVE_SESSION = `mutation($sessionId: ID!) { leaveSession(input: { sessionId: $sessionId, reason: "" }) }`;
const UPDATE_SESSION = `mutation($id: ID!, $input: UpdateSessionInput!) { updateSession(id: $id, input: $input) { registrationCap } }`;
const UPDATE_REGISTRATION = `mutation($input: UpdateRegistrationInput!) { updateRegistration(input: $input) { role } }`;
const MY_OUTBOX = `{ myOutbox { kind subject } }`;

describe('registration caps with a waiting list', () => {
  let t: TestApp;
  let session: PublishedSession;
  const guests: TestUser[] = [];
  let welsh: TestUser;
  let fourth: TestUser;

  const view = async (who: TestUser, id = session.id) => (await who.client.data(SESSION, { id })).session;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2027-01-31T09:00:00Z') });
    session = await publishedSession(t, { registrationCap: 2 });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('takes guests up to the cap, then says the session is full and changes nothing; hosts are not capped', async () => {
    for (let i = 0; i < 2; i++) guests.push(await registered(t, session.id, [Role.PRACTITIONER], 'GUEST', [0, 1]));
    expect(await view(guests[0]!)).toMatchObject({ registrationCap: 2, placesLeft: 0, myWaitingListPosition: null });
    welsh = await t.createUser({ roles: [Role.PRACTITIONER], language: Language.cy });
    const before = await t.countRows('registrations');
    expect(await welsh.client.errorCode(REGISTER, { input: { sessionId: session.id, role: 'GUEST' } })).toBe(
      'SESSION_FULL',
    );
    expect(await t.countRows('registrations')).toBe(before);
    await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
    expect((await view(guests[0]!)).placesLeft).toBe(0);
  });

  it('lines people up in the order they join; joining twice keeps one’s place; only a full session has a list', async () => {
    await welsh.client.data(JOIN, { input: { sessionId: session.id, availableSlotIndexes: [1, 2] } });
    fourth = await t.createUser({ roles: [Role.PRACTITIONER] });
    await fourth.client.data(JOIN, { input: { sessionId: session.id } });
    await welsh.client.data(JOIN, { input: { sessionId: session.id } });
    expect((await view(welsh)).myWaitingListPosition).toBe(1);
    expect((await view(fourth)).myWaitingListPosition).toBe(2);
    expect(await guests[0]!.client.errorCode(JOIN, { input: { sessionId: session.id } })).toBe('ALREADY_REGISTERED');
    const open = await publishedSession(t);
    expect(await fourth.client.errorCode(JOIN, { input: { sessionId: open.id } })).toBe('SESSION_HAS_PLACES');
    expect(await fourth.client.errorCode(LEAVE_LIST, { sessionId: open.id })).toBe('NOT_ON_WAITING_LIST');
    expect(await fourth.client.errorCode(JOIN, { input: { sessionId: session.id, availableSlotIndexes: [99] } })).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('gives a freed place to the first in line at once, with the slots they gave, and tells them in their language', async () => {
    await guests[0]!.client.data(LEAVE_SESSION, { sessionId: session.id });
    expect(await view(welsh)).toMatchObject({ myRegistration: { role: 'GUEST' }, myWaitingListPosition: null });
    expect((await view(fourth)).myWaitingListPosition).toBe(1);
    const { rows } = await t.db.sql<{ idx: number }>(
      `SELECT s.idx FROM availability a JOIN registrations r ON r.id = a.registration_id JOIN slots s ON s.id = a.slot_id
       WHERE r.session_id = ? AND r.user_id = ? ORDER BY s.idx`,
      [session.id, welsh.user.id],
    );
    expect(rows.map((r) => Number(r.idx))).toEqual([1, 2]);
    const { myOutbox } = await welsh.client.data(MY_OUTBOX);
    expect(myOutbox).toContainEqual({
      kind: 'WAITING_LIST_PLACED',
      subject: expect.stringMatching(/^Mae gennych le: Dawns a Parkinson’s, /),
    });
  });

  it('a guest turning host frees their place; a higher cap places the next at once; leaving the list is one’s own', async () => {
    await guests[1]!.client.data(UPDATE_REGISTRATION, { input: { sessionId: session.id, role: 'HOST' } });
    expect((await view(fourth)).myRegistration).toEqual({ role: 'GUEST' });

    const late = await t.createUser({ roles: [Role.PRACTITIONER] });
    await late.client.data(JOIN, { input: { sessionId: session.id } });
    expect(
      await guests[1]!.client.errorCode(UPDATE_REGISTRATION, { input: { sessionId: session.id, role: 'GUEST' } }),
    ).toBe('SESSION_FULL');
    await session.organiser.client.data(UPDATE_SESSION, { id: session.id, input: { registrationCap: 3 } });
    expect(await view(late)).toMatchObject({ myRegistration: { role: 'GUEST' }, placesLeft: 0 });

    const last = await t.createUser({ roles: [Role.PRACTITIONER] });
    await last.client.data(JOIN, { input: { sessionId: session.id } });
    await last.client.data(LEAVE_LIST, { sessionId: session.id });
    expect((await view(last)).myWaitingListPosition).toBeNull();
    await session.organiser.client.data(UPDATE_SESSION, { id: session.id, input: { registrationCap: 4 } });
    expect((await view(last)).myRegistration).toBeNull(); // they had left the list
    for (const bad of [0, -1, 10_001])
      expect(
        await session.organiser.client.errorCode(UPDATE_SESSION, { id: session.id, input: { registrationCap: bad } }),
      ).toBe('BAD_USER_INPUT');
  });

  it('never registers more guests than the cap, however many ask at once', async () => {
    const race = await publishedSession(t, { registrationCap: 5 });
    const people = await Promise.all(Array.from({ length: 20 }, () => t.createUser({ roles: [Role.PRACTITIONER] })));
    const results = await Promise.all(
      people.map((p) =>
        p.client
          .request(REGISTER, { input: { sessionId: race.id, role: 'GUEST' } })
          .then((res) => (res.errors ? String(res.errors[0].extensions?.code) : 'ok')),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(5);
    expect(results.filter((r) => r !== 'ok')).toEqual(Array(15).fill('SESSION_FULL'));
    const { rows } = await t.db.sql<{ n: number }>(
      `SELECT COUNT(*) AS n FROM registrations WHERE session_id = ? AND role = 'GUEST'`,
      [race.id],
    );
    expect(Number(rows[0]!.n)).toBe(5);
  });
});
