import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Database } from '../../core/database/database';
import { ProfileEntity } from './entities/profile.entity';

@Injectable()
export class ProfilesRepository {
  constructor(private readonly db: Database) {}

  findByUserId(userId: string, em: EntityManager = this.db.manager): Promise<ProfileEntity | null> {
    return em.findOneBy(ProfileEntity, { userId });
  }

  findByUserIds(userIds: readonly string[]): Promise<ProfileEntity[]> {
    return userIds.length === 0
      ? Promise.resolve([])
      : this.db.manager.findBy(ProfileEntity, { userId: In([...userIds]) });
  }

  /**
   * The profile inside a write, locked against a concurrent edit on PostgreSQL (SQLite already
   * serialises write transactions, see Database.write).
   */
  findForUpdate(userId: string, em: EntityManager): Promise<ProfileEntity | null> {
    if (this.db.engine !== 'postgres') return this.findByUserId(userId, em);
    return em.findOne(ProfileEntity, { where: { userId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts or replaces the whole row; a concurrent first insert cannot fail on the key. */
  async save(profile: ProfileEntity, em: EntityManager): Promise<void> {
    await em.upsert(ProfileEntity, profile, { conflictPaths: ['userId'] });
  }
}
