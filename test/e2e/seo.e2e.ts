import { request } from 'node:http';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { contextDefaults, messages, type Lang } from './support/browser';
import { logIn, PUBLIC, SIGNED_IN, SIGNED_OUT, chromiumForSuite } from './support/routes';

/**
 * What search engines, link checkers and phones on a weak signal see (issue #20), on the built app
 * served by the API: every page has a title and a meta description in its language; only the public
 * pages, signed out, may be indexed (the page's robots meta and the answer's X-Robots-Tag agree); a
 * page the app does not have answers 404 with the app's "page not found"; the app's files go
 * compressed (brotli) with a year's cache life when their name carries a hash, the HTML not cached.
 */
const base = inject('e2eBaseUrl');

/** Public for search engines, signed out (apps/web/src/lib/indexable-routes.js). */
const INDEXABLE = (sessionId: string) => [...PUBLIC(sessionId), '/sign-in', '/sign-up'];

/** A GET that reports the bytes and headers as sent (fetch would decode them). */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    request(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    })
      .on('error', reject)
      .end();
  });
}

interface Head {
  status: number;
  robotsHeader: string | null;
  title: string;
  description: string | null;
  robots: string | null;
}

async function head(page: Page, lang: Lang, path: string): Promise<Head> {
  const response = await page.goto(`${base}/${lang}${path}`);
  await page.locator('main h1').first().waitFor({ timeout: 15_000 });
  await expect.poll(() => page.locator('.loading').count(), { timeout: 15_000 }).toBe(0);
  // The title follows the page's data (a session's own title): wait until it has settled.
  await expect
    .poll(() => page.title(), { timeout: 15_000 })
    .not.toBe(`${messages[lang].session_title_loading} – Cyswllt`);
  return {
    status: response?.status() ?? 0,
    robotsHeader: (await response?.headerValue('x-robots-tag')) ?? null,
    title: await page.title(),
    description: await page.locator('head meta[name="description"]').getAttribute('content'),
    robots: await page
      .locator('head meta[name="robots"]')
      .getAttribute('content', { timeout: 500 })
      .catch(() => null),
  };
}

/** The public pages say what they are for; a session page describes itself with its own words. */
const PAGE_DESCRIPTIONS: Record<string, string> = {
  '/sessions': 'meta_description_sessions',
  '/directory': 'meta_description_directory',
  '/sign-in': 'meta_description_sign_in',
  '/sign-up': 'meta_description_sign_up',
};

function expectedDescription(lang: Lang, path: string, got: Head): string {
  if (/^\/sessions\/[^/]+$/.test(path)) {
    // The session's own description, shortened for a search result: checked by its shape here.
    expect(got.description?.length ?? 0, path).toBeGreaterThan(20);
    expect(got.description?.length ?? 0, path).toBeLessThanOrEqual(160);
    return got.description ?? '';
  }
  return messages[lang][PAGE_DESCRIPTIONS[path] ?? 'meta_description']!;
}

describe('search engines and honest answers', () => {
  const suite = chromiumForSuite(base);

  it('signed out: every page has its own title and a meta description in its language; only the public ones may be indexed', async () => {
    const context = await suite.browser.newContext(contextDefaults);
    const page = await context.newPage();
    const indexable = INDEXABLE(suite.sessionId);
    const described: (string | null)[] = [];
    for (const path of [...PUBLIC(suite.sessionId), ...SIGNED_OUT]) {
      const cy = await head(page, 'cy', path);
      const en = await head(page, 'en', path);
      for (const [lang, got] of [
        ['cy', cy],
        ['en', en],
      ] as const) {
        expect(got.status, `${lang}${path}`).toBe(200);
        // Its own title (not app.html's bare "Cyswllt"), with the app's name.
        expect(got.title, `${lang}${path}`).toMatch(/^Cyswllt – \S|\S – Cyswllt$/);
        expect(got.description, `${lang}${path}`).toBe(expectedDescription(lang, path, got));
        const expected = indexable.includes(path) ? null : 'noindex';
        expect(got.robots, `${lang}${path} robots meta`).toBe(expected);
        expect(got.robotsHeader, `${lang}${path} X-Robots-Tag`).toBe(expected);
      }
      // The same page in the other language has the title of that language (the session's own
      // title is the organiser's words, in both languages).
      if (path !== `/sessions/${suite.sessionId}`) expect(cy.title, path).not.toBe(en.title);
      if (indexable.includes(path)) described.push(cy.description, en.description);
    }
    // Each page search engines may show has a snippet of its own.
    expect(new Set(described).size).toBe(described.length);
    await context.close();
  });

  it('signed in: no page may be indexed, the public ones included', async () => {
    const context = await suite.browser.newContext(contextDefaults);
    await logIn(context, base, 'ffion.prydderch@cyswllt.example');
    const page = await context.newPage();
    for (const path of [...PUBLIC(suite.sessionId), ...SIGNED_IN.slice(0, 4)]) {
      for (const lang of ['cy', 'en'] as const) {
        const got = await head(page, lang, path);
        expect(got.robots, `${lang}${path}`).toBe('noindex');
        expect(got.description, `${lang}${path}`).toBe(expectedDescription(lang, path, got));
      }
    }
    await context.close();
  });

  it('a page the app does not have answers 404 with the app\'s "page not found", kept out of search engines', async () => {
    const context = await suite.browser.newContext(contextDefaults);
    const page = await context.newPage();
    for (const [lang, path] of [
      ['cy', '/cy/no-such-page'],
      ['en', '/en/sessions/x/y/z'],
    ] as const) {
      const response = await page.goto(`${base}${path}`);
      expect(response?.status(), path).toBe(404);
      expect(await response?.headerValue('x-robots-tag')).toBe('noindex');
      await expect
        .poll(() => page.locator('main h1').textContent(), { timeout: 15_000 })
        .toBe(messages[lang].page_not_found_title);
      expect(await page.locator('head meta[name="robots"]').getAttribute('content')).toBe('noindex');
    }
    await context.close();
  });

  it("the app's files go brotli-compressed, hashed ones cached for a year, the HTML checked on every visit", async () => {
    const context = await suite.browser.newContext(contextDefaults);
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/_app/immutable/') && response.url().endsWith('.js')) scripts.push(response.url());
    });
    await page.goto(`${base}/en/sign-in`);
    await page.locator('main h1').first().waitFor();
    expect(scripts.length).toBeGreaterThan(0);
    const acceptAll = { 'accept-encoding': 'gzip, deflate, br' };
    for (const url of scripts) {
      const res = await rawGet(url, acceptAll);
      expect(res.status, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
      // Tiny files are sent as they are; anything worth compressing comes brotli.
      if (Number(res.headers['content-length'] ?? 2000) > 1000) expect(res.headers['content-encoding'], url).toBe('br');
    }
    const html = await rawGet(`${base}/en/sign-in`, { ...acceptAll, accept: 'text/html' });
    expect(html.status).toBe(200);
    expect(html.headers['cache-control']).toBe('no-cache');
    expect(html.headers['content-encoding']).toBe('br');
    const gzip = await rawGet(scripts[0]!, { 'accept-encoding': 'gzip' });
    if (gzip.headers['content-encoding'] !== undefined) expect(gzip.headers['content-encoding']).toBe('gzip');
    await context.close();
  });
});
