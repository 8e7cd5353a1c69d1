import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from './support/test-app';

const INDEX = '<!doctype html><html lang="cy"><body>Cyswllt SPA</body></html>';

describe('serving the built web app on the API origin', () => {
  let t: TestApp;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'cyswllt-web-'));
    mkdirSync(join(webRoot, '_app', 'immutable'), { recursive: true });
    writeFileSync(join(webRoot, 'index.html'), INDEX);
    writeFileSync(join(webRoot, '_app', 'immutable', 'start.abc.js'), 'export const x = 1;');
    writeFileSync(join(webRoot, 'robots.txt'), 'User-agent: *');
    t = await startTestApp({ config: { webRoot } });
  });

  afterAll(async () => {
    await t?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

  it('serves index.html at / and for client-side routes that ask for HTML', async () => {
    for (const path of ['/', '/sessions', '/sessions/0a6b3c1e-5a4e-4c4a-9d44-0d8f5d3c3c11', '/agenda?x=1']) {
      const res = await fetch(`${t.url}${path}`, { headers: html });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('serves files as they are, immutable assets with a long cache life', async () => {
    const asset = await fetch(`${t.url}/_app/immutable/start.abc.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('export const x = 1;');
    const robots = await fetch(`${t.url}/robots.txt`);
    expect(await robots.text()).toBe('User-agent: *');
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
