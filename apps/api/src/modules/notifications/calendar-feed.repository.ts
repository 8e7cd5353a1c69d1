import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import { CalendarFeedEntity } from './entities/calendar-feed.entity';

/** The SQL of calendar feeds. */
@Injectable()
export class CalendarFeedRepository {
  constructor(private readonly db: Database) {}

  findByUser(userId: string, em: EntityManager = this.db.manager): Promise<CalendarFeedEntity | null> {
    return em.findOneBy(CalendarFeedEntity, { userId });
  }

  findBySecretHash(secretHash: string): Promise<CalendarFeedEntity | null> {
    return this.db.manager.findOneBy(CalendarFeedEntity, { secretHash });
  }

  /** Inserts the feed, or replaces its secret (rotation). */
  async save(feed: CalendarFeedEntity, em: EntityManager): Promise<void> {
    await this.db.sql(
      `INSERT INTO calendar_feeds (user_id, secret_hash, created_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET secret_hash = excluded.secret_hash, created_at = excluded.created_at`,
      [feed.userId, feed.secretHash, this.db.instant(feed.createdAt)],
      em,
    );
  }

  async delete(userId: string, em: EntityManager): Promise<boolean> {
    const { affected } = await this.db.sql('DELETE FROM calendar_feeds WHERE user_id = ?', [userId], em);
    return affected > 0;
  }
}
