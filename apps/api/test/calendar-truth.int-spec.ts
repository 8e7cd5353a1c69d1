import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Language, Role } from '../src/core/auth/role';
import { Database } from '../src/core/database/database';
import { MeetingSource, MeetingStatus } from '../src/modules/booking/booking.enums';
import { MeetingPlacer } from '../src/modules/booking/meeting-placer';
import { SessionsService } from '../src/modules/events/sessions.service';
import { mailbox } from '../src/modules/notifications/meeting-calendar';
import { OutboxWorker } from '../src/modules/notifications/outbox-worker';
import { BOOK, CANCEL, CREATE_SESSION, offer, PUBLISH, REGISTER, RESCHEDULE } from './support/booking-fixtures';
import { calendarsOf, expectNoneOf, readCalendar } from './support/calendar-check';
import { bookOne } from './support/notification-fixtures';
import { ReceivedMail, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Issue #14, points 4 and 6: one booking is one calendar event for its whole life (same UID,
 * rising SEQUENCE, METHOD REQUEST then CANCEL); DTSTAMP in UTC; the repeated autumn hour written
 * in UTC; ORGANIZER the platform's no-reply address; other people by name only unless they chose
 * to share their address. Every .ics is read back by ical.js and node-ical (support/calendar-check).
 */

const MEETING = `query($id: ID!) { meeting(id: $id) { id status startsAt endsAt sequence } }`;
const CONFIRM = `mutation($id: ID!) { confirmMeeting(id: $id) { id status sequence } }`;
const SHARE = `mutation($share: Boolean!) { updateMe(input: { shareEmail: $share }) { id shareEmail } }`;

describe('calendar truth and privacy of addresses', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: OutboxWorker;
  let noReply: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ config: { smtpUrl: sink.url } });
    worker = t.app.get(OutboxWorker);
    noReply = mailbox(t.config.mailFrom).email.toLowerCase();
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  beforeEach(async () => {
    await deliver();
  });

  /** Delivers what is due over SMTP and returns the mails that arrived. */
  async function deliver(): Promise<ReceivedMail[]> {
    sink.mails.length = 0;
    await worker.runOnce();
    return [...sink.mails];
  }

  const to = (mails: ReceivedMail[], person: TestUser) => mails.filter((m) => m.to.includes(person.user.email));

  async function stored(meetingId: string) {
    const { rows } = await t.db.sql<{ calendar_uid: string; sequence: number | string }>(
      'SELECT calendar_uid, sequence FROM meetings WHERE id = ?',
      [meetingId],
    );
    return { uid: rows[0]!.calendar_uid, sequence: Number(rows[0]!.sequence) };
  }

  async function meetingAsSeenBy(person: TestUser, meetingId: string) {
    return (await person.client.data(MEETING, { id: meetingId })).meeting as {
      startsAt: string;
      endsAt: string;
      sequence: number;
      status: string;
    };
  }

  it('a reschedule carries the booking’s UID on with SEQUENCE + 1 and METHOD:REQUEST; the cancellation is METHOD:CANCEL, higher still', async () => {
    const { host, guest, meetingId, sessionId } = await bookOne(
      t,
      '2027-07-12T09:00:00.000Z',
      '2027-07-12T10:00:00.000Z',
    );
    const booked = await deliver();
    expect(booked).toHaveLength(2);
    const identity = await stored(meetingId);
    expect(identity).toEqual({ uid: `${meetingId}@cyswllt`, sequence: 0 });
    for (const mail of booked)
      expect(calendarsOf(mail).map((c) => [c.event.method, c.event.uid, c.event.sequence])).toEqual([
        ['REQUEST', identity.uid, 0],
      ]);

    const slots = (
      await host.client.data(`query($id: ID!) { session(id: $id) { slots { id index } } }`, { id: sessionId })
    ).session.slots;
    const moved = (
      await guest.client.data(RESCHEDULE, {
        input: { meetingId, slotId: slots.find((s: { index: number }) => s.index === 1).id },
      })
    ).rescheduleMeeting;
    expect(moved.id).not.toBe(meetingId); // a new meeting row in the new slot, the same calendar event
    expect(await stored(moved.id)).toEqual({ uid: identity.uid, sequence: 1 });
    const now = await meetingAsSeenBy(guest, moved.id);
    const update = await deliver();
    expect(update).toHaveLength(2);
    for (const mail of update) {
      // One attachment: the same event at its new time, not a cancellation of another UID.
      const calendars = calendarsOf(mail);
      expect(calendars.map((c) => c.filename)).toEqual(['invite.ics']);
      expect(calendars[0]!.event).toMatchObject({
        method: 'REQUEST',
        uid: identity.uid,
        sequence: 1,
        status: 'CONFIRMED',
        startsAt: now.startsAt,
        endsAt: now.endsAt,
      });
    }

    await host.client.data(CANCEL, { input: { meetingId: moved.id, reason: 'Unwell' } });
    const cancelled = await deliver();
    expect(cancelled).toHaveLength(2);
    for (const mail of cancelled) {
      expect(calendarsOf(mail).map((c) => c.event)).toMatchObject([
        { method: 'CANCEL', uid: identity.uid, sequence: 2, status: 'CANCELLED', startsAt: now.startsAt },
      ]);
    }

    // The calendar feed shows the booking once: its latest version.
    const { createCalendarFeed } = await guest.client.data(`mutation { createCalendarFeed { url } }`);
    const feed = await (
      await fetch(createCalendarFeed.url.replace(t.config.publicUrl.replace(/\/$/, ''), t.url))
    ).text();
    const events = readCalendar(feed).filter((e) => e.uid === identity.uid);
    expect(events.map((e) => [e.sequence, e.status, e.startsAt])).toEqual([[2, 'CANCELLED', now.startsAt]]);
  });

  it('confirming a PROPOSED meeting sends everyone the update: STATUS:CONFIRMED, SEQUENCE + 1', async () => {
    const { host, guest, sessionId } = await bookOne(t, '2027-07-19T09:00:00.000Z', '2027-07-19T10:00:00.000Z');
    const { slot } = await t.app
      .get(SessionsService)
      .requireSlot(
        sessionId,
        (await host.client.data(`query($id: ID!) { session(id: $id) { slots { id index } } }`, { id: sessionId }))
          .session.slots[1].id,
      );
    // What publishing an auto-schedule does: a PROPOSED meeting everyone is asked to confirm.
    const { meeting } = await t.app.get(Database).write((em) =>
      t.app.get(MeetingPlacer).place(
        {
          sessionId,
          slot,
          hostId: host.user.id,
          guestIds: [guest.user.id],
          source: MeetingSource.AUTO_SCHEDULED,
          status: MeetingStatus.PROPOSED,
          now: t.clock.now(),
        },
        em,
      ),
    );
    await deliver();
    const proposed = await deliver();
    expect(proposed).toHaveLength(0);

    expect((await guest.client.data(CONFIRM, { id: meeting.id })).confirmMeeting.status).toBe('PROPOSED');
    expect(await deliver()).toHaveLength(0); // not everyone yet
    expect((await host.client.data(CONFIRM, { id: meeting.id })).confirmMeeting).toMatchObject({
      status: 'CONFIRMED',
      sequence: 1,
    });
    const seen = await meetingAsSeenBy(guest, meeting.id);
    expect(seen).toMatchObject({ status: 'CONFIRMED', sequence: 1 });
    const confirmed = await deliver();
    expect(confirmed.map((m) => m.to[0]).sort()).toEqual([host.user.email, guest.user.email].sort());
    expect(to(confirmed, guest)[0]!.parsed.subject).toBe(
      'Confirmed: Art and dementia, Monday 19 July 2027, 10:30–11:00',
    );
    expect(to(confirmed, host)[0]!.parsed.subject).toBe(
      'Wedi’i gadarnhau: Celf a dementia, dydd Llun 19 Gorffennaf 2027, 10:30–11:00',
    );
    for (const mail of confirmed) {
      expect(calendarsOf(mail).map((c) => c.event)).toMatchObject([
        {
          method: 'REQUEST',
          uid: `${meeting.id}@cyswllt`,
          sequence: 1,
          status: 'CONFIRMED',
          startsAt: seen.startsAt,
          endsAt: seen.endsAt,
        },
      ]);
    }
  });

  it('the repeated autumn hour: 00:30Z and 01:30Z are written in UTC, both parsers read the database’s instants, slots say BST and GMT', async () => {
    const organiser = await t.createUser({ roles: [Role.ORGANISER] });
    // Sunday 31 October 2027: 00:00 BST (23:00Z Saturday) to 03:00 GMT, in 30-minute slots.
    const { createSession } = await organiser.client.data(CREATE_SESSION, {
      input: {
        titleCy: 'Noson y newid',
        titleEn: 'The night of the change',
        theme: 'CONDITION',
        conditions: ['dementia'],
        deliveryLanguage: 'BILINGUAL',
        startsAt: '2027-10-30T23:00:00.000Z',
        endsAt: '2027-10-31T03:00:00.000Z',
        slotMinutes: 30,
      },
    });
    await organiser.client.data(PUBLISH, { id: createSession.id });
    const { session } = await organiser.client.data(
      `query($id: ID!) { session(id: $id) { slots { index startsAt endsAt startLabel endLabel } } }`,
      { id: createSession.id },
    );
    expect(session.slots.map((s: { startLabel: string }) => s.startLabel)).toEqual([
      '00:00',
      '00:30',
      '01:00 BST',
      '01:30 BST',
      '01:00 GMT',
      '01:30 GMT',
      '02:00',
      '02:30',
    ]);
    for (const slot of session.slots) expect(Date.parse(slot.endsAt) - Date.parse(slot.startsAt)).toBe(30 * 60_000);

    const host = await t.createUser({ roles: [Role.COMMISSIONER], language: Language.en });
    await host.client.data(REGISTER, { input: { sessionId: createSession.id, role: 'HOST' } });
    const offers = await offer(host, createSession.id, [3, 5]);
    const meetings: string[] = [];
    for (const index of [3, 5]) {
      const guest = await t.createUser({ roles: [Role.PRACTITIONER], language: Language.en });
      await guest.client.data(REGISTER, { input: { sessionId: createSession.id, role: 'GUEST' } });
      meetings.push(
        (await guest.client.data(BOOK, { offerId: offers.find((o) => o.slot.index === index)!.id })).bookSlot.id,
      );
    }
    const mails = await deliver();
    expect(mails).toHaveLength(4);
    const expected: Record<string, { start: string; end: string; lines: string[] }> = {
      [`${meetings[0]}@cyswllt`]: {
        start: '2027-10-31T00:30:00.000Z',
        end: '2027-10-31T01:00:00.000Z',
        lines: ['DTSTART:20271031T003000Z', 'DTEND:20271031T010000Z'],
      },
      [`${meetings[1]}@cyswllt`]: {
        start: '2027-10-31T01:30:00.000Z',
        end: '2027-10-31T02:00:00.000Z',
        lines: ['DTSTART:20271031T013000Z', 'DTEND;TZID=Europe/London:20271031T020000'],
      },
    };
    for (const mail of mails) {
      const { event } = calendarsOf(mail)[0]!;
      const want = expected[event.uid]!;
      expect([event.startsAt, event.endsAt]).toEqual([want.start, want.end]);
      for (const line of want.lines) expect(event.raw).toContain(`\r\n${line}\r\n`);
      expect(mail.parsed.subject).toMatch(want.start.includes('T00:30') ? /01:30 BST–01:00 GMT$/ : /01:30 GMT–02:00$/);
    }
    for (const [i, id] of meetings.entries()) {
      const row = await meetingAsSeenBy(host, id);
      expect([row.startsAt, row.endsAt]).toEqual([Object.values(expected)[i]!.start, Object.values(expected)[i]!.end]);
    }
  });

  it('ORGANIZER is the no-reply address; other people appear by name only, unless they chose to share their address', async () => {
    const { host, guest, meetingId, sessionId } = await bookOne(
      t,
      '2027-08-02T09:00:00.000Z',
      '2027-08-02T10:00:00.000Z',
    );
    const booked = await deliver();
    const checkNoOthers = (mails: ReceivedMail[], shared: TestUser[] = []) => {
      for (const mail of mails) {
        const others = [host, guest]
          .filter((p) => !mail.to.includes(p.user.email) && !shared.includes(p))
          .map((p) => p.user.email);
        expectNoneOf(mail, others);
        for (const { event } of calendarsOf(mail)) {
          expect(event.organizer).toBe(noReply);
          expect(
            event.attendees.find((a) => a.email === mail.to[0]!.toLowerCase()),
            'the recipient, by their own address',
          ).toBeDefined();
        }
      }
    };
    checkNoOthers(booked);
    const toGuest = calendarsOf(to(booked, guest)[0]!)[0]!.event;
    const hostLine = toGuest.attendees.find((a) => a.cn === 'Gwesteiwr Cymraeg')!;
    expect(hostLine.email).toMatch(/@cyswllt\.invalid$/);
    // The outbox page shows the same: no other person's address in its entries.
    const { myOutbox } = await guest.client.data(`{ myOutbox { subject bodyText bodyHtml ics } }`);
    expect(JSON.stringify(myOutbox).toLowerCase()).not.toContain(host.user.email.toLowerCase());

    // The host chooses to share their address (off by default, visible only to themselves).
    expect((await host.client.data(`{ me { shareEmail } }`)).me.shareEmail).toBe(false);
    expect((await host.client.data(SHARE, { share: true })).updateMe.shareEmail).toBe(true);
    expect(
      (await guest.client.data(`query($id: ID!) { person(id: $id) { shareEmail } }`, { id: host.user.id })).person
        .shareEmail,
    ).toBeNull();
    const slots = (
      await host.client.data(`query($id: ID!) { session(id: $id) { slots { id index } } }`, { id: sessionId })
    ).session.slots;
    await guest.client.data(RESCHEDULE, {
      input: { meetingId, slotId: slots.find((s: { index: number }) => s.index === 1).id },
    });
    const moved = await deliver();
    checkNoOthers(moved, [host]);
    expect(calendarsOf(to(moved, guest)[0]!)[0]!.event.attendees).toContainEqual({
      cn: 'Gwesteiwr Cymraeg',
      email: host.user.email.toLowerCase(),
    });
    expectNoneOf(to(moved, host)[0]!, [guest.user.email]);
  });

  it('a new guest joining a group meeting: the guest gets the invitation, the host an update, other guests nothing', async () => {
    const organiser = await t.createUser({ roles: [Role.ORGANISER] });
    const { createSession } = await organiser.client.data(CREATE_SESSION, {
      input: {
        titleCy: 'Grŵp',
        titleEn: 'Group',
        theme: 'CONDITION',
        conditions: ['dementia'],
        deliveryLanguage: 'BILINGUAL',
        startsAt: '2027-08-09T09:00:00.000Z',
        endsAt: '2027-08-09T10:00:00.000Z',
        slotMinutes: 30,
      },
    });
    await organiser.client.data(PUBLISH, { id: createSession.id });
    const host = await t.createUser({ roles: [Role.COMMISSIONER] });
    await host.client.data(REGISTER, { input: { sessionId: createSession.id, role: 'HOST' } });
    const [group] = await offer(host, createSession.id, [0], 3);
    const guests: TestUser[] = [];
    for (let i = 0; i < 3; i++) {
      const guest = await t.createUser({ roles: [Role.PRACTITIONER] });
      await guest.client.data(REGISTER, { input: { sessionId: createSession.id, role: 'GUEST' } });
      guests.push(guest);
    }
    const meetingId = (await guests[0]!.client.data(BOOK, { offerId: group!.id })).bookSlot.id;
    await deliver();
    await guests[1]!.client.data(BOOK, { offerId: group!.id });
    await deliver();

    await guests[2]!.client.data(BOOK, { offerId: group!.id });
    const joined = await deliver();
    expect(joined.map((m) => m.to[0]).sort()).toEqual([host.user.email, guests[2]!.user.email].sort());
    const uid = (await stored(meetingId)).uid;
    for (const mail of joined) {
      const { event } = calendarsOf(mail)[0]!;
      expect(event).toMatchObject({ method: 'REQUEST', uid });
      expect(event.attendees).toHaveLength(4);
    }
    // The host's update lists everyone, by name; the new guest sees the others by name only.
    expectNoneOf(to(joined, guests[2]!)[0]!, [host.user.email, guests[0]!.user.email, guests[1]!.user.email]);
    expectNoneOf(
      to(joined, host)[0]!,
      guests.map((g) => g.user.email),
    );
  });
});
