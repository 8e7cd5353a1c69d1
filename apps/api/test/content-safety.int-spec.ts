import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import {
  CREATE_SESSION,
  publishedSession,
  PublishedSession,
  REGISTER,
  SESSION_START,
} from './support/booking-fixtures';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #16, content safety: names and titles are stored in NFC and refuse Unicode format (Cf)
 * characters — bidi controls and zero-width characters — with which one person could pass for
 * another; the refusal is BAD_USER_INPUT and changes nothing.
 */
const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { id displayName } }`;
const UPDATE_ME = `mutation ($input: UpdateMeInput!) { updateMe(input: $input) { displayName } }`;
const CREATE_ORGANISATION = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { name } }`;
const UPDATE_SESSION = `mutation ($id: ID!, $input: UpdateSessionInput!) { updateSession(id: $id, input: $input) { titleCy titleEn } }`;
const PROPOSE = `mutation ($input: ProposeSessionInput!) { proposeSession(input: $input) { title } }`;

/** Format characters that make one text look like another: RLO, LRI, ZWSP, ZWJ, ZWNJ, word joiner, BOM, soft hyphen. */
const FORMAT_CHARACTERS = ['\u202e', '\u2066', '\u200b', '\u200d', '\u200c', '\u2060', '\ufeff', '\u00ad'];
const DECOMPOSED = 'Sio\u0302n Ru\u0302n'; // "Siôn Rûn" with combining circumflexes
const COMPOSED = 'Si\u00f4n R\u00fbn';

let t: TestApp;
let organiser: TestUser;
let member: TestUser;
let session: PublishedSession;

beforeAll(async () => {
  t = await startTestApp();
  organiser = await t.createUser({ roles: [Role.ORGANISER] });
  member = await t.createUser({ roles: [Role.PRACTITIONER], displayName: 'Nia Jones' });
  session = await publishedSession(t);
});

afterAll(async () => {
  await t?.close();
});

describe('names and titles', () => {
  it('refuses format characters in a name at sign-up, changing nothing', async () => {
    const users = await t.countRows('users');
    for (const [i, character] of FORMAT_CHARACTERS.entries()) {
      const input = {
        email: `cf-${i}@example.test`,
        password: 'a long enough password',
        displayName: `Nia${character}Jones`,
        preferredLanguage: 'cy',
      };
      expect(await t.client().errorCode(SIGN_UP, { input }), JSON.stringify(character)).toBe('BAD_USER_INPUT');
    }
    expect(await t.countRows('users')).toBe(users);
  });

  it('stores names in NFC', async () => {
    const { signUp } = await t.client().data(SIGN_UP, {
      input: {
        email: 'nfc@example.test',
        password: 'a long enough password',
        displayName: DECOMPOSED,
        preferredLanguage: 'cy',
      },
    });
    expect(signUp.displayName).toBe(COMPOSED);
    expect((await member.client.data(UPDATE_ME, { input: { displayName: DECOMPOSED } })).updateMe.displayName).toBe(
      COMPOSED,
    );
    const { rows } = await t.db.sql<{ display_name: string }>('SELECT display_name FROM users WHERE id = ?', [
      member.user.id,
    ]);
    expect(rows[0].display_name).toBe(COMPOSED);
  });

  it('refuses format characters when a name changes, keeping the old one', async () => {
    await member.client.data(UPDATE_ME, { input: { displayName: 'Nia Jones' } });
    for (const character of FORMAT_CHARACTERS) {
      expect(await member.client.errorCode(UPDATE_ME, { input: { displayName: `Nia${character} Jones` } })).toBe(
        'BAD_USER_INPUT',
      );
    }
    expect((await member.client.data(`{ me { displayName } }`)).me.displayName).toBe('Nia Jones');
  });

  it("refuses them in organisations' names", async () => {
    const before = await t.countRows('organisations');
    expect(
      await organiser.client.errorCode(CREATE_ORGANISATION, {
        input: { name: 'Bwrdd\u200b Iechyd', kind: 'HEALTH_BOARD' },
      }),
    ).toBe('BAD_USER_INPUT');
    expect(await t.countRows('organisations')).toBe(before);
    expect(
      (
        await organiser.client.data(CREATE_ORGANISATION, {
          input: { name: `Canolfan ${DECOMPOSED}`, kind: 'ARTS_ORGANISATION' },
        })
      ).createOrganisation.name,
    ).toBe(`Canolfan ${COMPOSED}`);
  });

  it("refuses them in sessions' and proposals' titles, in both languages", async () => {
    const sessions = await t.countRows('themed_sessions');
    const input = {
      titleCy: 'Dawns',
      titleEn: 'Dance',
      descriptionCy: '',
      descriptionEn: '',
      theme: 'CONDITION',
      conditions: ['parkinsons'],
      deliveryLanguage: 'BILINGUAL',
      region: null,
      startsAt: SESSION_START,
      endsAt: '2027-02-01T12:00:00.000Z',
      slotMinutes: 10,
      breakSlotIndexes: [],
    };
    expect(
      await session.organiser.client.errorCode(CREATE_SESSION, { input: { ...input, titleCy: 'Dawns\u202e' } }),
    ).toBe('BAD_USER_INPUT');
    expect(
      await session.organiser.client.errorCode(CREATE_SESSION, { input: { ...input, titleEn: '\u2066Dance' } }),
    ).toBe('BAD_USER_INPUT');
    expect(await t.countRows('themed_sessions')).toBe(sessions);
    expect(
      await session.organiser.client.errorCode(UPDATE_SESSION, {
        id: session.id,
        input: { titleEn: 'Dance\u200b and more' },
      }),
    ).toBe('BAD_USER_INPUT');
    const { updateSession } = await session.organiser.client.data(UPDATE_SESSION, {
      id: session.id,
      input: { titleCy: `Dawns ${DECOMPOSED}` },
    });
    expect(updateSession).toEqual({ titleCy: `Dawns ${COMPOSED}`, titleEn: 'Dance and Parkinson’s' });
    expect(await member.client.errorCode(PROPOSE, { input: { title: 'Canu\u200d i bawb' } })).toBe('BAD_USER_INPUT');
    expect((await member.client.data(PROPOSE, { input: { title: `Canu ${DECOMPOSED}` } })).proposeSession.title).toBe(
      `Canu ${COMPOSED}`,
    );
  });
});

describe('look-alike warnings', () => {
  const PEOPLE = `query ($id: ID!) { sessionParticipants(sessionId: $id) { looksLikeAnother person { id } } }`;

  it("flags, for the session's organiser and admins only, people whose names look like another's there", async () => {
    const lookAlikes = await publishedSession(t);
    const real = await t.createUser({ roles: [Role.PRACTITIONER], displayName: 'Megan Lloyd' });
    const fake = await t.createUser({ roles: [Role.PRACTITIONER], displayName: 'Mеgan L1oyd' }); // Cyrillic е, digit 1
    const other = await t.createUser({ roles: [Role.PRACTITIONER], displayName: 'Rhys Price' });
    for (const person of [real, fake, other])
      await person.client.data(REGISTER, { input: { sessionId: lookAlikes.id, role: 'GUEST' } });
    const flags = async (client: TestUser['client']) =>
      Object.fromEntries(
        (await client.data(PEOPLE, { id: lookAlikes.id })).sessionParticipants.map((r: any) => [
          r.person.id,
          r.looksLikeAnother,
        ]),
      );

    const expected = { [real.user.id]: true, [fake.user.id]: true, [other.user.id]: false };
    expect(await flags(lookAlikes.organiser.client)).toEqual(expected);
    const admin = await t.createUser({ roles: [Role.ADMIN] });
    expect(await flags(admin.client)).toEqual(expected);
    // Another organiser and the participants see no flag at all.
    const nobody = { [real.user.id]: null, [fake.user.id]: null, [other.user.id]: null };
    expect(await flags(organiser.client)).toEqual(nobody);
    expect(await flags(other.client)).toEqual(nobody);
  });
});
