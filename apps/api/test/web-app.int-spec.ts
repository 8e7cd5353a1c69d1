import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedSession } from './support/booking-fixtures';
import { startTestApp, TestApp } from './support/test-app';

const INDEX = '<!doctype html><html lang="cy"><body>Cyswllt SPA</body></html>';
/** The app's routes as the web build lists them (apps/web/scripts/route-manifest.mjs). */
const ROUTES = {
  patterns: [
    '^/$',
    '^/(?:cy|en)/?$',
    '^/(?:cy|en)/sessions/?$',
    '^/(?:cy|en)/sessions/[^/]+/?$',
    '^/(?:cy|en)/agenda/?$',
  ],
  indexable: ['^/(?:cy|en)/?$', '^/(?:cy|en)/sessions/?$', '^/(?:cy|en)/sessions/[^/]+/?$'],
};
const BIG_ASSET = `export const words = ${JSON.stringify('cyswllt '.repeat(400))};`;

/** A GET that reports the bytes as sent (fetch would decode them). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

/** A POST of JSON that reports the bytes as sent. */
function rawPost(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('serving the built web app on the API origin', () => {
  let t: TestApp;
  let webRoot: string;
  let sessionId: string;

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'cyswllt-web-'));
    mkdirSync(join(webRoot, '_app', 'immutable'), { recursive: true });
    writeFileSync(join(webRoot, 'index.html'), INDEX);
    writeFileSync(join(webRoot, '_app', 'immutable', 'start.abc.js'), 'export const x = 1;');
    writeFileSync(join(webRoot, 'robots.txt'), 'User-agent: *');
    writeFileSync(join(webRoot, 'routes.json'), JSON.stringify(ROUTES));
    // As SvelteKit's precompress writes them: the file, and its brotli and gzip twins.
    writeFileSync(join(webRoot, '_app', 'immutable', 'big.abc.js'), BIG_ASSET);
    writeFileSync(join(webRoot, '_app', 'immutable', 'big.abc.js.br'), brotliCompressSync(BIG_ASSET));
    t = await startTestApp({ config: { webRoot } });
    sessionId = (await publishedSession(t)).id;
  });

  afterAll(async () => {
    await t?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

  it('serves index.html at / and for client-side routes that ask for HTML', async () => {
    for (const path of ['/cy', '/en/', '/cy/sessions', `/en/sessions/${sessionId}`, '/cy/agenda?x=1']) {
      const res = await fetch(`${t.url}${path}`, { headers: html });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('keeps signed-in areas and "not found" out of search engines (X-Robots-Tag), not the public pages', async () => {
    const robots = async (path: string) => {
      const res = await fetch(`${t.url}${path}`, { headers: html });
      return [res.status, res.headers.get('x-robots-tag')];
    };
    expect(await robots('/cy')).toEqual([200, null]);
    expect(await robots('/en/sessions')).toEqual([200, null]);
    expect(await robots(`/cy/sessions/${sessionId}`)).toEqual([200, null]);
    expect(await robots('/en/agenda')).toEqual([200, 'noindex']);
    expect(await robots('/cy/agenda/extra')).toEqual([404, 'noindex']);
  });

  it('sends / and the older addresses without a language to the remembered choice, else to Welsh when the browser lists it', async () => {
    const go = async (path: string, headers: Record<string, string>) => {
      const res = await fetch(`${t.url}${path}`, { headers: { ...html, ...headers }, redirect: 'manual' });
      expect(res.status, path).toBe(302);
      expect(res.headers.get('vary')).toMatch(/Accept-Language/);
      return res.headers.get('location');
    };
    expect(await go('/', { 'accept-language': 'en-GB,en;q=0.9,cy;q=0.5' })).toBe('/cy');
    expect(await go('/', { 'accept-language': 'en-GB,en;q=0.9' })).toBe('/en');
    expect(await go('/', {})).toBe('/en');
    expect(await go('/', { 'accept-language': 'en-GB,cy;q=0' })).toBe('/en');
    // An explicit choice (the language switch's cookie) wins over the browser.
    expect(await go('/agenda?x=1', { 'accept-language': 'cy', cookie: 'a=b; cyswllt_lang=en' })).toBe('/en/agenda?x=1');
    expect(await go('/sessions/0a6b3c1e', { 'accept-language': 'cy-GB' })).toBe('/cy/sessions/0a6b3c1e');
    // Not a page without its language either: 404, no redirect.
    expect((await fetch(`${t.url}/agenda/extra`, { headers: html, redirect: 'manual' })).status).toBe(404);
  });

  it('serves files as they are, immutable assets with a long cache life', async () => {
    const asset = await fetch(`${t.url}/_app/immutable/start.abc.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('export const x = 1;');
    const robots = await fetch(`${t.url}/robots.txt`);
    expect(await robots.text()).toBe('User-agent: *');
  });

  it('answers a page the app does not have with 404, still showing the app (its "page not found")', async () => {
    for (const path of ['/no-such-page', '/cy/sessions/x/y/z', '/en/agenda/extra', '/fr/agenda', '/cy/cy/agenda']) {
      const res = await fetch(`${t.url}${path}`, { headers: html });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toBe(INDEX);
    }
  });

  it("answers a session's page 404 when there is no such session, 410 once it was cancelled, still showing the app", async () => {
    const status = async (path: string) => {
      const res = await fetch(`${t.url}${path}`, { headers: html });
      expect(await res.text()).toBe(INDEX);
      return [res.status, res.headers.get('x-robots-tag')];
    };
    expect(await status(`/en/sessions/${sessionId}`)).toEqual([200, null]);
    expect(await status('/en/sessions/0a6b3c1e-5a4e-4c4a-9d44-0d8f5d3c3c11')).toEqual([404, 'noindex']);
    expect(await status('/cy/sessions/not-an-id')).toEqual([404, 'noindex']);
    const cancelled = await publishedSession(t);
    await cancelled.organiser.client.data(
      `mutation ($id: ID!) { cancelSession(id: $id, reason: "Storm warning") { id } }`,
      {
        id: cancelled.id,
      },
    );
    expect(await status(`/cy/sessions/${cancelled.id}`)).toEqual([410, 'noindex']);
    expect(await status(`/en/sessions/${cancelled.id.toUpperCase()}`)).toEqual([410, 'noindex']);
    // The session that stays is untouched.
    expect(await status(`/cy/sessions/${sessionId}`)).toEqual([200, null]);
  });

  it('serves a precompressed file to a browser that accepts it, and the plain file to one that does not', async () => {
    const br = await rawGet(`${t.url}/_app/immutable/big.abc.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toContain('immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.body).toString()).toBe(BIG_ASSET);
    const plain = await rawGet(`${t.url}/_app/immutable/big.abc.js`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(BIG_ASSET);
  });

  it('compresses GraphQL answers of 1 KB or more, and leaves small ones as they are', async () => {
    const big = await rawPost(
      `${t.url}/graphql`,
      { 'accept-encoding': 'gzip' },
      JSON.stringify({ query: '{ taxonomy(vocabulary: CONDITION) { code nameCy nameEn } }' }),
    );
    expect(big.status).toBe(200);
    expect(big.headers['content-encoding']).toBe('gzip');
    const decoded = JSON.parse(gunzipSync(big.body).toString());
    expect(decoded.data.taxonomy.length).toBeGreaterThan(5);
    expect(gunzipSync(big.body).length).toBeGreaterThan(1024);
    const small = await rawPost(
      `${t.url}/graphql`,
      { 'accept-encoding': 'gzip, br' },
      JSON.stringify({ query: '{ __typename }' }),
    );
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ data: { __typename: 'Query' } });
  });

  it('does not answer missing files or non-HTML requests with the app', async () => {
    expect((await fetch(`${t.url}/_app/immutable/missing.js`)).status).toBe(404);
    expect((await fetch(`${t.url}/sessions`, { headers: { accept: 'application/json' } })).status).toBe(404);
    expect((await fetch(`${t.url}/sessions`, { method: 'POST', headers: html })).status).toBe(404);
  });

  it('leaves /graphql and /healthz to the API', async () => {
    const health = await fetch(`${t.url}/healthz`, { headers: html });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`, { headers: html });
    expect(await get.text()).not.toBe(INDEX);
    expect(await t.client().data('{ me { id } }')).toEqual({ me: null });
  });
});

describe('without a built web app', () => {
  it('starts and serves only the API', async () => {
    const t = await startTestApp({ config: { webRoot: join(tmpdir(), 'cyswllt-no-such-web-build') } });
    try {
      expect((await fetch(`${t.url}/`, { headers: { accept: 'text/html' } })).status).toBe(404);
      expect(await t.client().data('{ me { id } }')).toEqual({ me: null });
    } finally {
      await t.close();
    }
  });
});
