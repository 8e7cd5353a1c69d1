import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../core/clock/clock';
import { Ticker } from '../../core/clock/ticker';
import { Database } from '../../core/database/database';
import { MeetingStatus } from '../booking/booking.enums';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import { MeetingPerson } from '../booking/meeting-change-listener';
import { MeetingsService } from '../booking/meetings.service';
import { NotificationWriter } from './notification-writer';
import { REMINDER_LEAD_MS, Reminders, ReminderWindow } from './reminders';

/**
 * The embedded default of Reminders: on every Ticker run, queues the reminders whose time has come
 * for CONFIRMED meetings into the outbox. Idempotent: each reminder has a dedupe key per meeting
 * version (sequence) and person, so a tick that runs twice, or two API instances, queue it once;
 * a tick that was missed catches up while the window is open. Nothing to do when a meeting
 * changes: the next tick reads the meeting as it is.
 */
@Injectable()
export class ReminderScheduler extends Reminders implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly meetings: MeetingsService,
    private readonly writer: NotificationWriter,
    private readonly clock: Clock,
    private readonly ticker: Ticker,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    if (this.config.jobs === 'inprocess') this.ticker.register('notifications: meeting reminders', () => this.runOnce());
  }

  async meetingsChanged(): Promise<void> {}

  /** Queues the reminders due now; returns how many e-mails were queued. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    const upcoming = (await this.meetings.inJoinWindow(now, REMINDER_LEAD_MS.DAY, 0)).filter(
      (m) => m.status === MeetingStatus.CONFIRMED && m.startsAt.getTime() > now.getTime(),
    );
    const due: { meeting: MeetingEntity; window: ReminderWindow }[] = [];
    for (const meeting of upcoming) {
      const lead = meeting.startsAt.getTime() - now.getTime();
      if (lead <= REMINDER_LEAD_MS.SOON) due.push({ meeting, window: 'SOON' });
      // Booked less than a day ahead: the confirmation already said when.
      else if (meeting.createdAt.getTime() <= meeting.startsAt.getTime() - REMINDER_LEAD_MS.DAY) due.push({ meeting, window: 'DAY' });
    }
    if (due.length === 0) return 0;
    const people = new Map<string, MeetingPerson[]>();
    for (const p of await this.meetings.participantsOf(due.map((d) => d.meeting.id))) {
      people.set(p.meetingId, [...(people.get(p.meetingId) ?? []), { userId: p.userId, role: p.role }]);
    }
    return this.db.write(async (em) => {
      let queued = 0;
      for (const { meeting, window } of due) queued += await this.writer.remind(meeting, people.get(meeting.id) ?? [], window, em);
      return queued;
    });
  }
}
