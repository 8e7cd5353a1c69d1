import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { contextDefaults, expectNoTextOfOtherLanguage, messages, visibleTexts } from './support/browser';
import { firstMeetingId, logIn, ORGANISER, PUBLIC, SIGNED_IN, SIGNED_OUT, chromiumForSuite } from './support/routes';

/**
 * The Welsh walk (issue #19): every page in Welsh, signed out and as a practitioner, a
 * commissioner and an organiser, in a browser that prefers English (en-US, New York), fails on
 * any English left: a text node, an aria-label, title, placeholder or alt, or a validation
 * message (the sign-in, sign-up and forgot-password forms are sent empty, and the organiser's
 * new-session form with a date that does not exist). English is found two ways: an English message
 * of the catalogue, whole or with its placeholders filled in, and common English words in any
 * text (the API's data too: terms, statuses). Allowed: proper names ("Cyswllt", "Open Referral UK",
 * iCalendar's method names, time zones such as
 * America/New_York) and what people wrote themselves, in the language they chose (the demo data's
 * names, titles and profile texts, apps/api/src/demo/demo-data.ts); text marked with lang="en" is
 * English on purpose.
 */
const base = inject('e2eBaseUrl');
const root = resolve(import.meta.dirname, '..', '..');

/** Words that are English and never Welsh (so "a", "i", "am", "at", "to" are left out). */
const ENGLISH = new Set(
  'the and of your you with for this that are not has have will from which there please enter choose sign session sessions meeting meetings request requests save cancel book back new more menu search loading error page name password field required between minutes hour day month year time date send booked offered open closed draft published week today'.split(
    ' ',
  ),
);

/** The quoted texts of a source file (four characters or more). */
function peopleWrote(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/(['"`])((?:(?!\1)[^$\\\n]){4,}?)\1/g)].map((match) => match[2]!);
}

/** Proper names and people's own words, which pages show as written: every text of the demo data and of the other browser tests. */
const ALLOWED = [
  'Cyswllt',
  'Open Referral UK',
  // iCalendar's method names, shown as the standard spells them.
  '(REQUEST)',
  '(CANCEL)',
  ...peopleWrote(join(root, 'apps', 'api', 'src', 'demo', 'demo-data.ts')),
  // The other browser tests' people write too (actions, evidence, feedback), and the walk may run
  // after them on the same database: their words are theirs, whatever the page's language.
  ...readdirSync(import.meta.dirname)
    .filter((file) => file.endsWith('.e2e.ts') && file !== basename(import.meta.filename))
    .flatMap((file) => peopleWrote(join(import.meta.dirname, file))),
].sort((a, b) => b.length - a.length);
const TIME_ZONE = /\b[A-Z][A-Za-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?\b/g;

const ACCOUNTS = {
  practitioner: 'ffion.prydderch@cyswllt.example',
  commissioner: 'angharad.roberts@cyswllt.example',
  organiser: 'siwan.pugh@cyswllt.example',
} as const;

/** The English words in the page's Welsh texts, with the text they are in. */
async function englishWords(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const whole of await visibleTexts(page, { wholeParents: false })) {
    let text = whole.replace(TIME_ZONE, ' ');
    for (const allowed of ALLOWED) text = text.split(allowed).join(' ');
    const words = text.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
    const english = words.filter((word) => ENGLISH.has(word));
    if (english.length > 0) found.push(`"${whole}" (${english.join(', ')})`);
  }
  return found;
}

async function walk(page: Page, paths: string[], failures: string[]): Promise<void> {
  for (const path of paths) {
    try {
      await page.goto(`${base}/cy${path}`);
      await page.locator('main h1').first().waitFor({ timeout: 15_000 });
      await expect.poll(() => page.locator('.loading').count(), { timeout: 15_000 }).toBe(0);
      await check(page, path, failures);
    } catch (error) {
      failures.push(`${path}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
}

async function check(page: Page, label: string, failures: string[]): Promise<void> {
  expect(await page.locator('html').getAttribute('lang')).toBe('cy');
  for (const leak of await englishWords(page)) failures.push(`${label}: English words in ${leak}`);
  try {
    await expectNoTextOfOtherLanguage(page, 'cy');
  } catch (error) {
    failures.push(
      `${label}: ${error instanceof Error ? error.message.replace(/\s+/g, ' ').slice(0, 600) : String(error)}`,
    );
  }
}

/** Sends a form as it is and checks the error summary and the fields' messages are Welsh. */
async function sendEmpty(page: Page, path: string, submit: string, failures: string[]): Promise<void> {
  await page.goto(`${base}/cy${path}`);
  await page.locator('main h1').first().waitFor();
  await page.locator('main form').first().getByRole('button', { name: submit, exact: true }).click();
  const summary = page.getByTestId('error-summary');
  await summary.waitFor();
  expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await summary.getByRole('heading').textContent()).toBe(messages.cy.error_summary_title);
  expect(await page.locator('.field-error').count()).toBeGreaterThan(0);
  await check(page, `${path} (sent empty)`, failures);
}

describe('the Welsh walk: no English on any page shown in Welsh', () => {
  const suite = chromiumForSuite(base);

  /** A browser that prefers English, so nothing Welsh comes from the browser's own locale. */
  async function englishBrowser(): Promise<BrowserContext> {
    return suite.browser.newContext({ ...contextDefaults, locale: 'en-US', timezoneId: 'America/New_York' });
  }

  it('signed out: every page, and the forms sent empty', async () => {
    const context = await englishBrowser();
    const page = await context.newPage();
    const failures: string[] = [];
    await walk(page, [...PUBLIC(suite.sessionId), ...SIGNED_OUT], failures);
    await sendEmpty(page, '/sign-in', messages.cy.sign_in_action!, failures);
    await sendEmpty(page, '/sign-up', messages.cy.sign_up_action!, failures);
    await sendEmpty(page, '/forgot-password', messages.cy.forgot_password_action!, failures);
    await context.close();
    expect(failures).toEqual([]);
  }, 120_000);

  it.each(Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[])(
    '%s: every page they have',
    async (role) => {
      const context = await englishBrowser();
      await logIn(context, base, ACCOUNTS[role]);
      const meetingId = await firstMeetingId(context, base);
      const page = await context.newPage();
      const failures: string[] = [];
      // The public pages once more only where signing in changes them (home, a session's page).
      await walk(
        page,
        [
          '',
          `/sessions/${suite.sessionId}`,
          ...SIGNED_IN,
          ...(meetingId ? [`/meetings/${meetingId}/follow-up`] : []),
          ...(role === 'organiser' ? ORGANISER(suite.sessionId) : ['/organiser']),
        ],
        failures,
      );
      if (role === 'organiser') {
        // A date that does not exist: the date field's own message, in Welsh.
        await page.goto(`${base}/cy/organiser/new`);
        await page.locator('#date').fill('31');
        await page.locator('#date-month').selectOption('2');
        await page.locator('#date-year').fill('2031');
        await page
          .locator('main form')
          .getByRole('button', { name: messages.cy.create_session_action!, exact: true })
          .click();
        await expect.poll(() => page.locator('#date-error').textContent()).toContain(messages.cy.validation_date);
        await check(page, '/organiser/new (a date that does not exist)', failures);
      }
      await context.close();
      expect(failures).toEqual([]);
    },
    120_000,
  );
});
