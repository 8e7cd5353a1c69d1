import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { checkPage, contextDefaults, type Lang, t } from './support/browser';
import {
  firstMeetingId as meetingOf,
  graphql as call,
  logIn as signIn,
  ORGANISER,
  PUBLIC,
  SIGNED_IN,
  SIGNED_OUT,
  chromiumForSuite,
} from './support/routes';

/**
 * The accessibility matrix (issue #6): an axe-core scan (WCAG 2.0/2.1/2.2 A and AA) of every page
 * of the web app, for every role that can open it, in Welsh and in English (loaded state); the
 * empty state as a freshly signed-up practitioner sees it; and the error state, with /graphql
 * answering a typed error. Only reads the demo data (plus one new account of its own).
 *
 * Every scan is collected and the test fails with the whole list, so one run shows all violations.
 * No screenshots: there are a few hundred pages.
 */
const base = inject('e2eBaseUrl');
const stamp = Date.now().toString(36);
const LANGS: Lang[] = ['cy', 'en'];

type Role = 'practitioner' | 'commissioner' | 'link-worker' | 'organiser' | 'admin';

/** Demo accounts (apps/api/src/demo/demo-data.ts), one per role. */
const ACCOUNTS: Record<Role, string> = {
  practitioner: 'ffion.prydderch@cyswllt.example',
  commissioner: 'mark.thomas@cyswllt.example',
  'link-worker': 'llinos.ifans@cyswllt.example',
  organiser: 'rhys.meredith@cyswllt.example',
  admin: 'carys.lloyd@cyswllt.example',
};

const graphql = <T>(context: BrowserContext, query: string, variables: Record<string, unknown> = {}) =>
  call<T>(context, base, query, variables);
const logIn = (context: BrowserContext, email: string) => signIn(context, base, email);
const firstMeetingId = (context: BrowserContext) => meetingOf(context, base);

/** Visits each path in `lang` (its address starts with it) and scans it; returns the failures (empty when every page passes). */
async function scanAll(
  page: Page,
  lang: Lang,
  label: string,
  paths: string[],
  afterLoad?: (page: Page, path: string) => Promise<void>,
): Promise<string[]> {
  const failures: string[] = [];
  for (const path of paths) {
    try {
      await page.goto(`${base}/${lang}${path}`);
      await page.locator('main h1').first().waitFor({ timeout: 15_000 });
      await afterLoad?.(page, path);
      await checkPage(page, `${label} ${path}`, { screenshot: false });
    } catch (error) {
      failures.push(`${label} ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failures;
}

describe('accessibility matrix: every page, role, language and state passes axe-core (WCAG 2.2 AA)', () => {
  const suite = chromiumForSuite(base);

  /** Scans `paths` in Welsh and English at once, in two contexts (one browser), signed in as `email` if given. */
  async function scanBothLanguages(
    label: string,
    email: string | undefined,
    paths: (context: BrowserContext) => Promise<string[]>,
  ): Promise<string[]> {
    const perLanguage = await Promise.all(
      LANGS.map(async (lang) => {
        const context = await suite.browser.newContext(contextDefaults);
        try {
          if (email) await logIn(context, email);
          const page = await context.newPage();
          const failures = await scanAll(page, lang, `${label} ${lang}`, await paths(context));
          // The scans were of the intended person and language.
          expect(await page.locator('html').getAttribute('lang')).toBe(lang);
          const signedIn = page.getByRole('button', { name: t(lang, 'sign_out'), exact: true });
          expect(await signedIn.count()).toBe(email ? 1 : 0);
          return failures;
        } finally {
          await context.close();
        }
      }),
    );
    return perLanguage.flat();
  }

  it('signed out, in Welsh and English', async () => {
    expect(
      await scanBothLanguages('signed-out', undefined, async () => [...PUBLIC(suite.sessionId), ...SIGNED_OUT]),
    ).toEqual([]);
  }, 240_000); // 175 s measured on a loaded 2-core machine with the confirm page added

  it.each(Object.keys(ACCOUNTS) as Role[])(
    '%s, in Welsh and English',
    async (role) => {
      const failures = await scanBothLanguages(role, ACCOUNTS[role], async (context) => {
        const meetingId = await firstMeetingId(context);
        return [
          ...PUBLIC(suite.sessionId),
          ...SIGNED_IN,
          ...(meetingId ? [`/meetings/${meetingId}/follow-up`] : []),
          // Others opening the organiser's page see that it is not for them.
          ...(role === 'organiser' || role === 'admin' ? ORGANISER(suite.sessionId) : ['/organiser']),
        ];
      });
      expect(failures).toEqual([]);
    },
    240_000,
  );

  it('empty: a new practitioner, address not yet confirmed, with no meetings, requests, actions or messages (Welsh)', async () => {
    const context = await suite.browser.newContext(contextDefaults);
    const input = {
      displayName: `Newydd ${stamp}`,
      email: `a11y.${stamp}@example.test`,
      password: 'hygyrch-i-bawb-2027',
      preferredLanguage: 'cy',
    };
    await graphql(context, 'mutation ($input: SignUpInput!) { signUp(input: $input) { id } }', { input });
    // Signed in before confirming the address: every page also shows the unconfirmed-address banner.
    await graphql(context, 'mutation ($input: LogInInput!) { logIn(input: $input) { id } }', {
      input: { email: input.email, password: input.password },
    });
    expect(await firstMeetingId(context)).toBeUndefined();
    const page = await context.newPage();
    const failures = await scanAll(page, 'cy', 'empty cy', SIGNED_IN);
    await context.close();
    expect(failures).toEqual([]);
  }, 120_000);

  it('error: every read answers INTERNAL_SERVER_ERROR, shown as an alert (organiser, English)', async () => {
    const context = await suite.browser.newContext(contextDefaults);
    await logIn(context, ACCOUNTS.organiser);
    // Who is signed in still loads; every other call fails with a typed error.
    await context.route('**/graphql', async (route) => {
      const query = (route.request().postDataJSON() as { query?: string } | null)?.query ?? '';
      if (/^\s*query Me\b/.test(query)) return route.continue();
      return route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ errors: [{ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }),
      });
    });
    // The directory reads its Open Referral UK feed, not GraphQL.
    await context.route('**/openreferral/**', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'INTERNAL_SERVER_ERROR', message: 'x' }),
      }),
    );
    const page = await context.newPage();
    const paths = [
      '/sessions',
      `/sessions/${suite.sessionId}`,
      '/directory',
      '/agenda',
      '/requests',
      '/profile',
      '/actions',
      '/evidence',
      '/outbox',
      '/proposals',
      '/organiser',
      '/organiser/impact',
      `/sessions/${suite.sessionId}/schedule`,
      `/sessions/${suite.sessionId}/outcomes`,
    ];
    const failures = await scanAll(page, 'en', 'error en', paths, async (page) => {
      await page.getByRole('alert').first().waitFor({ timeout: 15_000 });
    });
    await context.close();
    expect(failures).toEqual([]);
  }, 120_000);
});
