import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../core/clock/clock';
import { Ticker } from '../../core/clock/ticker';
import { Database } from '../../core/database/database';
import { RequestsService } from '../booking/requests.service';
import { NotificationWriter, nudgeKey } from './notification-writer';
import { OutboxRepository } from './outbox.repository';

/** A request unanswered this long gets its one nudge. */
export const NUDGE_AFTER_MS = 48 * 3600_000;
/** How far back a run looks past the 48 hours: a nudge missed while the API was down for less than this still goes. */
const CATCH_UP_MS = 24 * 3600_000;
const BATCH = 200;

/**
 * Link workers are hard to reach: a meeting request left PENDING for 48 hours sends its addressee
 * (and an invited third party who has not answered) one gentle nudge. Runs on the Ticker on every
 * instance; the outbox's dedupe key per request and person makes it once, however many runs see
 * the request. A request answered, withdrawn or expired is no longer PENDING, so it is never nudged.
 */
@Injectable()
export class RequestNudger implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly requests: RequestsService,
    private readonly writer: NotificationWriter,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    private readonly ticker: Ticker,
  ) {}

  onModuleInit(): void {
    this.ticker.register('notifications: nudge unanswered requests', () => this.runOnce());
  }

  /** Queues the nudges due now; returns how many e-mails were queued. */
  async runOnce(): Promise<number> {
    const due = new Date(this.clock.now().getTime() - NUDGE_AFTER_MS);
    const pending = await this.requests.pendingCreatedBetween(
      new Date(due.getTime() - CATCH_UP_MS),
      new Date(due.getTime() + 1),
      BATCH,
    );
    // Those nudged already are skipped here, so a run with nothing new writes nothing.
    const nudged = await this.outbox.queuedKeys(pending.map((r) => nudgeKey(r.id, r.toUserId)));
    const unanswered = pending.filter((r) => !nudged.has(nudgeKey(r.id, r.toUserId)));
    if (unanswered.length === 0) return 0;
    return this.db.write(async (em) => {
      let queued = 0;
      for (const request of unanswered) queued += await this.writer.nudge(request, em);
      return queued;
    });
  }
}
