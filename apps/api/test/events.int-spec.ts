import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { Ticker } from '../src/core/clock/ticker';
import { DEFAULT_NOW, startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Themed sessions over real HTTP GraphQL: creating (bilingual, CONDITION / OPEN), the slot grid in
 * Europe/London wall time across both clock changes, publishing, listing with filters and keyset
 * pagination, editing and moving a published session, cancelling, the clock-driven lifecycle,
 * typed errors for bad input (with no rows written) and theme proposals.
 *
 * Session dates are chosen so tests do not see each other's sessions: the clock-driven test uses
 * February 2027 (the earliest), listing uses September 2027 and filters to it, everything else
 * sits in between or is found by id.
 */

const SESSION_FIELDS = `id titleCy titleEn descriptionCy descriptionEn theme deliveryLanguage region startsAt endsAt slotMinutes
  status cancelReason revision conditionCodes organiser { id }`;
const SLOT_FIELDS = `id index startsAt endsAt isBreak`;

const CREATE = `mutation Create($input: CreateSessionInput!) { createSession(input: $input) { ${SESSION_FIELDS} slots { ${SLOT_FIELDS} } } }`;
const SESSION = `query Session($id: ID!) { session(id: $id) { ${SESSION_FIELDS} slots { ${SLOT_FIELDS} } } }`;
const PREVIEW = `query Preview($input: SlotGridInput!) { previewSlotGrid(input: $input) { ${SLOT_FIELDS} } }`;
const PUBLISH = `mutation Publish($id: ID!) { publishSession(id: $id) { id status } }`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateSessionInput!) { updateSession(id: $id, input: $input) { ${SESSION_FIELDS} slots { ${SLOT_FIELDS} } } }`;
const MOVE = `mutation Move($id: ID!, $startsAt: DateTime!) { moveSession(id: $id, startsAt: $startsAt) { ${SESSION_FIELDS} slots { ${SLOT_FIELDS} } } }`;
const CANCEL = `mutation Cancel($id: ID!, $reason: String!) { cancelSession(id: $id, reason: $reason) { id status cancelReason revision } }`;
const LIST = `query List($filter: SessionFilterInput, $first: Int, $after: String) {
  sessions(filter: $filter, first: $first, after: $after) { edges { cursor node { id titleEn startsAt } } pageInfo { hasNextPage endCursor } }
}`;

const REGISTER = `mutation Register($input: RegisterInput!) { registerForSession(input: $input) { id role } }`;
const OFFER = `mutation Offer($input: OfferSlotsInput!) { offerSlots(input: $input) { id } }`;
const BOOK = `mutation Book($offerId: ID!) { bookSlot(offerId: $offerId) { id status startsAt endsAt sequence } }`;
const MEETING = `query Meeting($id: ID!) {
  meeting(id: $id) { id status startsAt endsAt startsAtLondon sequence cancelReason slot { id index } participants { role person { id } } }
}`;
const AGENDA = `{ myAgenda { id } }`;
const SEND_REQUEST = `mutation Send($input: SendMeetingRequestInput!) { sendMeetingRequest(input: $input) { id status } }`;
const REQUEST = `query Request($id: ID!) { meetingRequest(id: $id) { id status } }`;

const PROPOSE = `mutation Propose($input: ProposeSessionInput!) {
  proposeSession(input: $input) { id title description conditionCodes region status declineReason sessionId }
}`;
const PROPOSALS = `query Proposals($status: ProposalStatus) { sessionProposals(status: $status) { id title status declineReason sessionId } }`;
const ACCEPT_PROPOSAL = `mutation Accept($proposalId: ID!, $session: CreateSessionInput!) {
  acceptProposal(proposalId: $proposalId, session: $session) { ${SESSION_FIELDS} }
}`;
const DECLINE_PROPOSAL = `mutation Decline($input: DecideProposalInput!) { declineProposal(input: $input) { id status declineReason sessionId } }`;

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const HOUR = 3600_000;

let t: TestApp;
let organiser: TestUser;
let otherOrganiser: TestUser;
let admin: TestUser;
let practitioner: TestUser;
let commissioner: TestUser;
let linkWorker: TestUser;

/** A valid CONDITION session, bilingual, 10:00–12:00 UTC with four 30-minute slots. */
function sessionInput(overrides: Record<string, unknown> = {}) {
  return {
    titleCy: 'Dawns a Parkinson',
    titleEn: 'Dance and Parkinson’s',
    descriptionCy: 'Sesiwn i ymarferwyr dawns a chomisiynwyr.',
    descriptionEn: 'A session for dance practitioners and commissioners.',
    theme: 'CONDITION',
    conditions: ['parkinsons'],
    deliveryLanguage: 'BILINGUAL',
    region: 'powys',
    startsAt: '2027-04-14T10:00:00.000Z',
    endsAt: '2027-04-14T12:00:00.000Z',
    slotMinutes: 30,
    breakSlotIndexes: [],
    ...overrides,
  };
}

async function create(overrides: Record<string, unknown> = {}, by: TestUser = organiser) {
  return (await by.client.data(CREATE, { input: sessionInput(overrides) })).createSession;
}

async function published(overrides: Record<string, unknown> = {}, by: TestUser = organiser) {
  const session = await create(overrides, by);
  await by.client.data(PUBLISH, { id: session.id });
  return { ...session, status: 'PUBLISHED' };
}

async function getSession(id: string, by: TestUser = organiser) {
  return (await by.client.data(SESSION, { id })).session;
}

async function counts() {
  return { sessions: await t.countRows('themed_sessions'), slots: await t.countRows('slots') };
}

async function bookingCounts() {
  return {
    ...(await counts()),
    meetings: await t.countRows('meetings'),
    participants: await t.countRows('meeting_participants'),
    offers: await t.countRows('offers'),
  };
}

/** A CONFIRMED one-to-one in slot `index`: `host` registers as HOST and offers it, `guest` books it. */
async function meetingIn(sessionId: string, index: number, host: TestUser, guest: TestUser) {
  for (const [person, role] of [
    [host, 'HOST'],
    [guest, 'GUEST'],
  ] as const) {
    const res = await person.client.request(REGISTER, { input: { sessionId, role } });
    if (res.errors && res.errors[0]!.extensions?.code !== 'ALREADY_REGISTERED')
      throw new Error(JSON.stringify(res.errors));
  }
  const [offer] = (await host.client.data(OFFER, { input: { sessionId, slotIndexes: [index], seats: 1 } })).offerSlots;
  return (await guest.client.data(BOOK, { offerId: offer.id })).bookSlot;
}

/** The Europe/London wall time of an instant, "YYYY-MM-DD HH:mm". */
function london(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

const LOG_IN = `mutation LogIn($input: LogInInput!) { logIn(input: $input) { id } }`;

/**
 * Moves the clock and signs these people in again: login sessions last 14 days, so after a jump
 * of weeks their old cookies are (rightly) expired.
 */
async function jumpTo(instant: string, ...people: TestUser[]): Promise<void> {
  t.clock.set(new Date(instant));
  for (const person of people)
    await person.client.data(LOG_IN, { input: { email: person.user.email, password: person.password } });
}

beforeAll(async () => {
  t = await startTestApp();
  [organiser, otherOrganiser, admin, practitioner, commissioner, linkWorker] = await Promise.all([
    t.createUser({ roles: [Role.ORGANISER] }),
    t.createUser({ roles: [Role.ORGANISER] }),
    t.createUser({ roles: [Role.ADMIN] }),
    t.createUser({ roles: [Role.PRACTITIONER] }),
    t.createUser({ roles: [Role.COMMISSIONER] }),
    t.createUser({ roles: [Role.LINK_WORKER] }),
  ]);
});

afterAll(async () => {
  await t?.close();
});

afterEach(() => {
  t.clock.set(DEFAULT_NOW);
});

describe('creating sessions (Rule: ORGANISER; the caller organises it)', () => {
  it('creates a bilingual CONDITION session as a DRAFT with its conditions and slot grid', async () => {
    const before = await counts();
    const session = await create({ conditions: ['parkinsons', 'dementia', 'parkinsons'], breakSlotIndexes: [2] });
    expect(session).toMatchObject({
      titleCy: 'Dawns a Parkinson',
      titleEn: 'Dance and Parkinson’s',
      descriptionCy: 'Sesiwn i ymarferwyr dawns a chomisiynwyr.',
      descriptionEn: 'A session for dance practitioners and commissioners.',
      theme: 'CONDITION',
      deliveryLanguage: 'BILINGUAL',
      region: 'powys',
      startsAt: '2027-04-14T10:00:00.000Z',
      endsAt: '2027-04-14T12:00:00.000Z',
      slotMinutes: 30,
      status: 'DRAFT',
      cancelReason: null,
      revision: 0,
      organiser: { id: organiser.user.id },
    });
    expect([...session.conditionCodes].sort()).toEqual(['dementia', 'parkinsons']);
    expect(
      session.slots.map((s: { index: number; startsAt: string; endsAt: string; isBreak: boolean }) => [
        s.index,
        s.startsAt,
        s.endsAt,
        s.isBreak,
      ]),
    ).toEqual([
      [0, '2027-04-14T10:00:00.000Z', '2027-04-14T10:30:00.000Z', false],
      [1, '2027-04-14T10:30:00.000Z', '2027-04-14T11:00:00.000Z', false],
      [2, '2027-04-14T11:00:00.000Z', '2027-04-14T11:30:00.000Z', true],
      [3, '2027-04-14T11:30:00.000Z', '2027-04-14T12:00:00.000Z', false],
    ]);
    for (const slot of session.slots) expect(slot.id).toEqual(expect.any(String));
    expect(await counts()).toEqual({ sessions: before.sessions + 1, slots: before.slots + 4 });
    expect(await getSession(session.id)).toEqual(session);
  });

  it('creates an OPEN, all-Wales session with no conditions (codes sent for OPEN are ignored)', async () => {
    const session = await create({ theme: 'OPEN', conditions: ['dementia'], region: null, deliveryLanguage: 'cy' });
    expect(session).toMatchObject({
      theme: 'OPEN',
      conditionCodes: [],
      region: null,
      deliveryLanguage: 'cy',
      status: 'DRAFT',
    });
  });

  it('refuses anyone but an organiser or admin', async () => {
    const before = await counts();
    expect(await t.client().errorCode(CREATE, { input: sessionInput() })).toBe('UNAUTHENTICATED');
    for (const person of [practitioner, commissioner, linkWorker]) {
      expect(await person.client.errorCode(CREATE, { input: sessionInput() })).toBe('FORBIDDEN');
    }
    expect(await counts()).toEqual(before);
    const byAdmin = await create({}, admin);
    expect(byAdmin.organiser.id).toBe(admin.user.id);
  });

  it.each([
    ['an end before the start', { endsAt: '2027-04-14T09:00:00.000Z' }, 'END_NOT_AFTER_START'],
    ['an end equal to the start', { endsAt: '2027-04-14T10:00:00.000Z' }, 'END_NOT_AFTER_START'],
    ['a slot length that does not divide the session', { slotMinutes: 45 }, 'SLOT_LENGTH_DOES_NOT_DIVIDE'],
    ['too many slots', { slotMinutes: 5, endsAt: '2027-04-16T10:00:00.000Z' }, 'TOO_MANY_SLOTS'],
    [
      'a start in the past',
      { startsAt: '2027-01-09T10:00:00.000Z', endsAt: '2027-01-09T12:00:00.000Z' },
      'SESSION_IN_PAST',
    ],
    [
      'a start exactly now',
      { startsAt: DEFAULT_NOW.toISOString(), endsAt: iso(DEFAULT_NOW.getTime() + 2 * HOUR) },
      'SESSION_IN_PAST',
    ],
    ['a CONDITION theme with no conditions', { conditions: [] }, 'CONDITIONS_REQUIRED'],
    ['an unknown condition code', { conditions: ['parkinsons', 'not-a-condition'] }, 'UNKNOWN_TERM'],
    ['an unknown region code', { region: 'atlantis' }, 'UNKNOWN_TERM'],
    ['a title over 200 characters', { titleEn: 'x'.repeat(201) }, 'BAD_USER_INPUT'],
    ['a title under 3 characters', { titleCy: 'ab' }, 'BAD_USER_INPUT'],
    ['a description over 5000 characters', { descriptionCy: 'y'.repeat(5001) }, 'BAD_USER_INPUT'],
    ['a slot length under 5 minutes', { slotMinutes: 4 }, 'BAD_USER_INPUT'],
    ['a malformed condition code', { conditions: ['Not A Code'] }, 'BAD_USER_INPUT'],
    ['a break index past the last slot', { breakSlotIndexes: [4] }, 'BREAK_OUT_OF_RANGE'],
    ['a negative break index', { breakSlotIndexes: [-1] }, 'BREAK_OUT_OF_RANGE'],
  ])('refuses %s with %s and writes no row', async (_label, overrides, code) => {
    const before = await counts();
    expect(await organiser.client.errorCode(CREATE, { input: sessionInput(overrides) })).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it('accepts a title of exactly 200 characters', async () => {
    expect((await create({ titleEn: 'z'.repeat(200) })).titleEn).toHaveLength(200);
  });
});

describe('the slot grid (Europe/London wall time)', () => {
  it('previews a grid for organisers without saving anything', async () => {
    const before = await counts();
    const input = {
      startsAt: '2027-06-14T08:00:00.000Z',
      endsAt: '2027-06-14T10:00:00.000Z',
      slotMinutes: 30,
      breakSlotIndexes: [2],
    };
    const { previewSlotGrid } = await organiser.client.data(PREVIEW, { input });
    expect(previewSlotGrid).toEqual([
      { id: null, index: 0, startsAt: '2027-06-14T08:00:00.000Z', endsAt: '2027-06-14T08:30:00.000Z', isBreak: false },
      { id: null, index: 1, startsAt: '2027-06-14T08:30:00.000Z', endsAt: '2027-06-14T09:00:00.000Z', isBreak: false },
      { id: null, index: 2, startsAt: '2027-06-14T09:00:00.000Z', endsAt: '2027-06-14T09:30:00.000Z', isBreak: true },
      { id: null, index: 3, startsAt: '2027-06-14T09:30:00.000Z', endsAt: '2027-06-14T10:00:00.000Z', isBreak: false },
    ]);
    expect(london(previewSlotGrid[0].startsAt)).toBe('2027-06-14 09:00'); // BST
    expect(await counts()).toEqual(before);
    expect(await organiser.client.errorCode(PREVIEW, { input: { ...input, slotMinutes: 25 } })).toBe(
      'SLOT_LENGTH_DOES_NOT_DIVIDE',
    );
    expect(await organiser.client.errorCode(PREVIEW, { input: { ...input, breakSlotIndexes: [9] } })).toBe(
      'BREAK_OUT_OF_RANGE',
    );
    expect(await practitioner.client.errorCode(PREVIEW, { input })).toBe('FORBIDDEN');
    expect(await t.client().errorCode(PREVIEW, { input })).toBe('UNAUTHENTICATED');
  });

  it('skips the missing hour on 2027-03-28: 10:00 London on Sunday is 09:00Z', async () => {
    const grid = { startsAt: '2027-03-27T10:00:00.000Z', endsAt: '2027-03-28T11:00:00.000Z', slotMinutes: 60 };
    const session = await create(grid);
    const slots: { index: number; startsAt: string; endsAt: string }[] = session.slots;

    // 26 wall-clock hours (Sat 10:00 GMT → Sun 12:00 BST) less the skipped 01:00 = 25 real hours.
    expect(slots).toHaveLength(25);
    const start = Date.parse(grid.startsAt);
    expect(slots.map((s) => [s.index, s.startsAt, s.endsAt])).toEqual(
      slots.map((_, i) => [i, iso(start + i * HOUR), iso(start + (i + 1) * HOUR)]),
    );
    const walls = slots.map((s) => london(s.startsAt));
    expect(walls).not.toContain('2027-03-28 01:00');
    expect(walls.slice(13, 17)).toEqual([
      '2027-03-27 23:00',
      '2027-03-28 00:00',
      '2027-03-28 02:00',
      '2027-03-28 03:00',
    ]);
    const sundayTen = slots.find((s) => london(s.startsAt) === '2027-03-28 10:00');
    expect(sundayTen?.startsAt).toBe('2027-03-28T09:00:00.000Z');
    const saturdayTen = slots.find((s) => london(s.startsAt) === '2027-03-27 10:00');
    expect(saturdayTen?.startsAt).toBe('2027-03-27T10:00:00.000Z');
    expect(slots.at(-1)).toMatchObject({ startsAt: '2027-03-28T10:00:00.000Z', endsAt: '2027-03-28T11:00:00.000Z' }); // 11:00–12:00 BST

    const { previewSlotGrid } = await organiser.client.data(PREVIEW, { input: grid });
    expect(previewSlotGrid.map((s: { startsAt: string; endsAt: string }) => [s.startsAt, s.endsAt])).toEqual(
      slots.map((s) => [s.startsAt, s.endsAt]),
    );
  });

  it('cuts 2027-10-31 into equal elapsed slots (issue #14): the repeated 01:00 hour has its own, labelled BST then GMT; 10:00 London is 10:00Z', async () => {
    // Saturday 10:00 BST (09:00Z) to Sunday 12:00 GMT (12:00Z): 27 real hours, 27 one-hour slots.
    const session = await create({
      startsAt: '2027-10-30T09:00:00.000Z',
      endsAt: '2027-10-31T12:00:00.000Z',
      slotMinutes: 60,
    });
    const slots: { index: number; startsAt: string; endsAt: string }[] = session.slots;
    expect(slots).toHaveLength(27);
    expect(slots.find((s) => london(s.startsAt) === '2027-10-30 10:00')?.startsAt).toBe('2027-10-30T09:00:00.000Z');
    expect(slots.find((s) => london(s.startsAt) === '2027-10-31 10:00')?.startsAt).toBe('2027-10-31T10:00:00.000Z');
    for (const slot of slots) expect(Date.parse(slot.endsAt) - Date.parse(slot.startsAt)).toBe(HOUR);
    for (let i = 1; i < slots.length; i++) expect(slots[i]!.startsAt).toBe(slots[i - 1]!.endsAt); // no gaps, no overlaps
    expect(slots.at(-1)!.endsAt).toBe('2027-10-31T12:00:00.000Z');
  });

  it('keeps 30-minute slots on the half hour through the autumn night, the repeated hour labelled BST then GMT', async () => {
    const { previewSlotGrid } = await organiser.client.data(
      `query($input: SlotGridInput!) { previewSlotGrid(input: $input) { startsAt startLabel endLabel } }`,
      { input: { startsAt: '2027-10-30T23:00:00.000Z', endsAt: '2027-10-31T03:00:00.000Z', slotMinutes: 30 } }, // 00:00 BST → 03:00 GMT
    );
    expect(previewSlotGrid.map((s: { startLabel: string }) => s.startLabel)).toEqual([
      '00:00',
      '00:30',
      '01:00 BST',
      '01:30 BST',
      '01:00 GMT',
      '01:30 GMT',
      '02:00',
      '02:30',
    ]);
    expect(previewSlotGrid.map((s: { startsAt: string }) => london(s.startsAt))).toEqual([
      '2027-10-31 00:00',
      '2027-10-31 00:30',
      '2027-10-31 01:00',
      '2027-10-31 01:30',
      '2027-10-31 01:00',
      '2027-10-31 01:30',
      '2027-10-31 02:00',
      '2027-10-31 02:30',
    ]);
  });
});

describe('publishing and who sees a draft', () => {
  it('hides a draft from everyone but its organiser and admins, in lookups and listings', async () => {
    const draft = await create({
      startsAt: '2027-05-03T10:00:00.000Z',
      endsAt: '2027-05-03T11:00:00.000Z',
      titleEn: 'Draft visibility',
    });
    const window = { from: '2027-05-03T00:00:00.000Z', to: '2027-05-04T00:00:00.000Z' };
    for (const client of [t.client(), practitioner.client, otherOrganiser.client]) {
      expect(await client.errorCode(SESSION, { id: draft.id })).toBe('NOT_FOUND');
      const { sessions } = await client.data(LIST, { filter: window });
      expect(sessions.edges).toEqual([]);
    }
    expect((await getSession(draft.id, admin)).id).toBe(draft.id);
    expect((await getSession(draft.id, organiser)).status).toBe('DRAFT');

    // Asking for drafts: anonymous callers are refused; organisers get their own, admins all.
    expect(await t.client().errorCode(LIST, { filter: { ...window, statuses: ['DRAFT'] } })).toBe('UNAUTHENTICATED');
    const ids = async (user: TestUser, filter: object) =>
      (await user.client.data(LIST, { filter })).sessions.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await ids(organiser, { ...window, statuses: ['DRAFT'] })).toEqual([draft.id]);
    expect(await ids(organiser, { ...window, statuses: ['DRAFT'], mine: true })).toEqual([draft.id]);
    expect(await ids(otherOrganiser, { ...window, statuses: ['DRAFT'] })).toEqual([]);
    expect(await ids(admin, { ...window, statuses: ['DRAFT'] })).toEqual([draft.id]);

    const { publishSession } = await organiser.client.data(PUBLISH, { id: draft.id });
    expect(publishSession).toEqual({ id: draft.id, status: 'PUBLISHED' });
    for (const client of [t.client(), practitioner.client, otherOrganiser.client]) {
      expect((await client.data(SESSION, { id: draft.id })).session.status).toBe('PUBLISHED');
      expect(
        (await client.data(LIST, { filter: window })).sessions.edges.map((e: { node: { id: string } }) => e.node.id),
      ).toEqual([draft.id]);
    }
  });

  it('refuses publishing a published or cancelled session, and a draft whose start has passed', async () => {
    const session = await published({ startsAt: '2027-05-05T10:00:00.000Z', endsAt: '2027-05-05T11:00:00.000Z' });
    expect(await organiser.client.errorCode(PUBLISH, { id: session.id })).toBe('INVALID_TRANSITION');
    await organiser.client.data(CANCEL, { id: session.id, reason: 'Venue closed' });
    expect(await organiser.client.errorCode(PUBLISH, { id: session.id })).toBe('INVALID_TRANSITION');
    expect(await organiser.client.errorCode(CANCEL, { id: session.id, reason: 'again' })).toBe('INVALID_TRANSITION');
    expect((await getSession(session.id)).status).toBe('CANCELLED');

    const late = await create({ startsAt: '2027-05-06T10:00:00.000Z', endsAt: '2027-05-06T11:00:00.000Z' });
    await jumpTo('2027-05-06T10:00:00Z', organiser);
    expect(await organiser.client.errorCode(PUBLISH, { id: late.id })).toBe('SESSION_IN_PAST');
    expect((await getSession(late.id)).status).toBe('DRAFT');
  });
});

describe('listing sessions: filters and cursor pagination', () => {
  const window = { from: '2027-09-01T00:00:00.000Z', to: '2027-10-01T00:00:00.000Z' };
  const ids: Record<string, string> = {};

  const titles = async (filter: object, by = t.client()) =>
    (await by.data(LIST, { filter: { ...window, ...filter }, first: 50 })).sessions.edges.map(
      (e: { node: { titleEn: string } }) => e.node.titleEn,
    );

  beforeAll(async () => {
    const day = (d: number, hour = 10) => ({
      startsAt: `2027-09-${String(d).padStart(2, '0')}T${hour}:00:00.000Z`,
      endsAt: `2027-09-${String(d).padStart(2, '0')}T${hour + 1}:00:00.000Z`,
    });
    const specs: [string, Record<string, unknown>][] = [
      ['A parkinsons powys cy', { ...day(6), conditions: ['parkinsons'], region: 'powys', deliveryLanguage: 'cy' }],
      ['B dementia all-Wales en', { ...day(7), conditions: ['dementia'], region: null, deliveryLanguage: 'en' }],
      [
        'C open hywel-dda bilingual',
        { ...day(8), theme: 'OPEN', conditions: [], region: 'hywel-dda', deliveryLanguage: 'BILINGUAL' },
      ],
      [
        'D parkinsons+dementia cardiff en',
        { ...day(9), conditions: ['parkinsons', 'dementia'], region: 'cardiff-and-vale', deliveryLanguage: 'en' },
      ],
      [
        'D2 long-covid cardiff en (same start as D)',
        { ...day(9), conditions: ['long-covid'], region: 'cardiff-and-vale', deliveryLanguage: 'en' },
      ],
      [
        'E long-covid powys bilingual',
        { ...day(20), conditions: ['long-covid'], region: 'powys', deliveryLanguage: 'BILINGUAL' },
      ],
    ];
    for (const [title, overrides] of specs)
      ids[title.split(' ')[0]!] = (await published({ ...overrides, titleEn: title }, organiser)).id;
    await create({ ...day(10), titleEn: 'F draft parkinsons' }); // never listed
    const cancelled = await published({ ...day(11), titleEn: 'G cancelled parkinsons' });
    await organiser.client.data(CANCEL, { id: cancelled.id, reason: 'Not enough interest' });
    await published({
      startsAt: '2027-10-01T10:00:00.000Z',
      endsAt: '2027-10-01T11:00:00.000Z',
      titleEn: 'H outside the window',
    });
  });

  const sorted = (titles: string[]) => titles.map((x) => x.split(' ')[0]);

  it('lists published sessions earliest first, without drafts or cancelled ones by default', async () => {
    const listed = (await t.client().data(LIST, { filter: window, first: 50 })).sessions.edges.map(
      (e: { node: { id: string } }) => e.node.id,
    );
    const [sameStartFirst, sameStartSecond] = [ids.D!, ids.D2!].sort(); // equal starts are ordered by id
    expect(listed).toEqual([ids.A, ids.B, ids.C, sameStartFirst, sameStartSecond, ids.E]);
    expect(sorted(await titles({ statuses: ['CANCELLED'] }))).toEqual(['G']);
  });

  it('filters by condition, OPEN sessions matching every condition', async () => {
    expect(sorted(await titles({ condition: 'parkinsons' })).sort()).toEqual(['A', 'C', 'D']);
    expect(sorted(await titles({ condition: 'long-covid' })).sort()).toEqual(['C', 'D2', 'E']);
    expect(sorted(await titles({ theme: 'OPEN' }))).toEqual(['C']);
    expect(sorted(await titles({ theme: 'CONDITION', condition: 'dementia' })).sort()).toEqual(['B', 'D']);
  });

  it('filters by region, all-Wales sessions matching every region', async () => {
    expect(sorted(await titles({ region: 'powys' })).sort()).toEqual(['A', 'B', 'E']);
    expect(sorted(await titles({ region: 'hywel-dda' })).sort()).toEqual(['B', 'C']);
    expect(sorted(await titles({ region: 'cardiff-and-vale', condition: 'dementia' })).sort()).toEqual(['B', 'D']);
  });

  it('filters by language, bilingual sessions matching either language', async () => {
    expect(sorted(await titles({ language: 'cy' })).sort()).toEqual(['A', 'C', 'E']);
    expect(sorted(await titles({ language: 'en' })).sort()).toEqual(['B', 'C', 'D', 'D2', 'E']);
    expect(sorted(await titles({ language: 'BILINGUAL' })).sort()).toEqual(['C', 'E']);
  });

  it('filters by date range: sessions overlapping [from, to)', async () => {
    expect(sorted(await titles({ from: '2027-09-08T00:00:00.000Z', to: '2027-09-10T00:00:00.000Z' })).sort()).toEqual([
      'C',
      'D',
      'D2',
    ]);
    // Touching is not overlapping: a session ending exactly at `from` or starting exactly at `to` is out.
    expect(sorted(await titles({ from: '2027-09-06T11:00:00.000Z', to: '2027-09-08T10:00:00.000Z' }))).toEqual(['B']);
    expect(await titles({ from: '2027-09-21T00:00:00.000Z' })).toEqual([]);
  });

  it('pages with first/after: no duplicates, no gaps, stable across equal start times', async () => {
    const all = (await t.client().data(LIST, { filter: window, first: 50 })).sessions.edges.map(
      (e: { node: { id: string } }) => e.node.id,
    );
    expect(all).toHaveLength(6);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { sessions }: { sessions: any } = await t.client().data(LIST, { filter: window, first: 2, after });
      pages++;
      expect(sessions.edges.length).toBeLessThanOrEqual(2);
      seen.push(...sessions.edges.map((e: { node: { id: string } }) => e.node.id));
      expect(sessions.pageInfo.endCursor).toBe(sessions.edges.at(-1)?.cursor ?? null);
      if (!sessions.pageInfo.hasNextPage) break;
      after = sessions.pageInfo.endCursor;
      expect(pages).toBeLessThan(10);
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);

    // Filters keep applying after the cursor.
    const first = (await t.client().data(LIST, { filter: { ...window, condition: 'parkinsons' }, first: 2 })).sessions;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (
      await t
        .client()
        .data(LIST, { filter: { ...window, condition: 'parkinsons' }, first: 2, after: first.pageInfo.endCursor })
    ).sessions;
    expect([...first.edges, ...rest.edges].map((e: { node: { id: string } }) => e.node.id)).toEqual([
      ids.A,
      ids.C,
      ids.D,
    ]);
    expect(rest.pageInfo).toEqual({ hasNextPage: false, endCursor: rest.edges.at(-1).cursor });
  });

  it('refuses a cursor that is not one with INVALID_CURSOR', async () => {
    expect(await t.client().errorCode(LIST, { filter: window, first: 2, after: 'not-a-cursor' })).toBe(
      'INVALID_CURSOR',
    );
  });
});

describe('editing a published session (Rule: its ORGANISER, or ADMIN)', () => {
  it('changes texts freely, adds slots at the end, removes empty ones, and guards slots with meetings', async () => {
    const session = await published({ startsAt: '2027-04-20T10:00:00.000Z', endsAt: '2027-04-20T12:00:00.000Z' });
    const host = await t.createUser({ roles: [Role.COMMISSIONER] });
    const guest = await t.createUser({ roles: [Role.PRACTITIONER] });
    const meeting = await meetingIn(session.id, 3, host, guest); // the last slot, 11:30–12:00

    const { updateSession: texts } = await organiser.client.data(UPDATE, {
      id: session.id,
      input: {
        titleEn: 'Dance, movement and Parkinson’s',
        descriptionCy: 'Disgrifiad newydd',
        deliveryLanguage: 'en',
        conditions: ['parkinsons', 'dementia'],
      },
    });
    expect(texts).toMatchObject({
      titleEn: 'Dance, movement and Parkinson’s',
      titleCy: 'Dawns a Parkinson',
      descriptionCy: 'Disgrifiad newydd',
      deliveryLanguage: 'en',
      status: 'PUBLISHED',
    });
    expect([...texts.conditionCodes].sort()).toEqual(['dementia', 'parkinsons']);
    expect(texts.slots.map((s: { id: string }) => s.id)).toEqual(session.slots.map((s: { id: string }) => s.id));

    // Extending the end adds slots after the last one; existing slots keep their ids and times.
    const { updateSession: longer } = await organiser.client.data(UPDATE, {
      id: session.id,
      input: { endsAt: '2027-04-20T13:00:00.000Z' },
    });
    expect(longer.endsAt).toBe('2027-04-20T13:00:00.000Z');
    expect(longer.revision).toBe(session.revision + 1);
    expect(longer.slots.slice(0, 4)).toEqual(session.slots);
    expect(
      longer.slots
        .slice(4)
        .map((s: { index: number; startsAt: string; endsAt: string; isBreak: boolean }) => [
          s.index,
          s.startsAt,
          s.endsAt,
          s.isBreak,
        ]),
    ).toEqual([
      [4, '2027-04-20T12:00:00.000Z', '2027-04-20T12:30:00.000Z', false],
      [5, '2027-04-20T12:30:00.000Z', '2027-04-20T13:00:00.000Z', false],
    ]);

    // Shrinking removes empty slots at the end.
    const { updateSession: shorter } = await organiser.client.data(UPDATE, {
      id: session.id,
      input: { endsAt: '2027-04-20T12:30:00.000Z' },
    });
    expect(shorter.slots.map((s: { index: number }) => s.index)).toEqual([0, 1, 2, 3, 4]);
    expect(shorter.slots.slice(0, 5)).toEqual(longer.slots.slice(0, 5));

    // A slot with a meeting can be neither removed nor made a break.
    const before = await bookingCounts();
    expect(
      await organiser.client.errorCode(UPDATE, { id: session.id, input: { endsAt: '2027-04-20T11:30:00.000Z' } }),
    ).toBe('SLOT_HAS_MEETINGS');
    expect(await organiser.client.errorCode(UPDATE, { id: session.id, input: { breakSlotIndexes: [3] } })).toBe(
      'SLOT_HAS_MEETINGS',
    );
    expect(await bookingCounts()).toEqual(before);
    const unchanged = await getSession(session.id);
    expect(unchanged.endsAt).toBe('2027-04-20T12:30:00.000Z');
    expect(unchanged.slots).toEqual(shorter.slots);
    expect((await guest.client.data(MEETING, { id: meeting.id })).meeting).toMatchObject({
      status: 'CONFIRMED',
      slot: { index: 3 },
    });

    // An empty slot may become a break, and the break may be lifted again.
    const { updateSession: withBreak } = await organiser.client.data(UPDATE, {
      id: session.id,
      input: { breakSlotIndexes: [1] },
    });
    expect(withBreak.slots.map((s: { isBreak: boolean }) => s.isBreak)).toEqual([false, true, false, false, false]);
    const { updateSession: noBreak } = await organiser.client.data(UPDATE, {
      id: session.id,
      input: { breakSlotIndexes: [] },
    });
    expect(noBreak.slots.map((s: { isBreak: boolean }) => s.isBreak)).toEqual([false, false, false, false, false]);

    // Start and slot length stay: moveSession shifts a published session.
    for (const input of [{ startsAt: '2027-04-20T09:00:00.000Z' }, { slotMinutes: 15 }]) {
      const snapshot = await bookingCounts();
      expect(await organiser.client.errorCode(UPDATE, { id: session.id, input })).toBe('SESSION_NOT_EDITABLE');
      expect(await bookingCounts()).toEqual(snapshot);
    }
    expect(await organiser.client.errorCode(UPDATE, { id: session.id, input: { breakSlotIndexes: [5] } })).toBe(
      'BREAK_OUT_OF_RANGE',
    );
    expect(await organiser.client.errorCode(UPDATE, { id: session.id, input: { titleEn: 'x'.repeat(201) } })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await organiser.client.errorCode(UPDATE, { id: session.id, input: { conditions: ['nope'] } })).toBe(
      'UNKNOWN_TERM',
    );
    expect(await organiser.client.errorCode(UPDATE, { id: session.id, input: { conditions: [] } })).toBe(
      'CONDITIONS_REQUIRED',
    );
    expect((await getSession(session.id)).titleEn).toBe('Dance, movement and Parkinson’s');
  });

  it('shrinks past an empty break slot at the end', async () => {
    const session = await published({
      startsAt: '2027-04-21T10:00:00.000Z',
      endsAt: '2027-04-21T12:00:00.000Z',
      breakSlotIndexes: [3],
    });
    const { updateSession } = await organiser.client.data(UPDATE, {
      id: session.id,
      input: { endsAt: '2027-04-21T11:30:00.000Z' },
    });
    expect(updateSession.slots.map((s: { index: number; isBreak: boolean }) => [s.index, s.isBreak])).toEqual([
      [0, false],
      [1, false],
      [2, false],
    ]);
  });

  it('lets a draft change its whole grid', async () => {
    const draft = await create({ startsAt: '2027-04-22T10:00:00.000Z', endsAt: '2027-04-22T12:00:00.000Z' });
    const { updateSession } = await organiser.client.data(UPDATE, {
      id: draft.id,
      input: { startsAt: '2027-04-22T09:00:00.000Z', slotMinutes: 20, breakSlotIndexes: [0] },
    });
    expect(updateSession).toMatchObject({
      startsAt: '2027-04-22T09:00:00.000Z',
      endsAt: '2027-04-22T12:00:00.000Z',
      slotMinutes: 20,
      status: 'DRAFT',
    });
    expect(updateSession.slots).toHaveLength(9);
    expect(updateSession.slots[0]).toMatchObject({ index: 0, startsAt: '2027-04-22T09:00:00.000Z', isBreak: true });
    expect(
      await organiser.client.errorCode(UPDATE, {
        id: draft.id,
        input: { startsAt: '2027-01-01T09:00:00.000Z', endsAt: '2027-01-01T12:00:00.000Z' },
      }),
    ).toBe('SESSION_IN_PAST');
    expect(
      await organiser.client.errorCode(UPDATE, { id: draft.id, input: { endsAt: '2027-04-22T08:00:00.000Z' } }),
    ).toBe('END_NOT_AFTER_START');
  });

  it('refuses other organisers (NOT_SESSION_ORGANISER; a draft is NOT_FOUND) and lets an admin edit', async () => {
    const session = await published({ startsAt: '2027-04-23T10:00:00.000Z', endsAt: '2027-04-23T11:00:00.000Z' });
    const draft = await create({ startsAt: '2027-04-23T10:00:00.000Z', endsAt: '2027-04-23T11:00:00.000Z' });
    const before = await counts();
    const calls: [string, Record<string, unknown>][] = [
      [UPDATE, { id: session.id, input: { titleEn: 'Taken over' } }],
      [MOVE, { id: session.id, startsAt: '2027-04-24T10:00:00.000Z' }],
      [CANCEL, { id: session.id, reason: 'Mine now' }],
    ];
    for (const [query, variables] of calls)
      expect(await otherOrganiser.client.errorCode(query, variables)).toBe('NOT_SESSION_ORGANISER');
    expect(await otherOrganiser.client.errorCode(UPDATE, { id: draft.id, input: { titleEn: 'Taken over' } })).toBe(
      'NOT_FOUND',
    );
    expect(await otherOrganiser.client.errorCode(PUBLISH, { id: draft.id })).toBe('NOT_FOUND');
    expect(await practitioner.client.errorCode(UPDATE, { id: session.id, input: { titleEn: 'Taken over' } })).toBe(
      'FORBIDDEN',
    );
    expect(await counts()).toEqual(before);
    expect((await getSession(session.id)).titleEn).toBe('Dance and Parkinson’s');

    const { updateSession } = await admin.client.data(UPDATE, {
      id: session.id,
      input: { titleEn: 'Fixed by an admin' },
    });
    expect(updateSession).toMatchObject({ titleEn: 'Fixed by an admin', organiser: { id: organiser.user.id } });
    expect((await admin.client.data(PUBLISH, { id: draft.id })).publishSession.status).toBe('PUBLISHED');
  });

  it.each([
    ['session', SESSION, { id: UNKNOWN_ID }],
    ['updateSession', UPDATE, { id: UNKNOWN_ID, input: { titleEn: 'Nobody' } }],
    ['moveSession', MOVE, { id: UNKNOWN_ID, startsAt: '2027-04-24T10:00:00.000Z' }],
    ['publishSession', PUBLISH, { id: UNKNOWN_ID }],
    ['cancelSession', CANCEL, { id: UNKNOWN_ID, reason: 'Nobody' }],
  ])('%s of an unknown id is NOT_FOUND', async (_op, query, variables) => {
    const before = await counts();
    expect(await organiser.client.errorCode(query, variables)).toBe('NOT_FOUND');
    expect(await counts()).toEqual(before);
  });
});

describe('moving and cancelling', () => {
  it('moves the slots and the meetings in them, across a clock change, raising their sequence', async () => {
    // Saturday 20 March, 10:00–11:00 GMT → Saturday 3 April, 10:00–11:00 BST.
    const session = await published({ startsAt: '2027-03-20T10:00:00.000Z', endsAt: '2027-03-20T11:00:00.000Z' });
    const host = await t.createUser({ roles: [Role.COMMISSIONER] });
    const guest = await t.createUser({ roles: [Role.PRACTITIONER] });
    const booked = await meetingIn(session.id, 1, host, guest);
    expect(booked).toMatchObject({ startsAt: '2027-03-20T10:30:00.000Z', sequence: 0 });
    const before = await bookingCounts();

    const { moveSession } = await organiser.client.data(MOVE, { id: session.id, startsAt: '2027-04-03T09:00:00.000Z' });
    expect(moveSession).toMatchObject({
      startsAt: '2027-04-03T09:00:00.000Z',
      endsAt: '2027-04-03T10:00:00.000Z',
      status: 'PUBLISHED',
      revision: session.revision + 1,
    });
    expect(moveSession.slots.map((s: { id: string; startsAt: string }) => [s.id, s.startsAt])).toEqual([
      [session.slots[0].id, '2027-04-03T09:00:00.000Z'],
      [session.slots[1].id, '2027-04-03T09:30:00.000Z'],
    ]);
    const { meeting } = await guest.client.data(MEETING, { id: booked.id });
    expect(meeting).toMatchObject({
      status: 'CONFIRMED',
      startsAt: '2027-04-03T09:30:00.000Z',
      endsAt: '2027-04-03T10:00:00.000Z',
      startsAtLondon: '2027-04-03T10:30:00+01:00', // the same wall time as before
      slot: { index: 1 },
    });
    expect(meeting.sequence).toBeGreaterThan(booked.sequence);
    expect(await bookingCounts()).toEqual(before);

    expect(await organiser.client.errorCode(MOVE, { id: session.id, startsAt: '2027-01-05T10:00:00.000Z' })).toBe(
      'SESSION_IN_PAST',
    );
    expect((await getSession(session.id)).startsAt).toBe('2027-04-03T09:00:00.000Z');
  });

  it('cancels a session: its meetings are CANCELLED with everyone freed, its pending requests EXPIRED', async () => {
    const session = await published({ startsAt: '2027-04-27T10:00:00.000Z', endsAt: '2027-04-27T12:00:00.000Z' });
    const host = await t.createUser({ roles: [Role.COMMISSIONER] });
    const guest = await t.createUser({ roles: [Role.PRACTITIONER] });
    const asker = await t.createUser({ roles: [Role.PRACTITIONER] });
    const booked = await meetingIn(session.id, 0, host, guest);
    await asker.client.data(REGISTER, { input: { sessionId: session.id, role: 'GUEST' } });
    const { sendMeetingRequest: request } = await asker.client.data(SEND_REQUEST, {
      input: { sessionId: session.id, toUserId: host.user.id, message: 'Coffee?' },
    });
    expect((await guest.client.data(AGENDA)).myAgenda.map((m: { id: string }) => m.id)).toEqual([booked.id]);

    const { cancelSession } = await organiser.client.data(CANCEL, { id: session.id, reason: 'Storm warning' });
    expect(cancelSession).toEqual({
      id: session.id,
      status: 'CANCELLED',
      cancelReason: 'Storm warning',
      revision: session.revision + 1,
    });

    const { meeting } = await guest.client.data(MEETING, { id: booked.id });
    expect(meeting).toMatchObject({ status: 'CANCELLED', cancelReason: 'SESSION_CANCELLED', participants: [] });
    expect(meeting.sequence).toBeGreaterThan(booked.sequence);
    const { rows } = await t.db.sql<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM meeting_participants WHERE meeting_id = ? AND active',
      [booked.id],
    );
    expect(Number(rows[0]!.n)).toBe(0);
    for (const person of [host, guest]) expect((await person.client.data(AGENDA)).myAgenda).toEqual([]);
    expect((await asker.client.data(REQUEST, { id: request.id })).meetingRequest.status).toBe('EXPIRED');
    // The cancelled session stays visible (with its reason) to everyone.
    expect((await t.client().data(SESSION, { id: session.id })).session).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'Storm warning',
    });
  });
});

describe('the clock-driven lifecycle', () => {
  it('goes LIVE at the start (pending requests EXPIRE) and CLOSED at the end; neither can be cancelled or edited', async () => {
    const session = await published({ startsAt: '2027-02-01T10:00:00.000Z', endsAt: '2027-02-01T12:00:00.000Z' });
    const sender = await t.createUser({ roles: [Role.PRACTITIONER] });
    const receiver = await t.createUser({ roles: [Role.COMMISSIONER] });
    for (const [person, role] of [
      [sender, 'GUEST'],
      [receiver, 'HOST'],
    ] as const) {
      await person.client.data(REGISTER, { input: { sessionId: session.id, role } });
    }
    const { sendMeetingRequest: request } = await sender.client.data(SEND_REQUEST, {
      input: { sessionId: session.id, toUserId: receiver.user.id, message: 'Hello' },
    });
    const ticker = t.app.get(Ticker);

    await jumpTo('2027-02-01T09:59:00Z', organiser, sender);
    await ticker.runNow();
    expect((await getSession(session.id)).status).toBe('PUBLISHED');
    expect((await sender.client.data(REQUEST, { id: request.id })).meetingRequest.status).toBe('PENDING');

    t.clock.set(new Date('2027-02-01T10:00:00Z'));
    await ticker.runNow();
    expect((await getSession(session.id)).status).toBe('LIVE');
    expect((await sender.client.data(REQUEST, { id: request.id })).meetingRequest.status).toBe('EXPIRED');
    expect(
      (
        await t.client().data(LIST, { filter: { from: '2027-02-01T00:00:00.000Z', to: '2027-02-02T00:00:00.000Z' } })
      ).sessions.edges.map((e: { node: { id: string } }) => e.node.id),
    ).toEqual([session.id]);

    expect(await organiser.client.errorCode(CANCEL, { id: session.id, reason: 'Too late' })).toBe('INVALID_TRANSITION');
    expect(await organiser.client.errorCode(PUBLISH, { id: session.id })).toBe('INVALID_TRANSITION');
    expect(await organiser.client.errorCode(UPDATE, { id: session.id, input: { titleEn: 'Live edit' } })).toBe(
      'SESSION_NOT_EDITABLE',
    );
    expect((await getSession(session.id)).status).toBe('LIVE');

    t.clock.set(new Date('2027-02-01T12:00:00Z'));
    await ticker.runNow();
    expect((await getSession(session.id)).status).toBe('CLOSED');
    expect(await organiser.client.errorCode(CANCEL, { id: session.id, reason: 'Too late' })).toBe('INVALID_TRANSITION');
    expect(await organiser.client.errorCode(MOVE, { id: session.id, startsAt: '2027-03-01T10:00:00.000Z' })).toBe(
      'SESSION_NOT_EDITABLE',
    );
    // Closed sessions leave the default listing but can still be asked for.
    const window = { from: '2027-02-01T00:00:00.000Z', to: '2027-02-02T00:00:00.000Z' };
    expect((await t.client().data(LIST, { filter: window })).sessions.edges).toEqual([]);
    expect(
      (await t.client().data(LIST, { filter: { ...window, statuses: ['CLOSED'] } })).sessions.edges.map(
        (e: { node: { id: string } }) => e.node.id,
      ),
    ).toEqual([session.id]);
  });
});

describe('theme proposals (co-production)', () => {
  const proposal = (overrides: Record<string, unknown> = {}) => ({
    title: 'Singing for lung health',
    description: 'Choirs for people living with COPD',
    conditions: ['lung-health-copd'],
    region: 'swansea-bay',
    ...overrides,
  });

  it('lets any participant propose; organisers see every proposal, others only their own', async () => {
    const before = await t.countRows('session_proposals');
    const mine = (await practitioner.client.data(PROPOSE, { input: proposal() })).proposeSession;
    expect(mine).toMatchObject({
      title: 'Singing for lung health',
      conditionCodes: ['lung-health-copd'],
      region: 'swansea-bay',
      status: 'PENDING',
      declineReason: null,
      sessionId: null,
    });
    const theirs = (
      await commissioner.client.data(PROPOSE, {
        input: proposal({ title: 'Gardening and wellbeing', conditions: [], region: null }),
      })
    ).proposeSession;
    const linkWorkers = (
      await linkWorker.client.data(PROPOSE, {
        input: proposal({ title: 'Crafts for carers', conditions: ['dementia'] }),
      })
    ).proposeSession;
    expect(await t.countRows('session_proposals')).toBe(before + 3);

    const listed = async (user: TestUser, status?: string) =>
      (await user.client.data(PROPOSALS, { status })).sessionProposals.map((p: { id: string }) => p.id);
    expect(await listed(organiser)).toEqual(expect.arrayContaining([mine.id, theirs.id, linkWorkers.id]));
    expect(await listed(otherOrganiser)).toEqual(expect.arrayContaining([mine.id, theirs.id, linkWorkers.id]));
    expect(await listed(admin)).toEqual(expect.arrayContaining([mine.id, theirs.id, linkWorkers.id]));
    expect(await listed(practitioner)).toEqual([mine.id]);
    expect(await listed(commissioner)).toEqual([theirs.id]);
    expect(await listed(practitioner, 'DECLINED')).toEqual([]);

    expect(await t.client().errorCode(PROPOSE, { input: proposal() })).toBe('UNAUTHENTICATED');
    expect(await t.client().errorCode(PROPOSALS, {})).toBe('UNAUTHENTICATED');
    expect(await practitioner.client.errorCode(PROPOSE, { input: proposal({ conditions: ['made-up'] }) })).toBe(
      'UNKNOWN_TERM',
    );
    expect(await practitioner.client.errorCode(PROPOSE, { input: proposal({ region: 'atlantis' }) })).toBe(
      'UNKNOWN_TERM',
    );
    expect(await practitioner.client.errorCode(PROPOSE, { input: proposal({ title: 'x'.repeat(201) }) })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await t.countRows('session_proposals')).toBe(before + 3);
  });

  it('accepting makes a DRAFT owned by the accepting organiser and records the session on the proposal', async () => {
    const { proposeSession: proposed } = await practitioner.client.data(PROPOSE, {
      input: proposal({ title: 'Music and memory' }),
    });
    const before = await counts();
    const sessionInputForProposal = sessionInput({
      titleEn: 'Music and memory',
      titleCy: 'Cerddoriaeth a chof',
      conditions: ['dementia'],
      startsAt: '2027-06-02T10:00:00.000Z',
      endsAt: '2027-06-02T11:00:00.000Z',
    });

    expect(
      await practitioner.client.errorCode(ACCEPT_PROPOSAL, {
        proposalId: proposed.id,
        session: sessionInputForProposal,
      }),
    ).toBe('FORBIDDEN');
    expect(
      await organiser.client.errorCode(ACCEPT_PROPOSAL, {
        proposalId: proposed.id,
        session: { ...sessionInputForProposal, conditions: [] },
      }),
    ).toBe('CONDITIONS_REQUIRED');
    expect(
      await organiser.client.errorCode(ACCEPT_PROPOSAL, { proposalId: UNKNOWN_ID, session: sessionInputForProposal }),
    ).toBe('NOT_FOUND');
    expect(await counts()).toEqual(before);

    const { acceptProposal: draft } = await otherOrganiser.client.data(ACCEPT_PROPOSAL, {
      proposalId: proposed.id,
      session: sessionInputForProposal,
    });
    expect(draft).toMatchObject({
      status: 'DRAFT',
      titleEn: 'Music and memory',
      conditionCodes: ['dementia'],
      organiser: { id: otherOrganiser.user.id },
    });
    expect(await counts()).toEqual({ sessions: before.sessions + 1, slots: before.slots + 2 });
    expect((await getSession(draft.id, otherOrganiser)).status).toBe('DRAFT');
    expect(await organiser.client.errorCode(SESSION, { id: draft.id })).toBe('NOT_FOUND'); // a draft: only its organiser

    const seen = (await practitioner.client.data(PROPOSALS, {})).sessionProposals.find(
      (p: { id: string }) => p.id === proposed.id,
    );
    expect(seen).toMatchObject({ status: 'ACCEPTED', sessionId: draft.id, declineReason: null });

    // Deciding twice is an illegal transition and writes nothing.
    const after = await counts();
    expect(
      await organiser.client.errorCode(ACCEPT_PROPOSAL, { proposalId: proposed.id, session: sessionInputForProposal }),
    ).toBe('INVALID_TRANSITION');
    expect(
      await organiser.client.errorCode(DECLINE_PROPOSAL, {
        input: { proposalId: proposed.id, reason: 'Changed my mind' },
      }),
    ).toBe('INVALID_TRANSITION');
    expect(await counts()).toEqual(after);
  });

  it('declining needs a reason, which the proposer sees; a declined proposal cannot be accepted', async () => {
    const { proposeSession: proposed } = await linkWorker.client.data(PROPOSE, {
      input: proposal({ title: 'Poetry and pain' }),
    });
    expect(
      await linkWorker.client.errorCode(DECLINE_PROPOSAL, {
        input: { proposalId: proposed.id, reason: 'Not mine to decide' },
      }),
    ).toBe('FORBIDDEN');
    expect(await organiser.client.errorCode(DECLINE_PROPOSAL, { input: { proposalId: proposed.id, reason: '' } })).toBe(
      'BAD_USER_INPUT',
    );

    const { declineProposal } = await organiser.client.data(DECLINE_PROPOSAL, {
      input: { proposalId: proposed.id, reason: 'We ran one last month' },
    });
    expect(declineProposal).toEqual({
      id: proposed.id,
      status: 'DECLINED',
      declineReason: 'We ran one last month',
      sessionId: null,
    });
    const seen = (await linkWorker.client.data(PROPOSALS, { status: 'DECLINED' })).sessionProposals;
    expect(seen).toEqual([
      {
        id: proposed.id,
        title: 'Poetry and pain',
        status: 'DECLINED',
        declineReason: 'We ran one last month',
        sessionId: null,
      },
    ]);

    const before = await counts();
    expect(
      await admin.client.errorCode(DECLINE_PROPOSAL, { input: { proposalId: proposed.id, reason: 'Again' } }),
    ).toBe('INVALID_TRANSITION');
    expect(
      await organiser.client.errorCode(ACCEPT_PROPOSAL, {
        proposalId: proposed.id,
        session: sessionInput({ startsAt: '2027-06-03T10:00:00.000Z', endsAt: '2027-06-03T11:00:00.000Z' }),
      }),
    ).toBe('INVALID_TRANSITION');
    expect(await counts()).toEqual(before);
  });
});
