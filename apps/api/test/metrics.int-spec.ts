import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { LiveKitGateway } from '../src/modules/rooms/livekit.gateway';
import { BOOK, offer, publishedSession, registered } from './support/booking-fixtures';
import { signWebhook, webhookBody } from './support/livekit-harness';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Prometheus metrics at GET /metrics (prom-client): request rate and latency per route and per
 * GraphQL operation, bookings, token mints, webhook lag and the outbox's depth; open to a loopback
 * scraper without a token, or to `Authorization: Bearer METRICS_TOKEN` when one is set.
 */
const API_KEY = 'APImetrics';
const API_SECRET = 'metrics-test-secret-of-32-characters!';
const METRICS_TOKEN = 'scrape-token-0123456789abcdefghijklmnop';
const livekit = { livekitUrl: 'ws://127.0.0.1:9', livekitApiKey: API_KEY, livekitApiSecret: API_SECRET };

let t: TestApp;
let guarded: TestApp;
let production: TestApp;
let productionGuarded: TestApp;

beforeAll(async () => {
  [t, guarded, production, productionGuarded] = await Promise.all([
    startTestApp({ config: livekit }),
    startTestApp({ config: { metricsToken: METRICS_TOKEN } }),
    startTestApp({ config: { mode: 'production' } }),
    startTestApp({ config: { mode: 'production', metricsToken: METRICS_TOKEN } }),
  ]);
});

afterAll(async () => {
  await Promise.all([t?.close(), guarded?.close(), production?.close(), productionGuarded?.close()]);
});

async function scrape(app: TestApp, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(`${app.url}/metrics`, { headers });
  return { status: res.status, text: await res.text() };
}

/** The value of one sample line, e.g. value(text, 'cyswllt_bookings_total{kind="booked"}'); 0 when absent. */
function value(text: string, sample: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}

describe('GET /metrics', () => {
  it('serves Prometheus text to a loopback scraper when no token is configured', async () => {
    const { status, text } = await scrape(t);
    expect(status).toBe(200);
    expect(text).toContain('# TYPE cyswllt_http_request_duration_seconds histogram');
    expect(text).toContain('# TYPE cyswllt_bookings_total counter');
    expect(text).toContain('cyswllt_process_cpu_user_seconds_total');
  });

  it('refuses a proxied request (X-Forwarded-For, Forwarded, X-Real-IP) without a token', async () => {
    expect((await scrape(t, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(404);
    expect((await scrape(t, { forwarded: 'for=203.0.113.9;proto=https' })).status).toBe(404);
    expect((await scrape(t, { 'x-real-ip': '203.0.113.9' })).status).toBe(404);
  });

  it('in production mode trusts no address: only the bearer of METRICS_TOKEN, and without one nobody', async () => {
    expect((await scrape(production)).status).toBe(404);
    expect((await scrape(productionGuarded)).status).toBe(404);
    expect((await scrape(productionGuarded, { authorization: `Bearer ${METRICS_TOKEN}` })).status).toBe(200);
  });

  it('with METRICS_TOKEN set, answers only the bearer of that token', async () => {
    expect((await scrape(guarded)).status).toBe(404);
    expect((await scrape(guarded, { authorization: 'Bearer wrong' })).status).toBe(404);
    expect((await scrape(guarded, { authorization: `Bearer ${METRICS_TOKEN}x` })).status).toBe(404);
    const ok = await scrape(guarded, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('cyswllt_graphql_operation_duration_seconds');
  });
});

describe('what is counted', () => {
  it('counts a booking once, and a refused one (SLOT_TAKEN) not at all; the outbox depth follows', async () => {
    const session = await publishedSession(t);
    const host = await registered(t, session.id, [Role.COMMISSIONER], 'HOST');
    const [first] = await offer(host, session.id, [2]);
    const [guestA, guestB] = await Promise.all([
      registered(t, session.id, [Role.PRACTITIONER], 'GUEST'),
      registered(t, session.id, [Role.PRACTITIONER], 'GUEST'),
    ]);
    const before = await scrape(t);
    await guestA.client.data(BOOK, { offerId: first.id });
    const taken = await guestB.client.request(BOOK, { offerId: first.id });
    expect(taken.errors?.[0].extensions?.code).toBe('SLOT_TAKEN');

    const after = await scrape(t);
    const booked = 'cyswllt_bookings_total{kind="booked"}';
    expect(value(after.text, booked) - value(before.text, booked)).toBe(1);
    // The e-mails that booking queued, as the scrape saw them.
    const { rows } = await t.db.sql<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM outbox WHERE status = 'PENDING'`,
    );
    expect(Number(rows[0].n)).toBeGreaterThan(0);
    expect(value(after.text, 'cyswllt_outbox_depth{status="PENDING"}')).toBe(Number(rows[0].n));
  });

  it('times GraphQL operations by name and outcome, and HTTP requests by route', async () => {
    const client = t.client();
    await client.request(`query MetricsProbe { me { id } }`);
    await client.request(`query MetricsProbe { me { id } }`);
    await client.request(`mutation Denied { publishSession(id: "x") { id } }`);
    const { text } = await scrape(t);
    expect(
      value(
        text,
        'cyswllt_graphql_operation_duration_seconds_count{operation="MetricsProbe",type="query",outcome="ok"}',
      ),
    ).toBe(2);
    expect(
      value(
        text,
        'cyswllt_graphql_operation_duration_seconds_count{operation="Denied",type="mutation",outcome="error"}',
      ),
    ).toBe(1);
    expect(
      value(text, 'cyswllt_http_request_duration_seconds_count{method="POST",route="/graphql",status="200"}'),
    ).toBeGreaterThanOrEqual(3);
  });

  it('counts token mints', async () => {
    const before = value((await scrape(t)).text, 'cyswllt_livekit_token_mints_total');
    await t.app.get(LiveKitGateway).mintToken({
      identity: 'u1',
      name: 'U',
      room: 'mtg_x',
      ttlSeconds: 60,
      roomAdmin: false,
      hidden: false,
      canPublish: true,
      metadata: {},
    });
    expect(value((await scrape(t)).text, 'cyswllt_livekit_token_mints_total')).toBe(before + 1);
  });

  it("observes a webhook's lag from the event's createdAt to its arrival", async () => {
    const createdAt = new Date(t.clock.now().getTime() - 3_000);
    const body = webhookBody({ event: 'room_finished', roomName: 'mtg_lagcheck', createdAt });
    const res = await fetch(`${t.url}/livekit/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/webhook+json',
        authorization: await signWebhook(body, API_KEY, API_SECRET),
      },
      body,
    });
    expect(res.status).toBe(200);
    const { text } = await scrape(t);
    expect(value(text, 'cyswllt_livekit_webhook_lag_seconds_count{event="room_finished"}')).toBe(1);
    expect(value(text, 'cyswllt_livekit_webhook_lag_seconds_sum{event="room_finished"}')).toBeCloseTo(3, 0);
    expect(value(text, 'cyswllt_livekit_webhook_lag_seconds_bucket{le="2",event="room_finished"}')).toBe(0);
  });
});
