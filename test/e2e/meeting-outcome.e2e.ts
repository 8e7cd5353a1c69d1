import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, contextDefaults, launchChromium, type Lang, t } from './support/browser';
import { type Meeting, meetingAboutToStart, signIn } from './support/meeting-about-to-start';

/**
 * Meetings held elsewhere (issue #14), in three browsers:
 *
 *   Set-up over GraphQL: a session starting within 80 seconds; Angharad (Welsh) offers its first
 *   slot and Sioned (English) books it.
 *   Once it has started, Sioned says "We met" on her agenda: the meeting is held. Angharad says
 *   "Ni ddigwyddodd": both see that they disagree. The organiser's attendance report shows the
 *   disagreement; marking the meeting held settles it (decided by an organiser).
 *   The held meeting is then in both people's reciprocity ledger (issue #23): Sioned says she gave
 *   advice and got nothing, with half an hour of preparation; Angharad sees it in Welsh.
 *   Then the organiser marks it not held after all (issue #24, no-shows kindly): Angharad, who said
 *   it did not happen, has a no-show on her attendance record and says in Welsh it was not one;
 *   Sioned's "We met" already kept hers off the count; the report's rate follows.
 *
 * Each page is scanned with axe-core (WCAG 2.2 AA).
 */
const base = inject('e2eBaseUrl');

const SIONED = { email: 'sioned.bowen@cyswllt.example', lang: 'en' as Lang };
const ANGHARAD = { email: 'angharad.roberts@cyswllt.example', lang: 'cy' as Lang };
const ORGANISER = 'rhys.meredith@cyswllt.example';
const stamp = Date.now().toString(36);
const TITLE = { cy: `Cyfarfod ffôn ${stamp}`, en: `Phone meeting ${stamp}` };

describe('a meeting held elsewhere: the participants’ word, a disagreement, the organiser’s decision', () => {
  let browser: Browser;
  let meeting: Meeting;
  const pageErrors: string[] = [];

  async function pageFor(lang: Lang, email: string): Promise<Page> {
    const context = await browser.newContext({
      ...contextDefaults,
      locale: lang === 'cy' ? 'cy-GB' : 'en-GB',
      timezoneId: 'Europe/London',
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(base, page, lang, email);
    return page;
  }

  /** The meeting's card on the agenda, once its outcome question shows (the page is reloaded until the start). */
  async function outcomeCard(page: Page, lang: Lang) {
    const card = page
      .getByTestId('agenda')
      .locator('li')
      .filter({ hasText: lang === 'cy' ? TITLE.cy : TITLE.en });
    await expect
      .poll(
        async () => {
          await page.goto(`${base}/agenda`);
          await page.locator('h1').waitFor();
          return card.getByTestId('meeting-outcome').count();
        },
        { timeout: 100_000, interval: 5_000 },
      )
      .toBe(1);
    return card;
  }

  beforeAll(async () => {
    meeting = await meetingAboutToStart(base, { organiser: ORGANISER, host: ANGHARAD, guest: SIONED }, TITLE);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (pageErrors.length > 0) console.error(`page errors:\n${pageErrors.join('\n')}`);
  });

  it('after the start, "We met" makes the meeting held; a contrary answer is shown to both', async () => {
    const sioned = await pageFor('en', SIONED.email);
    const card = await outcomeCard(sioned, 'en');
    expect(Date.now()).toBeGreaterThanOrEqual(meeting.startsAt);
    await card.getByRole('button', { name: new RegExp(`^${t('en', 'outcome_met_action')}`) }).click();
    await expect
      .poll(() => card.getByTestId('outcome-mine').textContent(), { timeout: 20_000 })
      .toBe(t('en', 'outcome_you_said_met'));
    expect(await card.locator('.badge').textContent()).toBe(t('en', 'meeting_completed'));
    await checkPage(sioned, 'meeting-outcome-en');

    const angharad = await pageFor('cy', ANGHARAD.email);
    const hers = await outcomeCard(angharad, 'cy');
    await hers.getByRole('button', { name: new RegExp(`^${t('cy', 'outcome_not_met_action')}`) }).click();
    await expect.poll(() => hers.getByTestId('outcome-disputed').count(), { timeout: 20_000 }).toBe(1);
    expect(await hers.getByTestId('outcome-disputed').textContent()).toBe(t('cy', 'outcome_disputed'));
    await checkPage(angharad, 'meeting-outcome-disputed-cy');

    await sioned.reload();
    await expect.poll(() => card.getByTestId('outcome-disputed').count(), { timeout: 20_000 }).toBe(1);
  }, 150_000);

  it('the organiser sees the disagreement in the attendance report and marks the meeting held', async () => {
    const organiser = await pageFor('en', ORGANISER);
    await organiser.goto(`${base}/sessions/${meeting.sessionId}/attendance`);
    const row = organiser.getByTestId('attendance-meeting');
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    expect(await row.getByTestId('attendance-disputed').count()).toBe(1);
    expect(await organiser.getByTestId('attendance-summary').textContent()).toBe(
      t('en', 'attendance_summary', { held: 1, notHeld: 0, awaiting: 0, disputed: 1 }),
    );
    expect(await organiser.getByTestId('attendance-csv').getAttribute('href')).toBe(
      `/exports/attendance.csv?sessionId=${meeting.sessionId}`,
    );
    await checkPage(organiser, 'attendance-report-en');

    await row.getByRole('button', { name: new RegExp(`^${t('en', 'attendance_mark_held')}`) }).click();
    await expect.poll(() => row.getByTestId('attendance-disputed').count(), { timeout: 20_000 }).toBe(0);
    expect(await row.textContent()).toContain(t('en', 'attendance_decided_organiser'));
    expect(await organiser.locator('#attendance-outcome').textContent()).toContain(t('en', 'attendance_marked'));
  });

  it('the held meeting is in both people’s ledger: Sioned says what she gave and adds her preparation', async () => {
    const sioned = await pageFor('en', SIONED.email);
    await sioned.goto(`${base}/account`);
    await sioned.getByTestId('reciprocity-link').click();
    const entry = sioned.getByTestId('reciprocity-history').locator('li').filter({ hasText: TITLE.en });
    await expect.poll(() => entry.count(), { timeout: 20_000 }).toBe(1);
    await entry.locator('summary').click();
    await entry
      .getByRole('group', { name: t('en', 'reciprocity_gave') })
      .getByLabel(t('en', 'exchange_advice'))
      .check();
    await entry.getByLabel(t('en', 'reciprocity_preparation')).fill('30');
    await entry.getByRole('button', { name: t('en', 'reciprocity_save') }).click();
    // Gave advice and got nothing: the meeting counts as given only, with the preparation added.
    await expect
      .poll(() => entry.textContent(), { timeout: 20_000 })
      .toContain(`${t('en', 'reciprocity_gave')}: ${t('en', 'exchange_advice')}`);
    expect(await entry.textContent()).toMatch(/Hours received: 0\.0\./);
    await checkPage(sioned, 'reciprocity-en');

    const angharad = await pageFor('cy', ANGHARAD.email);
    await angharad.goto(`${base}/account/reciprocity`);
    const hers = angharad.getByTestId('reciprocity-history').locator('li').filter({ hasText: TITLE.cy });
    await expect.poll(() => hers.count(), { timeout: 20_000 }).toBe(1);
    expect(await hers.textContent()).toContain(t('cy', 'reciprocity_add'));
    await checkPage(angharad, 'reciprocity-cy');
  });

  it('marked not held after all: each person sees their own record, a dispute takes it off the count, the rate follows', async () => {
    const organiser = await pageFor('en', ORGANISER);
    await organiser.goto(`${base}/sessions/${meeting.sessionId}/attendance`);
    const row = organiser.getByTestId('attendance-meeting');
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    await row.getByRole('button', { name: new RegExp(`^${t('en', 'attendance_mark_not_held')}`) }).click();
    const rate = organiser.getByTestId('attendance-no-show-rate');
    // Angharad said it did not happen: it counts; Sioned said "We met": hers does not.
    await expect
      .poll(() => rate.textContent(), { timeout: 20_000 })
      .toBe(t('en', 'attendance_no_show_rate', { percent: 50, noShows: 1, people: 2, disputed: 1 }));

    const angharad = await pageFor('cy', ANGHARAD.email);
    await angharad.goto(`${base}/account`);
    await angharad.getByTestId('no-shows-link').click();
    const entry = angharad.getByTestId('no-show').filter({ hasText: TITLE.cy });
    await expect.poll(() => entry.getAttribute('data-state'), { timeout: 20_000 }).toBe('COUNTED');
    expect(await entry.textContent()).toContain(t('cy', 'no_shows_by_organiser'));
    await checkPage(angharad, 'no-shows-cy');
    await entry.locator('summary').click();
    await entry.getByLabel(t('cy', 'no_shows_reason_label')).fill('Roedd y trên yn hwyr.');
    await entry.getByRole('button', { name: t('cy', 'no_shows_send') }).click();
    await expect.poll(() => entry.getAttribute('data-state'), { timeout: 20_000 }).toBe('DISPUTED');
    expect(await entry.textContent()).toContain(t('cy', 'no_shows_your_reason', { reason: 'Roedd y trên yn hwyr.' }));

    const sioned = await pageFor('en', SIONED.email);
    await sioned.goto(`${base}/account/attendance`);
    const hers = sioned.getByTestId('no-show').filter({ hasText: TITLE.en });
    await expect.poll(() => hers.getAttribute('data-state'), { timeout: 20_000 }).toBe('DISPUTED');
    await checkPage(sioned, 'no-shows-en');

    await organiser.reload();
    await expect
      .poll(() => organiser.getByTestId('attendance-no-show-rate').textContent(), { timeout: 20_000 })
      .toBe(t('en', 'attendance_no_show_rate', { percent: 0, noShows: 0, people: 2, disputed: 2 }));
  }, 150_000);
});
