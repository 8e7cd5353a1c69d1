import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedSession, type PublishedSession } from './support/booking-fixtures';
import type { GqlResponse } from './support/gql-client';
import { startTestApp, type TestApp, type TestUser } from './support/test-app';

/**
 * Bad input is refused at the edge with a typed error and changes nothing (issue #16): text with
 * NUL or lone surrogates anywhere (GraphQL variables, inline values, REST paths and query strings),
 * unvalidated filter objects, nulls for required columns, dates outside any sensible window, and a
 * subscription sent over HTTP.
 */
let t: TestApp;
let session: PublishedSession;
let organiser: TestUser;

const TABLES = ['users', 'themed_sessions', 'slots', 'invitations', 'outbox', 'registrations'];

async function counts(): Promise<number[]> {
  return Promise.all(TABLES.map((table) => t.countRows(table)));
}

function expectCode(res: GqlResponse<unknown>, code: string, what: string): void {
  expect(res.status, `${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
  expect(
    res.errors?.map((e) => e.extensions?.code),
    `${what}: ${JSON.stringify(res.body).slice(0, 300)}`,
  ).toContain(code);
}

beforeAll(async () => {
  t = await startTestApp();
  session = await publishedSession(t);
  organiser = session.organiser;
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { id } }`;
const INVITE = `mutation($input: CreateInvitationInput!) { createInvitation(input: $input) { invitationId } }`;

describe('NUL and lone surrogates, refused once at the edge', () => {
  const HOSTILE = { nul: 'a\u0000b', loneHigh: 'x\ud800y', loneLow: '\udfff' };

  it('refuses them in GraphQL variables (input objects and scalar arguments) with BAD_USER_INPUT, changing nothing', async () => {
    const before = await counts();
    for (const [name, bad] of Object.entries(HOSTILE)) {
      expectCode(
        await t.client().request(SIGN_UP, {
          input: {
            displayName: 'Eve',
            email: `eve${bad}@example.test`,
            password: 'long enough password',
            preferredLanguage: 'en',
          },
        }),
        'BAD_USER_INPUT',
        `signUp ${name}`,
      );
      expectCode(
        await organiser.client.request(INVITE, { input: { email: `in${bad}@example.test`, roles: ['PRACTITIONER'] } }),
        'BAD_USER_INPUT',
        `createInvitation ${name}`,
      );
      expectCode(
        await organiser.client.request(`query($id: ID!) { person(id: $id) { id } }`, { id: bad }),
        'BAD_USER_INPUT',
        `person(id) ${name}`,
      );
      expectCode(
        await organiser.client.request(`query($after: String) { evidenceLibrary(after: $after) { totalCount } }`, {
          after: bad,
        }),
        'BAD_USER_INPUT',
        `cursor ${name}`,
      );
      expectCode(
        await organiser.client.request(`query($q: String) { person(id: "x") { id } }`, { q: bad }),
        'BAD_USER_INPUT',
        `an unused variable ${name}`,
      );
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses them in inline values and over GET too', async () => {
    const inline = await organiser.client.request(`{ person(id: "a\\u0000b") { id } }`);
    expect(inline.status).toBe(400);
    expect(inline.errors?.[0].extensions?.code).toMatch(
      /BAD_USER_INPUT|GRAPHQL_PARSE_FAILED|GRAPHQL_VALIDATION_FAILED/,
    );
    const lone = await organiser.client.request(`{ person(id: "\\uD800") { id } }`);
    expect(lone.status).toBe(400);
    expect(lone.errors?.[0].extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_PARSE_FAILED|GRAPHQL_VALIDATION_FAILED/);
    const get = await organiser.client.request(
      `query($id: ID!) { person(id: $id) { id } }`,
      { id: 'a\u0000' },
      { method: 'GET', headers: { 'apollo-require-preflight': 'true' } },
    );
    expectCode(get, 'BAD_USER_INPUT', 'GET variables');
  });

  it('refuses them in REST paths and query strings with HTTP 400 and a JSON error', async () => {
    const cookie = [...organiser.client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const urls = [
      '/openreferral/services?text=%00',
      '/openreferral/services?page=1%00',
      '/openreferral/services/%00',
      '/openreferral/taxonomy_terms?taxonomy_id=a%00',
      '/exports/impact.csv?region=%00',
      '/exports/impact.csv?sessionIds=a%00b',
      '/calendar/%00.ics',
      '/unsubscribe/%00',
      '/openreferral/services/%E0%A4%A',
    ];
    for (const url of urls) {
      const res = await fetch(`${t.url}${url}`, { headers: { cookie } });
      const body = (await res.json()) as { error?: string; message?: string };
      expect(res.status, url).toBe(400);
      expect(body.error, url).toBe('BAD_USER_INPUT');
    }
    const post = await fetch(`${t.url}/unsubscribe/a%00b`, { method: 'POST' });
    expect(post.status).toBe(400);
  });
});

describe('input objects are validated, with limits', () => {
  const DASHBOARD = `query($filter: ImpactFilterInput) { impactDashboard(filter: $filter) { sessionCount } }`;

  it('validates the impact dashboard filter: long strings, too many ids, bad and extreme dates', async () => {
    const filters = [
      { region: 'x'.repeat(90_000) },
      { condition: 'c'.repeat(61) },
      { sessionIds: Array.from({ length: 150 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`) },
      { from: '1e20' },
      { from: 1e20 },
      { to: '+275760-09-13T00:00:00.000Z' },
      { from: '0001-01-01T00:00:00Z' },
      { from: '2027-02-30T10:00:00Z' },
    ];
    for (const filter of filters)
      expectCode(
        await organiser.client.request(DASHBOARD, { filter }),
        'BAD_USER_INPUT',
        `impactDashboard ${JSON.stringify(filter).slice(0, 80)}`,
      );
  });

  it('bounds every date argument to a sensible window', async () => {
    const grid = `query($input: SlotGridInput!) { previewSlotGrid(input: $input) { index } }`;
    expectCode(
      await organiser.client.request(grid, {
        input: {
          startsAt: '2027-02-01T10:00:00Z',
          endsAt: '+275760-09-13T00:00:00.000Z',
          slotMinutes: 10,
          breakSlotIndexes: [],
        },
      }),
      'BAD_USER_INPUT',
      'previewSlotGrid to year 275760',
    );
    expectCode(
      await organiser.client.request(`query($from: DateTime) { myAgenda(from: $from) { id } }`, {
        from: '-000001-01-01T00:00:00Z',
      }),
      'BAD_USER_INPUT',
      'myAgenda before year 1',
    );
    expectCode(
      await organiser.client.request(`query($from: DateTime) { myAgenda(from: $from) { id } }`, {
        from: '1899-12-31T00:00:00Z',
      }),
      'BAD_USER_INPUT',
      'myAgenda in 1899',
    );
    const inline = await organiser.client.request(`{ myAgenda(from: "9999-01-01T00:00:00Z") { id } }`);
    expect(inline.status).toBe(400);
    // Dates inside the window still work.
    const ok = await organiser.client.request(`query($from: DateTime) { myAgenda(from: $from) { id } }`, {
      from: '2027-01-01T00:00:00+01:00',
    });
    expect(ok.errors).toBeUndefined();
  });

  it('refuses null for a required column in updateSession and changes nothing', async () => {
    const update = `mutation($id: ID!, $input: UpdateSessionInput!) { updateSession(id: $id, input: $input) { id titleEn } }`;
    for (const field of [
      'titleCy',
      'titleEn',
      'descriptionCy',
      'descriptionEn',
      'theme',
      'conditions',
      'deliveryLanguage',
      'startsAt',
      'endsAt',
      'slotMinutes',
      'breakSlotIndexes',
    ]) {
      const res = await organiser.client.request(update, { id: session.id, input: { [field]: null } });
      expectCode(res, 'BAD_USER_INPUT', `updateSession ${field}: null`);
    }
    const { session: after } = await organiser.client.data(
      `query($id: ID!) { session(id: $id) { titleEn titleCy descriptionEn } }`,
      { id: session.id },
    );
    expect(after).toEqual({
      titleEn: 'Dance and Parkinson’s',
      titleCy: 'Dawns a Parkinson’s',
      descriptionEn: 'Consultation session',
    });
  });
});

describe('a subscription over HTTP', () => {
  it('answers a real subscription sent as a POST with a typed error', async () => {
    const res = await organiser.client.request(
      `subscription($sessionId: ID!) { slotAvailabilityChanged(sessionId: $sessionId) { __typename } }`,
      { sessionId: session.id },
    );
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).toMatch(/WebSocket/);
  });
});
