import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from './support/global-setup';
import {
  checkPage,
  contextDefaults,
  expectNoTextOfOtherLanguage,
  focused,
  launchChromium,
  t,
  fillDate,
  fillTime,
  atPage,
} from './support/browser';

/**
 * The first whole journey, in two browsers at once:
 *
 *   A (Europe/London): Siwan, an organiser from the demo data, creates a session with the live
 *     slot-grid preview and publishes it; then Mark, a commissioner, registers as a host and offers
 *     two slots.
 *   B (America/New_York, a Welsh-speaking browser): a new practitioner signs up, finds the session
 *     with the filters, registers, books one of Mark's slots and sends him a meeting request.
 *   A: Mark sees the meeting on his agenda; B switches to English, and cancels.
 *
 * Every page visited is scanned with axe-core (WCAG 2.2 AA) and photographed into artifacts/.
 */
const base = inject('e2eBaseUrl');
const mailbox = inject('e2eMailbox');

/** The confirmation link in the e-mail the API sent to `email` (through the SMTP sink), once it has arrived. */
async function confirmationLink(email: string): Promise<string> {
  const find = async () => {
    const mails = (await (await fetch(`${mailbox}?to=${encodeURIComponent(email)}`)).json()) as { text: string }[];
    return mails.map((mail) => /https?:\/\/\S+\/confirm-email\/[\w-]+/.exec(mail.text)?.[0]).find(Boolean) ?? '';
  };
  // The outbox worker runs on the lifecycle ticker (every 30 s by default).
  await expect.poll(find, { timeout: 60_000 }).not.toBe('');
  return find();
}
const stamp = Date.now().toString(36);
const session = {
  titleCy: `Dawns i bobl â Parkinson's ${stamp}`,
  titleEn: `Dance for people with Parkinson's ${stamp}`,
  descriptionCy: 'Cyfarfodydd byr rhwng artistiaid dawns a chomisiynwyr.',
  descriptionEn: 'Short meetings between dance artists and commissioners.',
};
const practitioner = {
  name: `Gwen Prys ${stamp}`,
  email: `gwen.${stamp}@example.test`,
  password: 'dawnsio-yn-y-glaw-2027',
};

/** YYYY-MM-DD, ten days from now in UK time. */
function inTenDays(): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(new Date(Date.now() + 10 * 86_400_000))
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

async function signIn(page: Page, lang: 'cy' | 'en', email: string, password: string): Promise<void> {
  await page.goto(`${base}/${lang}/sign-in`);
  await page.getByLabel(t(lang, 'field_email')).fill(email);
  await page.getByLabel(t(lang, 'field_password')).fill(password);
  await page.getByRole('button', { name: t(lang, 'sign_in_action'), exact: true }).click();
  // Signing in keeps the page's language, whatever the account's.
  await page.waitForURL(`${base}/${lang}/sessions`);
}

describe('organiser publishes, practitioner books, commissioner sees it', () => {
  let browser: Browser;
  let a: BrowserContext;
  let b: BrowserContext;
  let pageA: Page;
  let pageB: Page;
  let sessionUrl = '';

  beforeAll(async () => {
    browser = await launchChromium();
    a = await browser.newContext({ ...contextDefaults, locale: 'en-GB', timezoneId: 'Europe/London' });
    b = await browser.newContext({ ...contextDefaults, locale: 'cy-GB', timezoneId: 'America/New_York' });
    pageA = await a.newPage();
    pageB = await b.newPage();
    for (const page of [pageA, pageB]) page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the home page and sign-in page pass axe in English, with the language switch offering Welsh', async () => {
    await pageA.goto(`${base}/`);
    expect(await htmlLang(pageA)).toBe('en');
    await expect.poll(() => pageA.getByRole('heading', { level: 1 }).textContent()).toBe(t('en', 'home_title'));
    await expect.poll(() => pageA.getByTestId('language-switch').textContent()).toContain('Cymraeg');
    await checkPage(pageA, 'home-en');
    // A client-side move puts focus on the new page's main heading.
    await pageA
      .getByRole('navigation', { name: t('en', 'nav_label') })
      .getByRole('link', { name: t('en', 'nav_sessions') })
      .click();
    await pageA.waitForURL(atPage(base, `/sessions`));
    await expect.poll(() => focused(pageA)).toEqual({ tag: 'H1', text: t('en', 'sessions_title') });
    await pageA.goto(`${base}/sign-in`);
    await checkPage(pageA, 'sign-in-en');
  });

  it('the organiser signs in on an English page (their account is Welsh): the page stays English; the switch changes the page, not the account', async () => {
    await signIn(pageA, 'en', 'siwan.pugh@cyswllt.example', DEMO_PASSWORD);
    const accountLanguage = () =>
      pageA.evaluate(async () => {
        const res = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ me { preferredLanguage } }' }),
        });
        return ((await res.json()) as { data: { me: { preferredLanguage: string } } }).data.me.preferredLanguage;
      });
    expect(await htmlLang(pageA)).toBe('en');
    await expect.poll(() => pageA.getByRole('heading', { level: 1 }).textContent()).toBe(t('en', 'sessions_title'));
    // The switch shows the same page in Welsh, at its Welsh address, with alternates for both.
    await pageA.getByTestId('language-switch').click();
    await pageA.waitForURL(`${base}/cy/sessions`);
    await expect.poll(() => htmlLang(pageA)).toBe('cy');
    await expect.poll(() => pageA.getByRole('heading', { level: 1 }).textContent()).toBe(t('cy', 'sessions_title'));
    await expectNoTextOfOtherLanguage(pageA, 'cy');
    expect(await pageA.locator('link[rel="alternate"][hreflang="en"]').getAttribute('href')).toBe(
      `${base}/en/sessions`,
    );
    await pageA.getByTestId('language-switch').click();
    await pageA.waitForURL(`${base}/en/sessions`);
    await expect.poll(() => pageA.getByRole('heading', { level: 1 }).textContent()).toBe(t('en', 'sessions_title'));
    await expectNoTextOfOtherLanguage(pageA, 'en');
    // Bilingual content follows: the demo session's English title is shown.
    await expect.poll(() => pageA.getByRole('link', { name: "Dance and Parkinson's", exact: true }).count()).toBe(1);
    await checkPage(pageA, 'sessions-organiser-en');
    // The account's language (its e-mails) is untouched; the explicit choice is remembered for "/".
    expect(await accountLanguage()).toBe('cy');
    await pageA.goto(`${base}/`);
    await pageA.waitForURL(`${base}/en`);
    await pageA.goto(`${base}/en/sessions`);
  });

  it('the organiser creates a session with a live slot preview and publishes it', async () => {
    await pageA.getByRole('link', { name: t('en', 'nav_organiser') }).click();
    await pageA.waitForURL(atPage(base, `/organiser`));
    await checkPage(pageA, 'organiser');
    await pageA.getByRole('link', { name: t('en', 'create_session_title') }).click();
    await pageA.waitForURL(atPage(base, `/organiser/new`));
    await pageA.getByLabel(t('en', 'field_title_cy')).fill(session.titleCy);
    await pageA.getByLabel(t('en', 'field_title_en')).fill(session.titleEn);
    await pageA.getByLabel(t('en', 'field_description_cy')).fill(session.descriptionCy);
    await pageA.getByLabel(t('en', 'field_description_en')).fill(session.descriptionEn);
    await pageA.locator('input[type="checkbox"][value="parkinsons"]').check();
    await fillDate(pageA, 'date', inTenDays());
    await fillTime(pageA, 'start-time', '10:00');
    await fillTime(pageA, 'end-time', '11:00');
    await pageA.getByLabel(t('en', 'field_slot_minutes')).selectOption('30');
    const rows = pageA.getByTestId('slot-preview').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    // The preview follows the form: 20-minute slots make three.
    await pageA.getByLabel(t('en', 'field_slot_minutes')).selectOption('20');
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(() => rows.nth(0).textContent()).toContain('10:00–10:20');
    await expect
      .poll(() => pageA.getByTestId('preview-summary').textContent())
      .toContain('Meeting slots: 3. Breaks: 0.');
    // A break in the middle slot, then back.
    await rows.nth(1).getByRole('checkbox').check();
    await expect
      .poll(() => pageA.getByTestId('preview-summary').textContent())
      .toContain('Meeting slots: 2. Breaks: 1.');
    await rows.nth(1).getByRole('checkbox').uncheck();
    await expect
      .poll(() => pageA.getByTestId('preview-summary').textContent())
      .toContain('Meeting slots: 3. Breaks: 0.');
    // An end before the start: the server's error code, as a message.
    await fillTime(pageA, 'end-time', '09:00');
    await expect
      .poll(() => pageA.locator('[data-error-code]').first().getAttribute('data-error-code'))
      .toBe('END_NOT_AFTER_START');
    await expect
      .poll(() => pageA.getByRole('alert').first().textContent())
      .toContain(t('en', 'error_end_not_after_start'));
    await fillTime(pageA, 'end-time', '11:00');
    await expect.poll(() => rows.count()).toBe(3);
    await checkPage(pageA, 'organiser-create-session');

    await pageA.getByRole('button', { name: t('en', 'create_session_action') }).click();
    await pageA.waitForURL(/\/sessions\/[0-9a-f-]+\?created=1$/);
    await expect.poll(() => pageA.getByRole('heading', { level: 1 }).textContent()).toBe(session.titleEn);
    await expect.poll(() => pageA.getByTestId('session-status').textContent()).toBe(t('en', 'status_draft'));
    await checkPage(pageA, 'session-draft');
    await pageA.getByRole('button', { name: t('en', 'publish_action') }).click();
    await expect.poll(() => pageA.getByTestId('session-status').textContent()).toBe(t('en', 'status_published'));
    sessionUrl = pageA.url().replace(/\?.*$/, '');
  });

  it('a commissioner registers as a host and offers two slots', async () => {
    await pageA.getByRole('button', { name: t('en', 'sign_out') }).click();
    await pageA.waitForURL(atPage(base, `/sign-in?signed-out=1`));
    await expect.poll(() => pageA.getByRole('status').first().textContent()).toContain(t('en', 'signed_out'));
    await checkPage(pageA, 'signed-out');
    await signIn(pageA, 'en', 'mark.thomas@cyswllt.example', DEMO_PASSWORD);
    await pageA.goto(sessionUrl);
    await pageA.getByRole('button', { name: t('en', 'register_host') }).click();
    await expect
      .poll(() => pageA.getByTestId('registration').textContent())
      .toBe(t('en', 'registered_as', { role: t('en', 'role_host') }));
    const offer = pageA.getByRole('region', { name: t('en', 'offer_title') });
    await offer.getByRole('checkbox', { name: '10:00–10:20' }).check();
    await offer.getByRole('checkbox', { name: '10:40–11:00' }).check();
    await offer.getByRole('button', { name: t('en', 'offer_action') }).click();
    await expect.poll(() => offer.getByRole('status').textContent()).toContain(t('en', 'offer_done'));
    const offers = pageA.getByTestId('offers').locator('tbody tr');
    await expect.poll(() => offers.count()).toBe(2);
    await expect.poll(() => offers.first().textContent()).toContain(t('en', 'offer_yours'));
    await checkPage(pageA, 'session-host-offers');
  });

  it('a practitioner in a Welsh browser signs up, filters, registers and books a slot', async () => {
    await pageB.goto(`${base}/`);
    await expect.poll(() => htmlLang(pageB)).toBe('cy');
    await checkPage(pageB, 'home-cy');
    await expectNoTextOfOtherLanguage(pageB, 'cy');
    await pageB
      .getByRole('link', { name: t('cy', 'nav_sign_up') })
      .first()
      .click();
    await pageB.waitForURL(atPage(base, `/sign-up`));
    await checkPage(pageB, 'sign-up-cy');
    await pageB.getByLabel(t('cy', 'field_display_name')).fill(practitioner.name);
    await pageB.getByLabel(t('cy', 'field_email')).fill(practitioner.email);
    await pageB.getByLabel(t('cy', 'field_password')).fill(practitioner.password);
    await pageB.getByRole('button', { name: t('cy', 'sign_up_action') }).click();
    // Nobody is signed in by a sign-up: the address is confirmed first, with the e-mailed link.
    await expect
      .poll(() => pageB.getByRole('status').first().textContent())
      .toContain(t('cy', 'sign_up_check_email', { email: practitioner.email }));
    await checkPage(pageB, 'sign-up-check-email-cy');
    const link = await confirmationLink(practitioner.email);
    await pageB.goto(link);
    await pageB.getByRole('button', { name: t('cy', 'confirm_email_action') }).click();
    await expect.poll(() => pageB.getByRole('status').first().textContent()).toContain(t('cy', 'confirm_email_done'));
    await checkPage(pageB, 'email-confirmed-cy');
    await signIn(pageB, 'cy', practitioner.email, practitioner.password);
    await expect.poll(() => pageB.getByText(t('cy', 'signed_in_as', { name: practitioner.name })).count()).toBe(1);
    expect(await pageB.getByTestId('unconfirmed-banner').count()).toBe(0);

    // All sessions: the first page of ten, then "load more".
    const cards = pageB.locator('[data-session-index]');
    await expect.poll(() => cards.count()).toBe(10);
    await checkPage(pageB, 'sessions-cy');
    await expectNoTextOfOtherLanguage(pageB, 'cy');
    await pageB.getByRole('button', { name: t('cy', 'load_more') }).click();
    await expect.poll(() => cards.count()).toBeGreaterThan(10);
    await expect.poll(() => focused(pageB)).toMatchObject({ tag: 'A' });
    await expect.poll(() => pageB.getByRole('button', { name: t('cy', 'load_more') }).count()).toBe(0);

    // Filters: Parkinson's (open sessions, for every condition, stay in) in Welsh (bilingual ones count).
    await pageB.getByLabel(t('cy', 'filter_condition')).selectOption('parkinsons');
    await pageB.getByLabel(t('cy', 'filter_language')).selectOption('cy');
    await pageB.getByRole('button', { name: t('cy', 'filters_apply') }).click();
    await pageB.waitForURL(/condition=parkinsons/);
    const titles = () => cards.locator('h3').allTextContents();
    await expect.poll(titles).toContain(session.titleCy);
    await expect.poll(titles).toContain('Sesiwn agored wythnos 5');
    await expect.poll(titles).not.toContain('Canu ar gyfer iechyd yr ysgyfaint'); // lung health only
    await expect.poll(titles).not.toContain('Sesiwn agored wythnos 6'); // in English only
    // Region: a session for all Wales is in every region.
    await pageB.getByLabel(t('cy', 'filter_region')).selectOption('powys');
    await pageB.getByRole('button', { name: t('cy', 'filters_apply') }).click();
    await pageB.waitForURL(/region=powys/);
    await expect.poll(titles).toContain(session.titleCy);
    // Dates: nothing on a day long past the sessions.
    await fillDate(pageB, 'filter-from', '2031-01-01');
    await pageB.getByRole('button', { name: t('cy', 'filters_apply') }).click();
    await expect.poll(() => pageB.getByText(t('cy', 'sessions_empty')).count()).toBe(1);
    await checkPage(pageB, 'sessions-cy-empty');
    await pageB.getByRole('button', { name: t('cy', 'filters_clear') }).click();
    await expect.poll(() => cards.count()).toBe(10);

    // Error states: a session that does not exist (the server's NOT_FOUND, in Welsh), a page that does not.
    await pageB.goto(`${base}/sessions/00000000-0000-4000-8000-000000000000`);
    await expect
      .poll(() => pageB.locator('[data-error-code]').first().getAttribute('data-error-code'))
      .toBe('NOT_FOUND');
    await expect.poll(() => pageB.getByRole('alert').first().textContent()).toContain(t('cy', 'error_not_found'));
    await checkPage(pageB, 'session-not-found-cy');
    const nowhere = await pageB.goto(`${base}/nowhere`);
    expect(nowhere?.status()).toBe(404);
    await expect
      .poll(() => pageB.getByRole('heading', { level: 1 }).textContent())
      .toBe(t('cy', 'page_not_found_title'));
    await checkPage(pageB, 'page-not-found-cy');

    // A shared link keeps its language: the organiser's English address opens in English, its Welsh twin in Welsh.
    expect(sessionUrl).toMatch(/\/en\/sessions\//);
    await pageB.goto(sessionUrl);
    await expect.poll(() => pageB.getByRole('heading', { level: 1 }).textContent()).toBe(session.titleEn);
    await pageB.goto(sessionUrl.replace('/en/', '/cy/'));
    await expect.poll(() => pageB.getByRole('heading', { level: 1 }).textContent()).toBe(session.titleCy);
    await expect.poll(() => pageB.getByText(session.descriptionCy).count()).toBe(1);
    // Times in UK time and, in New York, the viewer's own.
    await expect
      .poll(() =>
        pageB.getByRole('columnheader', { name: t('cy', 'col_time_yours', { zone: 'America/New_York' }) }).count(),
      )
      .toBe(1);
    await pageB.getByRole('button', { name: t('cy', 'register_guest') }).click();
    await expect
      .poll(() => pageB.getByTestId('registration').textContent())
      .toBe(t('cy', 'registered_as', { role: t('cy', 'role_guest') }));
    const markRows = pageB.getByTestId('offers').locator('tbody tr[data-host="Mark Thomas"]');
    await expect.poll(() => markRows.count()).toBe(2);
    await expect.poll(() => markRows.first().textContent()).toContain(t('cy', 'seats_left', { left: 1, seats: 1 }));
    await checkPage(pageB, 'session-guest-cy');
    await expectNoTextOfOtherLanguage(pageB, 'cy');
    await markRows
      .first()
      .getByRole('button', { name: new RegExp(`^${t('cy', 'book_action')}`) })
      .click();
    await expect.poll(() => pageB.getByRole('status').filter({ hasText: 'Mark Thomas' }).count()).toBe(1);
    await expect.poll(() => markRows.first().textContent()).toContain(t('cy', 'offer_full'));
    await expect.poll(() => markRows.first().textContent()).toContain(t('cy', 'seats_left', { left: 0, seats: 1 }));
    // Mark's page, open all along, follows the booking live (slotAvailabilityChanged) and says so
    // politely; the practitioner's own page leaves that to the booking's own message.
    const hostRows = pageA.getByTestId('offers').locator('tbody tr');
    await expect.poll(() => hostRows.first().textContent()).toContain(t('en', 'seats_left', { left: 0, seats: 1 }));
    await expect
      .poll(() => pageA.getByTestId('seat-news').textContent())
      .toBe(t('en', 'live_offer_full', { time: '10:00–10:20', host: 'Mark Thomas' }));
    expect(await pageB.getByTestId('seat-news').textContent()).toBe('');
    // Who is coming, and a meeting request to Mark.
    await expect.poll(() => pageB.getByTestId('participants').textContent()).toContain('Mark Thomas');
    await pageB.getByLabel(t('cy', 'request_to')).selectOption({ label: 'Mark Thomas' });
    await pageB.getByLabel(t('cy', 'request_message')).fill('Hoffwn sôn am raglen ddawns yng Nghaerdydd.');
    await pageB.getByRole('button', { name: t('cy', 'request_send') }).click();
    await expect.poll(() => pageB.getByText(t('cy', 'request_sent_done')).count()).toBe(1);
    await expect.poll(() => pageB.getByText(`Mark Thomas: ${t('cy', 'request_pending')}`).count()).toBe(1);
    // The same request again: the server's DUPLICATE_REQUEST code, in Welsh.
    await pageB.getByLabel(t('cy', 'request_to')).selectOption({ label: 'Mark Thomas' });
    await pageB.getByRole('button', { name: t('cy', 'request_send') }).click();
    await expect.poll(() => pageB.getByText(t('cy', 'error_duplicate_request')).count()).toBe(1);
    await checkPage(pageB, 'session-booked-cy');
  }, 180_000); // up to a lifecycle tick (30 s) waiting for the confirmation e-mail

  it('the commissioner sees the meeting on their agenda', async () => {
    await pageA
      .getByRole('navigation', { name: t('en', 'nav_label') })
      .getByRole('link', { name: t('en', 'nav_agenda') })
      .click();
    await pageA.waitForURL(atPage(base, `/agenda`));
    const meeting = pageA.getByTestId('agenda').locator('li', { hasText: session.titleEn });
    await expect.poll(() => meeting.count()).toBe(1);
    await expect.poll(() => meeting.textContent()).toContain(practitioner.name);
    await expect.poll(() => meeting.textContent()).toContain('10:00–10:20');
    await expect.poll(() => meeting.textContent()).toContain(t('en', 'meeting_confirmed'));
    await checkPage(pageA, 'agenda-commissioner');
  });

  it('the practitioner finds the meeting on their home page, as what comes next', async () => {
    await pageB.goto(`${base}/`);
    const next = pageB.getByTestId('home-next-meeting');
    await expect.poll(() => next.textContent()).toContain(session.titleCy);
    await expect.poll(() => next.getByTestId('join-opens').count()).toBe(1);
    await expect.poll(() => pageB.getByTestId('home-book').textContent()).toContain(t('cy', 'home_book_title'));
    await checkPage(pageB, 'home-practitioner-cy');
  });

  it('the practitioner switches to English on their agenda, sees both time zones, and cancels', async () => {
    await pageB.goto(`${base}/agenda`);
    const meeting = pageB.getByTestId('agenda').locator('li', { hasText: session.titleCy });
    await expect.poll(() => meeting.count()).toBe(1);
    await expect.poll(() => meeting.textContent()).toContain(t('cy', 'time_yours', { zone: 'America/New_York' }));
    await checkPage(pageB, 'agenda-practitioner-cy');
    await pageB.getByTestId('language-switch').click();
    await expect.poll(() => htmlLang(pageB)).toBe('en');
    const meetingEn = pageB.getByTestId('agenda').locator('li', { hasText: session.titleEn });
    await expect.poll(() => meetingEn.count()).toBe(1);
    await expectNoTextOfOtherLanguage(pageB, 'en');
    await checkPage(pageB, 'agenda-practitioner-en');
    await meetingEn.getByRole('button', { name: new RegExp(`^${t('en', 'cancel_action')}`) }).click();
    await pageB.getByRole('button', { name: t('en', 'cancel_confirm_yes') }).click();
    await expect.poll(() => pageB.getByText(t('en', 'cancel_done')).count()).toBe(1);
    await expect.poll(() => pageB.getByText(t('en', 'agenda_empty')).count()).toBe(1);
    await checkPage(pageB, 'agenda-practitioner-cancelled');
  });
});
