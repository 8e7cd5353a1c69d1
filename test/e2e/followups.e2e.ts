import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, contextDefaults, launchChromium, type Lang, t, fillDate, atPage } from './support/browser';
import { type Meeting, meetingAboutToStart, signIn as signInAt } from './support/meeting-about-to-start';
/**
 * After the meeting (issue #7), in two browsers:
 *
 *   Set-up over GraphQL: a session starting within 80 seconds; Angharad (a commissioner, Welsh)
 *   offers its first slot and Sioned (a practitioner, English) books it.
 *   Sioned opens the meeting's follow-up page: before the start it says so; once the meeting has
 *   started she records a referral route owned by Angharad, gives feedback and describes how she
 *   evidences impact (shared).
 *   Angharad finds the action under "My actions" and marks it done with a comment; she does not
 *   see Sioned's feedback comment, the session's organiser does; she finds Sioned's method in the
 *   evidence library filtered by condition.
 *
 * Each page is scanned with axe-core (WCAG 2.2 AA).
 */
const base = inject('e2eBaseUrl');

const SIONED = { email: 'sioned.bowen@cyswllt.example', lang: 'en' as Lang };
const ANGHARAD = { email: 'angharad.roberts@cyswllt.example', lang: 'cy' as Lang, name: 'Dr Angharad Roberts' };
const ORGANISER = 'rhys.meredith@cyswllt.example';
const stamp = Date.now().toString(36);
const METHOD = `Movement diaries ${stamp}`;

function signIn(page: Page, lang: Lang, email: string): Promise<void> {
  return signInAt(base, page, lang, email);
}

/** YYYY-MM-DD in UK time, `days` from now. */
function ukDate(days: number): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(new Date(Date.now() + days * 86_400_000))
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

describe('after the meeting: an action recorded by one participant, done by its owner', () => {
  let browser: Browser;
  let contextSioned: BrowserContext;
  let contextAngharad: BrowserContext;
  let sioned: Page;
  let angharad: Page;
  let meeting: Meeting;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    meeting = await meetingAboutToStart(
      base,
      { organiser: ORGANISER, host: ANGHARAD, guest: SIONED },
      { cy: `Ar ôl y cyfarfod ${stamp}`, en: `After the meeting ${stamp}` },
    );
    browser = await launchChromium();
    contextSioned = await browser.newContext({ ...contextDefaults, locale: 'en-GB', timezoneId: 'Europe/London' });
    contextAngharad = await browser.newContext({ ...contextDefaults, locale: 'cy-GB', timezoneId: 'Europe/London' });
    sioned = await contextSioned.newPage();
    angharad = await contextAngharad.newPage();
    for (const page of [sioned, angharad]) page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    if (pageErrors.length > 0) console.error(`page errors:\n${pageErrors.join('\n')}`);
  });

  it('the follow-up page waits for the start, then takes an action, feedback and an evidence method', async () => {
    await signIn(sioned, SIONED.lang, SIONED.email);
    const url = `${base}/meetings/${meeting.meetingId}/follow-up`;
    await sioned.goto(url);
    if (Date.now() < meeting.startsAt - 2_000) {
      await expect.poll(() => sioned.getByText(t('en', 'followup_not_started')).count()).toBe(1);
    }
    // Once the meeting has started the forms appear (reload: the page does not watch the clock).
    await expect
      .poll(
        async () => {
          await sioned.goto(url);
          await sioned.locator('h1').waitFor();
          return sioned.getByTestId('record-action').count();
        },
        { timeout: 100_000, interval: 5_000 },
      )
      .toBe(1);
    expect(await sioned.getByTestId('no-actions').textContent()).toBe(t('en', 'actions_empty_meeting'));

    await sioned.getByLabel(t('en', 'field_action_kind')).selectOption('REFERRAL_ROUTE');
    await sioned.getByLabel(t('en', 'field_action_owner')).selectOption({ label: ANGHARAD.name });
    await fillDate(sioned, 'action-due', ukDate(7));
    await sioned.getByLabel(t('en', 'field_referring_kind')).selectOption('HEALTH_BOARD');
    await sioned.getByLabel(t('en', 'field_referring_team')).fill('discharge team');
    await sioned
      .getByLabel(t('en', 'field_action_description'))
      .fill('Agree a referral route from the discharge team to the dance class');
    await sioned.getByRole('button', { name: t('en', 'action_record_submit') }).click();
    await expect.poll(() => sioned.getByTestId('follow-up-action').count()).toBe(1);
    const card = sioned.getByTestId('follow-up-action');
    expect(await card.getByRole('heading').textContent()).toBe(t('en', 'action_kind_referral_route'));
    expect(await card.textContent()).toContain(ANGHARAD.name);
    expect(await card.textContent()).toContain(`${t('en', 'org_health_board')} (discharge team)`);

    await sioned.getByLabel('4', { exact: true }).check();
    await sioned.getByLabel(t('en', 'feedback_comment')).fill('Clear next steps.');
    await sioned.getByLabel(t('en', 'evidence_toggle')).check();
    await sioned.getByLabel(t('en', 'field_evidence_title')).fill(METHOD);
    await sioned
      .getByLabel(t('en', 'field_evidence_description'))
      .fill('Each participant keeps a short weekly diary of how they move.');
    await sioned.locator('input[type="checkbox"][value="parkinsons"]').check();
    await checkPage(sioned, 'follow-up-en');
    await sioned.getByRole('button', { name: t('en', 'feedback_submit') }).click();
    await expect
      .poll(() => sioned.getByTestId('feedback-given').textContent())
      .toBe(t('en', 'feedback_done', { score: 4 }));
    await checkPage(sioned, 'follow-up-done-en');
  }, 150_000);

  it('the owner finds it under My actions (in Welsh) and marks it done with a comment', async () => {
    await signIn(angharad, ANGHARAD.lang, ANGHARAD.email);
    const nav = angharad.getByRole('navigation', { name: t('cy', 'nav_label') });
    await nav.getByRole('button', { name: t('cy', 'nav_more') }).click();
    await nav.getByRole('link', { name: t('cy', 'nav_actions') }).click();
    await angharad.waitForURL(atPage(base, `/actions`));
    const card = angharad.getByTestId('follow-up-action').filter({ hasText: 'discharge team' });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByTestId('action-status').textContent()).toBe(t('cy', 'action_status_open'));
    await checkPage(angharad, 'my-actions-cy');

    await card.getByLabel(t('cy', 'action_status_field')).selectOption('DONE');
    await card.getByLabel(t('cy', 'action_comment_field')).fill('Llwybr wedi’i gytuno gyda’r tîm');
    await card.getByTestId('action-update').click();
    await expect.poll(() => card.getByTestId('action-status').textContent()).toBe(t('cy', 'action_status_done'));
    expect(await card.getByTestId('action-update').count()).toBe(0);
    await card.getByText(t('cy', 'action_history')).click();
    expect(await card.locator('.history').textContent()).toContain('Llwybr wedi’i gytuno gyda’r tîm');
    await checkPage(angharad, 'my-actions-done-cy');
  });

  it('the feedback comment reaches the session’s organiser, not the other participant', async () => {
    await angharad.goto(`${base}/meetings/${meeting.meetingId}/follow-up`);
    await expect.poll(() => angharad.getByTestId('follow-up-action').count()).toBe(1);
    expect(await angharad.getByTestId('organiser-feedback').count()).toBe(0);
    expect(await angharad.locator('main').textContent()).not.toContain('Clear next steps.');

    const context = await browser.newContext({ ...contextDefaults, locale: 'en-GB', timezoneId: 'Europe/London' });
    try {
      const organiser = await context.newPage();
      organiser.on('pageerror', (error) => pageErrors.push(error.message));
      await signIn(organiser, 'en', ORGANISER);
      await organiser.goto(`${base}/meetings/${meeting.meetingId}/follow-up`);
      const feedback = organiser.getByTestId('organiser-feedback');
      await expect.poll(() => feedback.locator('li').count()).toBe(1);
      expect(await feedback.textContent()).toContain('Sioned Bowen');
      expect(await feedback.textContent()).toContain('Clear next steps.');
    } finally {
      await context.close();
    }
  });

  it('the shared method is in the evidence library, found by condition', async () => {
    const nav = angharad.getByRole('navigation', { name: t('cy', 'nav_label') });
    await nav.getByRole('button', { name: t('cy', 'nav_more') }).click();
    await nav.getByRole('link', { name: t('cy', 'nav_evidence') }).click();
    await angharad.waitForURL(atPage(base, `/evidence`));
    await angharad.getByLabel(t('cy', 'filter_condition')).selectOption('parkinsons');
    await angharad.getByRole('button', { name: t('cy', 'filter_show') }).click();
    const item = angharad.getByTestId('evidence-list').locator('li', { hasText: METHOD });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain(t('cy', 'evidence_by', { name: 'Sioned Bowen' }));
    await angharad.getByLabel(t('cy', 'filter_condition')).selectOption('stroke');
    await angharad.getByRole('button', { name: t('cy', 'filter_show') }).click();
    await expect.poll(() => angharad.getByTestId('evidence-list').locator('li', { hasText: METHOD }).count()).toBe(0);
    await checkPage(angharad, 'evidence-cy');
  });
});
