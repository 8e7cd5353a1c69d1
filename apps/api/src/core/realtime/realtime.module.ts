import { Global, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import { EventEmitter } from 'node:events';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { Database } from '../database/database';
import { LiveEvents } from './live-events';

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

function createLiveEvents(config: AppConfig, db: Database): LiveEvents {
  if (config.pubsub === 'memory') {
    // One listener per open subscription: a popular session has far more than Node's default ten.
    const eventEmitter = new EventEmitter().setMaxListeners(0);
    return new LiveEvents(new PubSub({ eventEmitter }), db, config.pubsubChannelPrefix);
  }
  const url = config.redisUrl ?? DEFAULT_REDIS_URL;
  const logger = new Logger('LiveEvents');
  const connect = (role: string) =>
    // ioredis reconnects by itself; say why events are not flowing meanwhile.
    new Redis(url, { maxRetriesPerRequest: 3 }).on('error', (error: Error) =>
      logger.warn(`Redis ${role}: ${error.message}`),
    );
  // A connection in subscriber mode can do nothing else, hence two.
  const publisher = connect('publisher');
  const subscriber = connect('subscriber');
  const engine = new RedisPubSub({ publisher, subscriber });
  return new LiveEvents(engine, db, config.pubsubChannelPrefix, () => engine.close());
}

/** Live-update events (GraphQL subscriptions): in-memory by default, Redis pub/sub when PUBSUB=redis. */
@Global()
@Module({
  providers: [{ provide: LiveEvents, inject: [AppConfig, Database], useFactory: createLiveEvents }],
  exports: [LiveEvents],
})
export class RealtimeModule implements OnApplicationShutdown {
  constructor(private readonly live: LiveEvents) {}

  async onApplicationShutdown(): Promise<void> {
    await this.live.close();
  }
}
