import {
  AssignInterpreterDocument,
  InterpreterCandidatesDocument,
  JoinMeetingDocument,
  LogInDocument,
} from '@cyswllt/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, contextDefaults, launchChromium, type Lang, t } from './support/browser';
import { apiClient, DEMO_PASSWORD } from './support/global-setup';
import { CALL_ARGS, joinCall, bareLiveKitPage, type LiveKitClient } from './support/livekit-page';
import { meetingAboutToStart, signIn } from './support/meeting-about-to-start';

/**
 * Interpretation channels on a real LiveKit server (docs/interpretation-and-access.md, issue #22).
 *
 * An organiser assigns Gwenno (interpreter role) to a one-to-one between Mark (English, on a phone
 * screen, joining by audio only) and Ffion (Welsh). All three join in Chromium with fake media. Gwenno publishes
 * `interp-cy` and `interp-en` and goes on air; F9 switches her to English→Welsh. Ffion picks
 * "Cymraeg" with the keyboard: she is subscribed to Gwenno's cy track and not the en one, that
 * audio element plays, and the floor is ducked; Mark on "Original" is subscribed to no channel.
 * Ffion's choice is remembered when she comes back. A forged `interp-cy` from the organiser (a
 * bare livekit-client with a genuine token) is refused by the server: the forger is disconnected
 * and no listener ever subscribed to it. Dewi, a second interpreter, takes over from Gwenno.
 *
 * Without livekit-server this file is skipped locally and FAILS under CI=true.
 */
const base = inject('e2eBaseUrl');
const hasLiveKit = inject('e2eLiveKit');
const inCi = process.env.CI === 'true';

const ORGANISER = 'rhys.meredith@cyswllt.example';
const MARK = { email: 'mark.thomas@cyswllt.example', lang: 'en' as Lang };
const FFION = { email: 'ffion.prydderch@cyswllt.example', lang: 'cy' as Lang };
const GWENNO = { email: 'gwenno.rowlands@cyswllt.example', lang: 'cy' as Lang };
const DEWI = { email: 'dewi.bevan@cyswllt.example', lang: 'en' as Lang };

/** What a listener's page plays: each remote audio element, its channel, volume and whether media arrives. */
function audioElements(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLAudioElement>('audio[data-channel]')].map((el) => {
      const track = (el.srcObject as MediaStream | null)?.getAudioTracks()[0];
      return {
        identity: el.dataset.identity!,
        channel: el.dataset.channel!,
        volume: el.volume,
        // Attached and not paused, its media track live, and its publisher not muted.
        playing: !el.paused && !!track && track.readyState === 'live' && el.dataset.live === 'true',
      };
    }),
  );
}

const subscribed = async (page: Page) =>
  ((await page.getByTestId('channels').getAttribute('data-subscribed')) ?? '').split(' ').filter(Boolean);

const joinRoom = (page: Page, lang: Lang, meetingId: string, button?: 'join-call' | 'join-audio-only') =>
  joinCall(page, base, lang, meetingId, button);

describe.skipIf(!hasLiveKit && !inCi)('interpretation channels on a real LiveKit server', { timeout: 120_000 }, () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let mark: Page;
  let ffion: Page;
  let gwenno: Page;
  let meetingId: string;
  let gwennoId: string;
  let dewiId: string;
  let organiserId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!hasLiveKit) throw new Error('livekit-server is not installed (CI=true): `npm run provision` builds it.');
    ({ meetingId } = await meetingAboutToStart(
      base,
      { organiser: ORGANISER, host: MARK, guest: FFION },
      { cy: 'Cyfarfod dwyieithog', en: 'Bilingual meeting' },
    ));
    const organiser = apiClient(base);
    organiserId = (await organiser(LogInDocument, { input: { email: ORGANISER, password: DEMO_PASSWORD } })).logIn.id;
    const candidates = (await organiser(InterpreterCandidatesDocument, {})).interpreterCandidates;
    gwennoId = candidates.find((c) => c.displayName === 'Gwenno Rowlands')!.userId;
    dewiId = candidates.find((c) => c.displayName === 'Dewi Bevan')!.userId;
    for (const userId of [gwennoId, dewiId])
      await organiser(AssignInterpreterDocument, { input: { meetingId, userId, languages: ['cy', 'en'] } });

    browser = await launchChromium(CALL_ARGS);
    const media = { ...contextDefaults, permissions: ['camera', 'microphone'], timezoneId: 'Europe/London' };
    const open = async (options: object) => {
      const context = await browser.newContext({ ...media, ...options });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') pageErrors.push(`console: ${msg.text()}`);
      });
      return page;
    };
    // Mark is on a phone-sized screen.
    mark = await open({ locale: 'en-GB', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    ffion = await open({ locale: 'cy-GB' });
    gwenno = await open({ locale: 'cy-GB' });
    await signIn(base, mark, MARK.lang, MARK.email);
    await signIn(base, ffion, FFION.lang, FFION.email);
    await signIn(base, gwenno, GWENNO.lang, GWENNO.email);
  });

  afterAll(async () => {
    await browser?.close();
    if (pageErrors.length > 0) console.error(`page errors:\n${pageErrors.join('\n')}`);
  });

  it('the interpreter joins, publishes both channels and goes on air; F9 switches the direction', async () => {
    await joinRoom(gwenno, GWENNO.lang, meetingId);
    const onAir = gwenno.getByTestId('on-air');
    await expect.poll(() => onAir.getAttribute('data-on-air'), { timeout: 30_000 }).toBe('true');
    expect(await onAir.getAttribute('data-direction')).toBe('en');
    await expect.poll(() => onAir.textContent()).toContain(t('cy', 'room_direction_cy_to_en'));
    // One key, from anywhere on the page.
    await gwenno.keyboard.press('F9');
    await expect.poll(() => onAir.getAttribute('data-direction')).toBe('cy');
    await expect.poll(() => onAir.textContent()).toContain(t('cy', 'room_direction_en_to_cy'));
    // Interpreters get the interpreting panel, not the listener's choice.
    expect(await gwenno.getByTestId('channels').count()).toBe(0);
  });

  it('a listener who picks Cymraeg receives the interpreter’s cy track and not the en one; the floor is ducked', async () => {
    // Mark, on his phone, joins by audio only: no camera of his, no one's video.
    await joinRoom(mark, MARK.lang, meetingId, 'join-audio-only');
    expect(
      await mark
        .getByRole('button', { name: t('en', 'room_audio_only_action'), exact: true })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    expect(await mark.locator('[data-testid="tile"] video').count()).toBe(0);
    await joinRoom(ffion, FFION.lang, meetingId);
    // Ffion chooses by keyboard: the radio group is named by its legend.
    const group = ffion.getByRole('group', { name: t('cy', 'room_channel_legend') });
    await group.getByRole('radio', { name: t('cy', 'room_channel_original') }).focus();
    await ffion.keyboard.press('ArrowRight');
    expect(await group.getByRole('radio', { name: 'Cymraeg' }).isChecked()).toBe(true);
    await expect.poll(() => ffion.getByTestId('channels').getAttribute('data-channel')).toBe('cy');

    await expect.poll(() => subscribed(ffion), { timeout: 30_000 }).toEqual([`${gwennoId}:interp-cy`]);
    await expect
      .poll(async () => (await audioElements(ffion)).filter((a) => a.channel !== 'floor'), { timeout: 30_000 })
      .toEqual([{ identity: gwennoId, channel: 'cy', volume: 1, playing: true }]);
    // Mark's voice (the floor) is ducked under the interpreter.
    const markId = await mark.locator('[data-testid="tile"][data-local="true"]').first().getAttribute('data-identity');
    await expect
      .poll(async () => (await audioElements(ffion)).filter((a) => a.identity === markId))
      .toEqual([expect.objectContaining({ channel: 'floor', volume: 0.2 })]);
    expect(await ffion.getByTestId('channel-status').textContent()).toContain('Gwenno Rowlands');

    // Mark stays on Original: no channel at all, the floor at full volume.
    expect(await subscribed(mark)).toEqual([]);
    expect((await audioElements(mark)).every((a) => a.channel === 'floor' && a.volume === 1)).toBe(true);
    await checkPage(ffion, 'interpretation-listener-cy');
    await checkPage(mark, 'interpretation-listener-phone-en');
  });

  it('switching to English swaps the subscription; the choice is remembered when she comes back', async () => {
    const group = ffion.getByRole('group', { name: t('cy', 'room_channel_legend') });
    await group.getByRole('radio', { name: 'English' }).check();
    await expect.poll(() => subscribed(ffion), { timeout: 30_000 }).toEqual([`${gwennoId}:interp-en`]);
    await group.getByRole('radio', { name: 'Cymraeg' }).check();
    await expect.poll(() => subscribed(ffion), { timeout: 30_000 }).toEqual([`${gwennoId}:interp-cy`]);

    await ffion.reload();
    await ffion.getByTestId('join-call').click();
    await expect.poll(() => ffion.getByRole('radio', { name: 'Cymraeg' }).isChecked(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => subscribed(ffion), { timeout: 30_000 }).toEqual([`${gwennoId}:interp-cy`]);
  });

  it('a channel track published by anyone but an interpreter is refused by the server', async () => {
    // The organiser's own genuine token, used by a bare livekit-client: not an interpreter.
    const organiser = apiClient(base);
    await organiser(LogInDocument, { input: { email: ORGANISER, password: DEMO_PASSWORD } });
    const ticket = (await organiser(JoinMeetingDocument, { meetingId, hidden: false })).joinMeeting;
    const forgerContext = await browser.newContext({ ...contextDefaults, permissions: ['microphone'] });
    contexts.push(forgerContext);
    const forger = await bareLiveKitPage(forgerContext, base);
    const outcome = await forger.evaluate(
      async ({ url, token }) => {
        const lk = (window as unknown as { LivekitClient: LiveKitClient }).LivekitClient;
        const room = new lk.Room();
        const gone = new Promise<string>((done) => room.on(lk.RoomEvent.Disconnected, (r) => done(String(r))));
        await room.connect(url, token, { autoSubscribe: false });
        const track = await lk.createLocalAudioTrack();
        await room.localParticipant.publishTrack(track, { name: 'interp-cy', source: lk.Track.Source.Unknown });
        const reason = await Promise.race([
          gone,
          new Promise<string>((r) => setTimeout(() => r('still here'), 20_000)),
        ]);
        return { reason, removed: String(lk.DisconnectReason.PARTICIPANT_REMOVED) };
      },
      { url: ticket.url, token: ticket.token },
    );
    expect(outcome.reason).toBe(outcome.removed);
    // Ffion, on the Cymraeg channel all along, never took the forged track.
    expect(await subscribed(ffion)).toEqual([`${gwennoId}:interp-cy`]);
    expect((await audioElements(ffion)).some((a) => a.identity === organiserId)).toBe(false);
  });

  it('a second interpreter takes over: the first goes off air, the listener hears the second', async () => {
    const context = await browser.newContext({
      ...contextDefaults,
      permissions: ['camera', 'microphone'],
      locale: 'en-GB',
    });
    contexts.push(context);
    const dewi = await context.newPage();
    await signIn(base, dewi, DEWI.lang, DEWI.email);
    await joinRoom(dewi, DEWI.lang, meetingId);
    // Gwenno is on air: Dewi sees whose turn it is and waits.
    await expect.poll(() => dewi.getByTestId('on-air').textContent(), { timeout: 30_000 }).toContain('Gwenno Rowlands');
    expect(await dewi.getByTestId('on-air').getAttribute('data-on-air')).toBe('false');
    // Dewi interprets English→Welsh too (the cy channel) before taking over.
    await dewi.getByTestId('switch-direction').click();
    await expect.poll(() => dewi.getByTestId('on-air').getAttribute('data-direction')).toBe('cy');
    await dewi.getByTestId('take-over').click();
    await expect.poll(() => dewi.getByTestId('on-air').getAttribute('data-on-air')).toBe('true');
    await expect
      .poll(() => gwenno.getByTestId('on-air').getAttribute('data-on-air'), { timeout: 10_000 })
      .toBe('false');
    await expect
      .poll(() => ffion.getByTestId('channel-status').textContent(), { timeout: 10_000 })
      .toContain('Dewi Bevan');
    await expect
      .poll(
        async () => (await audioElements(ffion)).filter((a) => a.channel === 'cy' && a.playing).map((a) => a.identity),
        {
          timeout: 15_000,
        },
      )
      .toEqual([dewiId]);
    await checkPage(dewi, 'interpretation-interpreter-en');
  });
});
