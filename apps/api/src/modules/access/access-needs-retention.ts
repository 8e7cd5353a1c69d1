import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../core/clock/clock';
import { Ticker } from '../../core/clock/ticker';
import { Database } from '../../core/database/database';
import { retentionCutoff } from './access-needs';
import { AccessNeedsRepository } from './access-needs.repository';

/**
 * Per-meeting access needs are deleted ACCESS_NEEDS_RETENTION_DAYS (default 7) after the meeting
 * ends, and those given with a request that never became a meeting as long after its answer.
 * Runs on the core Ticker on every instance (the delete is idempotent); tests call runOnce().
 */
@Injectable()
export class AccessNeedsRetention implements OnModuleInit {
  private readonly logger = new Logger(AccessNeedsRetention.name);

  constructor(
    private readonly db: Database,
    private readonly repo: AccessNeedsRepository,
    private readonly clock: Clock,
    private readonly ticker: Ticker,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.ticker.register('access needs: retention', () => this.runOnce());
  }

  /** Deletes what is past its time; returns how many rows went. */
  async runOnce(): Promise<number> {
    const cutoff = retentionCutoff(this.clock.now(), this.config.accessNeedsRetentionDays);
    const deleted = await this.db.write((em) => this.repo.purgeEndedBefore(cutoff, em));
    if (deleted > 0) this.logger.log(`deleted the access needs of ${deleted} past meeting(s) or request(s)`);
    return deleted;
  }
}
