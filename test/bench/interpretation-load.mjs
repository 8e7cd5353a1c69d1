/**
 * The interpretation part of `bench:rooms` (docs/benchmarks.md#video-rooms, issue #22 point 5):
 *
 * 1. Load: the meeting's two people in Chromium (fake camera, and a fake microphone playing a
 *    speech-like tone pattern with no pauses), first alone, then with an interpreter publishing
 *    the two channel tracks (`interp-cy`, `interp-en`, one live) and the guest listening to the
 *    Welsh channel. For each, over BENCH_CHANNEL_SECONDS (20): livekit-server's CPU (utime +
 *    stime from /proc, as % of one core) and the bytes through the server (every client's
 *    transports, sent + received, as kbit/s).
 * 2. Hand-off: a second interpreter takes over BENCH_HANDOFFS (3) times (then the first takes
 *    back, and so on). On the listener's page a Web Audio analyser on every Welsh-channel audio
 *    element is read every 5 ms; the silence is the longest stretch without sound from pressing
 *    Take over until the previous interpreter is off air and 2 s more. The same reading over the
 *    2 s before is the floor of the method (the tone's own shape, timer jitter).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envInt, launchChromium, signInContext, summary } from './support.mjs';

const CHANNEL_SECONDS = envInt('BENCH_CHANNEL_SECONDS', 20);
const HANDOFFS = envInt('BENCH_HANDOFFS', 3);
const INTERPRETERS = ['Gwenno Rowlands', 'Dewi Bevan'];
const INTERPRETER_EMAILS = ['gwenno.rowlands@cyswllt.example', 'dewi.bevan@cyswllt.example'];

const CANDIDATES = `query { interpreterCandidates { userId displayName } }`;
const ASSIGN = `mutation Assign($input: AssignInterpreterInput!) { assignInterpreter(input: $input) { userId } }`;

/** 48 kHz mono 16-bit WAV, 10 s: a new pitch every 60 ms, never silent (Chromium loops it as the fake microphone). */
export function speechLikeWav(path) {
  const rate = 48_000;
  const samples = rate * 10;
  const data = Buffer.alloc(samples * 2);
  let phase = 0;
  let seed = 22;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let freq = 300;
  for (let i = 0; i < samples; i += 1) {
    if (i % (rate * 0.06) === 0) freq = 180 + rand() * 700;
    phase += (2 * Math.PI * freq) / rate;
    const envelope = 0.35 + 0.15 * Math.sin((2 * Math.PI * i) / (rate * 0.33));
    data.writeInt16LE(Math.round(Math.sin(phase) * envelope * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([header, data]));
}

const TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/** CPU seconds a process has used (user + system). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** Keeps every RTCPeerConnection of the page in window.__pcs (an init script). */
function keepPeerConnections() {
  const Native = window.RTCPeerConnection;
  const pcs = [];
  window.__pcs = pcs;
  window.RTCPeerConnection = class extends Native {
    constructor(config) {
      super(config);
      pcs.push(this);
    }
  };
}

/** Bytes a page's peer connections have sent and received (transport stats). */
const pageBytes = (page) =>
  page.evaluate(async () => {
    let total = 0;
    for (const pc of window.__pcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      for (const s of (await pc.getStats()).values())
        if (s.type === 'transport') total += (s.bytesSent ?? 0) + (s.bytesReceived ?? 0);
    }
    return total;
  });

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** Server CPU (% of one core) and traffic (kbit/s) over CHANNEL_SECONDS, after a 5 s settling. */
async function measureLoad(pid, pages) {
  await pause(5_000);
  const bytes0 = (await Promise.all(pages.map(pageBytes))).reduce((a, b) => a + b, 0);
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  await pause(CHANNEL_SECONDS * 1000);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(pid) - cpu0;
  const bytes = (await Promise.all(pages.map(pageBytes))).reduce((a, b) => a + b, 0) - bytes0;
  return {
    cpuPct: Math.round((cpu / seconds) * 1000) / 10,
    kbps: Math.round((bytes * 8) / 1000 / seconds),
  };
}

async function joinCall(page, base, meetingId, button = 'join-call') {
  await page.goto(`${base}/meetings/${meetingId}/room`);
  await page.getByTestId(button).click({ timeout: 45_000 });
  await page.waitForSelector('[data-testid="room-state"][data-state="connected"]', { timeout: 30_000 });
}

/** Starts the level reader on the listener's page (Welsh-channel audio elements only). */
const startListening = (page) =>
  page.evaluate(async () => {
    const ctx = new AudioContext();
    await ctx.resume();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 256;
    const buffer = new Float32Array(analyser.fftSize);
    const seen = new WeakSet();
    const loud = [];
    let peak = 0;
    const connect = () => {
      for (const el of document.querySelectorAll('audio[data-channel="cy"]')) {
        if (seen.has(el) || !el.srcObject) continue;
        seen.add(el);
        ctx.createMediaStreamSource(el.srcObject).connect(analyser);
      }
    };
    connect();
    const timer = setInterval(() => {
      connect();
      analyser.getFloatTimeDomainData(buffer);
      let sum = 0;
      for (const v of buffer) sum += v * v;
      const rms = Math.sqrt(sum / buffer.length);
      peak = Math.max(peak, rms);
      if (rms > 0.01) loud.push(performance.now());
    }, 5);
    /** The longest stretch without sound between `from` and `to` (page clock, ms). */
    window.__silence = (from, to) => {
      let last = from;
      let longest = 0;
      for (const at of loud) {
        if (at < from) continue;
        if (at > to) break;
        longest = Math.max(longest, at - last);
        last = at;
      }
      return Math.max(longest, to - last);
    };
    window.__stopListening = () => {
      clearInterval(timer);
      void ctx.close();
      return { peak, state: ctx.state, loud: loud.length };
    };
  });

const now = (page) => page.evaluate(() => performance.now());

/** One take-over: the longest silence on the listener's Welsh channel, and the method's floor before it. */
async function handOff(listener, from, to) {
  const before = await now(listener);
  await pause(2_000);
  const pressed = await now(listener);
  await to.getByTestId('take-over').click();
  await from.waitForSelector('[data-testid="on-air"][data-on-air="false"]', { timeout: 15_000 });
  await pause(2_000);
  const end = await now(listener);
  return listener.evaluate(
    ([before, pressed, end]) => ({ floor: window.__silence(before, pressed), silence: window.__silence(pressed, end) }),
    [before, pressed, end],
  );
}

/**
 * Runs both measurements on an open meeting between `host` and `guest` (emails); `organiser` is
 * a signed-in GraphQL client of its session's organiser. Returns the figures for the report.
 */
export async function measureInterpretation({ base, liveKitPid, meetingId, organiser, host, guest, tmpDir }) {
  const candidates = (await organiser(CANDIDATES)).interpreterCandidates;
  for (const name of INTERPRETERS) {
    const userId = candidates.find((c) => c.displayName === name)?.userId;
    if (!userId) throw new Error(`${name} is not an interpreter candidate`);
    await organiser(ASSIGN, { input: { meetingId, userId, languages: ['cy', 'en'] } });
  }
  const wav = join(tmpDir, 'speech-like.wav');
  speechLikeWav(wav);
  const browser = await launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-audio-capture=${wav}`,
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
  ]);
  try {
    const open = async (email) => {
      const context = await browser.newContext({
        permissions: ['camera', 'microphone'],
        locale: 'en-GB',
        timezoneId: 'Europe/London',
      });
      await context.addInitScript(keepPeerConnections);
      await signInContext(context, base, email);
      return context.newPage();
    };
    const hostPage = await open(host);
    const guestPage = await open(guest);
    // By audio only: the cameras' adaptive bitrate would drown the channels' few kbit/s.
    await joinCall(hostPage, base, meetingId, 'join-audio-only');
    await joinCall(guestPage, base, meetingId, 'join-audio-only');
    const without = await measureLoad(liveKitPid, [hostPage, guestPage]);

    // An interpreter by audio only, on air English→Welsh; the guest listens to Cymraeg.
    const [first, second] = [await open(INTERPRETER_EMAILS[0]), await open(INTERPRETER_EMAILS[1])];
    await joinCall(first, base, meetingId, 'join-audio-only');
    await first.waitForSelector('[data-testid="on-air"][data-on-air="true"]', { timeout: 30_000 });
    await first.keyboard.press('F9');
    await first.waitForSelector('[data-testid="on-air"][data-direction="cy"]');
    await guestPage.getByRole('radio', { name: 'Cymraeg' }).check();
    await guestPage.waitForSelector('audio[data-channel="cy"][data-live="true"]', {
      state: 'attached',
      timeout: 30_000,
    });
    const withChannels = await measureLoad(liveKitPid, [hostPage, guestPage, first]);

    // Hand-offs between the two interpreters, both English→Welsh.
    await joinCall(second, base, meetingId, 'join-audio-only');
    await second.getByTestId('switch-direction').click();
    await second.waitForSelector('[data-testid="on-air"][data-direction="cy"]');
    await startListening(guestPage);
    const handoffs = [];
    let [on, off] = [first, second];
    for (let i = 0; i < HANDOFFS; i += 1) {
      handoffs.push(await handOff(guestPage, on, off));
      [on, off] = [off, on];
    }
    const listened = await guestPage.evaluate(() => window.__stopListening());
    if (process.env.BENCH_DEBUG) console.log('listener', JSON.stringify(listened));
    return {
      without,
      withChannels,
      silence: summary(handoffs.map((h) => h.silence)),
      floor: summary(handoffs.map((h) => h.floor)),
    };
  } finally {
    await browser.close();
  }
}
