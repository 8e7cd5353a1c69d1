import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../core/clock/clock';
import { Ticker } from '../../core/clock/ticker';
import { Database } from '../../core/database/database';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import { MeetingsService } from '../booking/meetings.service';
import { NotificationWriter } from './notification-writer';
import { remindable, REMINDER_LEAD_MS, ReminderRecipients, Reminders, ReminderWindow } from './reminders';

/**
 * The embedded default of Reminders: on every Ticker run, queues the reminders whose time has come
 * for CONFIRMED meetings (and the 10-minute one for IN_PROGRESS ones) into the outbox, to each
 * participant not in the room yet and not removed. Idempotent: each reminder has a dedupe key per meeting,
 * start time and person, so a tick that runs twice, or two API instances, queue it once;
 * a tick that was missed catches up while the window is open. Nothing to do when a meeting
 * changes: the next tick reads the meeting as it is.
 */
@Injectable()
export class ReminderScheduler extends Reminders implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly meetings: MeetingsService,
    private readonly writer: NotificationWriter,
    private readonly recipients: ReminderRecipients,
    private readonly clock: Clock,
    private readonly ticker: Ticker,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    if (this.config.jobs === 'inprocess')
      this.ticker.register('notifications: meeting reminders', () => this.runOnce());
  }

  async meetingsChanged(): Promise<void> {}

  /** Queues the reminders due now; returns how many e-mails were queued. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    const upcoming = (await this.meetings.inJoinWindow(now, REMINDER_LEAD_MS.DAY, 0)).filter(
      (m) => m.startsAt.getTime() > now.getTime(),
    );
    const due: { meeting: MeetingEntity; window: ReminderWindow }[] = [];
    for (const meeting of upcoming) {
      const lead = meeting.startsAt.getTime() - now.getTime();
      const window: ReminderWindow = lead <= REMINDER_LEAD_MS.SOON ? 'SOON' : 'DAY';
      if (!remindable(meeting.status, window)) continue;
      // Booked less than a day ahead: the confirmation already said when.
      if (window === 'DAY' && meeting.createdAt.getTime() > meeting.startsAt.getTime() - REMINDER_LEAD_MS.DAY) continue;
      due.push({ meeting, window });
    }
    if (due.length === 0) return 0;
    const people = await this.recipients.of(due.map((d) => d.meeting.id));
    return this.db.write(async (em) => {
      let queued = 0;
      for (const { meeting, window } of due)
        queued += await this.writer.remind(meeting, people.get(meeting.id) ?? [], window, em);
      return queued;
    });
  }
}
