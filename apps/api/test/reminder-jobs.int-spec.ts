import { Job, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/bootstrap';
import { AfterCommit } from '../src/core/database/after-commit';
import {
  BullmqReminders,
  REMINDER_QUEUE,
  redisConnection,
  ReminderJobData,
  reminderJobId,
} from '../src/modules/notifications/bullmq-reminders';
import { OutboxWorker } from '../src/modules/notifications/outbox-worker';
import { ReminderWindow } from '../src/modules/notifications/reminders';
import { CANCEL, RESCHEDULE } from './support/booking-fixtures';
import { eventually } from './support/livekit-harness';
import { bookOne } from './support/notification-fixtures';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue #8: JOBS=bullmq keeps each meeting reminder as a delayed BullMQ job in the real Redis on
 * 127.0.0.1:6379 (a queue prefix of its own for this file), with the delay taken from the
 * injected clock; booking, rescheduling and cancelling add, move and remove the jobs; a job that
 * runs sends each person one e-mail over SMTP, even with two API instances working the queue.
 */

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DAY = 24 * 3600_000;
const TEN_MINUTES = 10 * 60_000;

describe('reminders as BullMQ delayed jobs', () => {
  const prefix = `cyswllt-test-${randomUUID()}`;
  let t: TestApp;
  let sink: SmtpSink;
  let queue: Queue<ReminderJobData>;

  const settled = () => t.app.get(AfterCommit).idle();
  const job = (meetingId: string, sequence: number, window: ReminderWindow) =>
    queue.getJob(reminderJobId(meetingId, sequence, window));
  const jobsOf = async (meetingId: string) =>
    (await queue.getJobs(['delayed', 'wait', 'active', 'completed', 'failed']))
      .filter((j) => j.data.meetingId === meetingId)
      .map((j) => j.id)
      .sort();

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ config: { smtpUrl: sink.url, jobs: 'bullmq', redisUrl: REDIS_URL, jobsPrefix: prefix } });
    queue = new Queue<ReminderJobData>(REMINDER_QUEUE, { connection: redisConnection(REDIS_URL), prefix });
  });

  afterAll(async () => {
    await t?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await sink?.close();
  });

  beforeEach(async () => {
    await t.app.get(OutboxWorker).runOnce();
    sink.mails.length = 0;
  });

  it('a booking adds one delayed job per reminder, due 24 hours and 10 minutes before, by the injected clock', async () => {
    const now = t.clock.now();
    const { meetingId } = await bookOne(t, '2027-03-29T09:00:00.000Z', '2027-03-29T10:00:00.000Z');
    await settled();
    const start = new Date('2027-03-29T09:00:00.000Z').getTime();
    const day = (await job(meetingId, 0, 'DAY'))!;
    const soon = (await job(meetingId, 0, 'SOON'))!;
    expect(await day.getState()).toBe('delayed');
    expect(await soon.getState()).toBe('delayed');
    expect(day.delay).toBe(start - DAY - now.getTime());
    expect(soon.delay).toBe(start - TEN_MINUTES - now.getTime());
    expect(day.data).toEqual({ meetingId, sequence: 0, window: 'DAY' });
    expect(day.opts.attempts).toBe(t.config.jobAttempts);
    expect(day.opts.backoff).toEqual({ type: 'exponential', delay: t.config.jobBackoffSeconds * 1000 });
    expect(await jobsOf(meetingId)).toEqual(
      [reminderJobId(meetingId, 0, 'DAY'), reminderJobId(meetingId, 0, 'SOON')].sort(),
    );
  });

  it('rescheduling moves the reminders: the old meeting’s jobs go, the new one’s come with the new delay', async () => {
    const { guest, host, meetingId, sessionId } = await bookOne(
      t,
      '2027-04-05T09:00:00.000Z',
      '2027-04-05T10:00:00.000Z',
    );
    await settled();
    const slots = (
      await host.client.data(`query($id: ID!) { session(id: $id) { slots { id index } } }`, { id: sessionId })
    ).session.slots;
    const moved = (
      await guest.client.data(RESCHEDULE, {
        input: { meetingId, slotId: slots.find((s: { index: number }) => s.index === 1).id },
      })
    ).rescheduleMeeting;
    await settled();
    expect(await jobsOf(meetingId)).toEqual([]);
    // The new meeting carries the booking's calendar SEQUENCE on (issue #14): 1, not 0.
    const day = (await job(moved.id, 1, 'DAY'))!;
    expect(day.delay).toBe(new Date('2027-04-05T09:30:00.000Z').getTime() - DAY - t.clock.now().getTime());
    expect(await jobsOf(moved.id)).toHaveLength(2);
  });

  it('moving the whole session replaces the meeting version’s jobs (same meeting, higher sequence)', async () => {
    const { organiser, meetingId, sessionId } = await bookOne(
      t,
      '2027-04-12T09:00:00.000Z',
      '2027-04-12T10:00:00.000Z',
    );
    await settled();
    await organiser.client.data(
      `mutation($id: ID!, $startsAt: DateTime!) { moveSession(id: $id, startsAt: $startsAt) { id } }`,
      { id: sessionId, startsAt: '2027-04-13T09:00:00.000Z' },
    );
    await settled();
    const ids = await jobsOf(meetingId);
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(reminderJobId(meetingId, 0, 'DAY'));
    const [soon] = (await Promise.all(ids.map((id) => queue.getJob(id!)))).filter(
      (j): j is Job<ReminderJobData> => j?.data.window === 'SOON',
    );
    expect(soon.data.sequence).toBeGreaterThan(0);
    expect(soon.delay).toBe(new Date('2027-04-13T09:00:00.000Z').getTime() - TEN_MINUTES - t.clock.now().getTime());
  });

  it('cancelling removes the reminders', async () => {
    const { host, meetingId } = await bookOne(t, '2027-04-19T09:00:00.000Z', '2027-04-19T10:00:00.000Z');
    await settled();
    expect(await jobsOf(meetingId)).toHaveLength(2);
    await host.client.data(CANCEL, { input: { meetingId, reason: 'Unwell' } });
    await settled();
    expect(await jobsOf(meetingId)).toEqual([]);
    // The reconciler does not bring them back.
    await t.app.get(BullmqReminders).reconcile();
    expect(await jobsOf(meetingId)).toEqual([]);
  });

  it('a promoted job sends each person exactly one reminder over SMTP', async () => {
    const { host, guest, meetingId } = await bookOne(t, '2027-04-26T09:00:00.000Z', '2027-04-26T10:00:00.000Z');
    await settled();
    await t.app.get(OutboxWorker).runOnce();
    sink.mails.length = 0;
    const soon = (await job(meetingId, 0, 'SOON'))!;
    await soon.promote();
    await eventually(async () => (await soon.getState()) === 'completed', 10_000, 'the reminder job to complete');
    expect(sink.mails.map((m) => m.to[0]).sort()).toEqual([host.user.email, guest.user.email].sort());
    expect(sink.mails.find((m) => m.to.includes(guest.user.email))!.parsed.subject).toBe(
      'Starting in 10 minutes: Art and dementia',
    );
    // Nothing more: not the outbox again, not the reconciler (the completed job keeps its id).
    expect((await t.app.get(OutboxWorker).runOnce()).claimed).toBe(0);
    expect(await t.app.get(BullmqReminders).reconcile()).toBe(0);
    expect(sink.mails).toHaveLength(2);
  });

  // Stops this app's worker on PostgreSQL: keep it last.
  it('two API instances on one database and Redis: each job added once, each reminder sent once, also after one stops', async () => {
    const { host, guest, meetingId } = await bookOne(t, '2027-05-03T09:00:00.000Z', '2027-05-03T10:00:00.000Z');
    await settled();
    await t.app.get(OutboxWorker).runOnce();
    sink.mails.length = 0;
    // SQLite is one process's file: the second instance runs on PostgreSQL only.
    const second = t.engine === 'postgres' ? await createApp(t.config, t.clock) : undefined;
    try {
      if (second) await second.init();
      const instances = [t.app, second ?? t.app].map((app) => app.get(BullmqReminders));
      await Promise.all(instances.map((reminders) => reminders.meetingsChanged([meetingId])));
      expect(await jobsOf(meetingId)).toHaveLength(2);
      const day = (await job(meetingId, 0, 'DAY'))!;
      await day.promote();
      await eventually(async () => (await day.getState()) === 'completed', 10_000, 'the reminder job to complete');
      await Promise.all([t.app, second ?? t.app].map((app) => app.get(OutboxWorker).runOnce()));
      expect(sink.mails.map((m) => m.to[0]).sort()).toEqual([host.user.email, guest.user.email].sort());
      expect(sink.mails.find((m) => m.to.includes(guest.user.email))!.parsed.subject).toBe(
        'Reminder: Art and dementia, Monday 3 May 2027, 10:00–10:30',
      );
      sink.mails.length = 0;

      if (second) {
        // The first instance stops (a restart): the job it added stays in Redis and the other instance runs it.
        await t.app.get(BullmqReminders).onModuleDestroy();
        const soon = (await job(meetingId, 0, 'SOON'))!;
        await soon.promote();
        await eventually(
          async () => (await soon.getState()) === 'completed',
          10_000,
          'the other instance to run the job',
        );
        expect(sink.mails.map((m) => m.to[0]).sort()).toEqual([host.user.email, guest.user.email].sort());
      }
    } finally {
      await second?.close();
    }
  });
});
