import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConnectionOptions, Job, Queue, Worker } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../core/clock/clock';
import { Ticker } from '../../core/clock/ticker';
import { Database } from '../../core/database/database';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import { MeetingsService } from '../booking/meetings.service';
import { NotificationWriter } from './notification-writer';
import { OutboxWorker } from './outbox-worker';
import { remindable, REMINDER_LEAD_MS, ReminderRecipients, Reminders, remindersDue, ReminderWindow } from './reminders';

export const REMINDER_QUEUE = 'reminders';
const WINDOWS: ReminderWindow[] = ['DAY', 'SOON'];
/** Jobs added again by the reconciler: meetings starting within this horizon. */
const RECONCILE_HORIZON_MS = 2 * REMINDER_LEAD_MS.DAY;

export interface ReminderJobData {
  meetingId: string;
  sequence: number;
  window: ReminderWindow;
}

/** One job per meeting version and window: adding it twice (two instances, a retried transaction, the reconciler) is a no-op. */
export function reminderJobId(meetingId: string, sequence: number, window: ReminderWindow): string {
  return `reminder-${window.toLowerCase()}-${meetingId}-v${sequence}`;
}

/** ioredis options from REDIS_URL (redis://[user:password@]host[:port][/db], rediss:// for TLS). */
export function redisConnection(url: string): ConnectionOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    // BullMQ workers block on Redis; ioredis must not give up on their commands.
    maxRetriesPerRequest: null,
  };
}

/**
 * Production Reminders (JOBS=bullmq): each reminder is a delayed BullMQ job in Redis, added when a
 * change to the meeting commits, with a delay computed from the injected Clock and an idempotent
 * id (meeting, version, window). Rescheduling removes the old version's jobs and adds the new
 * one's; cancelling removes them. A job that runs re-reads the meeting and queues the reminder
 * into the outbox only if that version is still the one and may be reminded (CONFIRMED; the
 * 10-minute one also IN_PROGRESS), to those not in the room yet and not removed (a job that
 * outlived its version does nothing), then delivers the outbox at once. Failures are retried with exponential
 * backoff; jobs live in Redis, so they survive restarts and any API instance's worker may run
 * them — BullMQ hands each job to one worker, and the outbox's dedupe key makes a repeated run
 * harmless. A reconciler on the Ticker adds any job missed (a crash between commit and Redis).
 */
@Injectable()
export class BullmqReminders extends Reminders implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(BullmqReminders.name);
  private queue: Queue<ReminderJobData> | undefined;
  private worker: Worker<ReminderJobData> | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
    private readonly meetings: MeetingsService,
    private readonly writer: NotificationWriter,
    private readonly recipients: ReminderRecipients,
    private readonly outboxWorker: OutboxWorker,
    private readonly clock: Clock,
    private readonly ticker: Ticker,
  ) {
    super();
  }

  onModuleInit(): void {
    // Also provided as Reminders: Nest may call the hooks once per token.
    if (this.config.jobs !== 'bullmq' || this.queue) return;
    const connection = redisConnection(this.config.redisUrl!);
    const prefix = this.config.jobsPrefix;
    this.queue = new Queue<ReminderJobData>(REMINDER_QUEUE, { connection, prefix });
    this.worker = new Worker<ReminderJobData>(REMINDER_QUEUE, (job) => this.run(job), {
      connection,
      prefix,
      concurrency: 4,
    });
    // An 'error' event without a listener would end the process.
    this.queue.on('error', (error) => this.logger.warn(`reminder queue: ${error.message}`));
    this.worker.on('error', (error) => this.logger.warn(`reminder worker: ${error.message}`));
    this.worker.on('failed', (job, error) =>
      this.logger.warn(`reminder ${job?.id} attempt ${job?.attemptsMade} failed: ${error.message}`),
    );
    this.ticker.register('notifications: reconcile reminder jobs', () => this.reconcile());
  }

  async onModuleDestroy(): Promise<void> {
    const { worker, queue } = this;
    this.worker = this.queue = undefined;
    await worker?.close();
    await queue?.close();
  }

  async meetingsChanged(meetingIds: string[]): Promise<void> {
    for (const id of new Set(meetingIds)) {
      const found = await this.meetings.findWithPeople(id);
      if (found) await this.sync(found.meeting);
    }
  }

  /** Adds the jobs of meetings starting soon that lack them; returns how many were added. */
  async reconcile(): Promise<number> {
    const upcoming = await this.meetings.inJoinWindow(this.clock.now(), RECONCILE_HORIZON_MS, 0);
    let added = 0;
    for (const meeting of upcoming) added += await this.addDue(meeting);
    return added;
  }

  /** The meeting's current version gets its jobs; every other version's are removed. */
  private async sync(meeting: MeetingEntity): Promise<void> {
    const queue = this.requireQueue();
    const keep = new Set(
      remindersDue(meeting, this.clock.now()).map((r) => reminderJobId(meeting.id, meeting.sequence, r.window)),
    );
    // A meeting's sequence counts its changes: a handful, so trying each version's ids is cheap.
    for (let sequence = 0; sequence <= meeting.sequence; sequence++) {
      for (const window of WINDOWS) {
        const id = reminderJobId(meeting.id, sequence, window);
        if (!keep.has(id)) await queue.remove(id);
      }
    }
    await this.addDue(meeting);
  }

  private async addDue(meeting: MeetingEntity): Promise<number> {
    const queue = this.requireQueue();
    const now = this.clock.now();
    let added = 0;
    for (const { window, at } of remindersDue(meeting, now)) {
      const jobId = reminderJobId(meeting.id, meeting.sequence, window);
      if (await queue.getJob(jobId)) continue;
      await queue.add(
        'reminder',
        { meetingId: meeting.id, sequence: meeting.sequence, window },
        {
          jobId,
          delay: Math.max(0, at.getTime() - now.getTime()),
          attempts: this.config.jobAttempts,
          backoff: { type: 'exponential', delay: this.config.jobBackoffSeconds * 1000 },
          // Kept a while so that adding the same id again (reconciler, another instance) stays a no-op.
          removeOnComplete: { age: RECONCILE_HORIZON_MS / 1000 },
          removeOnFail: { age: (7 * REMINDER_LEAD_MS.DAY) / 1000 },
        },
      );
      added += 1;
    }
    return added;
  }

  /** Runs one reminder job: returns how many e-mails it queued (0 when its version is gone). */
  private async run(job: Job<ReminderJobData>): Promise<number> {
    const { meetingId, sequence, window } = job.data;
    const meeting = await this.meetings.find(meetingId);
    if (!meeting) return 0;
    if (
      !remindable(meeting.status, window) ||
      meeting.sequence !== sequence ||
      meeting.startsAt.getTime() <= this.clock.now().getTime()
    )
      return 0;
    const people = (await this.recipients.of([meeting.id])).get(meeting.id) ?? [];
    const queued = await this.db.write((em) => this.writer.remind(meeting, people, window, em));
    // Deliver now rather than at the next tick: a 10-minute reminder cannot wait long.
    if (queued > 0) await this.outboxWorker.runOnce();
    return queued;
  }

  private requireQueue(): Queue<ReminderJobData> {
    if (!this.queue) throw new Error('BullMQ reminders are not started (JOBS=bullmq)');
    return this.queue;
  }
}
