import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { Database } from './database';

type Effect = () => Promise<unknown>;

/**
 * Work that must happen only once a transaction has committed, outside it: scheduling reminder
 * jobs in Redis for a booking. Kept per query runner (a TypeORM subscriber hears the commit or
 * rollback); on rollback the work is dropped. The work runs without holding up the caller — its
 * failures are logged, and the reminder reconciler repairs what was missed (and what a crash
 * between commit and here would lose). `background` starts work at once the same way, for an
 * answer that must not wait for it (a password reset). `idle()` lets tests wait for it.
 */
@Injectable()
export class AfterCommit implements OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger(AfterCommit.name);
  private readonly pending = new WeakMap<QueryRunner, Effect[]>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly db: Database) {}

  onModuleInit(): void {
    this.db.dataSource.subscribers.push(this);
  }

  /** Runs `effect` after the transaction of `em` commits (at once when `em` is outside one). */
  schedule(em: EntityManager, effect: Effect): void {
    const runner = em.queryRunner;
    if (!runner?.isTransactionActive) {
      this.start([effect]);
      return;
    }
    const effects = this.pending.get(runner) ?? [];
    effects.push(effect);
    this.pending.set(runner, effects);
  }

  /**
   * Runs `effect` on the next turn of the event loop, once the caller's answer is on its way (the
   * SQLite driver is synchronous: started at once, the work would run before the answer is sent).
   */
  background(effect: Effect): void {
    this.start([() => new Promise<void>((resolve) => setImmediate(resolve)).then(effect)]);
  }

  afterTransactionCommit(event: { queryRunner: QueryRunner }): void {
    const effects = this.pending.get(event.queryRunner);
    if (!effects) return;
    this.pending.delete(event.queryRunner);
    this.start(effects);
  }

  afterTransactionRollback(event: { queryRunner: QueryRunner }): void {
    this.pending.delete(event.queryRunner);
  }

  /** Resolves when every effect started so far has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private start(effects: Effect[]): void {
    for (const effect of effects) {
      const run = effect()
        .catch((error: unknown) =>
          this.logger.warn(`after-commit work failed: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => this.running.delete(run));
      this.running.add(run);
    }
  }
}
