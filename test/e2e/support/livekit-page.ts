import { AccessToken, type VideoGrant } from 'livekit-server-sdk';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Lang } from './browser';
import { DEV_API_KEY, DEV_API_SECRET } from '../../../scripts/livekit.mjs';

/**
 * A bare livekit-client in a Chromium page, outside the app: a forger with someone's genuine token,
 * or a test participant standing in for an operator's agent (a speech-to-text service). The test
 * drives it with `page.evaluate`, where `window.LivekitClient` is livekit-client.
 */
const LIVEKIT_UMD = join(dirname(createRequire(import.meta.url).resolve('livekit-client')), 'livekit-client.umd.js');

export type LiveKitClient = typeof import('livekit-client');

/** Chromium flags for a call with fake camera and microphone on loopback. */
export const CALL_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

/** Opens a meeting's room, presses Join (or "join by audio only") and waits until the call is connected. */
export async function joinCall(
  page: Page,
  base: string,
  lang: Lang,
  meetingId: string,
  button: 'join-call' | 'join-audio-only' = 'join-call',
): Promise<void> {
  await page.goto(`${base}/${lang}/meetings/${meetingId}/room`);
  await page.getByTestId(button).click({ timeout: 45_000 });
  await expect
    .poll(() => page.getByTestId('room-state').getAttribute('data-state'), { timeout: 30_000 })
    .toBe('connected');
}

export async function bareLiveKitPage(context: BrowserContext, base: string): Promise<Page> {
  const page = await context.newPage();
  // Served from the app's origin: its Content-Security-Policy allows only 'self'.
  await page.route(`${base}/test-only/livekit-client.js`, (route) =>
    route.fulfill({ path: LIVEKIT_UMD, contentType: 'text/javascript' }),
  );
  await page.goto(`${base}/en/`);
  await page.addScriptTag({ url: `${base}/test-only/livekit-client.js` });
  return page;
}

/** The LiveKit room a join token is for (its `video.room` claim). */
export function roomOfToken(token: string): string {
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { video: { room: string } };
  return claims.video.room;
}

/**
 * A token minted with the test server's keys, as an operator's own service would: e.g. a
 * speech-to-text agent that may only publish data (`{ canPublish: false, canPublishData: true }`).
 */
export function serviceToken(room: string, identity: string, name: string, grant: VideoGrant): Promise<string> {
  const token = new AccessToken(DEV_API_KEY, DEV_API_SECRET, { identity, name, ttl: '10m' });
  token.kind = 'agent';
  token.addGrant({ roomJoin: true, room, ...grant });
  return token.toJwt();
}
