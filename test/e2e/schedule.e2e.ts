import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from './support/global-setup';
import { checkPage, contextDefaults, focused, launchChromium, t } from './support/browser';

/**
 * Matching in the browser, on the demo session "Singing for lung health":
 *
 *   Megan, a practitioner registered as a guest, sees "Who to meet" with reasons, and a suggestion
 *   fills in the request form.
 *   Rhys, its organiser, opens the auto-schedule page from the organiser page, saves the weights,
 *   runs it, checks the draft and publishes it after the confirm dialog.
 *
 * Both pages are scanned with axe-core (WCAG 2.2 AA).
 */
const base = inject('e2eBaseUrl');
const TITLE = 'Singing for lung health';

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${base}/en/sign-in`);
  await page.getByLabel(t('en', 'field_email')).fill(email);
  await page.getByLabel(t('en', 'field_password')).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: t('en', 'sign_in_action'), exact: true }).click();
  await page.waitForURL(`${base}/en/sessions`);
}

describe('who to meet and the auto-schedule', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function freshPage(): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ ...contextDefaults, locale: 'en-GB', timezoneId: 'Europe/London' });
    const next = await context.newPage();
    next.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    return next;
  }

  it('a registered practitioner sees who to meet, with reasons, and can start a request from it', async () => {
    page = await freshPage();
    await signIn(page, 'megan.pritchard@cyswllt.example');
    // By now the other journeys' sessions start sooner and fill the list's first page: narrow it by
    // the session's condition, as people do.
    await page.goto(`${base}/en/sessions?condition=lung-health-copd`);
    await page.getByRole('link', { name: TITLE, exact: true }).click();
    const panel = page.getByTestId('who-to-meet');
    await expect
      .poll(() => panel.getByRole('heading', { level: 2 }).textContent(), { timeout: 15_000 })
      .toBe(t('en', 'recs_title'));
    const first = panel.getByTestId('recommendation').first();
    await expect.poll(() => first.locator('.reasons li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const name = (await first.getByRole('heading', { level: 3 }).textContent())!.trim();
    await checkPage(page, 'who-to-meet-en');
    // The reasons follow the page's language, not the account's: switch to Welsh and back.
    const reasonEn = (await first.locator('.reasons li').first().textContent())!.trim();
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('cy');
    await expect
      .poll(async () => (await first.locator('.reasons li').first().textContent())!.trim())
      .not.toBe(reasonEn);
    await checkPage(page, 'who-to-meet-cy');
    await page.getByTestId('language-switch').click();
    await expect.poll(async () => (await first.locator('.reasons li').first().textContent())!.trim()).toBe(reasonEn);
    await first.getByRole('button', { name: new RegExp(`^${t('en', 'recs_send_request')}.*${name}`) }).click();
    await expect.poll(() => page.locator('#request-to option:checked').textContent()).toBe(name);
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'TEXTAREA' });
  });

  it('the organiser runs the auto-schedule, checks the draft and publishes it', async () => {
    page = await freshPage();
    await signIn(page, 'rhys.meredith@cyswllt.example');
    await page.goto(`${base}/organiser`);
    await page.getByRole('link', { name: new RegExp(`^${t('en', 'schedule_action')}.*${TITLE}`) }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(t('en', 'schedule_title'));
    // The weights: six labelled inputs; saving one shows the result.
    const novelty = page.getByLabel(t('en', 'weight_novelty'));
    await expect.poll(() => novelty.count(), { timeout: 15_000 }).toBe(1);
    await novelty.fill('7');
    await page.getByRole('button', { name: t('en', 'schedule_save') }).click();
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: t('en', 'schedule_saved') })
          .count(),
      )
      .toBe(1);
    await checkPage(page, 'schedule-settings-en');

    await page.getByRole('button', { name: t('en', 'schedule_run'), exact: true }).click();
    const draft = page.getByTestId('schedule-draft');
    await expect.poll(() => draft.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => focused(page)).toEqual({ tag: 'H2', text: t('en', 'schedule_draft_title') });
    const rows = draft.locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const status = (await rows.first().locator('td').nth(3).textContent())!.trim();
    expect([t('en', 'schedule_confirmed'), t('en', 'schedule_to_be_confirmed')]).toContain(status);
    await checkPage(page, 'schedule-draft-en');

    await draft.getByRole('button', { name: t('en', 'schedule_publish'), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: t('en', 'schedule_publish_confirm_title') });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: t('en', 'schedule_publish_confirm') }).click();
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: /Published: \d+ meetings\./ })
          .count(),
      )
      .toBe(1);
    await expect.poll(() => draft.count()).toBe(0);
  });

  it('running it again keeps agreed meetings fixed and shows what changes, in Welsh and English', async () => {
    // Same page, signed in as the organiser: the published proposals are now the ones the run may move.
    const pattern = (lang: 'cy' | 'en', key: string, names: string[]) => {
      const escaped = t(lang, key).replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      return new RegExp(`^${names.reduce((text, name) => text.replace(`{${name}}`, '\\d+'), escaped)}$`);
    };
    const sessionId = new URL(page.url()).pathname.split('/')[3];
    for (const lang of ['cy', 'en'] as const) {
      await page.goto(`${base}/${lang}/sessions/${sessionId}/schedule`);
      await page.getByRole('button', { name: t(lang, 'schedule_run'), exact: true }).click();
      const draft = page.getByTestId('schedule-draft');
      await expect.poll(() => draft.count(), { timeout: 30_000 }).toBe(1);
      await expect
        .poll(async () => (await draft.getByTestId('schedule-fixed').textContent())!.trim())
        .toMatch(pattern(lang, 'schedule_fixed_note', ['count']));
      await expect
        .poll(async () => (await draft.getByTestId('schedule-diff').textContent())!.trim())
        .toMatch(pattern(lang, 'schedule_diff_summary', ['added', 'moved', 'dropped']));
      // The proposals published a moment ago: each stays, moves or is cancelled, and the list says which.
      const changes = draft.getByTestId('schedule-proposal-changes').locator('li');
      await expect.poll(() => changes.count()).toBeGreaterThan(0);
      await expect
        .poll(() => draft.getByRole('heading', { level: 3, name: t(lang, 'schedule_proposals_title') }).count())
        .toBe(1);
      await checkPage(page, `schedule-rerun-${lang}`);
      await draft.getByRole('button', { name: t(lang, 'schedule_discard'), exact: true }).click();
      await expect.poll(() => draft.count()).toBe(0);
    }
  });
});
