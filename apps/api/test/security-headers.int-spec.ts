import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Security headers and the content-security policy (helmet): the app's own inline scripts are
 * allowed by hash and no others, the room page may reach the configured LiveKit server, nothing
 * may frame the app; HSTS only for an https public origin.
 */
const BOOT = `\n\t\t\twindow.__booted = true;\n\t\t`;
const INDEX = `<!doctype html><html><head><script>${BOOT}</script><script type="module" src="/_app/x.js"></script></head><body></body></html>`;

let webRoot: string;
let t: TestApp;
let https: TestApp;

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'cyswllt-csp-'));
  writeFileSync(join(webRoot, 'index.html'), INDEX);
  [t, https] = await Promise.all([
    startTestApp({
      config: {
        webRoot,
        livekitUrl: 'wss://video.example.org:7443',
        livekitApiKey: 'APIcsp',
        livekitApiSecret: 'csp-test-secret-of-32-characters-long',
      },
    }),
    startTestApp({ config: { publicUrl: 'https://cyswllt.example.org' } }),
  ]);
});

afterAll(async () => {
  await Promise.all([t?.close(), https?.close()]);
  rmSync(webRoot, { recursive: true, force: true });
});

function directives(csp: string | null): Map<string, string[]> {
  expect(csp).toBeTruthy();
  return new Map(
    csp!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((p) => p[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('security headers', () => {
  it('sends a CSP on the app page that allows its inline script by hash, and no unsafe-inline script', async () => {
    const res = await fetch(`${t.url}/sessions`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get('content-security-policy'));
    const hash = `'sha256-${createHash('sha256').update(BOOT).digest('base64')}'`;
    expect(csp.get('script-src')).toEqual(["'self'", hash]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual([
      "'self'",
      'wss://video.example.org:7443',
      'https://video.example.org:7443',
    ]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('strict-transport-security')).toBeNull(); // http public origin
  });

  it('sends the same headers on API responses', async () => {
    const res = await t.client().request(`{ me { id } }`);
    expect(res.status).toBe(200);
    expect(directives(res.headers.get('content-security-policy')).get('default-src')).toEqual(["'self'"]);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // Personal, live answers: never stored by a browser or proxy (an answer with errors neither).
    expect(res.headers.get('cache-control')).toBe('no-store');
    const failed = await t.client().request(`{ nope }`);
    expect(failed.headers.get('cache-control')).toBe('no-store');
  });

  it('adds HSTS and upgrade-insecure-requests when the public origin is https', async () => {
    const res = await fetch(`${https.url}/healthz`);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.has('upgrade-insecure-requests')).toBe(true);
    expect(csp.get('connect-src')).toEqual(["'self'"]); // no LiveKit configured: only this origin
  });
});
