import { JoinMeetingDocument, LogInDocument } from '@cyswllt/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, contextDefaults, launchChromium, type Lang, t } from './support/browser';
import { apiClient, DEMO_PASSWORD } from './support/global-setup';
import {
  CALL_ARGS,
  joinCall,
  bareLiveKitPage,
  type LiveKitClient,
  roomOfToken,
  serviceToken,
} from './support/livekit-page';
import { meetingAboutToStart, signIn } from './support/meeting-about-to-start';

/**
 * Live captions on a real LiveKit server (docs/interpretation-and-access.md#captions, issue #22
 * point 3). Gwenllian (English, on a phone screen) and Hannah (Welsh) are in a call. Hannah asked
 * for captions when she booked, so they are on for her from the start. A test participant standing
 * in for the operator's speech-to-text agent (a bare livekit-client whose token may publish data only) publishes transcription segments on the
 * `lk.transcription` text stream, naming the transcribed microphone tracks: an interim version of
 * Hannah's words, Gwenllian's words, then Hannah's final words. Hannah sees them in the order they
 * began, with the speakers' names, the interim replaced in place; Gwenllian, who has not asked for
 * captions, sees none but is told captions are on, as is Hannah. When the agent leaves, the notice goes.
 *
 * Without livekit-server this file is skipped locally and FAILS under CI=true.
 */
const base = inject('e2eBaseUrl');
const hasLiveKit = inject('e2eLiveKit');
const inCi = process.env.CI === 'true';

const ORGANISER = 'siwan.pugh@cyswllt.example';
const GWENLLIAN = { email: 'gwenllian.jones@cyswllt.example', lang: 'en' as Lang };
const HANNAH = { email: 'hannah.lewis@cyswllt.example', lang: 'cy' as Lang };

const joinRoom = (page: Page, lang: Lang, meetingId: string, button?: 'join-call' | 'join-audio-only') =>
  joinCall(page, base, lang, meetingId, button);

/** The caption lines a page shows: speaker identity, the text as read, and whether final. */
const captionLines = (page: Page) =>
  page.getByTestId('caption').evaluateAll((items) =>
    items.map((li) => ({
      speaker: (li as HTMLElement).dataset.speaker,
      text: li.textContent?.replace(/\s+/g, ' ').trim(),
      final: (li as HTMLElement).dataset.final === 'true',
    })),
  );

describe.skipIf(!hasLiveKit && !inCi)('live captions on a real LiveKit server', { timeout: 120_000 }, () => {
  let browser: Browser;
  let gwenllian: Page;
  let hannah: Page;
  let agent: Page;
  let meetingId: string;
  const ids: Record<'gwenllian' | 'hannah', string> = { gwenllian: '', hannah: '' };

  beforeAll(async () => {
    if (!hasLiveKit) throw new Error('livekit-server is not installed (CI=true): `npm run provision` builds it.');
    ({ meetingId } = await meetingAboutToStart(
      base,
      { organiser: ORGANISER, host: GWENLLIAN, guest: HANNAH },
      { cy: 'Cyfarfod gyda chapsiynau', en: 'Meeting with captions' },
      // Hannah asks for captions when she books: the room shows them to her from the start.
      { needs: ['CAPTIONS'], consent: true },
    ));
    for (const [who, person] of [
      ['gwenllian', GWENLLIAN],
      ['hannah', HANNAH],
    ] as const) {
      const client = apiClient(base);
      ids[who] = (await client(LogInDocument, { input: { email: person.email, password: DEMO_PASSWORD } })).logIn.id;
    }
    browser = await launchChromium(CALL_ARGS);
    const media = { ...contextDefaults, permissions: ['camera', 'microphone'], timezoneId: 'Europe/London' };
    gwenllian = await (
      await browser.newContext({
        ...media,
        locale: 'en-GB',
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      })
    ).newPage();
    hannah = await (await browser.newContext({ ...media, locale: 'cy-GB' })).newPage();
    await signIn(base, gwenllian, GWENLLIAN.lang, GWENLLIAN.email);
    await signIn(base, hannah, HANNAH.lang, HANNAH.email);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('captions asked for at booking are on from the start; the agent’s segments reach them in order, with the speakers’ names', async () => {
    await joinRoom(gwenllian, GWENLLIAN.lang, meetingId);
    await joinRoom(hannah, HANNAH.lang, meetingId);
    // Nobody is making captions yet: no notice.
    expect(await hannah.getByTestId('captions-notice').count()).toBe(0);
    const toggle = hannah.getByRole('button', { name: t('cy', 'room_captions_show'), exact: true });
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await expect
      .poll(() => hannah.getByTestId('caption-log').textContent())
      .toContain(t('cy', 'room_captions_waiting'));

    // The agent: a token that may publish data, nothing else.
    const organiser = apiClient(base);
    await organiser(LogInDocument, { input: { email: ORGANISER, password: DEMO_PASSWORD } });
    const ticket = (await organiser(JoinMeetingDocument, { meetingId, hidden: true })).joinMeeting;
    const token = await serviceToken(roomOfToken(ticket.token), 'captions-agent', 'Captions', {
      canPublish: false,
      canSubscribe: false,
      canPublishData: true,
    });
    agent = await bareLiveKitPage(await browser.newContext(contextDefaults), base);
    await agent.evaluate(
      async ({ url, token, speakers }) => {
        const lk = (window as unknown as { LivekitClient: LiveKitClient }).LivekitClient;
        const room = new lk.Room();
        (window as unknown as { agentRoom: unknown }).agentRoom = room;
        await room.connect(url, token, { autoSubscribe: false });
        // The microphone track each speaker publishes: captions name the transcribed track.
        const micOf = async (identity: string) => {
          for (;;) {
            const sid = room.remoteParticipants
              .get(identity)
              ?.getTrackPublication(lk.Track.Source.Microphone)?.trackSid;
            if (sid) return sid;
            await new Promise((r) => room.once(lk.RoomEvent.TrackPublished, r));
          }
        };
        const hannahMic = await micOf(speakers.hannah);
        const gwenllianMic = await micOf(speakers.gwenllian);
        const say = (segment: string, track: string, text: string, final: boolean) =>
          room.localParticipant.sendText(text, {
            topic: 'lk.transcription',
            attributes: {
              'lk.segment_id': segment,
              'lk.transcribed_track_id': track,
              'lk.transcription_final': String(final),
            },
          });
        await say('seg-1', hannahMic, 'Bore da', false);
        await say('seg-2', gwenllianMic, 'Good morning, everyone.', true);
        await say('seg-1', hannahMic, 'Bore da, bawb.', true);
      },
      { url: ticket.url, token, speakers: ids },
    );

    await expect
      .poll(() => captionLines(hannah))
      .toEqual([
        { speaker: ids.hannah, text: 'Hannah Lewis: Bore da, bawb.', final: true },
        { speaker: ids.gwenllian, text: 'Gwenllian Jones: Good morning, everyone.', final: true },
      ]);
    // The region is a live log, named in the page's language.
    const log = hannah.getByRole('log', { name: t('cy', 'room_captions_label') });
    expect(await log.getAttribute('aria-live')).toBe('polite');
    // Everyone is told captions are on, whether they show them or not; never as a replacement for an interpreter.
    await expect
      .poll(() => hannah.getByTestId('captions-notice').textContent())
      .toContain(t('cy', 'room_captions_notice'));
    await expect
      .poll(() => gwenllian.getByTestId('captions-notice').textContent())
      .toContain(t('en', 'room_captions_notice'));
    expect(await gwenllian.getByTestId('caption').count()).toBe(0);
    // The agent is a service, not someone in the meeting: no tile for it.
    expect(await hannah.locator('[data-testid="tile"][data-identity="captions-agent"]').count()).toBe(0);
    await checkPage(hannah, 'captions-cy');
  });

  it('on a phone, the captions asked for later show what was said, readable at that size', async () => {
    await gwenllian.getByRole('button', { name: t('en', 'room_captions_show'), exact: true }).click();
    await expect.poll(() => captionLines(gwenllian)).toHaveLength(2);
    expect((await captionLines(gwenllian)).map((l) => l.speaker)).toEqual([ids.hannah, ids.gwenllian]);
    const fit = await gwenllian.getByTestId('caption-log').evaluate((el) => ({
      right: el.getBoundingClientRect().right,
      width: window.innerWidth,
      overflows: el.scrollWidth > el.clientWidth,
      fontSize: parseFloat(getComputedStyle(el).fontSize),
    }));
    expect(fit.right).toBeLessThanOrEqual(fit.width);
    expect(fit.overflows).toBe(false);
    expect(fit.fontSize).toBeGreaterThanOrEqual(16);
    await checkPage(gwenllian, 'captions-phone-en');
  });

  it('when the agent leaves, the notice goes', async () => {
    await agent.evaluate(() =>
      (window as unknown as { agentRoom: { disconnect(): Promise<void> } }).agentRoom.disconnect(),
    );
    await expect.poll(() => hannah.getByTestId('captions-notice').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => gwenllian.getByTestId('captions-notice').count(), { timeout: 20_000 }).toBe(0);
    // What was said stays readable.
    expect(await captionLines(hannah)).toHaveLength(2);
  });
});
