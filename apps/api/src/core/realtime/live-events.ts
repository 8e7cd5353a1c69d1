import { Logger } from '@nestjs/common';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { EntityManager } from 'typeorm';
import type { Database } from '../database/database';

/** Events a subscription may buffer for a slow client; older ones are dropped past this. */
const MAX_BUFFERED = 100;

/**
 * Live-update events for GraphQL subscriptions, over a graphql-subscriptions engine: in-memory
 * (one process) or Redis pub/sub (every API instance). Topics are narrow (one session's slots,
 * one user's requests), so subscribers never filter other people's events. Payloads must be
 * JSON-safe (plain ids and strings): Redis carries them as JSON.
 *
 * `afterCommit` is how domain code publishes: the event leaves only once the transaction that made
 * the change has committed, never for rolled-back work.
 */
export class LiveEvents {
  private readonly logger = new Logger('LiveEvents');
  private readonly active = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly engine: PubSubEngine,
    private readonly db: Database,
    private readonly channelPrefix: string,
    private readonly closeEngine: () => Promise<unknown> = async () => undefined,
  ) {}

  /** Publishes once `em`'s write transaction has committed. */
  afterCommit(em: EntityManager, topic: string, payload: object): void {
    this.db.afterCommit(em, () => this.publish(topic, payload));
  }

  /** Publishes now; a failure (Redis down) is logged, since the change itself has succeeded. */
  publish(topic: string, payload: object): void {
    this.engine.publish(this.channelPrefix + topic, payload).catch((error: unknown) => {
      this.logger.error(`publishing ${topic} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /**
   * Listens to a topic. Resolves once the engine listens (for Redis: SUBSCRIBE acknowledged), so
   * no event published after that is missed. Ending the iterator (client unsubscribes or leaves)
   * stops listening.
   */
  async subscribe<T>(topic: string): Promise<AsyncIterableIterator<T>> {
    const stream = new EventStream<T>(() => {
      // After close() the engine is gone (a Redis UNSUBSCRIBE would fail unhandled).
      if (!this.closed) this.engine.unsubscribe(subscriptionId);
      this.active.set(topic, (this.active.get(topic) ?? 1) - 1);
    });
    const subscriptionId = await this.engine.subscribe(
      this.channelPrefix + topic,
      (payload: T) => stream.push(payload),
      {},
    );
    this.active.set(topic, (this.active.get(topic) ?? 0) + 1);
    return stream;
  }

  /** How many subscriptions in this process listen to a topic (health and tests). */
  listeners(topic: string): number {
    return this.active.get(topic) ?? 0;
  }

  close(): Promise<unknown> {
    this.closed = true;
    return this.closeEngine();
  }
}

/** A push-to-pull queue: the engine pushes events, graphql-ws pulls them one by one. */
class EventStream<T> implements AsyncIterableIterator<T> {
  private readonly buffered: T[] = [];
  private readonly waiting: ((result: IteratorResult<T>) => void)[] = [];
  private ended = false;

  constructor(private readonly stop: () => void) {}

  push(value: T): void {
    if (this.ended) return;
    const waiter = this.waiting.shift();
    if (waiter) return waiter({ value, done: false });
    this.buffered.push(value);
    if (this.buffered.length > MAX_BUFFERED) this.buffered.shift();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffered.length > 0) return Promise.resolve({ value: this.buffered.shift()!, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.ended) {
      this.ended = true;
      this.buffered.length = 0;
      this.stop();
      for (const waiter of this.waiting.splice(0)) waiter({ value: undefined, done: true });
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  async throw(error: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
