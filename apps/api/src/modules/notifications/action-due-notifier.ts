import { Injectable, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Clock } from '../../core/clock/clock';
import { Ticker } from '../../core/clock/ticker';
import { Database } from '../../core/database/database';
import { MeetingsService, MeetingWithPeople } from '../booking/meetings.service';
import { SESSION_ZONE } from '../events/slot-grid';
import { FollowUpActionEntity } from '../followups/entities/follow-up-action.entity';
import { FollowUpActionsService } from '../followups/follow-up-actions.service';
import { actionDueKey, NotificationWriter } from './notification-writer';
import { OutboxRepository } from './outbox.repository';

/** Due-date e-mails go from this hour (Europe/London) of the due date: the morning, not the small hours. */
export const ACTION_DUE_FROM_HOUR = 8;
const BATCH = 200;

/**
 * On the morning (Europe/London) an OPEN or IN_PROGRESS follow-up action falls due, its owner at
 * that moment gets one e-mail about it. Runs on the Ticker on every instance, like the 48-hour
 * nudge; the outbox's dedupe key per action and due date makes it once, however many runs see
 * the action, and a new due date is a new key. Actions done, dropped or handed to someone else
 * before then are not in the query (or go to the new owner). A run that misses the morning (the
 * API was down) still sends later that day; a day missed entirely is not sent late.
 */
@Injectable()
export class ActionDueNotifier implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly actions: FollowUpActionsService,
    private readonly meetings: MeetingsService,
    private readonly writer: NotificationWriter,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    private readonly ticker: Ticker,
  ) {}

  onModuleInit(): void {
    this.ticker.register('notifications: follow-up actions due today', () => this.runOnce());
  }

  /** Queues the due-date e-mails due now; returns how many were queued. */
  async runOnce(): Promise<number> {
    const now = DateTime.fromJSDate(this.clock.now(), { zone: SESSION_ZONE });
    if (now.hour < ACTION_DUE_FROM_HOUR) return 0;
    const due = await this.actions.openDueOn(now.toISODate()!);
    let written = 0;
    for (let start = 0; start < due.length; start += BATCH)
      written += await this.queue(due.slice(start, start + BATCH));
    return written;
  }

  private async queue(due: FollowUpActionEntity[]): Promise<number> {
    // Those e-mailed already are skipped here, so a run with nothing new writes nothing.
    const queued = await this.outbox.queuedKeys(due.map(actionDueKey));
    const fresh = due.filter((action) => !queued.has(actionDueKey(action)));
    if (fresh.length === 0) return 0;
    const meetings = new Map<string, MeetingWithPeople>();
    for (const meetingId of new Set(fresh.map((a) => a.meetingId))) {
      const found = await this.meetings.findWithPeople(meetingId);
      if (found) meetings.set(meetingId, found);
    }
    return this.db.write(async (em) => {
      let written = 0;
      for (const action of fresh) {
        const found = meetings.get(action.meetingId);
        if (found) written += await this.writer.actionDue(action, found.meeting, found.participants, em);
      }
      return written;
    });
  }
}
