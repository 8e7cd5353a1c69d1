import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../core/clock/clock';
import { Ticker } from '../../core/clock/ticker';
import { Database } from '../../core/database/database';
import { MeetingStatus } from '../booking/booking.enums';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import { MeetingPerson } from '../booking/meeting-change-listener';
import { MeetingsService } from '../booking/meetings.service';
import { NotificationWriter, ReminderWindow } from './notification-writer';

const DAY_MS = 24 * 3600_000;
const SOON_MS = 10 * 60_000;

/**
 * Reminders 24 hours and 10 minutes before each CONFIRMED meeting, written into the outbox by the
 * in-process ticker (embedded mode; BullMQ on Redis is a later increment). Idempotent: each
 * reminder has a dedupe key per meeting version (sequence) and person, so a tick that runs twice,
 * or two API instances, queue it once; a tick that was missed catches up while the window is open.
 */
@Injectable()
export class ReminderScheduler implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly meetings: MeetingsService,
    private readonly writer: NotificationWriter,
    private readonly clock: Clock,
    private readonly ticker: Ticker,
  ) {}

  onModuleInit(): void {
    this.ticker.register('notifications: meeting reminders', () => this.runOnce());
  }

  /** Queues the reminders due now; returns how many e-mails were queued. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    const upcoming = (await this.meetings.inJoinWindow(now, DAY_MS, 0)).filter(
      (m) => m.status === MeetingStatus.CONFIRMED && m.startsAt.getTime() > now.getTime(),
    );
    const due: { meeting: MeetingEntity; window: ReminderWindow }[] = [];
    for (const meeting of upcoming) {
      const lead = meeting.startsAt.getTime() - now.getTime();
      if (lead <= SOON_MS) due.push({ meeting, window: 'SOON' });
      // Booked less than a day ahead: the confirmation already said when.
      else if (meeting.createdAt.getTime() <= meeting.startsAt.getTime() - DAY_MS) due.push({ meeting, window: 'DAY' });
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
