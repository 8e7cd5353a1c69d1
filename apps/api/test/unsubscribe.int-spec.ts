import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../src/modules/notifications/outbox-worker';
import { SEND_REQUEST } from './support/booking-fixtures';
import { bookOne } from './support/notification-fixtures';
import { ReceivedMail, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue #8: optional e-mails carry a one-click unsubscribe link (RFC 8058: List-Unsubscribe with an
 * https-or-PUBLIC_URL link and List-Unsubscribe-Post); a POST to it turns that kind off for that
 * person without login; a tampered link is a 404 and changes nothing; essential e-mails carry none.
 */

const PREFS = `{ myNotificationPreferences { kind enabled } }`;

const header = (mail: ReceivedMail, name: string) =>
  mail.parsed.headerLines
    .find((line) => line.key === name.toLowerCase())
    ?.line.replace(/^[^:]+:\s*/, '')
    .replace(/\r?\n\s+/g, ' ');

describe('one-click unsubscribe', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ config: { smtpUrl: sink.url, publicUrl: 'https://cyswllt.example' } });
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  beforeEach(async () => {
    await t.app.get(OutboxWorker).runOnce();
    sink.mails.length = 0;
  });

  /** The link on the public origin, fetched from the test server. */
  const local = (url: string) => url.replace('https://cyswllt.example', t.url);

  it('optional e-mails carry List-Unsubscribe and List-Unsubscribe-Post; essential ones do not', async () => {
    const { host, guest, sessionId } = await bookOne(t, '2027-03-29T09:00:00.000Z', '2027-03-29T10:00:00.000Z');
    await host.client.data(SEND_REQUEST, { input: { sessionId, toUserId: guest.user.id, message: 'Shall we talk?' } });
    await t.app.get(OutboxWorker).runOnce();
    const booked = sink.mails.find(
      (m) => m.to.includes(host.user.email) && m.parsed.headers.get('x-cyswllt-kind') === 'BOOKED',
    )!;
    expect(header(booked, 'List-Unsubscribe')).toBeUndefined();
    expect(header(booked, 'List-Unsubscribe-Post')).toBeUndefined();
    const requested = sink.mails.find((m) => m.parsed.headers.get('x-cyswllt-kind') === 'REQUESTED')!;
    expect(header(requested, 'List-Unsubscribe')).toMatch(/^<https:\/\/cyswllt\.example\/unsubscribe\/[^>]+>$/);
    expect(header(requested, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(requested.parsed.text).toContain('Stop e-mails like this one: https://cyswllt.example/unsubscribe/');
  });

  it('a POST to the link turns that kind off for that person, without login; GET only asks', async () => {
    const { host, guest, sessionId } = await bookOne(t, '2027-04-05T09:00:00.000Z', '2027-04-05T10:00:00.000Z');
    await host.client.data(SEND_REQUEST, { input: { sessionId, toUserId: guest.user.id, message: 'Hello' } });
    await t.app.get(OutboxWorker).runOnce();
    const mail = sink.mails.find(
      (m) => m.to.includes(guest.user.email) && m.parsed.headers.get('x-cyswllt-kind') === 'REQUESTED',
    )!;
    const url = local(/^<(.+)>$/.exec(header(mail, 'List-Unsubscribe')!)![1]);

    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post">');
    expect(html).toContain('Dad-danysgrifio');
    expect((await guest.client.data(PREFS)).myNotificationPreferences).toContainEqual({
      kind: 'REQUESTED',
      enabled: true,
    });

    const posted = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain('you will not get e-mails of this kind any more');
    const prefs = (await guest.client.data(PREFS)).myNotificationPreferences;
    expect(prefs).toContainEqual({ kind: 'REQUESTED', enabled: false });
    expect(prefs).toContainEqual({ kind: 'NUDGE', enabled: true });
    // Only that person: the host still gets requests.
    expect((await host.client.data(PREFS)).myNotificationPreferences).toContainEqual({
      kind: 'REQUESTED',
      enabled: true,
    });
    // Posting again is harmless.
    expect((await fetch(url, { method: 'POST' })).status).toBe(200);
  });

  it('a tampered link is a bare 404 and changes nothing', async () => {
    const { host, guest, sessionId } = await bookOne(t, '2027-04-12T09:00:00.000Z', '2027-04-12T10:00:00.000Z');
    await host.client.data(SEND_REQUEST, { input: { sessionId, toUserId: guest.user.id, message: 'Hello' } });
    await t.app.get(OutboxWorker).runOnce();
    const mail = sink.mails.find(
      (m) => m.to.includes(guest.user.email) && m.parsed.headers.get('x-cyswllt-kind') === 'REQUESTED',
    )!;
    const url = local(/^<(.+)>$/.exec(header(mail, 'List-Unsubscribe')!)![1]);
    const [, base, userId, kind, signature] = /^(.*\/unsubscribe\/)([^.]+)\.([A-Z_]+)\.(.+)$/.exec(url)!;
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
    const tampered = [
      `${base}${userId}.${kind}.${flipped}`, // another signature
      `${base}${userId}.NUDGE.${signature}`, // another kind
      `${base}${host.user.id}.${kind}.${signature}`, // another person
      `${base}${userId}.BOOKED.${signature}`, // an essential kind
      `${base}${userId}.${kind}`, // no signature
    ];
    for (const link of tampered) {
      const response = await fetch(link, { method: 'POST' });
      expect(response.status, link).toBe(404);
      expect(await response.text()).toBe('Not found');
    }
    const untouched = (
      await t.db.sql('SELECT user_id FROM notification_preferences WHERE user_id IN (?, ?)', [
        guest.user.id,
        host.user.id,
      ])
    ).rows;
    expect(untouched).toEqual([]);
  });
});
