import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../core/clock/clock';
import { Ticker } from '../../core/clock/ticker';
import { Database } from '../../core/database/database';
import { MailTransport } from './mail-transport';
import { OutboxRepository } from './outbox.repository';

export interface OutboxRun {
  claimed: number;
  sent: number;
  failed: number;
}

/**
 * Delivers the outbox: claims due rows (a short transaction), sends each outside any transaction,
 * then settles it (another short transaction). A failure puts the row back with exponential
 * backoff and the error recorded; nothing here can block or undo the booking that queued it.
 * Runs on the core Ticker; tests call runOnce().
 */
@Injectable()
export class OutboxWorker implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);

  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepository,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly ticker: Ticker,
  ) {}

  onModuleInit(): void {
    this.ticker.register('notifications: deliver the outbox', () => this.runOnce());
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  /** When the attempt after `attempts` failed ones is due: base × 2^(attempts − 1), or null when none is left. */
  retryAt(attempts: number, now: Date): Date | null {
    if (attempts >= this.config.outboxMaxAttempts) return null;
    return new Date(now.getTime() + this.config.outboxRetryBaseSeconds * 1000 * 2 ** (attempts - 1));
  }

  async runOnce(): Promise<OutboxRun> {
    const token = randomUUID();
    const now = this.clock.now();
    const until = new Date(now.getTime() + this.config.outboxClaimSeconds * 1000);
    const claimed = await this.db.write((em) => this.outbox.claim(token, now, until, this.config.outboxBatchSize, em));
    const run: OutboxRun = { claimed: claimed.length, sent: 0, failed: 0 };
    for (const mail of claimed) {
      try {
        await this.transport.send(mail);
      } catch (error) {
        run.failed += 1;
        const message = error instanceof Error ? error.message : String(error);
        const retryAt = this.retryAt(mail.attempts, this.clock.now());
        this.logger.warn(`e-mail ${mail.id} to ${mail.recipientEmail}, attempt ${mail.attempts}, failed: ${message}${retryAt ? `; retry at ${retryAt.toISOString()}` : '; giving up'}`);
        await this.db.write((em) => this.outbox.markFailed(mail.id, token, message, retryAt, em));
        continue;
      }
      run.sent += 1;
      await this.db.write((em) => this.outbox.markSent(mail.id, token, this.transport.channel, this.clock.now(), em));
    }
    return run;
  }
}
