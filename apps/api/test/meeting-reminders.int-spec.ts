import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Language, Role } from '../src/core/auth/role';
import { OutboxWorker } from '../src/modules/notifications/outbox-worker';
import { ReminderScheduler } from '../src/modules/notifications/reminder-scheduler';
import { postWebhook, signWebhook, webhookBody } from './support/livekit-harness';
import { bookOne, Booked } from './support/notification-fixtures';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue #14, points 5 and 8 (proposals): reminders go to each participant not yet in the room and
 * not removed; an organiser's removal before the start takes a person out of the meeting (with
 * notice) and can be undone; a theme proposal's decision reaches its proposer.
 */

const API_KEY = 'devkey';
const API_SECRET = 'a-test-secret-of-at-least-32-characters';
const REMOVE = `mutation($input: RoomParticipantInput!) { removeFromMeetingRoom(input: $input) { userId } }`;
const RESTORE = `mutation($input: RoomParticipantInput!) { restoreMeetingParticipant(input: $input) { id } }`;

describe('meeting reminders and removals', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: OutboxWorker;
  let reminders: ReminderScheduler;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({
      config: {
        smtpUrl: sink.url,
        // Moving the clock by months must not end the test's logins.
        sessionTtlHours: 24 * 365,
        // Configured, so that webhooks are verified and applied; no server needs to run for that.
        livekitUrl: 'ws://127.0.0.1:9',
        livekitApiKey: API_KEY,
        livekitApiSecret: API_SECRET,
      },
    });
    worker = t.app.get(OutboxWorker);
    reminders = t.app.get(ReminderScheduler);
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  beforeEach(async () => {
    await worker.runOnce();
    sink.mails.length = 0;
  });

  const received = () => sink.mails.map((m) => `${m.to[0]}: ${m.parsed.subject}`).sort();
  const meetingStatus = async (id: string) =>
    (await t.db.sql<{ status: string }>('SELECT status FROM meetings WHERE id = ?', [id])).rows[0].status;

  async function joins(booked: Booked, userId: string, at: Date): Promise<void> {
    const { rows } = await t.db.sql<{ room_name: string }>('SELECT room_name FROM meetings WHERE id = ?', [
      booked.meetingId,
    ]);
    const body = webhookBody({
      event: 'participant_joined',
      roomName: rows[0].room_name,
      createdAt: at,
      participant: { sid: `PA_${userId.slice(0, 8)}`, identity: userId },
    });
    expect(await postWebhook(`${t.url}/livekit/webhook`, body, await signWebhook(body, API_KEY, API_SECRET))).toBe(200);
  }

  // Each test books a later day than the one before: the clock only moves forward.
  it('sends the 10-minute reminder to whoever is not in the room yet, also once someone has joined (IN_PROGRESS)', async () => {
    const booked = await bookOne(t, '2027-08-02T09:00:00.000Z', '2027-08-02T10:00:00.000Z');
    await worker.runOnce();
    sink.mails.length = 0;
    t.clock.set(new Date('2027-08-02T08:51:00Z'));
    await joins(booked, booked.host.user.id, t.clock.now());
    expect(await meetingStatus(booked.meetingId)).toBe('IN_PROGRESS');

    expect(await reminders.runOnce()).toBe(1);
    expect(await reminders.runOnce()).toBe(0);
    await worker.runOnce();
    expect(received()).toEqual([`${booked.guest.user.email}: Starting in 10 minutes: Art and dementia`]);
  });

  it('does not send the 10-minute reminder again when someone joins after it went out (found by the rehearsal)', async () => {
    const booked = await bookOne(t, '2027-08-03T09:00:00.000Z', '2027-08-03T10:00:00.000Z');
    await worker.runOnce();
    sink.mails.length = 0;
    t.clock.set(new Date('2027-08-03T08:50:30Z'));
    expect(await reminders.runOnce()).toBe(2);
    t.clock.set(new Date('2027-08-03T08:52:00Z'));
    await joins(booked, booked.host.user.id, t.clock.now());
    expect(await meetingStatus(booked.meetingId)).toBe('IN_PROGRESS');
    expect(await reminders.runOnce()).toBe(0);
    await worker.runOnce();
    // One each, in each person's language (the host reads Welsh).
    expect(received()).toEqual(
      [
        `${booked.guest.user.email}: Starting in 10 minutes: Art and dementia`,
        `${booked.host.user.email}: Yn dechrau ymhen 10 munud: Celf a dementia`,
      ].sort(),
    );
  });

  it('removal before the start takes a person out: a notice in their language, no reminders; an organiser can undo it', async () => {
    const booked = await bookOne(t, '2027-08-09T09:00:00.000Z', '2027-08-09T10:00:00.000Z');
    await worker.runOnce();
    sink.mails.length = 0;
    t.clock.set(new Date('2027-08-05T12:00:00Z'));
    const person = { meetingId: booked.meetingId, userId: booked.host.user.id };
    // Nothing to undo yet: a typed error, nothing queued.
    const before = await t.countRows('outbox');
    expect(await booked.organiser.client.errorCode(RESTORE, { input: person })).toBe('NOT_REMOVED');
    // Only the session's organisers may do either.
    expect(await booked.guest.client.errorCode(REMOVE, { input: person })).toBe('FORBIDDEN');
    expect(await t.countRows('outbox')).toBe(before);

    await booked.organiser.client.data(REMOVE, { input: person });
    // Removing twice says it once.
    await booked.organiser.client.data(REMOVE, { input: person });
    await worker.runOnce();
    expect(received()).toEqual([
      `${booked.host.user.email}: Nid ydych yn y cyfarfod hwn mwyach: Celf a dementia, dydd Llun 9 Awst 2027, 10:00–10:30`,
    ]);
    const notice = sink.mails[0];
    expect(notice.parsed.text).toContain('Mae trefnydd wedi eich tynnu allan o’r cyfarfod hwn.');
    expect(notice.parsed.headers.get('x-cyswllt-kind')).toBe('PARTICIPANT_REMOVED');
    sink.mails.length = 0;

    t.clock.set(new Date('2027-08-08T09:30:00Z')); // 23.5 hours before: the guest only
    expect(await reminders.runOnce()).toBe(1);
    await worker.runOnce();
    expect(received()).toEqual([
      `${booked.guest.user.email}: Reminder: Art and dementia, Monday 9 August 2027, 10:00–10:30`,
    ]);
    sink.mails.length = 0;

    await booked.organiser.client.data(RESTORE, { input: person });
    expect(await booked.organiser.client.errorCode(RESTORE, { input: person })).toBe('NOT_REMOVED');
    await worker.runOnce();
    expect(received()).toEqual([
      `${booked.host.user.email}: Rydych yn ôl yn y cyfarfod hwn: Celf a dementia, dydd Llun 9 Awst 2027, 10:00–10:30`,
    ]);
    sink.mails.length = 0;

    t.clock.set(new Date('2027-08-09T08:52:00Z')); // back in: both get the 10-minute one
    expect(await reminders.runOnce()).toBe(2);
    await worker.runOnce();
    expect(received()).toEqual(
      [
        `${booked.guest.user.email}: Starting in 10 minutes: Art and dementia`,
        `${booked.host.user.email}: Yn dechrau ymhen 10 munud: Celf a dementia`,
      ].sort(),
    );
  });
});

describe('theme proposal decisions', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: OutboxWorker;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ config: { smtpUrl: sink.url } });
    worker = t.app.get(OutboxWorker);
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const PROPOSE = `mutation($input: ProposeSessionInput!) { proposeSession(input: $input) { id } }`;
  const DECLINE = `mutation($input: DecideProposalInput!) { declineProposal(input: $input) { id status } }`;
  const ACCEPT = `mutation($proposalId: ID!, $session: CreateSessionInput!) { acceptProposal(proposalId: $proposalId, session: $session) { id } }`;
  const proposal = (title: string) => ({
    title,
    description: 'Sessions about singing for lung health.',
    conditions: [],
  });

  it('e-mails the decision to the proposer in their language, with a decline’s reason; a refused decision sends nothing', async () => {
    const organiser = await t.createUser({ roles: [Role.ORGANISER] });
    const welsh = await t.createUser({ roles: [Role.PRACTITIONER], language: Language.cy, displayName: 'Cynigydd' });
    const english = await t.createUser({ roles: [Role.PRACTITIONER], language: Language.en, displayName: 'Proposer' });
    const declined = (await welsh.client.data(PROPOSE, { input: proposal('Canu i’r ysgyfaint') })).proposeSession;
    const accepted = (await english.client.data(PROPOSE, { input: proposal('Singing for breathing') })).proposeSession;
    expect(await t.countRows('outbox')).toBe(0);

    await organiser.client.data(DECLINE, {
      input: { proposalId: declined.id, reason: 'Mae sesiwn debyg ym mis Mawrth.' },
    });
    await organiser.client.data(ACCEPT, {
      proposalId: accepted.id,
      session: {
        titleCy: 'Canu ac anadlu',
        titleEn: 'Singing and breathing',
        theme: 'CONDITION',
        conditions: ['dementia'],
        deliveryLanguage: 'BILINGUAL',
        startsAt: '2027-03-01T10:00:00.000Z',
        endsAt: '2027-03-01T11:00:00.000Z',
        slotMinutes: 30,
      },
    });
    // Deciding again is refused and queues nothing more.
    expect(
      await organiser.client.errorCode(DECLINE, {
        input: { proposalId: accepted.id, reason: 'Not this time, sorry.' },
      }),
    ).toBe('INVALID_TRANSITION');
    expect(await t.countRows('outbox')).toBe(2);

    expect((await worker.runOnce()).sent).toBe(2);
    const toWelsh = sink.mails.find((m) => m.to.includes(welsh.user.email))!;
    expect(toWelsh.parsed.subject).toBe('Gwrthodwyd eich cynnig am thema: Canu i’r ysgyfaint');
    expect(toWelsh.parsed.text).toContain('Rheswm y trefnydd: “Mae sesiwn debyg ym mis Mawrth.”');
    expect(toWelsh.parsed.text).toContain(`${t.config.publicUrl}/cy/proposals`);
    const toEnglish = sink.mails.find((m) => m.to.includes(english.user.email))!;
    expect(toEnglish.parsed.subject).toBe('Your theme proposal was accepted: Singing for breathing');
    expect(toEnglish.parsed.text).toContain('an organiser has accepted your theme proposal, “Singing for breathing”');
  });
});
