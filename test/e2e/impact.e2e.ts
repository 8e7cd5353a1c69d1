import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from './support/global-setup';
import { checkPage, contextDefaults, launchChromium, t } from './support/browser';

/**
 * The impact dashboard and a session's outcome summary in the browser, on the demo data: every
 * chart plots only the rows its table shows as numbers, and names the suppressed ones ("<5",
 * "[c]") in its note instead; the CSV link downloads with the login cookie. Scanned with axe-core.
 */
const base = inject('e2eBaseUrl');

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${base}/en/sign-in`);
  await page.getByLabel(t('en', 'field_email')).fill(email);
  await page.getByLabel(t('en', 'field_password')).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: t('en', 'sign_in_action'), exact: true }).click();
  await page.waitForURL(`${base}/en/sessions`);
}

interface SectionView {
  title: string;
  rows: { label: string; value: string }[];
  plotted: string[];
  note: string;
}

/** Each table of the page with what its chart draws (the SVG's texts) and its note. */
function sections(page: Page): Promise<SectionView[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('section.impact-section')].map((section) => ({
      title: section.querySelector('h3')!.textContent!.trim(),
      rows: [...section.querySelectorAll('tbody tr')].map((tr) => ({
        label: tr.querySelector('th')!.textContent!.trim(),
        value: tr.querySelector('td')!.textContent!.trim(),
      })),
      plotted: [...section.querySelectorAll('svg text')].map((text) => text.textContent!.trim()),
      note: section.querySelector('figcaption')?.textContent ?? '',
    })),
  );
}

/** The page's suppression rule, table by table: hidden rows are never drawn, and are named in the note. */
function expectChartsKeepSuppression(views: SectionView[]): void {
  expect(views.length).toBeGreaterThan(0);
  for (const view of views) {
    for (const row of view.rows) {
      expect(row.value, `${view.title}: ${row.label}`).toMatch(/^(\d+|<5|\[c\])$/);
      if (row.value === '<5' || row.value === '[c]') {
        expect(view.plotted, `${view.title}: suppressed ${row.label} is plotted`).not.toContain(row.label);
        expect(view.note, `${view.title}: suppressed ${row.label} is not named`).toContain(row.label);
      } else if (Number(row.value) > 0) {
        expect(view.plotted, `${view.title}: ${row.label} (${row.value}) is not plotted`).toContain(row.label);
      }
    }
  }
}

describe('impact dashboard and outcome summary', () => {
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function freshPage(): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ ...contextDefaults, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await context.addCookies([{ name: 'cyswllt_lang', value: 'en', url: base }]);
    return page;
  }

  it('an organiser filters the dashboard, sees charts that leave suppressed rows out, and downloads the CSV', async () => {
    const page = await freshPage();
    await signIn(page, 'siwan.pugh@cyswllt.example');
    await page.goto(`${base}/organiser`);
    // Siwan's account prefers Welsh, but another journey may have saved English for her: show
    // the dashboard in Welsh either way (the switch saves the choice, as a person would).
    await page.getByTestId('language-switch').waitFor();
    await page.waitForLoadState('networkidle'); // her account (and its language) is loaded
    if ((await page.evaluate(() => document.documentElement.lang)) !== 'cy')
      await page.getByTestId('language-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('cy');
    await page.getByRole('link', { name: t('cy', 'impact_action') }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(t('cy', 'impact_title'));
    await expect.poll(() => page.getByTestId('impact-facts').count(), { timeout: 15_000 }).toBe(1);
    // Every chart has loaded (or said there is nothing to plot) before the check.
    await expect.poll(() => page.getByText(t('cy', 'impact_chart_loading')).count(), { timeout: 15_000 }).toBe(0);
    expectChartsKeepSuppression(await sections(page));
    const meetings = page.getByTestId('impact-table-meetings');
    expect(await meetings.locator('caption').textContent()).toBe(
      t('cy', 'impact_table_caption', { title: t('cy', 'impact_meetings_by_status') }),
    );
    await checkPage(page, 'impact-dashboard-cy');

    // One session only: the figures follow the filter, and so does the CSV link.
    const boxes = page.getByRole('group', { name: t('cy', 'impact_filter_sessions') }).getByRole('checkbox');
    expect(await boxes.count()).toBeGreaterThanOrEqual(2);
    const sessionId = await boxes.first().getAttribute('value');
    await boxes.first().check();
    await page.getByRole('button', { name: t('cy', 'impact_apply') }).click();
    await expect
      .poll(() => page.getByTestId('impact-table-trends').locator('tbody tr').count(), { timeout: 15_000 })
      .toBe(1);
    const href = await page.getByTestId('impact-csv').getAttribute('href');
    expect(href).toBe(`/exports/impact.csv?lang=cy&sessionIds=${sessionId}`);
    const csv = await page.request.get(`${base}${href}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain('summary,sessions,,,1');
  });

  it('a participant opens the outcome summary from the session page', async () => {
    const page = await freshPage();
    await signIn(page, 'ffion.prydderch@cyswllt.example');
    // Ffion reads Cyswllt in Welsh: the Welsh address (signing in never changes the page's language).
    await page.goto(`${base}/cy/sessions`);
    await page.getByRole('link', { name: "Dawns a Parkinson's", exact: true }).click();
    await page.getByTestId('outcomes-link').click();
    await expect.poll(() => page.getByTestId('impact-facts').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByText(t('cy', 'impact_chart_loading')).count(), { timeout: 15_000 }).toBe(0);
    expectChartsKeepSuppression(await sections(page));
    await checkPage(page, 'outcome-summary-cy');
  });
});
