import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/bootstrap';
import { Language, Role } from '../src/core/auth/role';
import { Database } from '../src/core/database/database';
import { MeetingChangeListeners } from '../src/modules/booking/meeting-change-listener';
import { OutboxWorker } from '../src/modules/notifications/outbox-worker';
import { OutboxRepository } from '../src/modules/notifications/outbox.repository';
import { ReminderScheduler } from '../src/modules/notifications/reminder-scheduler';
import { ACCEPT_REQUEST, BOOK, CANCEL, CREATE_SESSION, DECLINE_REQUEST, PUBLISH, REGISTER, RESCHEDULE, SEND_REQUEST } from './support/booking-fixtures';
import { ReceivedMail, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #8, first increment: booking changes write e-mails into the outbox in their own
 * transaction; the worker delivers them (a real SMTP server here) exactly once, with bilingual
 * texts and .ics invitations that parse back to the right instants.
 */

const RETRY_BASE_SECONDS = 60;

interface Row {
  id: string;
  recipient_email: string;
  kind: string;
  status: string;
  attempts: number | string;
  last_error: string | null;
  next_attempt_at: unknown;
  channel: string | null;
}

async function outboxRows(t: TestApp): Promise<Row[]> {
  return (await t.db.sql<Row>('SELECT id, recipient_email, kind, status, attempts, last_error, next_attempt_at, channel FROM outbox ORDER BY created_at, id')).rows;
}

function calendarOf(mail: ReceivedMail, filename = 'invite.ics') {
  const attachment = mail.parsed.attachments.find((a) => a.filename === filename);
  expect(attachment, `${filename} attached`).toBeDefined();
  const calendar = new ICAL.Component(ICAL.parse(attachment!.content.toString('utf8')));
  const vtimezone = calendar.getFirstSubcomponent('vtimezone');
  expect(vtimezone?.getFirstPropertyValue('tzid')).toBe('Europe/London');
  ICAL.TimezoneService.register(vtimezone!);
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return { method: calendar.getFirstPropertyValue('method'), event, attendees: event.attendees.map((a) => String(a.getFirstValue()).replace(/^mailto:/i, '')) };
}

const newYork = (instant: Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);

interface Booked {
  organiser: TestUser;
  host: TestUser;
  guest: TestUser;
  meetingId: string;
  sessionId: string;
}

/** A published session on `day` with 30-minute slots from `startsAt`; a Welsh-speaking host offers slot 0; an English-speaking guest books it. */
async function bookOne(t: TestApp, startsAt: string, endsAt: string): Promise<Booked> {
  const organiser = await t.createUser({ roles: [Role.ORGANISER] });
  const { createSession } = await organiser.client.data(CREATE_SESSION, {
    input: {
      titleCy: 'Celf a dementia',
      titleEn: 'Art and dementia',
      theme: 'CONDITION',
      conditions: ['dementia'],
      deliveryLanguage: 'BILINGUAL',
      startsAt,
      endsAt,
      slotMinutes: 30,
    },
  });
  await organiser.client.data(PUBLISH, { id: createSession.id });
  const host = await t.createUser({ roles: [Role.COMMISSIONER], language: Language.cy, displayName: 'Gwesteiwr Cymraeg' });
  await host.client.data(REGISTER, { input: { sessionId: createSession.id, role: 'HOST' } });
  const { offerSlots } = await host.client.data(`mutation($input: OfferSlotsInput!) { offerSlots(input: $input) { id } }`, {
    input: { sessionId: createSession.id, slotIndexes: [0], seats: 1 },
  });
  const guest = await t.createUser({ roles: [Role.PRACTITIONER], language: Language.en, displayName: 'English Guest' });
  await guest.client.data(REGISTER, { input: { sessionId: createSession.id, role: 'GUEST' } });
  const { bookSlot } = await guest.client.data(BOOK, { offerId: offerSlots[0].id });
  return { organiser, host, guest, meetingId: bookSlot.id, sessionId: createSession.id };
}

describe('notifications over SMTP', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: OutboxWorker;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ config: { smtpUrl: sink.url, outboxRetryBaseSeconds: RETRY_BASE_SECONDS, outboxMaxAttempts: 4 } });
    worker = t.app.get(OutboxWorker);
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  beforeEach(async () => {
    sink.refuse = false;
    sink.mails.length = 0;
    // Every test starts with nothing due (earlier tests' mails are delivered).
    await worker.runOnce();
    sink.mails.length = 0;
  });

  it('books: one e-mail each in the recipient’s language with an .ics at the right instant (summer time)', async () => {
    const before = await t.countRows('outbox');
    const { host, guest, meetingId } = await bookOne(t, '2027-03-29T09:00:00.000Z', '2027-03-29T10:00:00.000Z');
    expect(await t.countRows('outbox')).toBe(before + 2);

    const run = await worker.runOnce();
    expect(run).toEqual({ claimed: 2, sent: 2, failed: 0 });
    expect(sink.mails).toHaveLength(2);

    const toGuest = sink.mails.find((m) => m.to.includes(guest.user.email))!;
    const toHost = sink.mails.find((m) => m.to.includes(host.user.email))!;
    expect(toGuest.parsed.subject).toBe('Booked: Art and dementia, Monday 29 March 2027, 10:00–10:30');
    expect(toGuest.parsed.headers.get('content-language')).toBe('en');
    expect(toGuest.parsed.text).toContain('Dear English Guest,');
    expect(toHost.parsed.subject).toBe('Wedi’i archebu: Celf a dementia, Dydd Llun 29 Mawrth 2027, 10:00–10:30');
    expect(toHost.parsed.headers.get('content-language')).toBe('cy');
    expect(toHost.parsed.text).toContain('Annwyl Gwesteiwr Cymraeg,');

    for (const mail of [toGuest, toHost]) {
      const { method, event, attendees } = calendarOf(mail);
      expect(method).toBe('REQUEST');
      expect(event.uid).toBe(`${meetingId}@cyswllt`);
      expect(event.sequence).toBe(0);
      expect(event.startDate.toJSDate().toISOString()).toBe('2027-03-29T09:00:00.000Z');
      expect(event.endDate.toJSDate().toISOString()).toBe('2027-03-29T09:30:00.000Z');
      expect(newYork(event.startDate.toJSDate())).toBe('05:00');
      expect(String(event.organizer).replace(/^mailto:/i, '')).toBe(host.user.email);
      expect(attendees.sort()).toEqual([host.user.email, guest.user.email].sort());
    }

    // Delivered rows are SENT over SMTP, and the signed-in person sees their own.
    const mine = (await guest.client.data(`{ myOutbox { kind subject status channel attempts icsMethod } }`)).myOutbox;
    expect(mine).toEqual([{ kind: 'BOOKED', subject: toGuest.parsed.subject, status: 'SENT', channel: 'SMTP', attempts: 1, icsMethod: 'REQUEST' }]);
  });

  it('winter: 10:00 London on 2027-11-01 is 10:00Z; a cancellation carries METHOD:CANCEL and a higher SEQUENCE', async () => {
    const { host, guest, meetingId } = await bookOne(t, '2027-11-01T10:00:00.000Z', '2027-11-01T11:00:00.000Z');
    await worker.runOnce();
    const booking = calendarOf(sink.mails.find((m) => m.to.includes(guest.user.email))!);
    expect(booking.event.startDate.toJSDate().toISOString()).toBe('2027-11-01T10:00:00.000Z');
    expect(newYork(booking.event.startDate.toJSDate())).toBe('06:00');
    sink.mails.length = 0;

    await host.client.data(CANCEL, { input: { meetingId, reason: 'Unwell' } });
    expect((await worker.runOnce()).sent).toBe(2);
    expect(sink.mails.map((m) => m.to[0]).sort()).toEqual([host.user.email, guest.user.email].sort());
    const toGuest = sink.mails.find((m) => m.to.includes(guest.user.email))!;
    expect(toGuest.parsed.subject).toBe('Cancelled: Art and dementia, Monday 1 November 2027, 10:00–10:30');
    expect(toGuest.parsed.text).toContain('Reason: Unwell');
    const cancellation = calendarOf(toGuest);
    expect(cancellation.method).toBe('CANCEL');
    expect(cancellation.event.uid).toBe(`${meetingId}@cyswllt`);
    expect(cancellation.event.sequence).toBeGreaterThan(booking.event.sequence);
    const toHost = sink.mails.find((m) => m.to.includes(host.user.email))!;
    expect(toHost.parsed.subject).toMatch(/^Wedi’i ganslo: Celf a dementia/);
  });

  it('writes the outbox rows in the booking’s transaction: a failed booking writes none', async () => {
    const { host, sessionId } = await bookOne(t, '2027-05-03T09:00:00.000Z', '2027-05-03T10:00:00.000Z');
    await worker.runOnce();
    const outboxBefore = await t.countRows('outbox');
    const meetingsBefore = await t.countRows('meetings');

    // A second guest for the same one-seat offer loses with SLOT_TAKEN: no meeting, no e-mail.
    const offers = (await host.client.data(`query($s: ID!) { sessionOffers(sessionId: $s) { id } }`, { s: sessionId })).sessionOffers;
    const late = await t.createUser({ roles: [Role.PRACTITIONER] });
    await late.client.data(REGISTER, { input: { sessionId, role: 'GUEST' } });
    expect(await late.client.errorCode(BOOK, { offerId: offers[0].id })).toBe('SLOT_TAKEN');
    expect(await t.countRows('outbox')).toBe(outboxBefore);

    // A listener after the notifications writer fails the booking: its e-mails roll back with it.
    const off = t.app.get(MeetingChangeListeners).register({
      meetingChanged: async () => {
        throw new Error('listener failed after the outbox rows were written');
      },
    });
    try {
      await host.client.data(`mutation($input: OfferSlotsInput!) { offerSlots(input: $input) { id } }`, { input: { sessionId, slotIndexes: [1], seats: 1 } });
      const fresh = (await host.client.data(`query($s: ID!) { sessionOffers(sessionId: $s) { id slot { index } } }`, { s: sessionId })).sessionOffers.find(
        (o: { slot: { index: number } }) => o.slot.index === 1,
      );
      const response = await late.client.request(BOOK, { offerId: fresh.id });
      expect(response.errors?.length).toBeGreaterThan(0);
      expect(await t.countRows('outbox')).toBe(outboxBefore);
      expect(await t.countRows('meetings')).toBe(meetingsBefore);
    } finally {
      off();
    }
    expect((await worker.runOnce()).claimed).toBe(0);
  });

  it('a refused delivery is retried with exponential backoff, recorded on the row; the booking is unaffected', async () => {
    sink.refuse = true;
    const start = t.clock.now();
    const { guest, meetingId } = await bookOne(t, '2027-06-07T09:00:00.000Z', '2027-06-07T10:00:00.000Z');
    const meeting = (await guest.client.data(`query($id: ID!) { meeting(id: $id) { status } }`, { id: meetingId })).meeting;
    expect(meeting.status).toBe('CONFIRMED');

    expect(await worker.runOnce()).toEqual({ claimed: 2, sent: 0, failed: 2 });
    let rows = (await outboxRows(t)).filter((r) => r.status !== 'SENT');
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.status).toBe('PENDING');
      expect(Number(row.attempts)).toBe(1);
      expect(row.last_error).toMatch(/451|busy/i);
      expect(t.db.readInstant(row.next_attempt_at).getTime()).toBe(start.getTime() + RETRY_BASE_SECONDS * 1000);
    }
    // Not due yet: nothing is tried.
    expect((await worker.runOnce()).claimed).toBe(0);

    t.clock.advance(RETRY_BASE_SECONDS * 1000);
    expect((await worker.runOnce()).failed).toBe(2);
    rows = (await outboxRows(t)).filter((r) => r.status !== 'SENT');
    for (const row of rows) {
      expect(Number(row.attempts)).toBe(2);
      expect(t.db.readInstant(row.next_attempt_at).getTime()).toBe(t.clock.now().getTime() + 2 * RETRY_BASE_SECONDS * 1000);
    }

    sink.refuse = false;
    t.clock.advance(2 * RETRY_BASE_SECONDS * 1000);
    expect(await worker.runOnce()).toEqual({ claimed: 2, sent: 2, failed: 0 });
    const mine = (await guest.client.data(`{ myOutbox(first: 1) { status attempts lastError } }`)).myOutbox;
    expect(mine).toEqual([{ status: 'SENT', attempts: 3, lastError: null }]);
    expect(sink.mails).toHaveLength(2);
  });

  it('gives up after the last attempt (FAILED), still recording the error', async () => {
    sink.refuse = true;
    const { guest } = await bookOne(t, '2027-06-14T09:00:00.000Z', '2027-06-14T10:00:00.000Z');
    for (let attempt = 1; attempt <= 4; attempt++) {
      await worker.runOnce();
      t.clock.advance(2 ** attempt * RETRY_BASE_SECONDS * 1000);
    }
    expect((await worker.runOnce()).claimed).toBe(0);
    const mine = (await guest.client.data(`{ myOutbox(first: 1) { status attempts lastError } }`)).myOutbox[0];
    expect(mine.status).toBe('FAILED');
    expect(mine.attempts).toBe(4);
    expect(mine.lastError).toMatch(/451|busy/i);
  });

  it('crash safety: committed but undelivered rows go out exactly once, even with two workers at once', async () => {
    // The worker is stopped (test mode never ticks): the booking commits its rows, nothing is sent.
    const { host, guest } = await bookOne(t, '2027-06-21T09:00:00.000Z', '2027-06-21T10:00:00.000Z');
    expect(sink.mails).toHaveLength(0);
    expect((await outboxRows(t)).filter((r) => r.status === 'PENDING')).toHaveLength(2);

    // Two workers start together: on PostgreSQL a second API instance on the same database.
    const second = t.engine === 'postgres' ? await createApp(t.config, t.clock) : undefined;
    try {
      if (second) await second.init();
      const other = second ? second.get(OutboxWorker) : worker;
      const runs = await Promise.all([worker.runOnce(), other.runOnce()]);
      expect(runs.map((r) => r.sent).reduce((a, b) => a + b, 0)).toBe(2);
      expect(sink.mails.map((m) => m.to[0]).sort()).toEqual([host.user.email, guest.user.email].sort());
      expect(await Promise.all([worker.runOnce(), other.runOnce()])).toEqual([
        { claimed: 0, sent: 0, failed: 0 },
        { claimed: 0, sent: 0, failed: 0 },
      ]);
      expect(sink.mails).toHaveLength(2);
    } finally {
      await second?.close();
    }
  });

  it('crash safety: a row claimed by a worker that died is taken over after its claim runs out', async () => {
    const { guest } = await bookOne(t, '2027-06-28T09:00:00.000Z', '2027-06-28T10:00:00.000Z');
    const db = t.app.get(Database);
    const now = t.clock.now();
    // A worker claims both rows and dies before sending.
    const claimed = await db.write((em) => t.app.get(OutboxRepository).claim('dead-worker', now, new Date(now.getTime() + t.config.outboxClaimSeconds * 1000), 10, em));
    expect(claimed).toHaveLength(2);
    expect((await worker.runOnce()).claimed).toBe(0);
    t.clock.advance(t.config.outboxClaimSeconds * 1000 + 1000);
    expect((await worker.runOnce()).sent).toBe(2);
    expect(sink.mails).toHaveLength(2);
    expect((await worker.runOnce()).claimed).toBe(0);
    const mine = (await guest.client.data(`{ myOutbox(first: 1) { status attempts } }`)).myOutbox;
    expect(mine).toEqual([{ status: 'SENT', attempts: 2 }]);
  });

  it('preferences: optional kinds can be switched off; booking confirmations and cancellations cannot', async () => {
    const { host, guest, sessionId } = await bookOne(t, '2027-07-05T09:00:00.000Z', '2027-07-05T10:00:00.000Z');
    await worker.runOnce();
    sink.mails.length = 0;
    const prefs = (await host.client.data(`{ myNotificationPreferences { kind enabled essential } }`)).myNotificationPreferences;
    expect(prefs).toContainEqual({ kind: 'BOOKED', enabled: true, essential: true });
    expect(prefs).toContainEqual({ kind: 'REQUESTED', enabled: true, essential: false });

    const UPDATE = `mutation($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { kind enabled essential } }`;
    expect(await host.client.errorCode(UPDATE, { input: { preferences: [{ kind: 'CANCELLED', enabled: false }] } })).toBe('ESSENTIAL_NOTIFICATION');
    const updated = (await host.client.data(UPDATE, { input: { preferences: [{ kind: 'REQUESTED', enabled: false }] } })).updateNotificationPreferences;
    expect(updated).toContainEqual({ kind: 'REQUESTED', enabled: false, essential: false });

    // A request to the host writes no e-mail now; one to the guest (default: on) does.
    const before = await t.countRows('outbox');
    await guest.client.data(SEND_REQUEST, { input: { sessionId, toUserId: host.user.id, message: 'Shall we talk?' } });
    expect(await t.countRows('outbox')).toBe(before);
    await host.client.data(SEND_REQUEST, { input: { sessionId, toUserId: guest.user.id, message: 'Shall we talk?' } });
    expect(await t.countRows('outbox')).toBe(before + 1);
    await worker.runOnce();
    const mail = sink.mails.find((m) => m.to.includes(guest.user.email))!;
    expect(mail.parsed.subject).toBe('Gwesteiwr Cymraeg would like to meet you');
    expect(mail.parsed.attachments).toHaveLength(0);
  });

  it('a reschedule sends the new invitation and cancels the replaced meeting’s UID', async () => {
    const { host, guest, meetingId, sessionId } = await bookOne(t, '2027-07-12T09:00:00.000Z', '2027-07-12T10:00:00.000Z');
    await worker.runOnce();
    sink.mails.length = 0;
    const slots = (await host.client.data(`query($id: ID!) { session(id: $id) { slots { id index } } }`, { id: sessionId })).session.slots;
    const moved = (await guest.client.data(RESCHEDULE, { input: { meetingId, slotId: slots.find((s: { index: number }) => s.index === 1).id } })).rescheduleMeeting;
    expect((await worker.runOnce()).sent).toBe(2);
    const toGuest = sink.mails.find((m) => m.to.includes(guest.user.email))!;
    expect(toGuest.parsed.subject).toBe('Moved: Art and dementia, now Monday 12 July 2027, 10:30–11:00');
    expect(toGuest.parsed.text).toContain('from Monday 12 July 2027, 10:00–10:30');
    const invite = calendarOf(toGuest, 'invite.ics');
    expect(invite.method).toBe('REQUEST');
    expect(invite.event.uid).toBe(`${moved.id}@cyswllt`);
    expect(invite.event.startDate.toJSDate().toISOString()).toBe('2027-07-12T09:30:00.000Z');
    const replaced = calendarOf(toGuest, 'cancelled.ics');
    expect(replaced.method).toBe('CANCEL');
    expect(replaced.event.uid).toBe(`${meetingId}@cyswllt`);
    expect(replaced.event.sequence).toBeGreaterThan(0);
  });

  it('requests: the receiver hears of it; the sender hears of the answer (with an .ics when a slot was picked)', async () => {
    const { host, guest, sessionId } = await bookOne(t, '2027-07-19T09:00:00.000Z', '2027-07-19T10:00:00.000Z');
    await worker.runOnce();
    sink.mails.length = 0;
    const slots = (await host.client.data(`query($id: ID!) { session(id: $id) { slots { id index } } }`, { id: sessionId })).session.slots;
    const first = (await guest.client.data(SEND_REQUEST, { input: { sessionId, toUserId: host.user.id, message: 'Hoffwn siarad' } })).sendMeetingRequest;
    await host.client.data(ACCEPT_REQUEST, { input: { requestId: first.id, placement: 'SLOT', slotId: slots.find((s: { index: number }) => s.index === 1).id } });
    const third = await t.createUser({ roles: [Role.PRACTITIONER], language: Language.cy });
    await third.client.data(REGISTER, { input: { sessionId, role: 'GUEST' } });
    const second = (await third.client.data(SEND_REQUEST, { input: { sessionId, toUserId: host.user.id, message: 'Eto?' } })).sendMeetingRequest;
    await host.client.data(DECLINE_REQUEST, { input: { requestId: second.id, reason: 'Llawn' } });
    await worker.runOnce();
    const subjects = sink.mails.map((m) => `${m.to[0] === host.user.email ? 'host' : m.to[0] === guest.user.email ? 'guest' : 'third'}: ${m.parsed.subject}`).sort();
    expect(subjects).toEqual([
      'guest: Request accepted: Art and dementia',
      'host: Cais wedi’i dderbyn: Celf a dementia',
      'host: Hoffai English Guest gwrdd â chi',
      `host: Hoffai ${third.user.displayName} gwrdd â chi`,
      'third: Cais wedi’i wrthod: Celf a dementia',
    ]);
    const accepted = sink.mails.find((m) => m.to.includes(guest.user.email))!;
    expect(calendarOf(accepted).event.startDate.toJSDate().toISOString()).toBe('2027-07-19T09:30:00.000Z');
    expect(sink.mails.find((m) => m.to.includes(third.user.email))!.parsed.text).toContain('Eu rheswm: “Llawn”');
  });

  it('moving or cancelling the whole session tells everyone: same UID with a higher SEQUENCE, then METHOD:CANCEL', async () => {
    const { organiser, guest, meetingId, sessionId } = await bookOne(t, '2027-07-26T09:00:00.000Z', '2027-07-26T10:00:00.000Z');
    await worker.runOnce();
    sink.mails.length = 0;

    await organiser.client.data(`mutation($id: ID!, $startsAt: DateTime!) { moveSession(id: $id, startsAt: $startsAt) { id } }`, { id: sessionId, startsAt: '2027-07-27T09:00:00.000Z' });
    expect((await worker.runOnce()).sent).toBe(2);
    const moved = sink.mails.find((m) => m.to.includes(guest.user.email))!;
    expect(moved.parsed.subject).toBe('Moved: Art and dementia, now Tuesday 27 July 2027, 10:00–10:30');
    expect(moved.parsed.attachments.map((a) => a.filename)).not.toContain('cancelled.ics');
    const update = calendarOf(moved);
    expect(update.method).toBe('REQUEST');
    expect(update.event.uid).toBe(`${meetingId}@cyswllt`);
    expect(update.event.sequence).toBeGreaterThan(0);
    expect(update.event.startDate.toJSDate().toISOString()).toBe('2027-07-27T09:00:00.000Z');
    sink.mails.length = 0;

    await organiser.client.data(`mutation($id: ID!) { cancelSession(id: $id, reason: "Venue closed") { id } }`, { id: sessionId });
    expect((await worker.runOnce()).sent).toBe(2);
    const cancelled = sink.mails.find((m) => m.to.includes(guest.user.email))!;
    expect(cancelled.parsed.subject).toBe('Cancelled: Art and dementia, Tuesday 27 July 2027, 10:00–10:30');
    expect(cancelled.parsed.text).toContain('Reason: Venue closed');
    const cancellation = calendarOf(cancelled);
    expect(cancellation.method).toBe('CANCEL');
    expect(cancellation.event.uid).toBe(`${meetingId}@cyswllt`);
    expect(cancellation.event.sequence).toBeGreaterThan(update.event.sequence);
  });

  // Moves the clock to August 2027: keep it after the tests that book earlier dates.
  it('reminders 24 hours and 10 minutes before a confirmed meeting, each queued once', async () => {
    const { host, guest } = await bookOne(t, '2027-08-02T09:00:00.000Z', '2027-08-02T10:00:00.000Z');
    await worker.runOnce();
    sink.mails.length = 0;
    const reminders = t.app.get(ReminderScheduler);
    // The host switches the 10-minute reminder off (now: moving the clock ends the login sessions).
    await host.client.data(`mutation($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { kind } }`, {
      input: { preferences: [{ kind: 'REMINDER_SOON', enabled: false }] },
    });

    t.clock.set(new Date('2027-08-01T08:30:00Z')); // 24.5 hours before: not yet
    expect(await reminders.runOnce()).toBe(0);
    t.clock.set(new Date('2027-08-01T09:30:00Z')); // 23.5 hours before
    expect(await reminders.runOnce()).toBe(2);
    expect(await reminders.runOnce()).toBe(0);
    expect((await worker.runOnce()).sent).toBe(2);
    expect(sink.mails.find((m) => m.to.includes(guest.user.email))!.parsed.subject).toBe('Reminder: Art and dementia, Monday 2 August 2027, 10:00–10:30');
    expect(sink.mails.find((m) => m.to.includes(host.user.email))!.parsed.subject).toBe('Nodyn atgoffa: Celf a dementia, Dydd Llun 2 Awst 2027, 10:00–10:30');
    sink.mails.length = 0;

    t.clock.set(new Date('2027-08-02T08:52:00Z')); // 8 minutes before; the guest still gets it
    expect(await reminders.runOnce()).toBe(1);
    expect(await reminders.runOnce()).toBe(0);
    await worker.runOnce();
    expect(sink.mails.map((m) => [m.to[0], m.parsed.subject])).toEqual([[guest.user.email, 'Starting in 10 minutes: Art and dementia']]);
  });

  it('admins see everyone’s e-mails; others are refused', async () => {
    const admin = await t.createUser({ roles: [Role.ADMIN] });
    const all = (await admin.client.data(`{ outbox(first: 200) { id recipientEmail status } }`)).outbox;
    expect(all.length).toBe(await t.countRows('outbox'));
    const someone = await t.createUser({ roles: [Role.PRACTITIONER] });
    expect(await someone.client.errorCode(`{ outbox { id } }`)).toBe('FORBIDDEN');
    expect((await someone.client.data(`{ myOutbox { id } }`)).myOutbox).toEqual([]);
  });
});

describe('notifications in embedded mode (no SMTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('delivers into the in-app outbox and logs a line', async () => {
    const { guest } = await bookOne(t, '2027-03-29T09:00:00.000Z', '2027-03-29T10:00:00.000Z');
    expect(await t.app.get(OutboxWorker).runOnce()).toEqual({ claimed: 2, sent: 2, failed: 0 });
    const mine = (await guest.client.data(`{ myOutbox { kind status channel subject language ics } }`)).myOutbox;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'BOOKED', status: 'SENT', channel: 'OUTBOX', language: 'en' });
    expect(mine[0].ics).toContain('DTSTART;TZID=Europe/London:20270329T100000');
  });
});
