import { GraphQLSchemaHost } from '@nestjs/graphql';
import fc from 'fast-check';
import type {
  GraphQLArgument,
  GraphQLEnumType,
  GraphQLField,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLScalarType,
} from 'graphql';
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { LoginSessionService, SESSION_COOKIE } from '../src/core/auth/login-session.service';
import { AfterCommit } from '../src/core/database/after-commit';
import { BOOK, offer, publishedSession, registered, type PublishedSession } from './support/booking-fixtures';
import { GqlClient, type GqlResponse } from './support/gql-client';
import { signWebhook, webhookBody } from './support/livekit-harness';
import { startTestApp, type TestApp, type TestUser } from './support/test-app';

/**
 * Hostile input (issues #9 and #16). For EVERY operation in the schema (queries, mutations, and
 * subscriptions sent over HTTP) and EVERY REST route of the Nest router, both listed when the test
 * runs, fast-check generates arguments from
 * the argument types — random and boundary values, huge strings and lists, wrong types, impossible
 * dates, unknown enum values, unknown ids and real ones — and sends them as variables, as each kind
 * of caller (signed out, and signed in with each role). Then depth, alias and directive bombs,
 * forged cookies and forged LiveKit webhooks.
 *
 * Every answer must be data, or errors that each carry a known typed `extensions.code` — never
 * INTERNAL_SERVER_ERROR or HTTP 500, never a stack trace or SQL in a message — and when a mutation
 * fails, no table's row count changed.
 *
 * Values include NUL, lone surrogates, bidi and zero-width characters and 100 kB strings. Every
 * refused call must leave every table as it was: its row count and a checksum of its contents.
 *
 * FUZZ_RUNS (default 8) is the number of generated calls per operation (twice that per route):
 * about 1,000 calls in all; FUZZ_RUNS=42 makes over 5,000. The seed is fixed by default,
 * so a test run is repeatable; FUZZ_SEED=<n> replays a failure, FUZZ_SEED=random explores.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20_261_123);

const API_KEY = 'APIfuzz';
const API_SECRET = 'fuzz-test-secret-of-at-least-32-chars';

/** GraphQL's and Apollo's own codes; beforeAll adds every code a module declares (`*.errors.ts`). */
const KNOWN_CODES = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
]);

async function addModuleErrorCodes(): Promise<void> {
  const src = resolve(__dirname, '../src');
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.errors.ts'));
  for (const file of files) {
    const module = (await import(join(src, file))) as Record<string, unknown>;
    for (const [name, codes] of Object.entries(module)) {
      if (name.endsWith('ErrorCode'))
        for (const code of Object.values(codes as Record<string, string>)) KNOWN_CODES.add(code);
    }
  }
}

/** What must never reach a client: stack frames, source positions, SQL, driver and runtime errors. */
const LEAKS =
  /\n\s+at |\.[jt]s:\d+|SQLITE_|\bSELECT\b[\s\S]*\bFROM\b|\bINSERT INTO\b|\bUPDATE\b[\s\S]*\bSET\b|violates|duplicate key|QueryFailedError|TypeError|ReferenceError|Cannot read prop|undefined is not/;

const CALLERS = [
  'anonymous',
  'practitioner',
  'commissioner',
  'linkWorker',
  'organiser',
  'admin',
  'guest',
  'host',
] as const;
type Caller = (typeof CALLERS)[number];

/** Mutations that change the caller's login; after one succeeds, that caller signs in again. */
const LOGIN_CHANGING = new Set(['logIn', 'logOut', 'signUp', 'acceptInvitation']);

let t: TestApp;
let users: Record<Exclude<Caller, 'anonymous'>, TestUser>;
let session: PublishedSession;
let idPool: string[] = [];
let tables: string[] = [];

beforeAll(async () => {
  await addModuleErrorCodes();
  t = await startTestApp({
    config: {
      livekitUrl: 'ws://127.0.0.1:9',
      livekitApiKey: API_KEY,
      livekitApiSecret: API_SECRET,
      livekitRequestTimeoutSeconds: 1,
    },
  });
  session = await publishedSession(t);
  const host = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
  const guest = await registered(t, session.id, [Role.PRACTITIONER], 'GUEST');
  const offers = await offer(host, session.id, [1, 2, 3]);
  const { bookSlot } = await guest.client.data(BOOK, { offerId: offers[0].id });
  const [practitioner, commissioner, linkWorker, admin] = await Promise.all([
    t.createUser({ roles: [Role.PRACTITIONER] }),
    t.createUser({ roles: [Role.COMMISSIONER] }),
    t.createUser({ roles: [Role.LINK_WORKER] }),
    t.createUser({ roles: [Role.ADMIN] }),
  ]);
  users = { practitioner, commissioner, linkWorker, organiser: session.organiser, admin, guest, host };
  idPool = [
    session.id,
    ...session.slots.map((slot) => slot.id),
    ...offers.map((o) => o.id),
    bookSlot.id,
    ...Object.values(users).map((u) => u.user.id),
  ];
  tables = await listTables();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function listTables(): Promise<string[]> {
  const sql =
    t.engine === 'postgres'
      ? `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`
      : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`;
  return (await t.db.sql<{ name: string }>(sql)).rows.map((row) => row.name);
}

/** Row counts of every table, in one statement. */
async function rowCounts(): Promise<Record<string, number>> {
  const select = tables.map((table, i) => `(SELECT COUNT(*) FROM ${table}) AS c${i}`).join(', ');
  const [row] = (await t.db.sql<Record<string, number | string>>(`SELECT ${select}`)).rows;
  return Object.fromEntries(tables.map((table, i) => [table, Number(row[`c${i}`])]));
}

/**
 * Every table's row count and a checksum of its rows (sorted, so the order rows come back in does
 * not matter). Login sessions are only counted: using one touches its last-seen time.
 */
async function snapshot(): Promise<Record<string, string>> {
  const counts = await rowCounts();
  const sums = await Promise.all(
    tables.map(async (table) => {
      if (table === 'login_sessions' || table === 'migrations') return `${counts[table]}`;
      const rows = (await t.db.sql<Record<string, unknown>>(`SELECT * FROM ${table}`)).rows.map((row) =>
        JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
      );
      return `${counts[table]}:${createHash('sha256').update(rows.sort().join('\n')).digest('hex').slice(0, 16)}`;
    }),
  );
  return Object.fromEntries(tables.map((table, i) => [table, sums[i]]));
}

function clientFor(caller: Caller): GqlClient {
  const client = new GqlClient(t.graphqlUrl);
  if (caller !== 'anonymous') for (const [name, value] of users[caller].client.cookies) client.cookies.set(name, value);
  return client;
}

/**
 * Signs the caller in again (a fuzzed logIn/signUp/logOut may have rotated or revoked their
 * session) straight through the session service: the logIn mutation would soon be throttled.
 */
async function signInAgain(caller: Caller): Promise<void> {
  if (caller === 'anonymous') return;
  const { token } = await t.app.get(LoginSessionService).start(users[caller].user.id, undefined);
  users[caller].client.cookies.set(SESSION_COOKIE, token);
}

/** The typed-answer contract every response must keep. */
function expectTypedAnswer(res: GqlResponse<unknown>, what: string): void {
  expect([200, 400, 413], `${what}: HTTP ${res.status} ${JSON.stringify(res.body)?.slice(0, 500)}`).toContain(
    res.status,
  );
  if (res.status === 413) return; // the body parser refused it before GraphQL (statusCode 413)
  expect(res.body, `${what}: not a GraphQL answer`).toBeTypeOf('object');
  expect(res.data !== undefined || res.errors !== undefined, `${what}: neither data nor errors`).toBe(true);
  for (const error of res.errors ?? []) {
    const code = error.extensions?.code;
    expect(
      typeof code === 'string' && KNOWN_CODES.has(code),
      `${what}: unknown code ${String(code)}: ${error.message}`,
    ).toBe(true);
    expect(error.message, `${what}: leaks internals`).not.toMatch(LEAKS);
  }
}

// ---- generating arguments from the schema ----

const HUGE_TEXT = 'ŵ'.repeat(20_000);
const STRINGS = [
  '',
  ' ',
  '\u0000',
  '\t\n',
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${7*7}',
  'Europe/London',
  'Mars/Olympus_Mons',
  'a@b',
  'not-an-email',
  '@@@',
  '../../etc/passwd',
  '🎨🎭',
  'Ll\u0302ŷn',
  '%00',
  HUGE_TEXT,
  '\ud800',
  'a\udfffb',
  '\u202Eevil\u202C',
  'zero\u200Bwidth',
  '\uFEFF',
  'x\u2066y\u2069',
  'n'.repeat(100_000),
];
const DATES = [
  '2027-02-30T10:00:00Z',
  '2027-13-01T00:00:00Z',
  '2027-02-01T25:61:00Z',
  'not a date',
  '',
  '0000-01-01T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '2027-03-28T01:30:00 Europe/London',
  '2027-03-28T01:30:00[Mars/Olympus]',
  '1970-01-01T00:00:00Z',
  '2027-02-01T10:00:00+14:00',
  '9999-12-31T23:59:59.999Z',
  'Infinity',
  '2027-02-01',
];
const INTS = [
  0,
  -1,
  1,
  2,
  59,
  60,
  2_147_483_647,
  -2_147_483_648,
  2_147_483_648,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e308,
  0.5,
];

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
  fc.constant({ nested: { deeper: [1, 'two', null] } }),
  fc.string({ maxLength: 8 }),
  fc.constant(null),
);

const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...STRINGS) },
  { weight: 1, arbitrary: fc.emailAddress() },
);

/**
 * The app's schema comes from another load of graphql-js than this file's import would (CommonJS
 * vs ESM), so graphql's instanceof checks refuse it: types are told apart by their class name.
 */
function kindOf(type: unknown): string {
  return (type as { constructor: { name: string } }).constructor.name;
}

function namedType(type: unknown): GraphQLNamedType {
  let named = type as { ofType?: unknown };
  while (named.ofType !== undefined) named = named.ofType as { ofType?: unknown };
  return named as unknown as GraphQLNamedType;
}

/**
 * `hostile` values may break the GraphQL types themselves (wrong types, unknown enum values and
 * fields, out-of-range numbers, 3,000-item lists); `typed` values pass GraphQL's coercion, so they
 * reach the validation pipe, the services and the database with odd contents.
 */
type Mode = 'hostile' | 'typed';

const INT32 = { min: -2_147_483_648, max: 2_147_483_647 };

function scalarArb(type: GraphQLScalarType, mode: Mode): fc.Arbitrary<unknown> {
  switch (type.name) {
    case 'ID':
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...idPool) },
        { weight: 2, arbitrary: fc.uuid() },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '',
            'not-a-uuid',
            '00000000-0000-0000-0000-000000000000',
            HUGE_TEXT,
            "1' OR '1'='1",
          ),
        },
      );
    case 'String':
      return anyString;
    case 'Int':
      return mode === 'typed'
        ? fc.oneof(fc.integer({ min: -5, max: 200 }), fc.integer(INT32), fc.constantFrom(0, -1, INT32.min, INT32.max))
        : fc.oneof(fc.integer({ min: -5, max: 200 }), fc.integer(), fc.constantFrom(...INTS));
    case 'Float':
      return fc.oneof(
        fc.double({ noNaN: mode === 'typed', noDefaultInfinity: mode === 'typed' }),
        fc.constantFrom(...INTS),
      );
    case 'Boolean':
      return fc.boolean();
    case 'DateTime': {
      const valid = fc
        .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
      const extreme = fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      return mode === 'typed'
        ? fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: extreme })
        : fc.oneof(
            { weight: 3, arbitrary: valid },
            { weight: 1, arbitrary: extreme },
            { weight: 3, arbitrary: fc.constantFrom(...DATES) },
            { weight: 1, arbitrary: fc.constantFrom(-1, 1e20, 0) },
          );
    }
    default:
      return anyString;
  }
}

function inputArb(type: GraphQLInputType, mode: Mode, depth = 0): fc.Arbitrary<unknown> {
  const exact = exactArb(type, mode, depth);
  // Now and then anything at all where this type was expected.
  return mode === 'typed' ? exact : fc.oneof({ weight: 30, arbitrary: exact }, { weight: 1, arbitrary: wrongType });
}

function exactArb(type: GraphQLInputType, mode: Mode, depth: number): fc.Arbitrary<unknown> {
  const kind = kindOf(type);
  const hostile = mode === 'hostile';
  if (kind === 'GraphQLNonNull') {
    const inner = (type as { ofType: GraphQLInputType }).ofType;
    return hostile ? inputArb(inner, mode, depth) : exactArb(inner, mode, depth);
  }
  if (kind === 'GraphQLList') {
    const item = inputArb((type as { ofType: GraphQLInputType }).ofType, mode, depth + 1);
    const short = fc.array(item, { maxLength: 4 });
    return hostile
      ? fc.oneof(
          { weight: 15, arbitrary: short },
          { weight: 1, arbitrary: item.map((one) => Array.from({ length: 3_000 }, () => one)) },
        )
      : short;
  }
  if (kind === 'GraphQLEnumType') {
    const values = fc.constantFrom(...(type as GraphQLEnumType).getValues().map((v) => v.name));
    return hostile
      ? fc.oneof(
          { weight: 10, arbitrary: values },
          { weight: 1, arbitrary: fc.constantFrom('NOT_A_VALUE', 'admin', '', 'ADMIN ') },
        )
      : values;
  }
  if (kind === 'GraphQLInputObjectType') {
    const fields = Object.values((type as GraphQLInputObjectType).getFields());
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    const required = fields.filter((field) => kindOf(field.type) === 'GraphQLNonNull').map((field) => field.name);
    for (const field of fields) {
      record[field.name] =
        depth > 3 && !required.includes(field.name) ? fc.constant(null) : inputArb(field.type, mode, depth + 1);
    }
    const complete = fc.record(record, { requiredKeys: required });
    if (!hostile) return complete;
    return fc.oneof(
      { weight: 6, arbitrary: complete },
      { weight: 1, arbitrary: complete.map((value) => ({ ...value, notAField: 'x' })) },
      { weight: 1, arbitrary: fc.record(record, { requiredKeys: [] }) },
    );
  }
  return scalarArb(type as GraphQLScalarType, mode);
}

/** Fails with the assertion's message (cut short) and the seed, not a megabyte of counterexample. */
async function conciseFailure<T>(details: fc.RunDetails<T>): Promise<void> {
  if (!details.failed) return;
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(`${cause.slice(0, 1_500)}\n(replay with FUZZ_SEED=${details.seed})`);
}

type OperationKind = 'query' | 'mutation' | 'subscription';
interface Operation {
  kind: OperationKind;
  field: GraphQLField<unknown, unknown>;
}

function documentFor({ kind, field }: Operation): string {
  const vars = field.args.map((arg: GraphQLArgument, i) => `$a${i}: ${String(arg.type)}`);
  const args = field.args.map((arg: GraphQLArgument, i) => `${arg.name}: $a${i}`);
  const selection = ['GraphQLObjectType', 'GraphQLInterfaceType', 'GraphQLUnionType'].includes(
    kindOf(namedType(field.type)),
  )
    ? ' { __typename }'
    : '';
  return `${kind} Fuzz${vars.length ? `(${vars.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

/** Every operation of the schema, listed when the test runs. */
function operations(): Operation[] {
  const schema = t.app.get(GraphQLSchemaHost).schema;
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  return roots
    .flatMap(([kind, type]) => Object.values(type?.getFields() ?? {}).map((field) => ({ kind, field }) as Operation))
    .sort((a, b) => `${a.kind}.${a.field.name}`.localeCompare(`${b.kind}.${b.field.name}`));
}

function mutations(): GraphQLField<unknown, unknown>[] {
  return operations()
    .filter((op) => op.kind === 'mutation')
    .map((op) => op.field);
}

interface Route {
  method: string;
  path: string;
}

type RouterStack = { route?: { path: string; methods: Record<string, boolean> } }[];

/** Every route of the HTTP router (Nest's controllers), listed when the test runs. */
function routes(): Route[] {
  const express = t.app.getHttpAdapter().getInstance() as {
    router?: { stack: RouterStack };
    _router?: { stack: RouterStack };
  };
  const stack = (express.router ?? express._router)?.stack ?? [];
  return stack
    .flatMap(({ route }) =>
      route
        ? Object.keys(route.methods)
            .filter((m) => route.methods[m])
            .map((method) => ({ method: method.toUpperCase(), path: route.path }))
        : [],
    )
    .filter((route) => route.path !== '/graphql') // Apollo's own: fuzzed above, operation by operation
    .sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

// ---- the runs ----

describe('every operation and every route, fuzzed', () => {
  it("covers every operation of the schema and every route, and knows every module's error codes", () => {
    expect(mutations().length).toBeGreaterThan(40);
    expect(operations().filter((op) => op.kind === 'query').length).toBeGreaterThan(25);
    expect(routes().map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining([
        'GET /openreferral/services',
        'GET /exports/impact.csv',
        'POST /livekit/webhook',
        'GET /calendar/:file',
      ]),
    );
    for (const code of [
      'SLOT_TAKEN',
      'PARTICIPANT_BUSY',
      'VIDEO_UNAVAILABLE',
      'UNAUTHENTICATED',
      'NOT_SESSION_ORGANISER',
    ])
      expect(KNOWN_CODES).toContain(code);
  });

  it('answers data or a typed error to random, boundary and wrong-typed arguments, and changes nothing when it fails', async () => {
    const tally = { calls: 0, data: 0, errors: 0, rejected: 0 };
    const called = new Set<string>();
    const settled = () => t.app.get(AfterCommit).idle();
    for (const operation of operations()) {
      const { field } = operation;
      const document = documentFor(operation);
      const argsOf = (mode: Mode) =>
        fc.tuple(
          ...field.args.map((arg) =>
            mode === 'typed' && kindOf(arg.type) === 'GraphQLNonNull'
              ? inputArb(arg.type, mode)
              : fc.option(inputArb(arg.type, mode), { nil: undefined, freq: 12 }),
          ),
        );
      const argsArb = fc.oneof(argsOf('typed'), argsOf('hostile'));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...CALLERS), argsArb, async (caller, values) => {
          const variables: Record<string, unknown> = {};
          values.forEach((value, i) => value !== undefined && (variables[`a${i}`] = value));
          const what = `${operation.kind} ${field.name} as ${caller} with ${JSON.stringify(variables).slice(0, 300)}`;
          await settled();
          const before = await snapshot();
          const res = await clientFor(caller).request(document, variables);
          tally.calls++;
          called.add(`${operation.kind}.${field.name}`);
          expectTypedAnswer(res, what);
          // Data, or an answer without errors: a null may be the answer (saving no access needs clears them).
          const succeeded =
            res.status === 200 &&
            ((res.data as Record<string, unknown> | undefined)?.[field.name] != null ||
              (!res.errors && res.data != null));
          if (succeeded) {
            tally.data++;
            if (LOGIN_CHANGING.has(field.name)) await signInAgain(caller);
          } else {
            if (res.status === 200) tally.errors++;
            else tally.rejected++;
            await settled();
            expect(await snapshot(), `${what}: failed, yet the database changed`).toEqual(before);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true, asyncReporter: conciseFailure },
      );
    }
    console.log(
      `hostile input (${t.engine}): ${tally.calls} GraphQL calls: ${tally.data} succeeded, ${tally.errors} typed errors, ${tally.rejected} rejected before running`,
    );
    expect(tally.calls).toBe(operations().length * RUNS);
    expect([...called].sort()).toEqual(
      operations()
        .map((op) => `${op.kind}.${op.field.name}`)
        .sort(),
    );
  }, 1_800_000);

  it('answers every REST route with no server error, and changes nothing when it refuses', async () => {
    const tally = { calls: 0, refused: 0 };
    const called = new Set<string>();
    const settled = () => t.app.get(AfterCommit).idle();
    const text = fc.oneof(anyString, fc.uuid(), fc.constantFrom(...idPool));
    const names = fc.constantFrom(
      'page',
      'per_page',
      'text',
      'taxonomy_id',
      'sessionIds',
      'from',
      'to',
      'region',
      'condition',
      'lang',
      'after',
      'token',
      'x',
    );
    for (const route of routes()) {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CALLERS),
          fc.array(text, { minLength: 4, maxLength: 4 }),
          fc.dictionary(names, text, { maxKeys: 4 }),
          fc.oneof(fc.constant(undefined), wrongType, fc.dictionary(fc.string({ maxLength: 8 }), text, { maxKeys: 3 })),
          async (caller, params, query, body) => {
            let i = 0;
            const path = route.path.replace(/:(\w+)/g, () =>
              encodeURIComponent(String(params[i++ % params.length]).slice(0, 2_000)),
            );
            const search = new URLSearchParams(
              Object.entries(query).map(([k, v]): [string, string] => [k, String(v).slice(0, 2_000)]),
            ).toString();
            const url = `${t.url}${path}${search ? `?${search}` : ''}`;
            const what = `${route.method} ${url.slice(0, 300)} as ${caller}`;
            const headers: Record<string, string> = {
              cookie: [...clientFor(caller).cookies].map(([n, v]) => `${n}=${v}`).join('; '),
            };
            const sendBody = body !== undefined && route.method !== 'GET' && route.method !== 'HEAD';
            if (sendBody) headers['content-type'] = 'application/json';
            await settled();
            const before = await snapshot();
            const res = await fetch(url, {
              method: route.method,
              headers,
              body: sendBody ? JSON.stringify(body) : undefined,
              redirect: 'manual',
            });
            const answer = await res.text();
            tally.calls++;
            called.add(`${route.method} ${route.path}`);
            expect(res.status, `${what}: HTTP ${res.status} ${answer.slice(0, 300)}`).toBeLessThan(500);
            expect(answer, `${what}: leaks internals`).not.toMatch(LEAKS);
            if (res.status >= 400) {
              tally.refused++;
              await settled();
              expect(await snapshot(), `${what}: refused, yet the database changed`).toEqual(before);
            }
          },
        ),
        { numRuns: RUNS * 2, seed: SEED, endOnFailure: true, asyncReporter: conciseFailure },
      );
    }
    console.log(`hostile input (${t.engine}): ${tally.calls} REST calls, ${tally.refused} refused`);
    expect([...called].sort()).toEqual(
      routes()
        .map((route) => `${route.method} ${route.path}`)
        .sort(),
    );
  }, 600_000);
});

describe('bombs', () => {
  const organiser = () => clientFor('organiser');

  it('refuses a depth bomb before running it', async () => {
    // 31 levels of selection (the fields need not exist: the depth limit is checked all the same).
    const res = await organiser().request(`{ me ${'{ organisation '.repeat(30)}{ id }${' }'.repeat(30)} }`);
    expectTypedAnswer(res, 'depth bomb');
    expect(res.status).toBe(400);
    expect(res.errors?.map((e) => e.extensions?.code)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.map((e) => e.message).join(' ')).toMatch(/depth limit/i);
  });

  it('refuses an alias bomb of mutations, and runs none of them', async () => {
    const before = await rowCounts();
    const aliases = Array.from(
      { length: 500 },
      (_, i) => `m${i}: proposeSession(input: { title: "bomb ${i}", conditions: ["stroke"] }) { id }`,
    ).join(' ');
    const res = await organiser().request(`mutation { ${aliases} }`);
    expectTypedAnswer(res, 'alias bomb');
    expect(res.status).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses directive and token floods', async () => {
    const directives = await organiser().request(`{ me ${'@include(if: true) '.repeat(200)}{ id } }`);
    expectTypedAnswer(directives, 'directive bomb');
    expect(directives.status).toBe(400);
    const tokens = await organiser().request(`{ ${'__typename '.repeat(5_000)} }`);
    expectTypedAnswer(tokens, 'token flood');
    expect(tokens.status).toBe(400);
  });

  it('answers garbage documents and bodies with typed errors', async () => {
    const noSubscriptions = await organiser().request('subscription { x }');
    expectTypedAnswer(noSubscriptions, 'a subscription over HTTP');
    expect(noSubscriptions.status).toBe(400);
    for (const query of [
      '',
      '{',
      'mutation { }',
      '{ __schema { types { name } } '.repeat(50),
      '\u0000\u0001',
      'query A { me { id } } query A { me { id } }',
    ]) {
      expectTypedAnswer(await organiser().request(query), `document ${JSON.stringify(query).slice(0, 40)}`);
    }
    for (const rawBody of [
      'null',
      '[]',
      '"x"',
      '{"query": 5}',
      '{"query": "{ me { id } }", "variables": "nope"}',
      '{"query": "{ me { id } }", "operationName": 42}',
      '{bad json',
    ]) {
      const res = await organiser().request('', undefined, { rawBody });
      expect(res.status, rawBody).not.toBe(500);
      expect(res.status, rawBody).toBeLessThan(500);
    }
  });
});

describe('forged cookies', () => {
  it('treats any forged or mangled session cookie as signed out', async () => {
    const real = users.organiser.client.cookies.get(SESSION_COOKIE)!;
    const forged = [
      randomUUID(),
      `${real}x`,
      real.slice(0, -1),
      '',
      'a'.repeat(4_000),
      "'; DROP TABLE login_sessions; --",
      '%FF%FE',
      real.toUpperCase(),
    ];
    for (const value of forged) {
      const client = new GqlClient(t.graphqlUrl, { headers: { cookie: `${SESSION_COOKIE}=${value}` } });
      const me = await client.request(`{ me { id } }`);
      expectTypedAnswer(me, `me with cookie ${value.slice(0, 40)}`);
      expect(me.data?.me ?? null, `cookie ${value.slice(0, 40)}`).toBeNull();
      const denied = await client.request(
        `mutation { proposeSession(input: { title: "forged", conditions: ["stroke"] }) { id } }`,
      );
      expectTypedAnswer(denied, 'proposeSession with a forged cookie');
      expect(denied.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('forged LiveKit webhooks', () => {
  async function post(
    body: string,
    authorization: string | undefined,
    contentType = 'application/webhook+json',
  ): Promise<number> {
    const headers: Record<string, string> = { 'content-type': contentType };
    if (authorization !== undefined) headers.authorization = authorization;
    const res = await fetch(`${t.url}/livekit/webhook`, { method: 'POST', headers, body });
    await res.text();
    return res.status;
  }

  it('refuses unsigned, mis-signed and altered webhooks (401) and records nothing', async () => {
    const before = await rowCounts();
    const body = webhookBody({
      event: 'participant_joined',
      roomName: 'mtg_forged',
      createdAt: new Date(),
      participant: { sid: 'PA_x', identity: users.guest.user.id },
    });
    const signed = await signWebhook(body, API_KEY, API_SECRET);
    expect(await post(body, undefined)).toBe(401);
    expect(await post(body, 'Bearer nonsense')).toBe(401);
    expect(await post(body, await signWebhook(body, API_KEY, 'another-secret-another-secret-another'))).toBe(401);
    expect(await post(body, await signWebhook(body, 'APIother', API_SECRET))).toBe(401);
    expect(await post(body.replace('participant_joined', 'participant_left'), signed)).toBe(401); // altered after signing
    expect(await post('x'.repeat(300_000), signed)).toBe(413);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers correctly signed but hostile bodies without a server error', async () => {
    const bodies = [
      'not json',
      '{}',
      '[]',
      JSON.stringify({
        event: 'participant_joined',
        id: 'EV_1',
        createdAt: '99999999999999999999',
        room: { name: "'; DROP TABLE meetings; --" },
        participant: { sid: 'PA_1', identity: 'x'.repeat(5_000) },
      }),
      JSON.stringify({ event: 'no_such_event', id: 'EV_2', createdAt: '-5' }),
      JSON.stringify({
        event: 'participant_left',
        id: 'EV_3',
        createdAt: 'yesterday',
        room: { name: 'mtg_nothing' },
        participant: { sid: '', identity: '' },
      }),
      JSON.stringify({
        event: 'room_finished',
        id: 'EV_4',
        createdAt: String(Math.floor(Date.now() / 1000)),
        room: { name: 'mtg_unknown' },
      }),
    ];
    for (const body of bodies) {
      const status = await post(body, await signWebhook(body, API_KEY, API_SECRET));
      expect(status, body.slice(0, 80)).toBeLessThan(500);
    }
  });
});
