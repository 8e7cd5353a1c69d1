import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { GqlClient } from './support/gql-client';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The GraphQL transport protections of docs/architecture.md#security-and-privacy, over real HTTP. Every "rejected" assertion is
 * paired with the same request shape being accepted just under the limit (or with the protection's
 * own escape hatch), and checks the protection's own message, so it fails if the protection goes.
 */

const CSRF_MESSAGE = /Cross-Site Request Forgery/;

let limited: TestApp; // test mode, with small depth / alias limits set through config
let standard: TestApp; // test mode, default config
let production: TestApp; // mode 'production'
let limitedClient: GqlClient;
let standardClient: GqlClient;

beforeAll(async () => {
  [limited, standard, production] = await Promise.all([
    startTestApp({ config: { graphqlMaxDepth: 2, graphqlMaxAliases: 2 } }),
    startTestApp(),
    startTestApp({ config: { mode: 'production' } }),
  ]);
  [limitedClient, standardClient] = await Promise.all([
    limited.createUser({ roles: [Role.ORGANISER] }).then((u) => u.client),
    standard.createUser({ roles: [Role.ORGANISER] }).then((u) => u.client),
  ]);
});

afterAll(async () => {
  await Promise.all([limited?.close(), standard?.close(), production?.close()]);
});

function aliasesOfMe(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
}

describe('query depth', () => {
  it('accepts a query at the configured depth limit', async () => {
    const res = await limitedClient.request(`{ me { id } }`);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data.me.id).toEqual(expect.any(String));
  });

  it('rejects a query one level deeper (GRAPHQL_VALIDATION_FAILED, HTTP 400) before running it', async () => {
    const res = await limitedClient.request(`{ me { organisation { id } } }`);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).toMatch(/depth limit of 2 exceeded/);
  });

  it('the same query passes under the default depth limit (so the rejection above is the limit)', async () => {
    expect(standard.config.graphqlMaxDepth).toBe(10);
    const res = await standardClient.request(`{ me { organisation { id } } }`);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
  });
});

describe('aliases', () => {
  it('accepts as many aliases as the limit', async () => {
    const res = await limitedClient.request(aliasesOfMe(2));
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(Object.keys(res.data)).toEqual(['a0', 'a1']);
  });

  it('rejects more aliases than the configured limit', async () => {
    const res = await limitedClient.request(aliasesOfMe(3));
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).toMatch(/Aliases limit of 2 exceeded/);
  });

  it('rejects more aliases than the default limit (15)', async () => {
    expect(standard.config.graphqlMaxAliases).toBe(15);
    expect((await standardClient.request(aliasesOfMe(15))).errors).toBeUndefined();
    const res = await standardClient.request(aliasesOfMe(16));
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).toMatch(/Aliases limit of 15 exceeded/);
  });
});

describe('batching', () => {
  it('rejects a batched (array) HTTP request with 400 BAD_REQUEST "Operation batching disabled"', async () => {
    const single = await standardClient.request('', undefined, { rawBody: JSON.stringify({ query: '{ me { id } }' }) });
    expect(single.status).toBe(200);
    expect(single.errors).toBeUndefined();

    const batch = JSON.stringify([{ query: '{ me { id } }' }, { query: '{ __typename }' }]);
    const res = await standardClient.request('', undefined, { rawBody: batch });
    expect(res.status).toBe(400);
    expect(Array.isArray(res.body)).toBe(false); // no per-operation results came back
    expect(res.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
    expect(res.errors?.[0].message).toMatch(/batching disabled/i);
  });
});

describe('CSRF prevention', () => {
  it('rejects a POST with content-type text/plain and no preflight header (400, CSRF)', async () => {
    const res = await standardClient.request('', undefined, {
      rawBody: JSON.stringify({ query: '{ me { id } }' }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
    expect(res.errors?.[0].message).toMatch(CSRF_MESSAGE);
  });

  it('rejects a simple GET (no content-type, no preflight header) that would otherwise run', async () => {
    const blocked = await standardClient.request('{ me { id } }', undefined, { method: 'GET' });
    expect(blocked.status).toBe(400);
    expect(blocked.data).toBeUndefined();
    expect(blocked.errors?.[0].message).toMatch(CSRF_MESSAGE);

    // The same GET with the preflight-forcing header runs: the block above is CSRF prevention.
    const allowed = await standardClient.request('{ me { id } }', undefined, {
      method: 'GET',
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.data.me.id).toEqual(expect.any(String));
  });
});

describe('request body size', () => {
  const QUERY = 'query Pad($name: String!) { __type(name: $name) { name } }';

  it('accepts a body just under 100kb', async () => {
    const res = await standardClient.request(QUERY, { name: 'x'.repeat(95_000) });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ __type: null });
  });

  it('rejects a body over 100kb with 413 before GraphQL sees it', async () => {
    const res = await standardClient.request(QUERY, { name: 'x'.repeat(110_000) });
    expect(res.status).toBe(413);
    expect(res.data).toBeUndefined();
    expect(res.body).toMatchObject({ statusCode: 413 });
  });
});

describe("mode 'production'", () => {
  const INTROSPECTION = `{ __schema { types { name } } }`;

  it('introspection works outside production (control)', async () => {
    const res = await standard.client().request(INTROSPECTION);
    expect(res.status).toBe(200);
    expect(res.data.__schema.types.map((type: { name: string }) => type.name)).toContain('Person');
  });

  it('refuses introspection', async () => {
    expect(production.config.isProduction).toBe(true);
    const res = await production.client().request(INTROSPECTION);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].extensions?.validationErrorCode).toBe('INTROSPECTION_DISABLED');
    const byType = await production.client().request(`{ __type(name: "Person") { fields { name } } }`);
    expect(byType.errors?.[0].extensions?.validationErrorCode).toBe('INTROSPECTION_DISABLED');
  });

  it('hides field suggestions', async () => {
    const dev = await standard.client().request(`{ mee { id } }`);
    expect(dev.errors?.[0].message).toMatch(/Did you mean "me"/);
    const res = await production.client().request(`{ mee { id } }`);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).not.toMatch(/Did you mean/);
  });

  it('sends no stack trace with any error (validation, domain)', async () => {
    const anonymous = production.client();
    for (const query of [`{ organisations { id } }`, `{ mee { id } }`, `{ me { id `]) {
      const res = await anonymous.request(query);
      expect(res.errors, query).toBeDefined();
      for (const error of res.errors!) expect(error.extensions ?? {}, query).not.toHaveProperty('stacktrace');
    }
    // Outside production the same errors do carry one (control).
    const dev = await standard.client().request(`{ organisations { id } }`);
    expect(dev.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(dev.errors?.[0].extensions).toHaveProperty('stacktrace');
  });

  it('masks an unexpected error: generic message, INTERNAL_SERVER_ERROR, no stack trace, no SQL', async () => {
    // Break the database under both apps: the organisations query then fails unexpectedly.
    const { client: prodOrganiser } = await production.createUser({ roles: [Role.ORGANISER] });
    const disposable = await startTestApp();
    try {
      const { client: devOrganiser } = await disposable.createUser({ roles: [Role.ORGANISER] });
      await production.db.sql('ALTER TABLE organisations RENAME TO organisations_gone');
      await disposable.db.sql('ALTER TABLE organisations RENAME TO organisations_gone');

      const dev = await devOrganiser.request(`{ organisations { id } }`);
      expect(dev.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(dev.errors?.[0].message).toMatch(/organisations/); // the raw driver error leaks outside production
      expect(dev.errors?.[0].extensions).toHaveProperty('stacktrace');

      const res = await prodOrganiser.request(`{ organisations { id } }`);
      expect(res.status).toBe(200);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]).toEqual({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(JSON.stringify(res.body)).not.toMatch(/organisations|sqlite|relation|stacktrace|QueryFailed/i);
    } finally {
      await production.db.sql('ALTER TABLE organisations_gone RENAME TO organisations').catch(() => undefined);
      await disposable.close();
    }
  });
});
