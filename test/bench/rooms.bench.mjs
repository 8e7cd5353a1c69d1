#!/usr/bin/env node
/**
 * `npm run bench:rooms` — video rooms: how fast a join token is minted, and how fast a browser
 * gets from pressing Join to a connected call (issue #5).
 *
 * 1. Starts a real LiveKit server (`--dev` on loopback, scripts/livekit.mjs) and the built API
 *    (apps/api/dist, embedded SQLite in a temporary folder, demo data seeded, the built web app on
 *    the same origin), as the browser tests do.
 * 2. Over GraphQL, the demo organiser publishes a session starting within two minutes; the demo
 *    commissioner offers its first slot and the demo practitioner books it: a CONFIRMED meeting whose
 *    room is open now.
 * 3. Token mint: BENCH_TOKENS (1,000) `joinMeeting` calls, one after another, each a full HTTP +
 *    GraphQL + auth + database round trip; beside it, in the same run, the bare SDK call
 *    (`new AccessToken(...).addGrant(...).toJwt()`) as many times: the baseline.
 * 4. Join: Debian's Chromium with fake camera and microphone opens the room page BENCH_JOINS (10)
 *    times; each time it measures from pressing Join to the page's connection state "connected"
 *    (LiveKit signalling, ICE and DTLS over loopback included), then leaves.
 *
 * 5. Interpretation (test/bench/interpretation-load.mjs): livekit-server's CPU and traffic for the
 *    meeting with and without an interpreter's two channels, and the silence a listener hears
 *    when a second interpreter takes over (issue #22).
 *
 * Prints a readable report and, as the LAST line, one JSON object with tokenP50Ms, tokenP99Ms,
 * sdkTokenP50Ms, sdkTokenP99Ms, tokenRatio (GraphQL p99 / SDK p99), joinMedianMs, joinP90Ms,
 * serverCpuPct / serverCpuChannelsPct, serverKbps / serverKbpsChannels, handoffSilenceMaxMs and
 * handoffSilenceP50Ms. Aims (reported, not failed): token p99 ≤ 20 ms, join median ≤ 2,000 ms,
 * hand-off silence ≤ 500 ms. Exits 1 when it cannot run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AccessToken } from 'livekit-server-sdk';
import { findLiveKitServer, freeTcpPort, startLiveKit } from '../../scripts/livekit.mjs';
import { measureInterpretation } from './interpretation-load.mjs';
import {
  DEMO_PASSWORD,
  envInt,
  graphqlClient,
  LOG_IN,
  launchChromium,
  requireBuild,
  signInContext,
  startEmbeddedApi,
  summary,
} from './support.mjs';

const TOKENS = envInt('BENCH_TOKENS', 1000);
const JOINS = envInt('BENCH_JOINS', 10);
const ORGANISER = 'rhys.meredith@cyswllt.example';
const HOST = 'mark.thomas@cyswllt.example';
const GUEST = 'ffion.prydderch@cyswllt.example';

const CREATE_SESSION = `mutation Create($input: CreateSessionInput!) { createSession(input: $input) { id } }`;
const PUBLISH = `mutation Publish($id: ID!) { publishSession(id: $id) { id } }`;
const REGISTER = `mutation Register($input: RegisterInput!) { registerForSession(input: $input) { id } }`;
const OFFER = `mutation Offer($input: OfferSlotsInput!) { offerSlots(input: $input) { id } }`;
const OFFERS = `query Offers($sessionId: ID!) { sessionOffers(sessionId: $sessionId) { id host { id } slot { index } } }`;
const BOOK = `mutation Book($offerId: ID!) { bookSlot(offerId: $offerId) { id status } }`;
const JOIN = `mutation Join($meetingId: ID!) { joinMeeting(meetingId: $meetingId) { url token expiresAt } }`;

/** A published session starting within two minutes with a CONFIRMED meeting in its first slot. */
async function meetingOpenNow(base) {
  const organiser = graphqlClient(base);
  await organiser(LOG_IN, { input: { email: ORGANISER, password: DEMO_PASSWORD } });
  const start = new Date(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000);
  const created = await organiser(CREATE_SESSION, {
    input: {
      titleCy: 'Mainc fideo',
      titleEn: 'Video bench',
      descriptionCy: 'Mesur.',
      descriptionEn: 'Measuring.',
      theme: 'OPEN',
      deliveryLanguage: 'BILINGUAL',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 40 * 60_000).toISOString(),
      slotMinutes: 20,
    },
  });
  const sessionId = created.createSession.id;
  await organiser(PUBLISH, { id: sessionId });
  const host = graphqlClient(base);
  const hostId = (await host(LOG_IN, { input: { email: HOST, password: DEMO_PASSWORD } })).logIn.id;
  await host(REGISTER, { input: { sessionId, role: 'HOST' } });
  await host(OFFER, { input: { sessionId, slotIndexes: [0], seats: 1 } });
  const guest = graphqlClient(base);
  await guest(LOG_IN, { input: { email: GUEST, password: DEMO_PASSWORD } });
  await guest(REGISTER, { input: { sessionId, role: 'GUEST' } });
  const offer = (await guest(OFFERS, { sessionId })).sessionOffers.find(
    (o) => o.host.id === hostId && o.slot.index === 0,
  );
  const meeting = (await guest(BOOK, { offerId: offer.id })).bookSlot;
  if (meeting.status !== 'CONFIRMED') throw new Error(`the meeting is ${meeting.status}`);
  return { meetingId: meeting.id, guest, organiser };
}

async function mintThroughGraphql(guest, meetingId) {
  for (let i = 0; i < 20; i += 1) await guest(JOIN, { meetingId }); // warm-up
  const samples = [];
  for (let i = 0; i < TOKENS; i += 1) {
    const started = performance.now();
    const data = await guest(JOIN, { meetingId });
    samples.push(performance.now() - started);
    if (!data.joinMeeting.token) throw new Error('joinMeeting returned no token');
  }
  return samples;
}

async function mintWithSdk(apiKey, apiSecret, room) {
  const mint = () => {
    const token = new AccessToken(apiKey, apiSecret, { identity: 'bench-user', name: 'Bench', ttl: 15 * 60 });
    token.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true, canPublishData: true });
    return token.toJwt();
  };
  for (let i = 0; i < 20; i += 1) await mint();
  const samples = [];
  for (let i = 0; i < TOKENS; i += 1) {
    const started = performance.now();
    await mint();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Presses Join on the room page JOINS times, measuring until the page says "connected". */
async function measureJoins(base, meetingId) {
  const browser = await launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
  ]);
  try {
    const context = await browser.newContext({
      permissions: ['camera', 'microphone'],
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    await signInContext(context, base, GUEST);
    const page = await context.newPage();
    const samples = [];
    for (let i = 0; i < JOINS; i += 1) {
      await page.goto(`${base}/meetings/${meetingId}/room`);
      await page.getByTestId('join-call').waitFor();
      const started = performance.now();
      await page.getByTestId('join-call').click();
      await page.waitForSelector('[data-testid="room-state"][data-state="connected"]', { timeout: 30_000 });
      samples.push(performance.now() - started);
      await page.goto('about:blank'); // leave the call before the next join
    }
    return samples;
  } finally {
    await browser.close();
  }
}

async function main() {
  requireBuild();
  if (!findLiveKitServer())
    throw new Error('livekit-server is not installed (`npm run provision` builds it; see docs/development.md)');
  const port = await freeTcpPort();
  const liveKit = await startLiveKit({ webhookUrls: [`http://127.0.0.1:${port}/livekit/webhook`] });
  const api = await startEmbeddedApi({
    port,
    env: {
      LIVEKIT_URL: liveKit.url,
      LIVEKIT_API_URL: liveKit.httpUrl,
      LIVEKIT_API_KEY: liveKit.apiKey,
      LIVEKIT_API_SECRET: liveKit.apiSecret,
    },
  }).catch(async (error) => {
    await liveKit.stop();
    throw error;
  });
  const base = api.base;
  const tmpDir = mkdtempSync(join(os.tmpdir(), 'cyswllt-bench-rooms-'));
  try {
    const { meetingId, guest, organiser } = await meetingOpenNow(base);
    const graphql = summary(await mintThroughGraphql(guest, meetingId));
    const sdk = summary(await mintWithSdk(liveKit.apiKey, liveKit.apiSecret, `meeting-${meetingId}`));
    const joins = summary(await measureJoins(base, meetingId));
    const interp = await measureInterpretation({
      base,
      liveKitPid: liveKit.pid,
      meetingId,
      organiser,
      host: HOST,
      guest: GUEST,
      tmpDir,
    });

    console.log(`\nVideo rooms on ${os.cpus().length} cores, LiveKit ${liveKit.url}`);
    console.log(
      `token mint, ${TOKENS} joinMeeting calls through GraphQL: p50 ${graphql.p50} ms, p99 ${graphql.p99} ms, max ${graphql.max} ms (aim p99 ≤ 20 ms)`,
    );
    console.log(`token mint, bare SDK toJwt():                   p50 ${sdk.p50} ms, p99 ${sdk.p99} ms`);
    console.log(
      `join, pressing Join → connected in Chromium, ${JOINS} joins: median ${joins.p50} ms, p90 ${joins.p90} ms, max ${joins.max} ms (aim median ≤ 2,000 ms)`,
    );
    const extraCpu = Math.round((interp.withChannels.cpuPct - interp.without.cpuPct) * 10) / 10;
    const extraKbps = interp.withChannels.kbps - interp.without.kbps;
    console.log(
      `interpretation, server load over ${process.env.BENCH_CHANNEL_SECONDS ?? 20} s: two people ${interp.without.cpuPct} % CPU, ${interp.without.kbps} kbit/s; ` +
        `with an interpreter's two channels ${interp.withChannels.cpuPct} % CPU, ${interp.withChannels.kbps} kbit/s ` +
        `(extra ${extraCpu} points of one core, ${extraKbps} kbit/s)`,
    );
    console.log(
      `interpretation, hand-off silence on the listener's channel: max ${interp.silence.max} ms, median ${interp.silence.p50} ms ` +
        `(method floor: median ${interp.floor.p50} ms, max ${interp.floor.max} ms; aim ≤ 500 ms)`,
    );
    console.log(
      JSON.stringify({
        bench: 'rooms',
        cores: os.cpus().length,
        tokens: TOKENS,
        joins: JOINS,
        tokenP50Ms: graphql.p50,
        tokenP99Ms: graphql.p99,
        sdkTokenP50Ms: sdk.p50,
        sdkTokenP99Ms: sdk.p99,
        tokenRatio: Math.round((graphql.p99 / sdk.p99) * 10) / 10,
        joinMedianMs: joins.p50,
        joinP90Ms: joins.p90,
        tokenAimMet: graphql.p99 <= 20,
        joinAimMet: joins.p50 <= 2000,
        serverCpuPct: interp.without.cpuPct,
        serverCpuChannelsPct: interp.withChannels.cpuPct,
        serverKbps: interp.without.kbps,
        serverKbpsChannels: interp.withChannels.kbps,
        handoffSilenceMaxMs: interp.silence.max,
        handoffSilenceP50Ms: interp.silence.p50,
        handoffFloorP50Ms: interp.floor.p50,
        handoffFloorMaxMs: interp.floor.max,
        handoffAimMet: interp.silence.max <= 500,
      }),
    );
  } finally {
    await api.stop();
    await liveKit.stop();
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
