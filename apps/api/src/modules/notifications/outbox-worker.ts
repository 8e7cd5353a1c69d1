import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../core/clock/clock';
import { Ticker } from '../../core/clock/ticker';
import { Database } from '../../core/database/database';
import { MailRenderer } from './mail-renderer';
import { MailTransport } from './mail-transport';
import { OutboxEvent, withoutSecrets } from './outbox-event';
import { OutboxRepository } from './outbox.repository';

export interface OutboxRun {
  claimed: number;
  sent: number;
  failed: number;
}

/**
 * Delivers the outbox: claims due rows (a short transaction), renders them (MailRenderer) and
 * sends each outside any transaction, then settles it (another short transaction). A failure puts the row back with exponential
 * backoff and the error recorded; nothing here can block or undo the booking that queued it.
 * Runs on the core Ticker; tests call runOnce().
 */
@Injectable()
export class OutboxWorker implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);

  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepository,
    private readonly renderer: MailRenderer,
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
    if (claimed.length === 0) return run;
    const rendered = await this.renderer.render(claimed, 'delivery');
    for (const row of claimed) {
      const mail = rendered.get(row.id);
      try {
        // The recipient or the session was erased after the row was written: nothing to send, ever.
        if (!mail) throw new UndeliverableError('recipient or session no longer exists');
        await this.transport.send(mail);
      } catch (error) {
        run.failed += 1;
        const message = error instanceof Error ? error.message : String(error);
        const retryAt = error instanceof UndeliverableError ? null : this.retryAt(row.attempts, this.clock.now());
        this.logger.warn(
          `e-mail ${row.id} (${row.kind}), attempt ${row.attempts}, failed: ${message}${retryAt ? `; retry at ${retryAt.toISOString()}` : '; giving up'}`,
        );
        await this.db.write((em) => this.outbox.markFailed(row.id, token, message, retryAt, em));
        continue;
      }
      run.sent += 1;
      const kept = JSON.stringify(withoutSecrets(JSON.parse(row.payload) as OutboxEvent));
      await this.recordSent(row.id, () =>
        this.db.write((em) => this.outbox.markSent(row.id, token, this.transport.channel, this.clock.now(), kept, em)),
      );
    }
    return run;
  }

  /**
   * The e-mail has gone: if recording that fails (the database restarting), the row would stay
   * claimed and be sent a second time once the claim ran out — so the write is tried again, with
   * backoff, for about half a minute before giving up.
   */
  private async recordSent(id: string, write: () => Promise<unknown>): Promise<void> {
    for (const delayMs of [...SETTLE_RETRY_DELAYS_MS, null]) {
      try {
        await write();
        return;
      } catch (error) {
        if (delayMs === null) throw error;
        this.logger.warn(
          `e-mail ${id} was sent but recording it failed (${error instanceof Error ? error.message : String(error)}); trying again in ${delayMs} ms`,
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }
}

/** Waits between tries to record a sent e-mail: about 30 s in all, what a database restart takes. */
const SETTLE_RETRY_DELAYS_MS = [100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000, 5000];

class UndeliverableError extends Error {}
