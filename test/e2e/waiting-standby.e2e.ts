import {
  BookSlotDocument,
  CancelMeetingDocument,
  CreateSessionDocument,
  LeaveSessionDocument,
  LogInDocument,
  OfferSlotsDocument,
  PublishSessionDocument,
  RegisterForSessionDocument,
} from '@cyswllt/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient, DEMO_PASSWORD } from './support/global-setup';
import { checkPage, contextDefaults, launchChromium, t } from './support/browser';

/**
 * Issue #24 in the browser, on a session made for this file with two guest places and one
 * one-to-one offer (Gwenllian's first slot): Jamie and Nia take the places, Jamie the seat.
 *
 *   1. The waiting list (Welsh): Catrin finds the session full and joins its waiting list; Jamie
 *      leaves the session, and Catrin's page (in English) shows her registered.
 *   2. Standby (English, then Welsh): Nia books the free seat, so the offer is full; Catrin joins
 *      its standby list; Nia cancels, the seat is held for Catrin (a live message), and she claims
 *      it in Welsh.
 *
 * Each state is scanned with axe-core.
 */
const base = inject('e2eBaseUrl');
const stamp = Date.now().toString(36);
const TITLE_EN = `Standby and waiting list ${stamp}`;
const email = (local: string) => `${local}@cyswllt.example`;
const CATRIN = email('catrin.hughes');

let sessionId = '';
let offerId = '';
let jamie: ReturnType<typeof apiClient>;
let nia: ReturnType<typeof apiClient>;

async function signedIn(who: string): Promise<ReturnType<typeof apiClient>> {
  const call = apiClient(base);
  await call(LogInDocument, { input: { email: email(who), password: DEMO_PASSWORD } });
  return call;
}

async function prepare(): Promise<void> {
  const rhys = await signedIn('rhys.meredith');
  const start = new Date(Date.now() + 10 * 86_400_000);
  start.setUTCHours(10, 0, 0, 0);
  const { createSession } = await rhys(CreateSessionDocument, {
    input: {
      titleCy: `Rhestr aros a rhestr wrth gefn ${stamp}`,
      titleEn: TITLE_EN,
      theme: 'OPEN',
      deliveryLanguage: 'BILINGUAL',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 40 * 60_000).toISOString(),
      slotMinutes: 20,
      registrationCap: 2,
    },
  });
  sessionId = createSession.id;
  await rhys(PublishSessionDocument, { id: sessionId });
  const gwenllian = await signedIn('gwenllian.jones');
  await gwenllian(RegisterForSessionDocument, { input: { sessionId, role: 'HOST' } });
  const { offerSlots } = await gwenllian(OfferSlotsDocument, { input: { sessionId, slotIndexes: [0], seats: 1 } });
  offerId = offerSlots[0]!.id;
  jamie = await signedIn('jamie.price');
  nia = await signedIn('nia.vaughan');
  for (const call of [jamie, nia]) await call(RegisterForSessionDocument, { input: { sessionId, role: 'GUEST' } });
  await jamie(BookSlotDocument, { offerId });
}

describe('the waiting list and standby in the browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [browser] = await Promise.all([launchChromium(), prepare()]);
    context = await browser.newContext({ ...contextDefaults, locale: 'en-GB', timezoneId: 'Europe/London' });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(`${base}/en/sign-in`);
    await page.getByLabel(t('en', 'field_email')).fill(CATRIN);
    await page.getByLabel(t('en', 'field_password')).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: t('en', 'sign_in_action'), exact: true }).click();
    await page.waitForURL(`${base}/en/sessions`);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('a full session: join its waiting list (Welsh); a place frees and the page shows her registered (English)', async () => {
    await page.goto(`${base}/cy/sessions/${sessionId}`);
    await expect
      .poll(() => page.getByTestId('places-left').textContent(), { timeout: 15_000 })
      .toBe(t('cy', 'session_full', { cap: 2 }));
    await page.getByRole('button', { name: t('cy', 'waiting_list_join'), exact: true }).click();
    await expect
      .poll(() => page.getByTestId('waiting-list-place').textContent())
      .toBe(t('cy', 'waiting_list_place', { position: 1 }));
    await checkPage(page, 'waiting-list-cy');

    await jamie(LeaveSessionDocument, { input: { sessionId, reason: '' } });
    await page.goto(`${base}/en/sessions/${sessionId}`);
    await expect.poll(() => page.getByTestId('registration').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('waiting-list-place').count()).toBe(0);
    await checkPage(page, 'waiting-list-placed-en');
  });

  it('a full offer: join its standby list (English); a seat frees, held for her live, and she claims it (Welsh)', async () => {
    const { bookSlot } = await nia(BookSlotDocument, { offerId });
    await page.reload();
    const join = page.getByRole('button', { name: new RegExp(`^${t('en', 'standby_join')}`) });
    await expect.poll(() => join.count(), { timeout: 15_000 }).toBe(1);
    await join.click();
    await expect
      .poll(() => page.getByText(t('en', 'standby_waiting', { position: 1 }), { exact: true }).count())
      .toBe(1);
    await checkPage(page, 'standby-waiting-en');

    await nia(CancelMeetingDocument, { input: { meetingId: bookSlot.id, reason: 'Flare-up' } });
    // The session page is open: the held seat arrives as a live message.
    await expect
      .poll(() => page.getByTestId('standby-news').textContent(), { timeout: 15_000 })
      .toContain(t('en', 'standby_live_offered').split('{time}')[0]!.trim());

    await page.goto(`${base}/cy/sessions/${sessionId}`);
    const claim = page.getByRole('button', { name: new RegExp(`^${t('cy', 'standby_claim')}`) });
    await expect.poll(() => claim.count(), { timeout: 15_000 }).toBe(1);
    await checkPage(page, 'standby-held-cy');
    await claim.click();
    const claimed = t('cy', 'standby_claimed_done').split('{time}')[0]!.trim();
    await expect.poll(() => page.getByRole('status').filter({ hasText: claimed }).count()).toBe(1);
    await expect.poll(() => claim.count()).toBe(0);
    await checkPage(page, 'standby-claimed-cy');
  });
});
