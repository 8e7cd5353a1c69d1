import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { atPage, checkPage, contextDefaults, launchChromium, type Lang, t } from './support/browser';
import { signIn } from './support/meeting-about-to-start';

/**
 * Proposals that participants shape (issue #23, point 2), in three browsers:
 *
 *   Sioned (English) proposes an all-Wales theme open to every condition. Angharad (Welsh) sees it
 *   under "Cynigion agored i chi", says "Byddwn i’n dod" and comments. Rhys, the organiser, sees
 *   that support and the comment on his proposals page and declines it with a reason. Angharad
 *   then finds it no longer open to back.
 *
 * Each page is scanned with axe-core (WCAG 2.2 AA). The decision e-mails are tested in
 * apps/api/test/proposal-support.int-spec.ts.
 */
const base = inject('e2eBaseUrl');

const SIONED = 'sioned.bowen@cyswllt.example';
const ANGHARAD = 'angharad.roberts@cyswllt.example';
const RHYS = 'rhys.meredith@cyswllt.example';
const stamp = Date.now().toString(36);
const TITLE = `Clay and care ${stamp}`;

describe('a theme proposal backed by a participant and decided by an organiser', () => {
  let browser: Browser;
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

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (pageErrors.length > 0) console.error(`page errors:\n${pageErrors.join('\n')}`);
  });

  it('Angharad backs and comments in Welsh; Rhys sees the support and declines; it closes', async () => {
    const sioned = await pageFor('en', SIONED);
    await sioned.goto(`${base}/en/proposals/new`);
    await sioned.getByLabel(t('en', 'propose_field_title')).fill(TITLE);
    await sioned.getByLabel(t('en', 'propose_field_description')).fill('Pottery for carers and those they care for.');
    await sioned.getByRole('button', { name: t('en', 'propose_action') }).click();
    await sioned.waitForURL(atPage(base, '/proposals?proposed=1'));

    const angharad = await pageFor('cy', ANGHARAD);
    await angharad.goto(`${base}/cy/proposals`);
    const card = angharad.getByTestId('open-proposal').filter({ hasText: TITLE });
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    await card.getByLabel(t('cy', 'proposal_back_attend')).check();
    await expect
      .poll(() => card.getByTestId('proposal-support').textContent())
      .toContain(t('cy', 'proposal_support', { attending: 1, hosting: 0 }));
    await card.getByLabel(t('cy', 'proposal_comment_label')).fill('Byddwn i’n dod â fy mam.');
    await card.getByRole('button', { name: new RegExp(`^${t('cy', 'proposal_comment_send')}`) }).click();
    await expect.poll(() => card.getByTestId('proposal-comments').textContent()).toContain('Byddwn i’n dod â fy mam.');
    await checkPage(angharad, 'proposals-open-cy');

    const rhys = await pageFor('en', RHYS);
    await rhys.goto(`${base}/en/proposals`);
    const theirs = rhys.getByTestId('proposal').filter({ hasText: TITLE });
    await expect.poll(() => theirs.count(), { timeout: 20_000 }).toBe(1);
    await expect
      .poll(() => theirs.getByTestId('proposal-support').textContent(), { timeout: 20_000 })
      .toContain(t('en', 'proposal_support', { attending: 1, hosting: 0 }));
    expect(await theirs.getByTestId('proposal-comments').textContent()).toContain('Byddwn i’n dod â fy mam.');
    await checkPage(rhys, 'proposals-support-en');
    await theirs.getByRole('button', { name: new RegExp(`^${t('en', 'proposals_decline')}`) }).click();
    await rhys.getByLabel(t('en', 'proposals_decline_reason')).fill('A pottery series starts in Swansea in March.');
    await rhys.getByRole('button', { name: t('en', 'proposals_decline_confirm') }).click();
    await expect.poll(() => rhys.getByText(t('en', 'proposals_declined_done', { title: TITLE })).count()).toBe(1);

    await angharad.reload();
    await expect
      .poll(() => angharad.getByTestId('open-proposals').or(angharad.locator('.notice')).count())
      .toBeGreaterThan(0);
    expect(await angharad.getByTestId('open-proposal').filter({ hasText: TITLE }).count()).toBe(0);
  }, 180_000);

  it('Rhys reads the fairness report of one of his sessions in English and in Welsh', async () => {
    const rhys = await pageFor('en', RHYS);
    const res = await rhys.request.post(`${base}/graphql`, {
      data: {
        query:
          '{ sessions(filter: { mine: true, statuses: [PUBLISHED, LIVE, CLOSED] }, first: 1) { edges { node { id } } } }',
      },
      headers: { 'content-type': 'application/json' },
    });
    const sessionId: string = (await res.json()).data.sessions.edges[0].node.id;
    for (const lang of ['en', 'cy'] as const) {
      await rhys.goto(`${base}/${lang}/sessions/${sessionId}/fairness`);
      await expect.poll(() => rhys.getByTestId('fairness-summary').count(), { timeout: 20_000 }).toBe(1);
      expect(await rhys.getByRole('heading', { level: 1 }).textContent()).toBe(t(lang, 'fairness_title'));
      expect(await rhys.getByTestId('impact-table-fairness-reasons').count()).toBe(1);
      expect(await rhys.getByTestId('fairness-table-ROLE').count()).toBe(1);
      expect(await rhys.getByTestId('fairness-csv').getAttribute('href')).toBe(
        `/exports/fairness.csv?sessionId=${sessionId}`,
      );
      await checkPage(rhys, `fairness-${lang}`);
    }
  }, 120_000);
});
