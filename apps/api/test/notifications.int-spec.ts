import { Logger } from '@nestjs/common';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/bootstrap';
import { Language, Role } from '../src/core/auth/role';
import { Database } from '../src/core/database/database';
import { AccountsService } from '../src/modules/accounts/accounts.service';
import { MeetingChangeListeners } from '../src/modules/booking/meeting-change-listener';
import { formatWhen } from '../src/modules/notifications/mail-templates';
import { OutboxWorker } from '../src/modules/notifications/outbox-worker';
import { OutboxRepository } from '../src/modules/notifications/outbox.repository';
import { ReminderScheduler } from '../src/modules/notifications/reminder-scheduler';
import { RequestNudger } from '../src/modules/notifications/request-nudger';
import {
  ACCEPT_REQUEST,
  BOOK,
  CANCEL,
  DECLINE_REQUEST,
  REGISTER,
  RESCHEDULE,
  SEND_REQUEST,
} from './support/booking-fixtures';
import { bookOne, calendarOf } from './support/notification-fixtures';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue #8, first increment: booking changes write e-mails into the outbox in their own
 * transaction; the worker delivers them (a real SMTP server here) exactly once, with bilingual
 * texts and .ics invitations that parse back to the right instants.
 */

const RETRY_BASE_SECONDS = 60;

interface Row {
  id: string;
  recipient_id: string;
  kind: string;
  status: string;
  attempts: number | string;
  last_error: string | null;
  next_attempt_at: unknown;
  channel: string | null;
}

async function outboxRows(t: TestApp): Promise<Row[]> {
  return (
    await t.db.sql<Row>(
      'SELECT id, recipient_id, kind, status, attempts, last_error, next_attempt_at, channel FROM outbox ORDER BY created_at, id',
    )
  ).rows;
}

const newYork = (instant: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'America/New_York',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);

describe('notifications over SMTP', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: OutboxWorker;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({
      config: { smtpUrl: sink.url, outboxRetryBaseSeconds: RETRY_BASE_SECONDS, outboxMaxAttempts: 4 },
    });
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
    expect(toHost.parsed.subject).toBe('Wedi’i archebu: Celf a dementia, dydd Llun 29 Mawrth 2027, 10:00–10:30');
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
      // ORGANIZER is the platform's no-reply address; the other person is shown by name only (issue #14).
      expect(String(event.organizer).replace(/^mailto:/i, '')).toBe('no-reply@cyswllt.invalid');
      const own = mail === toGuest ? guest.user.email : host.user.email;
      expect(attendees).toContain(own);
      expect(attendees.filter((a) => a !== own)).toEqual([expect.stringMatching(/@cyswllt\.invalid$/)]);
    }

    // Delivered rows are SENT over SMTP, and the signed-in person sees their own.
    const mine = (await guest.client.data(`{ myOutbox { kind subject status channel attempts icsMethod } }`)).myOutbox;
    expect(mine).toEqual([
      {
        kind: 'BOOKED',
        subject: toGuest.parsed.subject,
        status: 'SENT',
        channel: 'SMTP',
        attempts: 1,
        icsMethod: 'REQUEST',
      },
    ]);
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
    const offers = (await host.client.data(`query($s: ID!) { sessionOffers(sessionId: $s) { id } }`, { s: sessionId }))
      .sessionOffers;
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
      await host.client.data(`mutation($input: OfferSlotsInput!) { offerSlots(input: $input) { id } }`, {
        input: { sessionId, slotIndexes: [1], seats: 1 },
      });
      const fresh = (
        await host.client.data(`query($s: ID!) { sessionOffers(sessionId: $s) { id slot { index } } }`, {
          s: sessionId,
        })
      ).sessionOffers.find((o: { slot: { index: number } }) => o.slot.index === 1);
      const response = await late.client.request(BOOK, { offerId: fresh.id });
      expect(response.errors?.length).toBeGreaterThan(0);
      expect(await t.countRows('outbox')).toBe(outboxBefore);
      expect(await t.countRows('meetings')).toBe(meetingsBefore);
    } finally {
      off();
    }
    expect((await worker.runOnce()).claimed).toBe(0);
  });

  it('queues compact events and renders at delivery: mails about a version that has since changed say what that version was', async () => {
    const { host, guest, meetingId } = await bookOne(t, '2027-05-10T09:00:00.000Z', '2027-05-10T10:00:00.000Z');
    // Nothing rendered in the booking's transaction: the row holds a small event, no names or addresses.
    const payloads = (
      await t.db.sql<{ payload: string }>('SELECT payload FROM outbox WHERE meeting_id = ?', [meetingId])
    ).rows.map((r) => r.payload);
    expect(payloads).toHaveLength(2);
    for (const payload of payloads) {
      expect(payload.length).toBeLessThan(600);
      expect(payload).not.toContain(guest.user.email);
      expect(payload).not.toContain('English Guest');
      expect(JSON.parse(payload).meeting).toMatchObject({
        id: meetingId,
        sequence: 0,
        startsAt: '2027-05-10T09:00:00.000Z',
      });
    }
    // Cancelled before the worker ran: the booking mail still carries the booked version, the cancellation the next.
    await host.client.data(CANCEL, { input: { meetingId, reason: 'Clash' } });
    expect(await worker.runOnce()).toEqual({ claimed: 4, sent: 4, failed: 0 });
    const toGuest = sink.mails.filter((m) => m.to.includes(guest.user.email));
    const booked = toGuest.find((m) => m.parsed.subject?.startsWith('Booked:'))!;
    const cancelled = toGuest.find((m) => m.parsed.subject?.startsWith('Cancelled:'))!;
    const invitation = calendarOf(booked);
    expect(invitation.method).toBe('REQUEST');
    expect(invitation.event.sequence).toBe(0);
    expect(invitation.attendees).toContain(guest.user.email);
    expect(invitation.attendees).not.toContain(host.user.email);
    const cancellation = calendarOf(cancelled);
    expect(cancellation.method).toBe('CANCEL');
    expect(cancellation.event.sequence).toBeGreaterThan(0);
    expect(cancelled.parsed.text).toContain('Reason: Clash');
    // The outbox page renders the same e-mail again from the stored event.
    const mine = (await guest.client.data(`{ myOutbox { kind subject recipientEmail ics } }`)).myOutbox;
    const page = mine.find((m: { kind: string }) => m.kind === 'BOOKED');
    expect(page.subject).toBe(booked.parsed.subject);
    expect(page.recipientEmail).toBe(guest.user.email);
    expect(page.ics).toBe(booked.parsed.attachments.find((a) => a.filename === 'invite.ics')!.content.toString('utf8'));
  });

  it('a refused delivery is retried with exponential backoff, recorded on the row; the booking is unaffected', async () => {
    sink.refuse = true;
    const start = t.clock.now();
    const { guest, meetingId } = await bookOne(t, '2027-06-07T09:00:00.000Z', '2027-06-07T10:00:00.000Z');
    const meeting = (await guest.client.data(`query($id: ID!) { meeting(id: $id) { status } }`, { id: meetingId }))
      .meeting;
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
      expect(t.db.readInstant(row.next_attempt_at).getTime()).toBe(
        t.clock.now().getTime() + 2 * RETRY_BASE_SECONDS * 1000,
      );
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
    const claimed = await db.write((em) =>
      t.app
        .get(OutboxRepository)
        .claim('dead-worker', now, new Date(now.getTime() + t.config.outboxClaimSeconds * 1000), 10, em),
    );
    expect(claimed).toHaveLength(2);
    expect((await worker.runOnce()).claimed).toBe(0);
    t.clock.advance(t.config.outboxClaimSeconds * 1000 + 1000);
    expect((await worker.runOnce()).sent).toBe(2);
    expect(sink.mails).toHaveLength(2);
    expect((await worker.runOnce()).claimed).toBe(0);
    const mine = (await guest.client.data(`{ myOutbox(first: 1) { status attempts } }`)).myOutbox;
    expect(mine).toEqual([{ status: 'SENT', attempts: 2 }]);
  });

  it('crash safety: an e-mail sent while the database fails to record it is recorded once it recovers, never sent twice', async () => {
    const { host, guest } = await bookOne(t, '2027-07-05T09:00:00.000Z', '2027-07-05T10:00:00.000Z');
    // A real failure of the database, only for the write that records a sent e-mail.
    const outage =
      t.engine === 'postgres'
        ? [
            `CREATE FUNCTION outbox_outage() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'database unavailable'; END $$ LANGUAGE plpgsql`,
            `CREATE TRIGGER outbox_outage BEFORE UPDATE ON outbox FOR EACH ROW WHEN (NEW.status = 'SENT') EXECUTE FUNCTION outbox_outage()`,
          ]
        : [
            `CREATE TRIGGER outbox_outage BEFORE UPDATE ON outbox WHEN NEW.status = 'SENT' BEGIN SELECT RAISE(ABORT, 'database unavailable'); END`,
          ];
    const recovery =
      t.engine === 'postgres'
        ? ['DROP TRIGGER outbox_outage ON outbox', 'DROP FUNCTION outbox_outage()']
        : ['DROP TRIGGER outbox_outage'];
    for (const statement of outage) await t.db.sql(statement, []);
    const warn = vi.spyOn(Logger.prototype, 'warn');
    try {
      const run = worker.runOnce();
      const deadline = Date.now() + 10_000;
      while (!warn.mock.calls.some(([message]) => String(message).includes('recording it failed'))) {
        if (Date.now() > deadline) throw new Error('the worker never failed to record a sent e-mail');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(sink.mails).toHaveLength(1);
      for (const statement of recovery) await t.db.sql(statement, []);
      expect(await run).toEqual({ claimed: 2, sent: 2, failed: 0 });
    } finally {
      warn.mockRestore();
    }
    const people = [host.user.id, guest.user.id];
    expect(
      (await outboxRows(t)).filter((r) => people.includes(r.recipient_id)).map((r) => [r.status, Number(r.attempts)]),
    ).toEqual([
      ['SENT', 1],
      ['SENT', 1],
    ]);
    t.clock.advance(t.config.outboxClaimSeconds * 1000 + 1000);
    expect((await worker.runOnce()).claimed).toBe(0);
    expect(sink.mails).toHaveLength(2);
  });

  it('preferences: optional kinds can be switched off; booking confirmations and cancellations cannot', async () => {
    const { host, guest, sessionId } = await bookOne(t, '2027-07-05T09:00:00.000Z', '2027-07-05T10:00:00.000Z');
    await worker.runOnce();
    sink.mails.length = 0;
    const prefs = (await host.client.data(`{ myNotificationPreferences { kind enabled essential } }`))
      .myNotificationPreferences;
    expect(prefs).toContainEqual({ kind: 'BOOKED', enabled: true, essential: true });
    expect(prefs).toContainEqual({ kind: 'REQUESTED', enabled: true, essential: false });

    const UPDATE = `mutation($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { kind enabled essential } }`;
    expect(
      await host.client.errorCode(UPDATE, { input: { preferences: [{ kind: 'CANCELLED', enabled: false }] } }),
    ).toBe('ESSENTIAL_NOTIFICATION');
    const updated = (
      await host.client.data(UPDATE, { input: { preferences: [{ kind: 'REQUESTED', enabled: false }] } })
    ).updateNotificationPreferences;
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

  it('a reschedule sends the booking’s calendar event again at its new time: same UID, next SEQUENCE, nothing to cancel', async () => {
    const { host, guest, meetingId, sessionId } = await bookOne(
      t,
      '2027-07-12T09:00:00.000Z',
      '2027-07-12T10:00:00.000Z',
    );
    await worker.runOnce();
    sink.mails.length = 0;
    const slots = (
      await host.client.data(`query($id: ID!) { session(id: $id) { slots { id index } } }`, { id: sessionId })
    ).session.slots;
    const moved = (
      await guest.client.data(RESCHEDULE, {
        input: { meetingId, slotId: slots.find((s: { index: number }) => s.index === 1).id },
      })
    ).rescheduleMeeting;
    expect((await worker.runOnce()).sent).toBe(2);
    const toGuest = sink.mails.find((m) => m.to.includes(guest.user.email))!;
    expect(toGuest.parsed.subject).toBe('Moved: Art and dementia, now Monday 12 July 2027, 10:30–11:00');
    expect(toGuest.parsed.text).toContain('from Monday 12 July 2027, 10:00–10:30');
    const invite = calendarOf(toGuest, 'invite.ics');
    expect(invite.method).toBe('REQUEST');
    expect(moved.id).not.toBe(meetingId);
    expect(invite.event.uid).toBe(`${meetingId}@cyswllt`);
    expect(invite.event.sequence).toBe(1);
    expect(invite.event.startDate.toJSDate().toISOString()).toBe('2027-07-12T09:30:00.000Z');
    expect(toGuest.parsed.attachments.map((a) => a.filename)).not.toContain('cancelled.ics');
  });

  it('requests: the receiver hears of it; the sender hears of the answer (with an .ics when a slot was picked)', async () => {
    const { host, guest, sessionId } = await bookOne(t, '2027-07-19T09:00:00.000Z', '2027-07-19T10:00:00.000Z');
    await worker.runOnce();
    sink.mails.length = 0;
    const slots = (
      await host.client.data(`query($id: ID!) { session(id: $id) { slots { id index } } }`, { id: sessionId })
    ).session.slots;
    const first = (
      await guest.client.data(SEND_REQUEST, { input: { sessionId, toUserId: host.user.id, message: 'Hoffwn siarad' } })
    ).sendMeetingRequest;
    await host.client.data(ACCEPT_REQUEST, {
      input: { requestId: first.id, placement: 'SLOT', slotId: slots.find((s: { index: number }) => s.index === 1).id },
    });
    const third = await t.createUser({ roles: [Role.PRACTITIONER], language: Language.cy });
    await third.client.data(REGISTER, { input: { sessionId, role: 'GUEST' } });
    const second = (
      await third.client.data(SEND_REQUEST, { input: { sessionId, toUserId: host.user.id, message: 'Eto?' } })
    ).sendMeetingRequest;
    await host.client.data(DECLINE_REQUEST, { input: { requestId: second.id, reason: 'Llawn' } });
    await worker.runOnce();
    const subjects = sink.mails
      .map(
        (m) =>
          `${m.to[0] === host.user.email ? 'host' : m.to[0] === guest.user.email ? 'guest' : 'third'}: ${m.parsed.subject}`,
      )
      .sort();
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
    const { organiser, guest, meetingId, sessionId } = await bookOne(
      t,
      '2027-07-26T09:00:00.000Z',
      '2027-07-26T10:00:00.000Z',
    );
    await worker.runOnce();
    sink.mails.length = 0;

    await organiser.client.data(
      `mutation($id: ID!, $startsAt: DateTime!) { moveSession(id: $id, startsAt: $startsAt) { id } }`,
      { id: sessionId, startsAt: '2027-07-27T09:00:00.000Z' },
    );
    // Host and guest: their meeting's e-mail, and the session's own (session-change-mail.int-spec.ts).
    expect((await worker.runOnce()).sent).toBe(4);
    const moved = sink.mails.find((m) => m.to.includes(guest.user.email) && m.parsed.subject!.startsWith('Moved:'))!;
    expect(moved.parsed.subject).toBe('Moved: Art and dementia, now Tuesday 27 July 2027, 10:00–10:30');
    expect(moved.parsed.attachments.map((a) => a.filename)).not.toContain('cancelled.ics');
    const update = calendarOf(moved);
    expect(update.method).toBe('REQUEST');
    expect(update.event.uid).toBe(`${meetingId}@cyswllt`);
    expect(update.event.sequence).toBeGreaterThan(0);
    expect(update.event.startDate.toJSDate().toISOString()).toBe('2027-07-27T09:00:00.000Z');
    sink.mails.length = 0;

    await organiser.client.data(`mutation($id: ID!) { cancelSession(id: $id, reason: "Venue closed") { id } }`, {
      id: sessionId,
    });
    expect((await worker.runOnce()).sent).toBe(4);
    const cancelled = sink.mails.find(
      (m) => m.to.includes(guest.user.email) && m.parsed.subject!.startsWith('Cancelled:'),
    )!;
    expect(cancelled.parsed.subject).toBe('Cancelled: Art and dementia, Tuesday 27 July 2027, 10:00–10:30');
    expect(cancelled.parsed.text).toContain('Reason: Venue closed');
    const cancellation = calendarOf(cancelled);
    expect(cancellation.method).toBe('CANCEL');
    expect(cancellation.event.uid).toBe(`${meetingId}@cyswllt`);
    expect(cancellation.event.sequence).toBeGreaterThan(update.event.sequence);
  });

  // Moves the clock on by four days: keep it after the tests that depend on the starting time.
  it('a request unanswered for 48 hours nudges the addressee and an invited third party who has not answered, once', async () => {
    const nudger = t.app.get(RequestNudger);
    // Requests left open by earlier tests get their nudges first.
    t.clock.advance(49 * 3600_000);
    await nudger.runOnce();
    const { host, guest, sessionId } = await bookOne(t, '2027-09-06T09:00:00.000Z', '2027-09-06T10:00:00.000Z');
    const people = await Promise.all(
      [Language.cy, Language.en, Language.en, Language.en].map(async (language) => {
        const person = await t.createUser({ roles: [Role.LINK_WORKER], language });
        await person.client.data(REGISTER, { input: { sessionId, role: 'GUEST' } });
        return person;
      }),
    );
    const [linkWorker, answered, withdrawnTo, optedOut] = people;
    // Open, with a third party who has not answered: both are nudged.
    await guest.client.data(SEND_REQUEST, {
      input: { sessionId, toUserId: host.user.id, thirdPartyId: linkWorker.user.id, message: 'Can we talk?' },
    });
    // Declined by its addressee, withdrawn by its sender, or to someone who switched nudges off: none.
    const declined = (
      await guest.client.data(SEND_REQUEST, { input: { sessionId, toUserId: answered.user.id, message: 'Hi' } })
    ).sendMeetingRequest;
    await answered.client.data(DECLINE_REQUEST, { input: { requestId: declined.id } });
    const withdrawn = (
      await guest.client.data(SEND_REQUEST, { input: { sessionId, toUserId: withdrawnTo.user.id, message: 'Hi' } })
    ).sendMeetingRequest;
    await guest.client.data(`mutation($id: ID!) { withdrawMeetingRequest(id: $id) { id } }`, { id: withdrawn.id });
    await optedOut.client.data(
      `mutation($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { kind } }`,
      {
        input: { preferences: [{ kind: 'NUDGE', enabled: false }] },
      },
    );
    await guest.client.data(SEND_REQUEST, { input: { sessionId, toUserId: optedOut.user.id, message: 'Hi' } });
    // A third party who has answered is not chased; the addressee still is.
    const confirmed = (
      await answered.client.data(SEND_REQUEST, {
        input: { sessionId, toUserId: withdrawnTo.user.id, thirdPartyId: linkWorker.user.id, message: 'Trio?' },
      })
    ).sendMeetingRequest;
    await linkWorker.client.data(
      `mutation($id: ID!, $accept: Boolean!) { respondToMeetingRequestAsThirdParty(id: $id, accept: $accept) { id } }`,
      { id: confirmed.id, accept: true },
    );
    await worker.runOnce();
    sink.mails.length = 0;

    t.clock.advance(47 * 3600_000);
    expect(await nudger.runOnce()).toBe(0);
    t.clock.advance(3600_000);
    expect(await nudger.runOnce()).toBe(3);
    expect(await nudger.runOnce()).toBe(0);
    t.clock.advance(3600_000);
    expect(await nudger.runOnce()).toBe(0);
    await worker.runOnce();
    const received = sink.mails.map((m) => `${m.to[0]}: ${m.parsed.subject}`).sort();
    expect(received).toEqual(
      [
        `${host.user.email}: Yn dal i aros: hoffai English Guest gwrdd â chi`,
        `${linkWorker.user.email}: Yn dal i aros: hoffai English Guest gwrdd â chi`,
        `${withdrawnTo.user.email}: Still waiting: ${answered.user.displayName} would like to meet you`,
      ].sort(),
    );
    const toHost = sink.mails.find((m) => m.to.includes(host.user.email))!;
    expect(toHost.parsed.text).toContain('“Can we talk?”');
    expect(toHost.parsed.headers.get('x-cyswllt-kind')).toBe('NUDGE');
  });

  // Moves the clock to August 2027: keep it after the tests that book earlier dates.
  it('reminders 24 hours and 10 minutes before a confirmed meeting, each queued once', async () => {
    const { host, guest } = await bookOne(t, '2027-08-02T09:00:00.000Z', '2027-08-02T10:00:00.000Z');
    await worker.runOnce();
    sink.mails.length = 0;
    const reminders = t.app.get(ReminderScheduler);
    // The host switches the 10-minute reminder off (now: moving the clock ends the login sessions).
    await host.client.data(
      `mutation($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { kind } }`,
      {
        input: { preferences: [{ kind: 'REMINDER_SOON', enabled: false }] },
      },
    );

    t.clock.set(new Date('2027-08-01T08:30:00Z')); // 24.5 hours before: not yet
    expect(await reminders.runOnce()).toBe(0);
    t.clock.set(new Date('2027-08-01T09:30:00Z')); // 23.5 hours before
    expect(await reminders.runOnce()).toBe(2);
    expect(await reminders.runOnce()).toBe(0);
    expect((await worker.runOnce()).sent).toBe(2);
    expect(sink.mails.find((m) => m.to.includes(guest.user.email))!.parsed.subject).toBe(
      'Reminder: Art and dementia, Monday 2 August 2027, 10:00–10:30',
    );
    expect(sink.mails.find((m) => m.to.includes(host.user.email))!.parsed.subject).toBe(
      'Nodyn atgoffa: Celf a dementia, dydd Llun 2 Awst 2027, 10:00–10:30',
    );
    sink.mails.length = 0;

    t.clock.set(new Date('2027-08-02T08:52:00Z')); // 8 minutes before; the guest still gets it
    expect(await reminders.runOnce()).toBe(1);
    expect(await reminders.runOnce()).toBe(0);
    await worker.runOnce();
    expect(sink.mails.map((m) => [m.to[0], m.parsed.subject])).toEqual([
      [guest.user.email, 'Starting in 10 minutes: Art and dementia'],
    ]);
  });

  it('an invitation e-mails the invitee, in both languages, with the acceptance link, in the invitation’s transaction', async () => {
    const INVITE = `mutation ($input: CreateInvitationInput!) { createInvitation(input: $input) { invitationId url } }`;
    const organiser = await t.createUser({ roles: [Role.ORGANISER], displayName: 'Trefnydd Organiser' });
    // Refused (an organiser cannot invite an admin): no invitation, no e-mail.
    const before = await t.countRows('outbox');
    expect(await organiser.client.errorCode(INVITE, { input: { email: 'boss@example.test', roles: ['ADMIN'] } })).toBe(
      'ROLE_NOT_INVITABLE',
    );
    expect(await t.countRows('outbox')).toBe(before);

    const { createInvitation } = await organiser.client.data(INVITE, {
      input: { email: 'New.Link@Example.test', roles: ['LINK_WORKER'] },
    });
    expect(await t.countRows('outbox')).toBe(before + 1);
    expect(await worker.runOnce()).toEqual({ claimed: 1, sent: 1, failed: 0 });
    const [mail] = sink.mails;
    expect(mail.to).toEqual(['new.link@example.test']);
    expect(mail.parsed.subject).toBe(
      'Mae Trefnydd Organiser yn eich gwahodd i Cyswllt / Trefnydd Organiser invites you to Cyswllt',
    );
    expect(mail.parsed.headers.get('content-language')).toBe('cy, en');
    expect(mail.parsed.text).toContain(`Crëwch eich cyfrif gyda’r ddolen hon`);
    const expires = formatWhen(
      new Date(t.clock.now().getTime() + t.config.invitationTtlHours * 3600_000),
      undefined,
      Language.en,
    );
    expect(mail.parsed.text).toContain(
      `Create your account with this link (it works once, until ${expires} UK time): ${createInvitation.url}`,
    );
    // The web app's acceptance page.
    expect(createInvitation.url).toMatch(new RegExp(`^${t.config.publicUrl}/invitation/[^/]+$`));
    expect(mail.parsed.text!.indexOf('Helo,')).toBeLessThan(mail.parsed.text!.indexOf('Hello,'));
    expect(mail.parsed.html).toContain(`<a href="${createInvitation.url}">`);
    expect(mail.parsed.headers.get('list-unsubscribe')).toBeUndefined();

    // Once sent, the row no longer holds the link's secret; the admin's outbox page shows the mail without it.
    const token = createInvitation.url.split('/').pop();
    const { rows } = await t.db.sql<{ payload: string; recipient_id: string | null }>(
      `SELECT payload, recipient_id FROM outbox WHERE kind = 'INVITATION'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].recipient_id).toBeNull();
    expect(rows[0].payload).not.toContain(token);
    const admin = await t.createUser({ roles: [Role.ADMIN] });
    const listed = (
      await admin.client.data(
        `{ outbox(first: 200) { kind recipientId recipientEmail language subject bodyText status } }`,
      )
    ).outbox.find((m: { kind: string }) => m.kind === 'INVITATION');
    expect(listed).toMatchObject({
      recipientId: null,
      recipientEmail: 'new.link@example.test',
      language: 'cy, en',
      subject: mail.parsed.subject,
      status: 'SENT',
    });
    expect(listed.bodyText).not.toContain(token);
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

describe('an SMTP server that does not answer', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({
      config: { smtpUrl: sink.url, smtpTimeoutSeconds: 1, outboxRetryBaseSeconds: RETRY_BASE_SECONDS },
    });
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('times out: the booking is made, the attempt is recorded as failed and retried later', async () => {
    sink.stall = true;
    const { guest, meetingId } = await bookOne(t, '2027-03-29T09:00:00.000Z', '2027-03-29T10:00:00.000Z');
    expect(
      (await guest.client.data(`query($id: ID!) { meeting(id: $id) { status } }`, { id: meetingId })).meeting.status,
    ).toBe('CONFIRMED');
    const start = t.clock.now();
    expect(await t.app.get(OutboxWorker).runOnce()).toEqual({ claimed: 2, sent: 0, failed: 2 });
    const mine = (await guest.client.data(`{ myOutbox { status attempts lastError nextAttemptAt } }`)).myOutbox;
    expect(mine).toEqual([
      {
        status: 'PENDING',
        attempts: 1,
        lastError: expect.stringMatching(/greeting never received|timed? ?out/i),
        nextAttemptAt: new Date(start.getTime() + RETRY_BASE_SECONDS * 1000).toISOString(),
      },
    ]);
    sink.stall = false;
    t.clock.advance(RETRY_BASE_SECONDS * 1000);
    expect(await t.app.get(OutboxWorker).runOnce()).toEqual({ claimed: 2, sent: 2, failed: 0 });
    expect(sink.mails).toHaveLength(2);
  });
});

describe('malformed e-mail addresses are refused where people are created', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('sign-up, invitations and the service all refuse them with BAD_USER_INPUT, storing nothing', async () => {
    const users = await t.countRows('users');
    const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { id } }`;
    for (const email of ['not-an-address', 'two@@example.test', 'a@b.test\r\nBcc: x@y.test', 'nobody@localhost']) {
      expect(
        await t.client().errorCode(SIGN_UP, {
          input: { email, password: 'long enough password', displayName: 'X', preferredLanguage: 'en' },
        }),
        email,
      ).toBe('BAD_USER_INPUT');
    }
    const organiser = await t.createUser({ roles: [Role.ORGANISER] });
    expect(
      await organiser.client.errorCode(
        `mutation($input: CreateInvitationInput!) { createInvitation(input: $input) { url } }`,
        { input: { email: 'x y@example.test', roles: ['PRACTITIONER'] } },
      ),
    ).toBe('BAD_USER_INPUT');
    expect(await t.countRows('invitations')).toBe(0);
    expect(await t.countRows('outbox')).toBe(0);
    // The seed and the command-line tools create people through the service: the same rule.
    const error = await t.app
      .get(AccountsService)
      .createUser(
        {
          email: 'still not an address',
          displayName: 'Y',
          language: Language.en,
          roles: [Role.PRACTITIONER],
          organisationId: null,
        },
        'long enough password',
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { fields: { email: ['must be an e-mail address'] } },
    });
    expect(await t.countRows('users')).toBe(users + 1);
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
