import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, contextDefaults, launchChromium, type Lang, t } from './support/browser';
import { CALL_ARGS, joinCall } from './support/livekit-page';
import { meetingAboutToStart, signIn } from './support/meeting-about-to-start';
import { startThrottleProxy, steerIceToProxy, type ThrottleProxy } from './support/throttle-proxy';

/**
 * A poor connection on a real LiveKit server (docs/interpretation-and-access.md#poor-connections,
 * issue #22 point 4). Chromium's network emulation does not throttle WebRTC media, so Rachel's
 * media is forced over ICE-TCP (the server's UDP candidates are dropped in her page, its TCP
 * candidate pointed at a proxy) through a loopback proxy that carries 300 kbps each way and loses
 * 5 % of the packets (support/throttle-proxy.ts). Iwan is on a good connection. Rachel's call stays
 * up, in audio both ways over the proxy, and falls back to audio only by itself, saying so. (On
 * this link LiveKit's connection quality still reads good or excellent; the browser's own upload
 * estimate, about 180 to 240 kbit/s, is what reads poor: see POOR_UPLINK_BPS.)
 *
 * Without livekit-server this file is skipped locally and FAILS under CI=true.
 */
const base = inject('e2eBaseUrl');
const hasLiveKit = inject('e2eLiveKit');
const tcpPort = inject('e2eLiveKitTcpPort');
const inCi = process.env.CI === 'true';

const ORGANISER = 'siwan.pugh@cyswllt.example';
const RACHEL = { email: 'rachel.evans@cyswllt.example', lang: 'en' as Lang };
const IWAN = { email: 'iwan.parry@cyswllt.example', lang: 'cy' as Lang };
const KBPS = 300;
const LOSS = 0.05;

/** Rachel's media path and audio counters, from her peer connections' stats. */
function mediaPath(page: Page) {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    const pairs: { protocol: string; remotePort: number }[] = [];
    let audioSent = 0;
    let audioReceived = 0;
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      const stats = [...(await pc.getStats()).values()] as Record<string, unknown>[];
      const byId = new Map(stats.map((s) => [s.id as string, s]));
      for (const s of stats) {
        if (s.type === 'transport' && s.selectedCandidatePairId) {
          const pair = byId.get(s.selectedCandidatePairId as string);
          const local = byId.get(pair?.localCandidateId as string);
          const remote = byId.get(pair?.remoteCandidateId as string);
          if (local && remote) pairs.push({ protocol: String(local.protocol), remotePort: Number(remote.port) });
        }
        if (s.type === 'outbound-rtp' && s.kind === 'audio') audioSent += Number(s.bytesSent ?? 0);
        if (s.type === 'inbound-rtp' && s.kind === 'audio') audioReceived += Number(s.bytesReceived ?? 0);
      }
    }
    return { pairs, audioSent, audioReceived };
  });
}

const joinRoom = (page: Page, lang: Lang, meetingId: string, button?: 'join-call' | 'join-audio-only') =>
  joinCall(page, base, lang, meetingId, button);

describe.skipIf(!hasLiveKit && !inCi)(
  'a poor connection: media over TCP at 300 kbps with 5 % loss',
  { timeout: 150_000 },
  () => {
    let browser: Browser;
    let proxy: ThrottleProxy;
    let rachel: Page;
    let iwan: Page;
    let meetingId: string;

    beforeAll(async () => {
      if (!hasLiveKit) throw new Error('livekit-server is not installed (CI=true): `npm run provision` builds it.');
      ({ meetingId } = await meetingAboutToStart(
        base,
        { organiser: ORGANISER, host: RACHEL, guest: IWAN },
        { cy: 'Cyfarfod ar gysylltiad gwael', en: 'Meeting on a poor connection' },
      ));
      proxy = await startThrottleProxy({ upstreamPort: tcpPort, kbps: KBPS, loss: LOSS });
      browser = await launchChromium(CALL_ARGS);
      const media = { ...contextDefaults, permissions: ['camera', 'microphone'], timezoneId: 'Europe/London' };
      const rachelContext = await browser.newContext({ ...media, locale: 'en-GB' });
      await rachelContext.addInitScript(steerIceToProxy, { realPort: tcpPort, proxyPort: proxy.port });
      rachel = await rachelContext.newPage();
      iwan = await (await browser.newContext({ ...media, locale: 'cy-GB' })).newPage();
      await signIn(base, rachel, RACHEL.lang, RACHEL.email);
      await signIn(base, iwan, IWAN.lang, IWAN.email);
    });

    afterAll(async () => {
      await browser?.close();
      await proxy?.close();
    });

    it('the call stays up in audio over the throttled path, and falls back to audio only with a notice', async () => {
      await joinRoom(iwan, IWAN.lang, meetingId);
      await joinRoom(rachel, RACHEL.lang, meetingId);

      // Her media goes over TCP, through the proxy, and only there.
      await expect
        .poll(async () => (await mediaPath(rachel)).pairs, { timeout: 30_000 })
        .toEqual(expect.arrayContaining([{ protocol: 'tcp', remotePort: proxy.port }]));
      expect((await mediaPath(rachel)).pairs.every((p) => p.protocol === 'tcp' && p.remotePort === proxy.port)).toBe(
        true,
      );

      // Her connection reads poor for long enough: video goes off by itself, with the way back.
      const notice = rachel.getByTestId('auto-audio-only');
      await expect.poll(() => notice.count(), { timeout: 75_000 }).toBe(1);
      expect(await notice.textContent()).toContain(t('en', 'room_auto_audio_only'));
      await expect(notice.getByRole('button', { name: t('en', 'room_back_to_video') }).isVisible()).resolves.toBe(true);
      expect(
        await rachel
          .getByRole('button', { name: t('en', 'room_audio_only_action'), exact: true })
          .getAttribute('aria-pressed'),
      ).toBe('true');

      // Still in the call, and audio still flows both ways through the proxy, which goes on
      // dropping packets (a few seconds of audio: 1 in 20 dropped, so some within the wait).
      const before = await mediaPath(rachel);
      const dropped = proxy.stats.dropped;
      await expect
        .poll(async () => {
          const now = await mediaPath(rachel);
          return (
            now.audioSent > before.audioSent + 2_000 &&
            now.audioReceived > before.audioReceived + 2_000 &&
            proxy.stats.dropped > dropped
          );
        })
        .toBe(true);
      expect(await rachel.getByTestId('room-state').getAttribute('data-state')).toBe('connected');
      // Iwan still hears her.
      const rachelId = await rachel
        .locator('[data-testid="tile"][data-local="true"]')
        .first()
        .getAttribute('data-identity');
      expect(await iwan.locator(`audio[data-identity="${rachelId}"]`).count()).toBe(1);
      // Iwan, on a good connection with his camera on, keeps his video.
      expect(await iwan.getByTestId('auto-audio-only').count()).toBe(0);
      console.info(
        `poor connection: ${proxy.stats.packets} packets through the proxy, ${proxy.stats.dropped} dropped (${
          Math.round((proxy.stats.dropped / proxy.stats.packets) * 1000) / 10
        } %, the queue included), ${Math.round(proxy.stats.bytes / 1024)} KiB passed`,
      );
      await checkPage(rachel, 'poor-connection-en');
    });
  },
);
