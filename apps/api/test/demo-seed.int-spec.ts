import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_SESSIONS } from '../src/demo/demo-data';
import { formatDemoLogins, seedDemo } from '../src/demo/demo-seed';
import { startTestApp, TestApp } from './support/test-app';

const LOG_IN = `mutation LogIn($input: LogInInput!) { logIn(input: $input) { id displayName } }`;

const SESSIONS = `{ sessions(first: 10) { edges { node { id titleCy titleEn theme status startsAt conditionCodes organiser { displayName } } } } }`;

const AGENDA = `{ myAgenda { id status source startsAt startsAtLondon session { titleEn } slot { index } participants { role person { displayName } } } }`;

const TABLES = [
  'users',
  'organisations',
  'profiles',
  'themed_sessions',
  'slots',
  'registrations',
  'offers',
  'meetings',
  'meeting_participants',
  'meeting_requests',
];

describe('demo seed (config.seedDemo, run by createApp at start-up)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // An empty database with seedDemo on: createApp seeds it before the app listens.
    t = await startTestApp({ config: { seedDemo: true } });
  });

  afterAll(async () => {
    await t?.close();
  });

  async function counts(): Promise<Record<string, number>> {
    return Object.fromEntries(
      await Promise.all(TABLES.map(async (table) => [table, await t.countRows(table)] as const)),
    );
  }

  it('seeds people, organisations, profiles, sessions, offers, meetings and requests', async () => {
    const c = await counts();
    expect(c.users).toBe(DEMO_PEOPLE.length);
    expect(DEMO_PEOPLE.filter((p) => p.role === 'PRACTITIONER').length).toBeGreaterThanOrEqual(20);
    expect(DEMO_PEOPLE.filter((p) => p.role === 'COMMISSIONER').length).toBe(6);
    expect(DEMO_PEOPLE.filter((p) => p.role === 'LINK_WORKER').length).toBe(6);
    expect(c.organisations).toBeGreaterThanOrEqual(15);
    expect(c.profiles).toBe(DEMO_PEOPLE.filter((p) => p.profile).length);
    expect(c.themed_sessions).toBe(3);
    expect(c.offers).toBeGreaterThan(30);
    expect(c.meetings).toBeGreaterThanOrEqual(10);
    expect(c.meeting_requests).toBeGreaterThanOrEqual(5);
    const { rows } = await t.db.sql<{ status: string; n: number | string }>(
      'SELECT status, COUNT(*) AS n FROM meeting_requests GROUP BY status',
    );
    expect(Number(rows.find((r) => r.status === 'PENDING')?.n ?? 0)).toBeGreaterThanOrEqual(5);
  });

  it('lists the demo practitioners who opted in in the referral directory', async () => {
    const listed = DEMO_PEOPLE.filter((p) => p.profile?.directoryListed).map((p) => p.profile?.directoryServiceName);
    const page = (await (await fetch(`${t.url}/openreferral/services`)).json()) as { contents: { name: string }[] };
    expect(listed.length).toBeGreaterThanOrEqual(3);
    expect(page.contents.map((s) => s.name).sort()).toEqual([...listed].sort());
  });

  it('publishes three bilingual sessions in the coming weeks, relative to the clock', async () => {
    const { sessions } = await t.client().data(SESSIONS);
    const nodes = sessions.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(nodes).toHaveLength(3);
    const now = t.clock.now().getTime();
    for (const node of nodes) {
      expect(node.status).toBe('PUBLISHED');
      expect(node.titleCy).toBeTruthy();
      expect(node.titleEn).toBeTruthy();
      const startsIn = new Date(node.startsAt as string).getTime() - now;
      expect(startsIn).toBeGreaterThan(0);
      expect(startsIn).toBeLessThan(5 * 7 * 24 * 3600_000);
    }
    expect(nodes.map((n: { titleEn: string }) => n.titleEn)).toEqual(DEMO_SESSIONS.map((s) => s.titleEn));
    expect(nodes.map((n: { theme: string }) => n.theme)).toEqual(['CONDITION', 'CONDITION', 'OPEN']);
    expect(nodes[0].conditionCodes).toContain('parkinsons');
  });

  it('lets every kind of demo user sign in with the shared password and see their agenda', async () => {
    for (const key of ['siwan', 'carys', 'ffion', 'angharad', 'llinos']) {
      const person = DEMO_PEOPLE.find((p) => p.key === key)!;
      const client = t.client();
      const { logIn } = await client.data(LOG_IN, {
        input: { email: `${person.email}@${DEMO_EMAIL_DOMAIN}`, password: DEMO_PASSWORD },
      });
      expect(logIn.displayName).toBe(person.displayName);
    }
    const ffion = t.client();
    await ffion.data(LOG_IN, { input: { email: `ffion.prydderch@${DEMO_EMAIL_DOMAIN}`, password: DEMO_PASSWORD } });
    const res = await ffion.request(AGENDA);
    expect(res.errors).toBeUndefined();
    expect(res.data.myAgenda.length).toBeGreaterThanOrEqual(2);
    for (const meeting of res.data.myAgenda) {
      expect(meeting.status).toBe('CONFIRMED');
      expect(meeting.participants.map((p: { role: string }) => p.role)).toEqual(
        expect.arrayContaining(['HOST', 'GUEST']),
      );
    }
    // Outside production every GraphQL response says how many SQL statements it ran.
    expect(Number(res.headers.get('x-sql-statements'))).toBeGreaterThan(0);
  });

  it('has a group consultation with two guests and a meeting made from an accepted request', async () => {
    const { rows: group } = await t.db.sql<{ guests: number | string }>(
      `SELECT COUNT(*) AS guests FROM meeting_participants WHERE active AND role = 'GUEST' GROUP BY meeting_id ORDER BY COUNT(*) DESC`,
    );
    expect(Number(group[0]?.guests)).toBeGreaterThanOrEqual(2);
    const { rows: requested } = await t.db.sql(`SELECT id FROM meetings WHERE source = 'REQUESTED'`);
    expect(requested.length).toBeGreaterThanOrEqual(1);
  });

  it('is idempotent: seeding again (a second start) changes nothing', async () => {
    const before = await counts();
    const again = await seedDemo(t.app);
    expect(again.seeded).toBe(false);
    expect(formatDemoLogins(again)).toMatch(/not seeded/);
    expect(await counts()).toEqual(before);
  });
});

describe('demo seed on a database that already has users', () => {
  it('does nothing', async () => {
    const t = await startTestApp();
    try {
      await t.createUser({ roles: [] });
      const result = await seedDemo(t.app);
      expect(result).toMatchObject({ seeded: false });
      expect(await t.countRows('users')).toBe(1);
      expect(await t.countRows('themed_sessions')).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('prints a table of demo logins on first seed', async () => {
    const t = await startTestApp();
    try {
      const result = await seedDemo(t.app);
      expect(result.seeded).toBe(true);
      const table = formatDemoLogins(result);
      expect(table).toContain(DEMO_PASSWORD);
      for (const role of ['ORGANISER', 'ADMIN', 'PRACTITIONER', 'COMMISSIONER', 'LINK_WORKER'])
        expect(table).toContain(role);
      expect(result.milliseconds).toBeLessThan(20_000);
    } finally {
      await t.close();
    }
  });
});
