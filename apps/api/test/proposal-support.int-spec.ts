import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Language, Role } from '../src/core/auth/role';
import { OutboxWorker } from '../src/modules/notifications/outbox-worker';
import { GqlClient } from './support/gql-client';
import { startSmtpSink, SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #23, point 2: proposals that participants shape. Participants see the open theme
 * proposals for their regions and conditions, back them ("I'd come", "I could host") and comment
 * (short plain text, rate-limited); organisers see the support; the decision and its reason reach
 * the proposer and every backer in their language; the proposer may be made co-organiser of the
 * session that results (its texts and registrations, nothing else). Export and erasure include
 * backings and comments.
 */

const PROFILE = `mutation ($input: ProfileInput!) { updateMyProfile(input: $input) { updatedAt } }`;
const PROPOSE = `mutation ($input: ProposeSessionInput!) { proposeSession(input: $input) { id } }`;
const OPEN = `{ openSessionProposals { id title proposer { id } support { attending hosting mine } comments { body author { id } } } }`;
const BACK = `mutation ($input: BackProposalInput!) { backProposal(input: $input) { id support { attending hosting mine } } }`;
const COMMENT = `mutation ($input: CommentOnProposalInput!) { commentOnProposal(input: $input) { id body author { id } } }`;
const DECLINE = `mutation ($input: DecideProposalInput!) { declineProposal(input: $input) { id status } }`;
const ACCEPT = `mutation ($proposalId: ID!, $session: CreateSessionInput!, $co: Boolean) {
  acceptProposal(proposalId: $proposalId, session: $session, coOrganiser: $co) { id status coOrganiser { id } }
}`;
const SESSION = `query ($id: ID!) { session(id: $id) { id titleEn titleCy descriptionEn coOrganiser { id } } }`;
const TEXTS = `mutation ($id: ID!, $input: SessionTextsInput!) { updateSessionTexts(id: $id, input: $input) { id titleEn titleCy } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateSessionInput!) { updateSession(id: $id, input: $input) { id } }`;
const PUBLISH = `mutation ($id: ID!) { publishSession(id: $id) { id status } }`;
const REGISTER = `mutation ($input: RegisterInput!) { registerForSession(input: $input) { id } }`;
const PARTICIPANTS = `query ($id: ID!) { sessionParticipants(sessionId: $id) { person { id } looksLikeAnother } }`;
const ERASE = `mutation ($input: EraseMyAccountInput!) { eraseMyAccount(input: $input) }`;

let t: TestApp;
let sink: SmtpSink;
let organiser: TestUser;
let proposer: TestUser; // English, Swansea Bay, dementia
let welshBacker: TestUser; // Welsh, Swansea Bay, dementia and stroke
let englishBacker: TestUser; // English, no region: sees only all-Wales proposals
let outsider: TestUser; // Powys, COPD

const proposal = (overrides: Record<string, unknown> = {}) => ({
  title: 'Music and memory',
  description: 'Singing groups for people living with dementia.',
  conditions: ['dementia'],
  region: 'swansea-bay',
  ...overrides,
});

const sessionInput = (day: string) => ({
  titleCy: 'Cerddoriaeth a chof',
  titleEn: 'Music and memory',
  descriptionCy: 'Grwpiau canu.',
  descriptionEn: 'Singing groups.',
  theme: 'CONDITION',
  conditions: ['dementia'],
  deliveryLanguage: 'BILINGUAL',
  region: 'swansea-bay',
  startsAt: `${day}T10:00:00.000Z`,
  endsAt: `${day}T11:00:00.000Z`,
  slotMinutes: 30,
});

async function openIds(user: TestUser): Promise<string[]> {
  return (await user.client.data(OPEN)).openSessionProposals.map((p: { id: string }) => p.id);
}

async function supportRows() {
  return { backings: await t.countRows('proposal_backings'), comments: await t.countRows('proposal_comments') };
}

async function myData(client: GqlClient): Promise<any> {
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return (await fetch(`${t.url}/account/my-data`, { headers: { cookie } })).json();
}

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startTestApp({ config: { smtpUrl: sink.url, sessionTtlHours: 24 * 365 } });
  organiser = await t.createUser({ roles: [Role.ORGANISER] });
  proposer = await t.createUser({ roles: [Role.PRACTITIONER], displayName: 'Proposer Price' });
  welshBacker = await t.createUser({ roles: [Role.PRACTITIONER], language: Language.cy, displayName: 'Cefnogwr' });
  englishBacker = await t.createUser({ roles: [Role.COMMISSIONER], displayName: 'Backer Bevan' });
  outsider = await t.createUser({ roles: [Role.LINK_WORKER], displayName: 'Outsider Owen' });
  await proposer.client.data(PROFILE, { input: { regions: ['swansea-bay'], conditions: ['dementia'] } });
  await welshBacker.client.data(PROFILE, { input: { regions: ['swansea-bay'], conditions: ['dementia', 'stroke'] } });
  await outsider.client.data(PROFILE, { input: { regions: ['powys'], conditions: ['lung-health-copd'] } });
});

afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe('open proposals', () => {
  it('shows each participant the pending proposals for their regions and conditions; organisers see all', async () => {
    const local = (await proposer.client.data(PROPOSE, { input: proposal() })).proposeSession;
    const allWales = (
      await proposer.client.data(PROPOSE, { input: proposal({ title: 'Art for all', conditions: [], region: null }) })
    ).proposeSession;
    const powys = (
      await outsider.client.data(PROPOSE, {
        input: proposal({ title: 'Breath and song', conditions: ['lung-health-copd'], region: 'powys' }),
      })
    ).proposeSession;

    expect(await openIds(welshBacker)).toEqual(expect.arrayContaining([local.id, allWales.id]));
    expect(await openIds(welshBacker)).not.toContain(powys.id);
    expect(await openIds(englishBacker)).toEqual([allWales.id]);
    expect(await openIds(outsider)).toEqual(expect.arrayContaining([allWales.id, powys.id]));
    expect(await openIds(outsider)).not.toContain(local.id);
    expect(await openIds(organiser)).toEqual(expect.arrayContaining([local.id, allWales.id, powys.id]));
    expect(await t.client().errorCode(OPEN)).toBe('UNAUTHENTICATED');

    // Backing or commenting on a proposal not shown to you is NOT_FOUND and writes nothing.
    const before = await supportRows();
    expect(
      await outsider.client.errorCode(BACK, { input: { proposalId: local.id, kind: 'ATTEND', backing: true } }),
    ).toBe('NOT_FOUND');
    expect(await outsider.client.errorCode(COMMENT, { input: { proposalId: local.id, body: 'Hello' } })).toBe(
      'NOT_FOUND',
    );
    expect(await supportRows()).toEqual(before);
  });
});

describe('backing, comments and the decision', () => {
  let proposalId: string;

  beforeAll(async () => {
    proposalId = (
      await proposer.client.data(PROPOSE, {
        input: proposal({ title: 'Poetry and pain', conditions: [], region: null }),
      })
    ).proposeSession.id;
  });

  it("counts I'd come and I could host, once each per person, and lets a backing be withdrawn", async () => {
    const back = (user: TestUser, kind: string, backing = true) =>
      user.client.data(BACK, { input: { proposalId, kind, backing } }).then((d) => d.backProposal.support);
    expect(await back(welshBacker, 'ATTEND')).toEqual({ attending: 1, hosting: 0, mine: ['ATTEND'] });
    expect(await back(welshBacker, 'ATTEND')).toEqual({ attending: 1, hosting: 0, mine: ['ATTEND'] });
    expect(await back(welshBacker, 'HOST')).toEqual({ attending: 1, hosting: 1, mine: ['ATTEND', 'HOST'] });
    expect(await back(englishBacker, 'ATTEND')).toEqual({ attending: 2, hosting: 1, mine: ['ATTEND'] });
    expect(await back(outsider, 'HOST')).toEqual({ attending: 2, hosting: 2, mine: ['HOST'] });
    expect(await back(outsider, 'HOST', false)).toEqual({ attending: 2, hosting: 1, mine: [] });

    // The organiser deciding sees the same support.
    const seen = (await organiser.client.data(OPEN)).openSessionProposals.find((p: any) => p.id === proposalId);
    expect(seen.support).toEqual({ attending: 2, hosting: 1, mine: [] });
    expect(seen.proposer).toEqual({ id: proposer.user.id });

    const before = await supportRows();
    expect(await welshBacker.client.errorCode(BACK, { input: { proposalId, kind: 'SPONSOR', backing: true } })).toMatch(
      /BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/,
    );
    expect(
      await welshBacker.client.errorCode(BACK, { input: { proposalId: 'nope', kind: 'HOST', backing: true } }),
    ).toBe('BAD_USER_INPUT');
    expect(await supportRows()).toEqual(before);
  });

  it('takes short plain-text comments, refuses bad ones and more than ten an hour', async () => {
    const { commentOnProposal } = await englishBacker.client.data(COMMENT, {
      input: { proposalId, body: '  I could bring a poet from Aberystwyth.  ' },
    });
    expect(commentOnProposal).toMatchObject({
      body: 'I could bring a poet from Aberystwyth.',
      author: { id: englishBacker.user.id },
    });

    const before = await supportRows();
    for (const body of ['', '   ', 'x'.repeat(501), 'Hidden\u202etext', 'Two\nlines']) {
      expect(await englishBacker.client.errorCode(COMMENT, { input: { proposalId, body } }), JSON.stringify(body)).toBe(
        'BAD_USER_INPUT',
      );
    }
    expect(await supportRows()).toEqual(before);

    for (let i = 2; i <= 10; i++) {
      t.clock.advance(1000);
      await englishBacker.client.data(COMMENT, { input: { proposalId, body: `Note ${i}` } });
    }
    expect(await englishBacker.client.errorCode(COMMENT, { input: { proposalId, body: 'One too many' } })).toBe(
      'TOO_MANY_COMMENTS',
    );
    expect(await t.countRows('proposal_comments')).toBe(before.comments + 9);
    t.clock.advance(3_600_000 - 9_001); // the first comment is 59:59.999 old
    expect(await englishBacker.client.errorCode(COMMENT, { input: { proposalId, body: 'Not yet' } })).toBe(
      'TOO_MANY_COMMENTS',
    );
    t.clock.advance(1);
    await englishBacker.client.data(COMMENT, { input: { proposalId, body: 'An hour later' } });

    const comments = (await welshBacker.client.data(OPEN)).openSessionProposals.find(
      (p: any) => p.id === proposalId,
    ).comments;
    expect(comments.map((c: { body: string }) => c.body)).toEqual([
      'I could bring a poet from Aberystwyth.',
      ...Array.from({ length: 9 }, (_, i) => `Note ${i + 2}`),
      'An hour later',
    ]);
  });

  it('e-mails the decision and its reason to the proposer and each backer in their language; then it is closed', async () => {
    const worker = t.app.get(OutboxWorker);
    await worker.runOnce();
    sink.mails.length = 0;
    await organiser.client.data(DECLINE, { input: { proposalId, reason: 'Mae sesiwn debyg ym mis Mawrth.' } });
    expect((await worker.runOnce()).sent).toBe(3); // proposer, welshBacker, englishBacker (the outsider withdrew)

    const to = (user: TestUser) => sink.mails.filter((m) => m.to.includes(user.user.email));
    expect(to(proposer)[0]!.parsed.subject).toBe('Your theme proposal was declined: Poetry and pain');
    const welsh = to(welshBacker)[0]!;
    expect(welsh.parsed.subject).toBe('Gwrthodwyd thema a gefnogwyd gennych: Poetry and pain');
    expect(welsh.parsed.text).toContain('Rheswm y trefnydd: “Mae sesiwn debyg ym mis Mawrth.”');
    expect(welsh.parsed.text).toContain(`${t.config.publicUrl}/cy/proposals`);
    const english = to(englishBacker)[0]!;
    expect(english.parsed.subject).toBe('A theme you backed was declined: Poetry and pain');
    expect(english.parsed.text).toContain('The organiser’s reason: “Mae sesiwn debyg ym mis Mawrth.”');
    expect(to(outsider)).toEqual([]);

    const before = await supportRows();
    expect(await welshBacker.client.errorCode(BACK, { input: { proposalId, kind: 'HOST', backing: false } })).toBe(
      'PROPOSAL_NOT_OPEN',
    );
    expect(await welshBacker.client.errorCode(COMMENT, { input: { proposalId, body: 'Too late?' } })).toBe(
      'PROPOSAL_NOT_OPEN',
    );
    expect(await supportRows()).toEqual(before);
    expect(await openIds(welshBacker)).not.toContain(proposalId);
  });
});

describe('the proposer as co-organiser', () => {
  let sessionId: string;
  let otherSessionId: string;

  beforeAll(async () => {
    const { proposeSession } = await proposer.client.data(PROPOSE, {
      input: proposal({ title: 'Dance and dementia' }),
    });
    await welshBacker.client.data(BACK, { input: { proposalId: proposeSession.id, kind: 'HOST', backing: true } });
    const { acceptProposal } = await organiser.client.data(ACCEPT, {
      proposalId: proposeSession.id,
      session: sessionInput('2027-05-04'),
      co: true,
    });
    expect(acceptProposal).toMatchObject({ status: 'DRAFT', coOrganiser: { id: proposer.user.id } });
    sessionId = acceptProposal.id;
    otherSessionId = (
      await organiser.client.data(`mutation ($input: CreateSessionInput!) { createSession(input: $input) { id } }`, {
        input: sessionInput('2027-05-05'),
      })
    ).createSession.id;
  });

  it('tells the proposer they co-organise it, and the backer it was accepted', async () => {
    sink.mails.length = 0;
    await t.app.get(OutboxWorker).runOnce();
    const toProposer = sink.mails.find((m) => m.to.includes(proposer.user.email))!;
    expect(toProposer.parsed.subject).toBe('Your theme proposal was accepted: Dance and dementia');
    expect(toProposer.parsed.text).toContain('made you co-organiser of the session');
    const toBacker = sink.mails.find((m) => m.to.includes(welshBacker.user.email))!;
    expect(toBacker.parsed.subject).toBe('Derbyniwyd thema a gefnogwyd gennych: Dance and dementia');
    expect(toBacker.parsed.text).not.toContain('gyd-drefnydd');
  });

  it('lets the co-organiser see the draft and edit its texts, and nothing else', async () => {
    expect((await proposer.client.data(SESSION, { id: sessionId })).session.coOrganiser).toEqual({
      id: proposer.user.id,
    });
    const { updateSessionTexts } = await proposer.client.data(TEXTS, {
      id: sessionId,
      input: { titleEn: 'Dance, music and memory', titleCy: 'Dawns, cerddoriaeth a chof' },
    });
    expect(updateSessionTexts).toMatchObject({
      titleEn: 'Dance, music and memory',
      titleCy: 'Dawns, cerddoriaeth a chof',
    });
    expect(await proposer.client.errorCode(TEXTS, { id: sessionId, input: { titleEn: 'x' } })).toBe('BAD_USER_INPUT');
    expect((await organiser.client.data(SESSION, { id: sessionId })).session.titleEn).toBe('Dance, music and memory');

    // Not times, publishing, or other sessions; not for anyone else.
    expect(await proposer.client.errorCode(UPDATE, { id: sessionId, input: { slotMinutes: 60 } })).toBe('FORBIDDEN');
    expect(await proposer.client.errorCode(PUBLISH, { id: sessionId })).toBe('FORBIDDEN');
    expect(await proposer.client.errorCode(TEXTS, { id: otherSessionId, input: { titleEn: 'Mine now' } })).toBe(
      'NOT_FOUND',
    );
    expect(await welshBacker.client.errorCode(TEXTS, { id: sessionId, input: { titleEn: 'Mine now' } })).toBe(
      'NOT_FOUND',
    );
    await organiser.client.data(PUBLISH, { id: otherSessionId });
    expect(await proposer.client.errorCode(TEXTS, { id: otherSessionId, input: { titleEn: 'Mine now' } })).toBe(
      'NOT_SESSION_ORGANISER',
    );
    expect((await organiser.client.data(SESSION, { id: otherSessionId })).session.titleEn).toBe('Music and memory');
  });

  it('shows the co-organiser the registrations as their organiser sees them', async () => {
    await organiser.client.data(PUBLISH, { id: sessionId });
    await welshBacker.client.data(REGISTER, { input: { sessionId, role: 'GUEST' } });
    const asCo = (await proposer.client.data(PARTICIPANTS, { id: sessionId })).sessionParticipants;
    expect(asCo).toEqual([{ person: { id: welshBacker.user.id }, looksLikeAnother: false }]);
    const asOther = (await englishBacker.client.data(PARTICIPANTS, { id: sessionId })).sessionParticipants;
    expect(asOther).toEqual([{ person: { id: welshBacker.user.id }, looksLikeAnother: null }]);
    await welshBacker.client.data(REGISTER, { input: { sessionId: otherSessionId, role: 'GUEST' } });
    const elsewhere = (await proposer.client.data(PARTICIPANTS, { id: otherSessionId })).sessionParticipants;
    expect(elsewhere).toEqual([{ person: { id: welshBacker.user.id }, looksLikeAnother: null }]);
  });
});

describe('export and erasure', () => {
  it('exports a person’s backings and comments, and erasure deletes them', async () => {
    const person = await t.createUser({ roles: [Role.PRACTITIONER], displayName: 'Eira Evans' });
    const { proposeSession } = await proposer.client.data(PROPOSE, {
      input: proposal({ title: 'Clay and care', conditions: [], region: null }),
    });
    await person.client.data(BACK, { input: { proposalId: proposeSession.id, kind: 'ATTEND', backing: true } });
    await person.client.data(COMMENT, { input: { proposalId: proposeSession.id, body: 'uniq-comment-7f3e' } });

    const body = await myData(person.client);
    expect(body.sessions.proposalBackings).toEqual([
      expect.objectContaining({ proposalId: proposeSession.id, proposalTitle: 'Clay and care', kind: 'ATTEND' }),
    ]);
    expect(body.sessions.proposalComments).toEqual([
      expect.objectContaining({ proposalId: proposeSession.id, body: 'uniq-comment-7f3e' }),
    ]);

    await person.client.data(ERASE, { input: { password: person.password, confirmation: person.user.email } });
    const left = await t.db.sql<{ n: number }>(
      `SELECT (SELECT COUNT(*) FROM proposal_backings WHERE user_id = ?) + (SELECT COUNT(*) FROM proposal_comments WHERE author_id = ?) AS n`,
      [person.user.id, person.user.id],
    );
    expect(Number(left.rows[0]!.n)).toBe(0);
    const { rows } = await t.db.sql<{ n: number }>(`SELECT COUNT(*) AS n FROM proposal_comments WHERE body = ?`, [
      'uniq-comment-7f3e',
    ]);
    expect(Number(rows[0]!.n)).toBe(0);
  });
});
