import {
  CreateSessionDocument,
  LogInDocument,
  OfferSlotsDocument,
  PublishSessionDocument,
  RegisterForSessionDocument,
  SaveMyAccessNeedsDocument,
  WithdrawAccessNeedsConsentDocument,
} from '@cyswllt/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient, DEMO_PASSWORD } from './support/global-setup';
import { atPage, checkPage, contextDefaults, launchChromium, londonAt, t } from './support/browser';

/**
 * Extra time (issue #22 point 2) in the web app: on a session made for this file (13 days ahead,
 * four 20-minute slots from 10:00 UK time) Gwenllian offers 10:00, 10:20 and 10:40. Tom ticks
 * "I need extra time (two slots)", sees the time each booking would take, and books 10:00 for
 * 10:00–10:40: Gwenllian's 10:20 is then taken too, and 10:40 has no extra time (nothing after it).
 * axe-core scans the page with the box ticked, in English and in Welsh.
 */
const base = inject('e2eBaseUrl');
const stamp = Date.now().toString(36);
const TITLE_EN = `Extra time exchange ${stamp}`;
const email = (local: string) => `${local}@cyswllt.example`;

async function signedIn(local: string) {
  const call = apiClient(base);
  await call(LogInDocument, { input: { email: email(local), password: DEMO_PASSWORD } });
  return call;
}

describe('extra time when booking', () => {
  let browser: Browser;
  let sessionId = '';

  beforeAll(async () => {
    browser = await launchChromium();
    const rhys = await signedIn('rhys.meredith');
    const startsAt = londonAt(13, 10);
    const { createSession } = await rhys(CreateSessionDocument, {
      input: {
        titleCy: `Cyfnewid amser ychwanegol ${stamp}`,
        titleEn: TITLE_EN,
        theme: 'OPEN',
        deliveryLanguage: 'BILINGUAL',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 80 * 60_000).toISOString(),
        slotMinutes: 20,
      },
    });
    sessionId = createSession.id;
    await rhys(PublishSessionDocument, { id: sessionId });
    const gwenllian = await signedIn('gwenllian.jones');
    await gwenllian(RegisterForSessionDocument, { input: { sessionId, role: 'HOST' } });
    await gwenllian(OfferSlotsDocument, { input: { sessionId, slotIndexes: [0, 1, 2], seats: 1 } });
    const tom = await signedIn('tom.harries');
    await tom(RegisterForSessionDocument, { input: { sessionId, role: 'GUEST' } });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('books two consecutive slots with the box ticked, showing the time range first', async () => {
    const context = await browser.newContext({ ...contextDefaults, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page: Page = await context.newPage();
    await page.goto(`${base}/en/sign-in`);
    await page.locator('#email').fill(email('tom.harries'));
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL(atPage(base, '/sessions'));
    await page.goto(`${base}/en/sessions/${sessionId}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE_EN);

    const rows = page.getByTestId('offers').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(() => page.getByTestId('extra-time-range').count()).toBe(0);
    await page.getByLabel(t('en', 'book_extra_time')).first().check();
    // 10:00 and 10:20 can take the next slot; 10:40 is the last offer, so it has no extra time.
    const ranges = page.getByTestId('extra-time-range');
    await expect.poll(() => ranges.count()).toBe(2);
    await expect.poll(() => ranges.first().textContent()).toMatch(/10:00.*10:40/);
    await expect.poll(() => rows.nth(2).textContent()).toContain(t('en', 'book_extra_time_none'));
    await checkPage(page, 'extra-time-en');

    // The same in Welsh.
    await page.goto(`${base}/cy/sessions/${sessionId}`);
    await expect.poll(() => rows.count()).toBe(3);
    await page.getByLabel(t('cy', 'book_extra_time')).first().check();
    await expect
      .poll(() => ranges.first().textContent())
      .toContain(t('cy', 'book_extra_time_until', { time: '' }).trim());
    await checkPage(page, 'extra-time-cy');
    await page.goto(`${base}/en/sessions/${sessionId}`);
    await expect.poll(() => rows.count()).toBe(3);
    await page.getByLabel(t('en', 'book_extra_time')).first().check();
    await expect.poll(() => ranges.count()).toBe(2);

    await rows.nth(0).getByRole('button').click();
    await expect.poll(() => page.locator('#book-outcome').textContent()).toMatch(/10:00.*10:40/);
    // Both of Gwenllian's first two offers are taken now.
    await expect
      .poll(async () => (await rows.allTextContents()).filter((text) => text.includes(t('en', 'offer_full'))).length)
      .toBe(2);
    await context.close();
  });

  it('is ticked already for someone whose profile lists extra time among their access needs', async () => {
    const tom = await signedIn('tom.harries');
    await tom(SaveMyAccessNeedsDocument, { input: { needs: ['EXTRA_TIME'], consent: true } });
    const context = await browser.newContext({ ...contextDefaults, locale: 'cy-GB', timezoneId: 'Europe/London' });
    try {
      const page: Page = await context.newPage();
      await page.goto(`${base}/cy/sign-in`);
      await page.locator('#email').fill(email('tom.harries'));
      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.locator('form button[type="submit"]').click();
      await page.waitForURL(atPage(base, '/sessions'));
      await page.goto(`${base}/cy/sessions/${sessionId}`);
      const box = page.getByLabel(t('cy', 'book_extra_time')).first();
      await expect.poll(() => box.isChecked()).toBe(true);
    } finally {
      await context.close();
      // Other browser tests book as Tom: his profile goes back to no access needs.
      await tom(WithdrawAccessNeedsConsentDocument, {});
    }
  });
});
