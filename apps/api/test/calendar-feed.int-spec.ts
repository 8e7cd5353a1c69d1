import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../src/modules/notifications/outbox-worker';
import { CANCEL } from './support/booking-fixtures';
import { bookOne } from './support/notification-fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue #8: each person's private calendar feed at /calendar/<secret>.ics — a VCALENDAR without
 * METHOD, the same UID and SEQUENCE as the e-mailed invitations, cancelled meetings kept as
 * STATUS:CANCELLED, TZID Europe/London with its VTIMEZONE; only the secret's hash is stored, and
 * anything but a live secret is a bare 404.
 */

const CREATE = `mutation { createCalendarFeed { url createdAt } }`;
const ROTATE = `mutation { rotateCalendarFeed { url } }`;
const REVOKE = `mutation { revokeCalendarFeed }`;

function parseFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vtimezone = calendar.getFirstSubcomponent('vtimezone');
  expect(vtimezone?.getFirstPropertyValue('tzid')).toBe('Europe/London');
  ICAL.TimezoneService.register(vtimezone!);
  const events = calendar
    .getAllSubcomponents('vevent')
    .map((vevent) => ({ event: new ICAL.Event(vevent), status: vevent.getFirstPropertyValue('status') }));
  return { calendar, events };
}

describe('calendar feeds', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const fetchFeed = (url: string, accept = 'text/calendar') =>
    fetch(url.replace(t.config.publicUrl.replace(/\/$/, ''), t.url), { headers: { accept } });

  it('serves the agenda with no METHOD, the e-mails’ UID and SEQUENCE, cancelled meetings as STATUS:CANCELLED', async () => {
    const kept = await bookOne(t, '2027-03-29T09:00:00.000Z', '2027-03-29T10:00:00.000Z');
    const dropped = await bookOne(t, '2027-11-01T10:00:00.000Z', '2027-11-01T11:00:00.000Z');
    await dropped.host.client.data(CANCEL, { input: { meetingId: dropped.meetingId, reason: 'Unwell' } });
    await t.app.get(OutboxWorker).runOnce();

    const { createCalendarFeed } = await dropped.host.client.data(CREATE);
    expect(createCalendarFeed.url).toMatch(
      new RegExp(`^${t.config.publicUrl.replace(/\/$/, '')}/calendar/[A-Za-z0-9_-]{43}\\.ics$`),
    );
    const response = await fetchFeed(createCalendarFeed.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const { calendar, events } = parseFeed(await response.text());
    expect(calendar.getFirstPropertyValue('method')).toBeNull();
    expect(events).toHaveLength(1);
    const [cancelled] = events;
    expect(cancelled.event.uid).toBe(`${dropped.meetingId}@cyswllt`);
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.event.startDate.toJSDate().toISOString()).toBe('2027-11-01T10:00:00.000Z');
    // The cancellation e-mail carried the same UID and SEQUENCE.
    const mails = (await dropped.host.client.data(`{ myOutbox { kind ics } }`)).myOutbox;
    const cancellation = new ICAL.Event(
      new ICAL.Component(
        ICAL.parse(mails.find((m: { kind: string }) => m.kind === 'CANCELLED').ics),
      ).getFirstSubcomponent('vevent')!,
    );
    expect(cancelled.event.sequence).toBe(cancellation.sequence);
    expect(cancelled.event.sequence).toBeGreaterThan(0);

    // A confirmed meeting, in summer time; a browser asking for HTML gets the feed too, not the web app.
    const guestFeed = (await kept.guest.client.data(CREATE)).createCalendarFeed;
    const guestResponse = await fetchFeed(guestFeed.url, 'text/html');
    expect(guestResponse.headers.get('content-type')).toMatch(/^text\/calendar/);
    const guestEvents = parseFeed(await guestResponse.text()).events;
    expect(
      guestEvents.map((e) => [e.event.uid, e.status, e.event.sequence, e.event.startDate.toJSDate().toISOString()]),
    ).toEqual([[`${kept.meetingId}@cyswllt`, 'CONFIRMED', 0, '2027-03-29T09:00:00.000Z']]);
    expect(guestEvents[0].event.summary).toBe('Cyswllt: Art and dementia');
  });

  it('stores only the hash of the secret; one feed per person; rotating and revoking end the old URL with the same bare 404', async () => {
    const { guest } = await bookOne(t, '2027-05-03T09:00:00.000Z', '2027-05-03T10:00:00.000Z');
    const first = (await guest.client.data(CREATE)).createCalendarFeed.url as string;
    const secret = /\/calendar\/(.+)\.ics$/.exec(first)![1];
    const stored = (
      await t.db.sql<{ secret_hash: string }>('SELECT secret_hash FROM calendar_feeds WHERE user_id = ?', [
        guest.user.id,
      ])
    ).rows;
    expect(stored).toHaveLength(1);
    expect(stored[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0].secret_hash).not.toContain(secret);

    expect(await guest.client.errorCode(CREATE)).toBe('CALENDAR_FEED_EXISTS');
    expect((await guest.client.data(`{ myCalendarFeed { url createdAt } }`)).myCalendarFeed).toEqual({
      url: null,
      createdAt: expect.any(String),
    });

    const notFound = async (url: string) => {
      const response = await fetchFeed(url);
      return [response.status, response.headers.get('content-type'), await response.text()];
    };
    const bare = [404, 'text/plain; charset=utf-8', 'Not found'];
    // Unknown (well-formed) and malformed secrets.
    expect(await notFound(`${t.url}/calendar/${'A'.repeat(43)}.ics`)).toEqual(bare);
    expect(await notFound(`${t.url}/calendar/nonsense.ics`)).toEqual(bare);
    expect(await notFound(`${t.url}/calendar/${secret}`)).toEqual(bare);

    const rotated = (await guest.client.data(ROTATE)).rotateCalendarFeed.url as string;
    expect(rotated).not.toBe(first);
    expect(await notFound(first)).toEqual(bare);
    expect((await fetchFeed(rotated)).status).toBe(200);

    expect((await guest.client.data(REVOKE)).revokeCalendarFeed).toBe(true);
    expect(await notFound(rotated)).toEqual(bare);
    expect((await guest.client.data(REVOKE)).revokeCalendarFeed).toBe(false);
    expect(await guest.client.errorCode(ROTATE)).toBe('NOT_FOUND');
    expect((await guest.client.data(`{ myCalendarFeed { url } }`)).myCalendarFeed).toBeNull();
    expect(await t.countRows('calendar_feeds')).toBe(2);
  });
});
