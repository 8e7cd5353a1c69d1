import {
  CreateSessionDocument,
  LogInDocument,
  OfferSlotsDocument,
  PublishAutoScheduleDocument,
  PublishSessionDocument,
  RegisterForSessionDocument,
  ScheduleRunDocument,
  SendMeetingRequestDocument,
  StartAutoScheduleDocument,
} from '@cyswllt/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient, DEMO_PASSWORD } from './support/global-setup';
import {
  checkPage,
  contextDefaults,
  focused,
  launchChromium,
  t,
  type Lang,
  fillDate,
  fillTime,
  readDate,
  atPage,
  londonAt,
} from './support/browser';

/**
 * The web app's request, booking-race, reschedule, profile, invitation, proposal and calendar
 * pages, on a session made for this file (12 days ahead, 10:00–11:20 UK time, four 20-minute
 * slots). Gwenllian (commissioner) offers 10:00, 10:20 and 10:40; Huw (commissioner) hosts
 * without offers; Tom and Priya (practitioners) are guests.
 *
 *   1. Keyboard only: Sioned signs in, registers, books Gwenllian's 10:00 and sends Huw a request;
 *      Huw sees the count in the navigation, opens /requests and accepts into the earliest mutual
 *      slot (10:20), all with Tab, Enter and arrow keys.
 *   2. Two browsers race for the last seat at 10:40: one books it, the other is told the slot has
 *      just been taken and offered the nearest free ones, and books one of them.
 *   3. The winner moves the meeting: the slot chosen is taken meanwhile, the dialog says so and
 *      lists the nearest free ones; the second choice works.
 *   4. The auto-schedule proposes a meeting (a request not yet answered); each side confirms it
 *      on their agenda.
 *   5. Profile, invitations (made by an organiser, accepted by the invitee), theme proposals
 *      (proposed, declined, accepted into a draft session) and the sessions calendar.
 *
 * The accepted proposal's session is then edited, moved and cancelled by its organiser.
 *
 * Every new page is scanned with axe-core in Welsh and English, and again with each dialog open.
 */
const base = inject('e2eBaseUrl');
const stamp = Date.now().toString(36);
const TITLE_EN = `Arts and wellbeing exchange ${stamp}`;
const TITLE_CY = `Cyfnewid celf a llesiant ${stamp}`;

const email = (local: string) => `${local}@cyswllt.example`;
const SIONED = { name: 'Sioned Bowen', email: email('sioned.bowen') };
const HUW = { name: 'Huw Griffiths', email: email('huw.griffiths') };
const GWENLLIAN = { name: 'Gwenllian Jones', email: email('gwenllian.jones') };
const TOM = { name: 'Tom Harries', email: email('tom.harries') };
const PRIYA = { name: 'Priya Shah', email: email('priya.shah') };
const RHYS = { name: 'Rhys Meredith', email: email('rhys.meredith') };

const sessionStart = londonAt(12, 10);
let sessionId = '';

async function prepare(): Promise<void> {
  const rhys = apiClient(base);
  await rhys(LogInDocument, { input: { email: RHYS.email, password: DEMO_PASSWORD } });
  const { createSession } = await rhys(CreateSessionDocument, {
    input: {
      titleCy: TITLE_CY,
      titleEn: TITLE_EN,
      theme: 'OPEN',
      deliveryLanguage: 'BILINGUAL',
      startsAt: sessionStart.toISOString(),
      endsAt: new Date(sessionStart.getTime() + 80 * 60_000).toISOString(),
      slotMinutes: 20,
    },
  });
  sessionId = createSession.id;
  await rhys(PublishSessionDocument, { id: sessionId });
  const gwenllian = apiClient(base);
  await gwenllian(LogInDocument, { input: { email: GWENLLIAN.email, password: DEMO_PASSWORD } });
  await gwenllian(RegisterForSessionDocument, { input: { sessionId, role: 'HOST' } });
  await gwenllian(OfferSlotsDocument, { input: { sessionId, slotIndexes: [0, 1, 2], seats: 1 } });
  const huw = apiClient(base);
  await huw(LogInDocument, { input: { email: HUW.email, password: DEMO_PASSWORD } });
  await huw(RegisterForSessionDocument, { input: { sessionId, role: 'HOST' } });
  for (const person of [TOM, PRIYA]) {
    const call = apiClient(base);
    await call(LogInDocument, { input: { email: person.email, password: DEMO_PASSWORD } });
    await call(RegisterForSessionDocument, { input: { sessionId, role: 'GUEST' } });
  }
}

interface Focus {
  tag: string;
  text: string;
  id: string;
  type: string;
  value: string;
}

/** Presses Tab until the focused element matches (the keyboard-only way to reach a control). */
async function tabTo(page: Page, what: string, matches: (focus: Focus) => boolean, limit = 150): Promise<Focus> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return {
        tag: el?.tagName ?? '',
        text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        id: el?.id ?? '',
        type: el?.getAttribute('type') ?? '',
        value: el?.value ?? '',
      };
    });
    if (matches(focus)) return focus;
  }
  throw new Error(`Tab never reached ${what}`);
}

/** Signs in with the keyboard alone: Tab to the e-mail field, type, Tab, type, Enter. */
/** Signs in on the sign-in page in `lang` (unset: the one the address redirect picks). */
async function signInByKeyboard(page: Page, who: { email: string }, lang?: Lang): Promise<void> {
  await page.goto(lang ? `${base}/${lang}/sign-in` : `${base}/sign-in`);
  await tabTo(page, 'the e-mail field', (f) => f.id === 'email');
  await page.keyboard.type(who.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL(atPage(base, `/sessions`));
}

async function signIn(page: Page, who: { email: string }): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.locator('#email').fill(who.email);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(atPage(base, `/sessions`));
}

async function htmlLang(page: Page): Promise<Lang> {
  return (await page.locator('html').getAttribute('lang')) as Lang;
}

async function switchLanguage(page: Page): Promise<Lang> {
  const before = await htmlLang(page);
  const after: Lang = before === 'cy' ? 'en' : 'cy';
  await page.getByTestId('language-switch').click();
  await expect.poll(() => htmlLang(page)).toBe(after);
  return after;
}

/**
 * axe in the language shown and in the other one (switching back afterwards); with `open`, the
 * scan is made with that dialog open, closed again by Escape.
 */
async function scanBoth(page: Page, name: string, open?: (lang: Lang) => Promise<void>): Promise<void> {
  for (let round = 0; round < 2; round += 1) {
    const lang = await htmlLang(page);
    if (open) {
      await open(lang);
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(1);
    }
    await checkPage(page, `${name}-${lang}`);
    if (open) {
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
    }
    await switchLanguage(page);
  }
}

describe('requests, the race for a seat, rescheduling, profile, invitations, proposals and the calendar', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let sessionUrl = '';

  async function newPage(locale = 'en-GB'): Promise<Page> {
    const context = await browser.newContext({ ...contextDefaults, locale, timezoneId: 'Europe/London' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    return page;
  }

  beforeAll(async () => {
    browser = await launchChromium();
    await prepare();
    sessionUrl = `${base}/sessions/${sessionId}`;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('keyboard only: a practitioner books a slot and sends a request; the commissioner accepts it', async () => {
    const sioned = await newPage();
    await signInByKeyboard(sioned, SIONED);
    await sioned.goto(sessionUrl);
    await expect.poll(() => sioned.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE_EN);
    await tabTo(sioned, 'Register as a guest', (f) => f.tag === 'BUTTON' && f.text === t('en', 'register_guest'));
    await sioned.keyboard.press('Enter');
    await expect.poll(() => sioned.getByTestId('registration').count()).toBe(1);
    await tabTo(
      sioned,
      "the Book button for Gwenllian's 10:00",
      (f) =>
        f.text.startsWith(t('en', 'book_action')) && f.text.includes('10:00–10:20') && f.text.includes(GWENLLIAN.name),
    );
    await sioned.keyboard.press('Enter');
    await expect.poll(() => sioned.getByRole('status').filter({ hasText: GWENLLIAN.name }).count()).toBe(1);
    await expect.poll(() => focused(sioned)).toMatchObject({ tag: 'DIV' });

    // "Send a request" beside Huw in the directory fills the form and moves to its message.
    await tabTo(sioned, 'Send a request: Huw', (f) => f.text === `${t('en', 'recs_send_request')}: ${HUW.name}`);
    await sioned.keyboard.press('Enter');
    await expect.poll(() => focused(sioned)).toMatchObject({ tag: 'TEXTAREA' });
    await sioned.keyboard.type('I would like to talk about a dance programme.');
    await tabTo(sioned, 'Send request', (f) => f.text === t('en', 'request_send'));
    await sioned.keyboard.press('Enter');
    await expect.poll(() => sioned.getByText(t('en', 'request_sent_done')).count()).toBe(1);

    // Huw reads Cyswllt in Welsh: he opens the Welsh pages, and signing in keeps them Welsh.
    const cy: Lang = 'cy';
    const huw = await newPage();
    await signInByKeyboard(huw, HUW, cy);
    await expect.poll(() => htmlLang(huw)).toBe(cy);
    // The navigation says one request waits for an answer.
    const requestsLink = huw
      .getByRole('navigation', { name: t(cy, 'nav_label') })
      .getByRole('link', { name: new RegExp(`^${t(cy, 'nav_requests')}`) });
    // The navigation counts the requests waiting for an answer (the demo data has some too).
    const waiting = async () => Number(/\d+/.exec((await requestsLink.textContent()) ?? '')?.[0] ?? 0);
    await expect.poll(waiting).toBeGreaterThan(0);
    const waitingBefore = await waiting();
    await tabTo(huw, 'Requests in the navigation', (f) => f.tag === 'A' && f.text.startsWith(t(cy, 'nav_requests')));
    await huw.keyboard.press('Enter');
    await huw.waitForURL(atPage(base, `/requests`));
    await expect.poll(() => focused(huw)).toEqual({ tag: 'H1', text: t(cy, 'requests_title') });
    const fromSioned = huw.getByTestId('requests-received').getByTestId('request').filter({ hasText: SIONED.name });
    await expect.poll(() => fromSioned.textContent()).toContain(TITLE_CY);
    await scanBoth(huw, 'requests-received');
    await scanBoth(huw, 'requests-accept-dialog', async (lang) => {
      await huw
        .getByRole('button', { name: new RegExp(`^${t(lang, 'requests_accept_action')}.*${SIONED.name}`) })
        .click();
    });
    await scanBoth(huw, 'requests-decline-dialog', async (lang) => {
      await huw
        .getByRole('button', { name: new RegExp(`^${t(lang, 'requests_decline_action')}.*${SIONED.name}`) })
        .click();
    });

    // Accept by keyboard: the dialog opens on its first choice (the earliest mutual slot).
    await tabTo(
      huw,
      'Accept…: Sioned',
      (f) => f.text.startsWith(t(cy, 'requests_accept_action')) && f.text.includes(SIONED.name),
    );
    await huw.keyboard.press('Enter');
    const dialog = huw.getByRole('dialog', { name: t(cy, 'requests_accept_title', { name: SIONED.name }) });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect
      .poll(() => huw.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value))
      .toBe('EARLIEST_MUTUAL');
    await tabTo(huw, 'Accept request', (f) => f.text === t(cy, 'requests_accept_confirm'));
    await huw.keyboard.press('Enter');
    await expect.poll(() => huw.getByText(t(cy, 'requests_accepted_meeting', { name: SIONED.name })).count()).toBe(1);
    await expect.poll(() => focused(huw)).toMatchObject({ tag: 'DIV' });
    await expect.poll(() => fromSioned.getByTestId('request-status').textContent()).toBe(t(cy, 'request_accepted'));
    await expect.poll(waiting).toBe(waitingBefore - 1);
    // Sioned was busy at 10:00, so the earliest mutual slot is 10:20.
    await huw.goto(`${base}/agenda`);
    const meeting = huw.getByTestId('agenda').locator('li', { hasText: TITLE_CY });
    await expect.poll(() => meeting.textContent()).toContain('10:20–10:40');
    await expect.poll(() => meeting.textContent()).toContain(SIONED.name);

    // Sioned's side: her sent request is accepted, and withdrawing is only offered while pending.
    await sioned.goto(`${base}/requests`);
    const sent = sioned.getByTestId('requests-sent').getByTestId('request');
    await expect.poll(() => sent.first().getByTestId('request-status').textContent()).toBe(t('en', 'request_accepted'));
    await expect.poll(() => sent.first().getByRole('button').count()).toBe(0);
  }, 240_000);

  it('a request with a third party arrives live; the third party confirms, then the sender withdraws it', async () => {
    // Tom has his requests page open before the request is sent: it appears there without a reload.
    const tom = await newPage();
    await signIn(tom, TOM);
    await tom.goto(`${base}/requests`);
    const invited = tom.getByTestId('requests-invited').getByTestId('request');
    const invitedLoaded = async () =>
      (await invited.count()) > 0 || (await tom.getByText(t('en', 'requests_invited_empty')).count()) > 0;
    await expect.poll(invitedLoaded).toBe(true);
    const invitedBefore = await invited
      .filter({ hasText: t('en', 'requests_between', { from: SIONED.name, to: PRIYA.name }) })
      .count();

    const sioned = await newPage();
    await signIn(sioned, SIONED);
    await sioned.goto(sessionUrl);
    await sioned.getByLabel(t('en', 'request_to'), { exact: true }).selectOption({ label: PRIYA.name });
    await sioned.getByLabel(t('en', 'request_third_party'), { exact: true }).selectOption({ label: TOM.name });
    await sioned.getByRole('button', { name: t('en', 'request_send') }).click();
    await expect.poll(() => sioned.getByText(t('en', 'request_sent_done')).count()).toBe(1);

    await expect
      .poll(() => tom.getByTestId('requests-arrived').textContent())
      .toBe(t('en', 'requests_arrived', { name: SIONED.name }));
    await expect
      .poll(() =>
        invited.filter({ hasText: t('en', 'requests_between', { from: SIONED.name, to: PRIYA.name }) }).count(),
      )
      .toBe(invitedBefore + 1);
    await expect
      .poll(() => invited.first().textContent())
      .toContain(t('en', 'requests_between', { from: SIONED.name, to: PRIYA.name }));
    await invited
      .first()
      .getByRole('button', { name: new RegExp(`^${t('en', 'requests_third_party_confirm')}`) })
      .click();
    await expect.poll(() => tom.getByText(t('en', 'requests_third_party_confirmed')).count()).toBe(1);
    await expect
      .poll(() => invited.first().textContent())
      .toContain(`${TOM.name} (${t('en', 'third_party_confirmed')})`);
    await expect.poll(() => invited.first().getByRole('button').count()).toBe(0);

    await sioned.goto(`${base}/requests`);
    const pending = sioned.getByTestId('requests-sent').getByTestId('request').filter({ hasText: PRIYA.name });
    await expect
      .poll(() => pending.first().getByTestId('request-status').textContent())
      .toBe(t('en', 'request_pending'));
    await scanBoth(sioned, 'requests-withdraw-dialog', async (lang) => {
      await pending
        .first()
        .getByRole('button', { name: new RegExp(`^${t(lang, 'requests_withdraw_action')}`) })
        .click();
    });
    await pending
      .first()
      .getByRole('button', { name: new RegExp(`^${t('en', 'requests_withdraw_action')}`) })
      .click();
    // A confirmation opens on its safe choice.
    await expect.poll(() => focused(sioned)).toEqual({ tag: 'BUTTON', text: t('en', 'requests_keep') });
    await sioned.getByRole('button', { name: t('en', 'requests_withdraw_confirm') }).click();
    await expect.poll(() => sioned.getByText(t('en', 'requests_withdrawn_done', { name: PRIYA.name })).count()).toBe(1);
    await expect
      .poll(() => pending.first().getByTestId('request-status').textContent())
      .toBe(t('en', 'request_withdrawn'));
  }, 120_000);

  it('two browsers race for the last seat: one books it, the other is offered the nearest free ones', async () => {
    const tom = await newPage();
    const priya = await newPage();
    await signIn(tom, TOM);
    await signIn(priya, PRIYA);
    const rowAt = (page: Page, time: string) =>
      page.getByTestId('offers').locator(`tbody tr[data-host="${GWENLLIAN.name}"]`, { hasText: time });
    for (const page of [tom, priya]) {
      await page.goto(sessionUrl);
      await expect.poll(() => rowAt(page, '10:40–11:00').getByRole('button').count()).toBe(1);
    }
    // Both bookings are held until both browsers have sent theirs, then released together: a real
    // race at the server however slow either browser is (else the first booking's live update
    // could take the slower page's button away before its click).
    let sent = 0;
    let releaseBoth!: () => void;
    const bothSent = new Promise<void>((resolve) => (releaseBoth = resolve));
    for (const page of [tom, priya]) {
      await page.route('**/graphql', async (route) => {
        if (!route.request().postData()?.includes('mutation BookSlot')) return route.continue();
        if (++sent === 2) releaseBoth();
        await bothSent;
        await route.continue();
      });
    }
    await Promise.all([tom, priya].map((page) => rowAt(page, '10:40–11:00').getByRole('button').click()));
    await bothSent;
    await Promise.all([tom, priya].map((page) => page.unroute('**/graphql')));
    const outcomeOf = (page: Page) =>
      page.locator('#book-outcome').evaluate((el, host) => {
        const code = el.querySelector('[data-error-code]')?.getAttribute('data-error-code');
        return code ?? (el.textContent?.includes(host) ? 'BOOKED' : 'PENDING');
      }, GWENLLIAN.name);
    await expect
      .poll(async () => [await outcomeOf(tom), await outcomeOf(priya)].sort())
      .toEqual(['BOOKED', 'SLOT_TAKEN']);
    const [winner, loser] = (await outcomeOf(tom)) === 'BOOKED' ? [tom, priya] : [priya, tom];
    await expect.poll(() => loser.locator('#book-outcome').textContent()).toContain(t('en', 'book_taken_nearest'));
    const nearest = loser.getByTestId('nearest-free');
    await expect.poll(() => nearest.locator('li').first().textContent()).toContain('10:20–10:40');
    await checkPage(loser, 'session-seat-taken-en');

    // The winner moves the meeting; meanwhile the loser takes 10:20, the winner's first choice.
    await winner.goto(`${base}/agenda`);
    // The card in either language (the dialogs are scanned in both).
    const card = winner.getByTestId('agenda').locator('li', { hasText: new RegExp(`${TITLE_EN}|${TITLE_CY}`) });
    await expect.poll(() => card.textContent()).toContain('10:40–11:00');
    const move = winner.getByTestId('reschedule-dialog');
    const choices = move.getByTestId('alternatives').locator('label');
    await scanBoth(winner, 'agenda-reschedule-dialog', async (lang) => {
      await card.getByRole('button', { name: new RegExp(`^${t(lang, 'reschedule_action')}`) }).click();
      await expect.poll(() => choices.count()).toBeGreaterThan(0);
    });
    await card.getByRole('button', { name: new RegExp(`^${t('en', 'reschedule_action')}`) }).click();
    await expect.poll(() => choices.first().textContent()).toContain('10:20–10:40');
    await nearest.locator('li').first().getByRole('button').click();
    await expect.poll(() => loser.locator('#book-outcome').textContent()).toContain(GWENLLIAN.name);

    await choices.first().click();
    await move.getByRole('button', { name: t('en', 'reschedule_confirm') }).click();
    await expect.poll(() => move.getByRole('alert').textContent()).toContain(t('en', 'reschedule_taken'));
    await expect.poll(() => choices.allTextContents()).not.toContainEqual(expect.stringContaining('10:20–10:40'));
    await expect.poll(() => choices.first().textContent()).toContain('11:00–11:20');
    await choices.first().click();
    await move.getByRole('button', { name: t('en', 'reschedule_confirm') }).click();
    await expect.poll(() => winner.getByRole('status').filter({ hasText: '11:00–11:20' }).count()).toBe(1);
    await expect.poll(() => move.isVisible()).toBe(false);
    await expect.poll(() => card.textContent()).toContain('11:00–11:20');

    // Cancelling asks first, in a dialog (scanned in both languages), and says so afterwards.
    await scanBoth(winner, 'agenda-cancel-dialog', async (lang) => {
      await card.getByRole('button', { name: new RegExp(`^${t(lang, 'cancel_action')}`) }).click();
    });
    await card.getByRole('button', { name: new RegExp(`^${t('en', 'cancel_action')}`) }).click();
    await winner.getByLabel(t('en', 'cancel_reason')).fill('Something came up.');
    await winner.getByRole('button', { name: t('en', 'cancel_confirm_yes') }).click();
    await expect.poll(() => winner.getByText(t('en', 'cancel_done')).count()).toBe(1);
  }, 180_000);

  it('a meeting the auto-schedule proposes is confirmed by one side, then the other, on their agendas', async () => {
    // A session of its own: Huw hosts, Priya is the only guest and has asked him (he has not answered),
    // so the schedule pairs them as a one-sided request: PROPOSED, for each to confirm.
    const rhys = apiClient(base);
    await rhys(LogInDocument, { input: { email: RHYS.email, password: DEMO_PASSWORD } });
    const start = londonAt(13, 14);
    const { createSession } = await rhys(CreateSessionDocument, {
      input: {
        titleCy: `Sesiwn a drefnwyd ${stamp}`,
        titleEn: `Scheduled session ${stamp}`,
        theme: 'OPEN',
        deliveryLanguage: 'BILINGUAL',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 40 * 60_000).toISOString(),
        slotMinutes: 20,
      },
    });
    await rhys(PublishSessionDocument, { id: createSession.id });
    let huwId = '';
    for (const [person, role] of [
      [HUW, 'HOST'],
      [PRIYA, 'GUEST'],
    ] as const) {
      const call = apiClient(base);
      const me = (await call(LogInDocument, { input: { email: person.email, password: DEMO_PASSWORD } })).logIn;
      if (person === HUW) huwId = me.id;
      await call(RegisterForSessionDocument, { input: { sessionId: createSession.id, role } });
      if (role === 'HOST')
        await call(OfferSlotsDocument, { input: { sessionId: createSession.id, slotIndexes: [0, 1], seats: 1 } });
      else
        await call(SendMeetingRequestDocument, {
          input: { sessionId: createSession.id, toUserId: huwId, message: '' },
        });
    }
    const run = (await rhys(StartAutoScheduleDocument, { sessionId: createSession.id })).startAutoSchedule;
    await expect
      .poll(async () => (await rhys(ScheduleRunDocument, { id: run.id })).scheduleRun.status, { timeout: 30_000 })
      .toBe('READY');
    const draft = (await rhys(ScheduleRunDocument, { id: run.id })).scheduleRun.draft!;
    expect(
      draft.meetings.map((meeting) => [meeting.host.displayName, meeting.guests[0]?.displayName, meeting.willBe]),
      JSON.stringify(draft),
    ).toEqual([[HUW.name, PRIYA.name, 'PROPOSED']]);
    await rhys(PublishAutoScheduleDocument, { id: run.id });

    for (const [person, done] of [
      [PRIYA, 'agenda_confirmed_waiting'],
      [HUW, 'agenda_confirmed_done'],
    ] as const) {
      const page = await newPage();
      await signIn(page, person);
      const lang = await htmlLang(page);
      await page.goto(`${base}/agenda`);
      const card = page
        .getByTestId('agenda')
        .locator('li', { hasText: new RegExp(`Sesiwn a drefnwyd ${stamp}|Scheduled session ${stamp}`) });
      await expect.poll(() => card.textContent()).toContain(t(lang, 'agenda_proposed_intro'));
      await expect.poll(() => card.textContent()).toContain(t(lang, 'meeting_proposed'));
      if (person === PRIYA) {
        await scanBoth(page, 'agenda-proposed-decline-dialog', async (shown) => {
          await card.getByRole('button', { name: new RegExp(`^${t(shown, 'agenda_decline_action')}`) }).click();
        });
        await checkPage(page, `agenda-proposed-${lang}`);
      }
      await card.getByRole('button', { name: new RegExp(`^${t(lang, 'agenda_confirm_action')}`) }).click();
      await expect.poll(() => page.getByText(t(lang, done)).count()).toBe(1);
      await expect.poll(() => focused(page)).toMatchObject({ tag: 'DIV' });
    }
  }, 120_000);

  it('the profile: taxonomies as filterable checkbox groups, saved and shown again', async () => {
    const sioned = await newPage();
    await signIn(sioned, SIONED);
    await sioned.goto(`${base}/profile`);
    const conditions = sioned.getByRole('group', { name: t('en', 'profile_conditions'), exact: true });
    await expect.poll(() => conditions.getByRole('checkbox').count()).toBeGreaterThan(8);
    const all = await conditions.getByRole('checkbox').count();
    // The filter narrows the list (terms already chosen stay in it).
    await conditions.getByLabel(t('en', 'picker_filter', { legend: t('en', 'profile_conditions') })).fill('parkin');
    await expect.poll(() => conditions.getByRole('checkbox').count()).toBeLessThan(all);
    await expect.poll(() => conditions.getByRole('checkbox', { name: "Parkinson's" }).count()).toBe(1);
    const parkinsons = conditions.getByRole('checkbox', { name: "Parkinson's" });
    if (!(await parkinsons.isChecked())) await parkinsons.check();
    await sioned.getByRole('radio', { name: t('en', 'welsh_learner') }).check();
    await sioned.getByLabel(t('en', 'profile_offers')).fill(`Dance workshops ${stamp}`);
    await sioned.getByRole('button', { name: t('en', 'profile_save') }).click();
    await expect.poll(() => sioned.getByText(t('en', 'profile_saved')).count()).toBe(1);
    await sioned.reload();
    await expect.poll(() => sioned.getByLabel(t('en', 'profile_offers')).inputValue()).toBe(`Dance workshops ${stamp}`);
    await expect.poll(() => sioned.getByRole('checkbox', { name: "Parkinson's" }).isChecked()).toBe(true);
    await expect.poll(() => sioned.getByRole('radio', { name: t('en', 'welsh_learner') }).isChecked()).toBe(true);
    // Referral capacity is a link worker's field only.
    expect(await sioned.getByLabel(t('en', 'profile_capacity')).count()).toBe(0);
    await scanBoth(sioned, 'profile');

    // Others find her in the session's directory by what her profile offers, and read it.
    const tom = await newPage();
    await signIn(tom, TOM);
    await tom.goto(sessionUrl);
    const people = tom.getByTestId('participants').locator('li');
    await expect.poll(() => people.count()).toBeGreaterThan(2);
    await tom.getByRole('searchbox', { name: t('en', 'people_search') }).fill(`workshops ${stamp}`);
    await expect.poll(() => people.count()).toBe(1);
    await expect.poll(() => people.first().textContent()).toContain(SIONED.name);
    await people.first().getByText(t('en', 'people_profile')).click();
    await expect.poll(() => people.first().getByText(`Dance workshops ${stamp}`).isVisible()).toBe(true);
    await expect.poll(() => people.first().textContent()).toContain(t('en', 'welsh_learner'));
    await scanBoth(tom, 'session-directory');
  });

  it('an organiser makes an invitation link; the invitee accepts it and lands on their profile', async () => {
    const rhys = await newPage();
    await signIn(rhys, RHYS);
    await rhys.goto(`${base}/organiser`);
    await rhys.getByRole('link', { name: t('en', 'invite_title') }).click();
    await rhys.waitForURL(atPage(base, `/organiser/invitations`));
    // The invitee's organisation is new: add it, and it is chosen for the invitation.
    await rhys.getByText(t('en', 'org_add_title')).click();
    await rhys.getByLabel(t('en', 'org_name')).fill(`Clwstwr Llesiant ${stamp}`);
    await rhys.getByLabel(t('en', 'org_kind')).selectOption('GP_CLUSTER');
    await rhys.getByRole('button', { name: t('en', 'org_add_action') }).click();
    await expect
      .poll(() => rhys.getByText(t('en', 'org_added', { name: `Clwstwr Llesiant ${stamp}` })).count())
      .toBe(1);
    await expect
      .poll(() => rhys.locator('#invite-organisation option:checked').textContent())
      .toBe(`Clwstwr Llesiant ${stamp}`);
    await rhys.getByLabel(t('en', 'field_email')).fill(`linkworker.${stamp}@example.test`);
    await rhys.getByRole('checkbox', { name: t('en', 'role_practitioner') }).uncheck();
    await rhys.getByRole('checkbox', { name: t('en', 'role_link_worker') }).check();
    await rhys.getByRole('button', { name: t('en', 'invite_action') }).click();
    const link = rhys.getByLabel(t('en', 'invite_link'));
    await expect.poll(() => link.inputValue()).toMatch(/\/invitation\/[\w-]+$/);
    await expect.poll(() => focused(rhys)).toMatchObject({ tag: 'INPUT' });
    const url = await link.inputValue();
    await scanBoth(rhys, 'organiser-invitations');

    const invitee = await newPage('cy-GB');
    await invitee.goto(url.replace(/^https?:\/\/[^/]+/, base));
    await expect.poll(() => invitee.getByRole('heading', { level: 1 }).textContent()).toBe(t('cy', 'invitation_title'));
    await scanBoth(invitee, 'invitation');
    await invitee.getByLabel(t('cy', 'field_display_name')).fill(`Gweithiwr Cyswllt ${stamp}`);
    await invitee.getByLabel(t('cy', 'field_password')).fill('cyswllt-gwahoddiad-2027');
    await invitee.getByRole('button', { name: t('cy', 'invitation_accept') }).click();
    await invitee.waitForURL(atPage(base, `/profile?welcome=1`));
    await expect.poll(() => invitee.getByText(t('cy', 'profile_welcome')).count()).toBe(1);
    // The name can be changed here too; the header follows.
    await invitee.getByLabel(t('cy', 'field_display_name')).fill(`Gweithiwr Cyswllt Newydd ${stamp}`);
    await invitee.getByRole('button', { name: t('cy', 'profile_name_save') }).click();
    await expect
      .poll(() => invitee.getByText(t('cy', 'signed_in_as', { name: `Gweithiwr Cyswllt Newydd ${stamp}` })).count())
      .toBe(1);
    // A link worker's profile asks for their monthly referral capacity.
    await invitee.getByLabel(t('cy', 'profile_capacity')).fill('12');
    await invitee.getByRole('button', { name: t('cy', 'profile_save') }).click();
    await expect.poll(() => invitee.getByText(t('cy', 'profile_saved')).count()).toBe(1);
    // The link works once.
    const again = await newPage();
    await again.goto(url.replace(/^https?:\/\/[^/]+/, base));
    await again.getByLabel(t('en', 'field_display_name')).fill('Someone else');
    await again.getByLabel(t('en', 'field_password')).fill('cyswllt-gwahoddiad-2027');
    await again.getByRole('button', { name: t('en', 'invitation_accept') }).click();
    await expect
      .poll(() => again.locator('[data-error-code]').first().getAttribute('data-error-code'))
      .toBe('INVITATION_INVALID');
    await checkPage(again, 'invitation-used-en');
  });

  it('a practitioner proposes a theme; an organiser declines one and accepts another into a draft session', async () => {
    const sioned = await newPage();
    await signIn(sioned, SIONED);
    for (const title of [`Music and memory ${stamp}`, `Gardening together ${stamp}`]) {
      await sioned.goto(`${base}/proposals/new`);
      await sioned.getByLabel(t('en', 'propose_field_title')).fill(title);
      await sioned.getByLabel(t('en', 'propose_field_description')).fill('For carers and the people they care for.');
      await sioned.getByRole('button', { name: t('en', 'propose_action') }).click();
      await sioned.waitForURL(atPage(base, `/proposals?proposed=1`));
    }
    await expect.poll(() => sioned.getByText(t('en', 'propose_done')).count()).toBe(1);
    await expect
      .poll(() =>
        sioned
          .getByTestId('proposal')
          .filter({ hasText: `Music and memory ${stamp}` })
          .count(),
      )
      .toBe(1);
    await sioned.goto(`${base}/proposals/new`);
    await scanBoth(sioned, 'proposal-new');

    const rhys = await newPage();
    await signIn(rhys, RHYS);
    await rhys.goto(`${base}/proposals`);
    const music = rhys.getByTestId('proposal').filter({ hasText: `Music and memory ${stamp}` });
    await expect.poll(() => music.count()).toBe(1);
    await scanBoth(rhys, 'proposals-organiser');
    await scanBoth(rhys, 'proposals-decline-dialog', async (lang) => {
      await music.getByRole('button', { name: new RegExp(`^${t(lang, 'proposals_decline')}`) }).click();
    });
    await music.getByRole('button', { name: new RegExp(`^${t('en', 'proposals_decline')}`) }).click();
    await rhys.getByLabel(t('en', 'proposals_decline_reason')).fill('We have a music session in the spring already.');
    await rhys.getByRole('button', { name: t('en', 'proposals_decline_confirm') }).click();
    await expect
      .poll(() => rhys.getByText(t('en', 'proposals_declined_done', { title: `Music and memory ${stamp}` })).count())
      .toBe(1);

    const gardening = rhys.getByTestId('proposal').filter({ hasText: `Gardening together ${stamp}` });
    await gardening.getByRole('link', { name: new RegExp(`^${t('en', 'proposals_accept')}`) }).click();
    await rhys.waitForURL(/\/organiser\/new\?proposal=/);
    await expect.poll(() => rhys.getByTestId('from-proposal').count()).toBe(1);
    await expect
      .poll(() => rhys.getByLabel(t('en', 'field_title_en')).inputValue())
      .toBe(`Gardening together ${stamp}`);
    await checkPage(rhys, 'proposal-to-session-en');
    await rhys.getByLabel(t('en', 'field_title_cy')).fill(`Garddio gyda'n gilydd ${stamp}`);
    await rhys.getByRole('button', { name: t('en', 'create_session_action') }).click();
    await rhys.waitForURL(/\/sessions\/[0-9a-f-]+\?created=1$/);
    await expect.poll(() => rhys.getByTestId('session-status').textContent()).toBe(t('en', 'status_draft'));

    // Its organiser edits it: a new English title, a day later, then cancels it after a confirmation.
    await rhys.getByRole('link', { name: t('en', 'edit_link') }).click();
    await rhys.waitForURL(/\/sessions\/[0-9a-f-]+\/edit$/);
    const title = rhys.getByLabel(t('en', 'field_title_en'));
    await expect.poll(() => title.inputValue()).toBe(`Gardening together ${stamp}`);
    await title.fill(`Gardening for wellbeing ${stamp}`);
    await rhys
      .getByTestId('edit-about')
      .getByRole('button', { name: t('en', 'edit_save') })
      .click();
    await expect.poll(() => rhys.getByText(t('en', 'edit_saved')).count()).toBe(1);
    const [y, mo, d] = (await readDate(rhys, 'move-date')).split('-').map(Number) as [number, number, number];
    await fillDate(rhys, 'move-date', new Date(Date.UTC(y, mo - 1, d + 1)).toISOString().slice(0, 10));
    await rhys.getByRole('button', { name: t('en', 'edit_move_action') }).click();
    await expect.poll(() => rhys.locator('#move-outcome .notice.success').count()).toBe(1);
    await expect
      .poll(() => readDate(rhys, 'move-date'))
      .toBe(new Date(Date.UTC(y, mo - 1, d + 1)).toISOString().slice(0, 10));
    // A later end adds a slot at the end (10:00–12:00 in 20-minute slots is six; to 12:20, seven).
    await expect.poll(() => rhys.getByText(t('en', 'edit_end_intro', { count: 6 })).count()).toBe(1);
    await fillTime(rhys, 'end-time', '12:20');
    await rhys.getByRole('button', { name: t('en', 'edit_end_action') }).click();
    await expect.poll(() => rhys.locator('#end-outcome .notice.success').count()).toBe(1);
    await expect.poll(() => rhys.getByText(t('en', 'edit_end_intro', { count: 7 })).count()).toBe(1);
    // A draft's slot length and breaks change too: to 12:30 in 30-minute slots (five), the second a break.
    await fillTime(rhys, 'end-time', '12:30');
    await rhys.getByLabel(t('en', 'field_slot_minutes')).selectOption({ label: t('en', 'minutes', { count: 30 }) });
    const preview = rhys.getByTestId('slot-preview');
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(5);
    await preview.locator('tbody tr').nth(1).getByRole('checkbox').check();
    await expect
      .poll(() => rhys.getByTestId('preview-summary').textContent())
      .toContain(t('en', 'preview_summary', { date: '', slots: 4, breaks: 1 }).slice(2));
    await rhys.getByRole('button', { name: t('en', 'edit_end_action') }).click();
    await expect.poll(() => rhys.getByText(t('en', 'edit_end_intro', { count: 5 })).count()).toBe(1);
    await expect.poll(() => preview.locator('tbody tr').nth(1).getByRole('checkbox').isChecked()).toBe(true);
    await scanBoth(rhys, 'session-edit-cancel-dialog', async (lang) => {
      await rhys.getByRole('button', { name: t(lang, 'edit_cancel_action') }).click();
    });
    await checkPage(rhys, 'session-edit-en');
    await rhys.getByRole('button', { name: t('en', 'edit_cancel_action') }).click();
    await rhys.getByLabel(t('en', 'edit_cancel_reason')).fill('The venue is not available.');
    await rhys.getByRole('button', { name: t('en', 'edit_cancel_confirm') }).click();
    await expect.poll(() => rhys.getByText(t('en', 'edit_cancelled')).count()).toBe(1);
    await expect.poll(() => rhys.getByText(t('en', 'edit_not_editable')).count()).toBe(1);

    // The proposer sees both decisions.
    await sioned.goto(`${base}/proposals`);
    const mine = sioned.getByTestId('proposal');
    await expect
      .poll(() => mine.filter({ hasText: `Music and memory ${stamp}` }).textContent())
      .toContain('We have a music session in the spring already.');
    await expect
      .poll(() =>
        mine
          .filter({ hasText: `Gardening together ${stamp}` })
          .getByRole('link', { name: new RegExp(t('en', 'proposals_see_session')) })
          .count(),
      )
      .toBe(1);
  }, 180_000);

  it('the sessions calendar: the month as a grid, moved through with the arrow keys', async () => {
    const page = await newPage();
    await signIn(page, TOM);
    const month = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
    }).format(sessionStart);
    await page.goto(`${base}/sessions?view=calendar&month=${month}`);
    const grid = page.getByRole('grid');
    await expect.poll(() => grid.getByRole('link', { name: new RegExp(TITLE_EN) }).count()).toBe(1);
    const day = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric' }).format(sessionStart),
    );
    await grid.locator(`[data-day="${day}"]`).focus();
    await page.keyboard.press('ArrowLeft');
    const previous = day === 1 ? null : String(day - 1);
    if (previous)
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-day'))).toBe(previous);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-day'))).toBe(String(day));
    // Tab from the active day goes to its session.
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'A' });
    await expect.poll(async () => (await focused(page)).text).toContain(TITLE_EN);
    // Page Down shows the next month, keeping focus in the grid.
    await grid.locator(`[data-day="${day}"]`).focus();
    await page.keyboard.press('PageDown');
    await page.waitForURL((url) => url.searchParams.get('month') !== month);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('gridcell');
    await page.keyboard.press('PageUp');
    await page.waitForURL((url) => url.searchParams.get('month') === month);
    await scanBoth(page, 'sessions-calendar');
  });
});
