import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Database } from '../../core/database/database';
import { FollowUpActionEntity } from './entities/follow-up-action.entity';
import { FollowUpUpdateEntity } from './entities/follow-up-update.entity';
import { FollowUpStatus } from './followups.enums';

@Injectable()
export class FollowUpActionsRepository {
  constructor(private readonly db: Database) {}

  async insert(action: FollowUpActionEntity, em: EntityManager): Promise<void> {
    await em.insert(FollowUpActionEntity, action);
  }

  async insertUpdate(update: FollowUpUpdateEntity, em: EntityManager): Promise<void> {
    await em.insert(FollowUpUpdateEntity, update);
  }

  /**
   * Reads the action and, on PostgreSQL, locks its row until the transaction ends, so changes to
   * one action (and the numbering of its history) happen one after another. SQLite's writes are
   * serialised already.
   */
  lock(id: string, em: EntityManager): Promise<FollowUpActionEntity | null> {
    const qb = em.createQueryBuilder(FollowUpActionEntity, 'a').where('a.id = :id', { id });
    return (this.db.engine === 'postgres' ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  /** The next position in an action's history (call with the action locked). */
  async nextSeq(actionId: string, em: EntityManager): Promise<number> {
    const { rows } = await this.db.sql<{ next: number | string }>(
      'SELECT COALESCE(MAX(seq), -1) + 1 AS next FROM follow_up_updates WHERE action_id = ?',
      [actionId],
      em,
    );
    return Number(rows[0]!.next);
  }

  /** Conditional change: applies only while the action is still in `from` (a concurrent change loses). */
  async update(
    id: string,
    from: FollowUpStatus,
    changes: Partial<FollowUpActionEntity>,
    em: EntityManager,
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(FollowUpActionEntity)
      .set(changes)
      .where('id = :id AND status = :from', { id, from })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Open (OPEN or IN_PROGRESS) actions due on `dueOn`, by id, after `afterId` (keyset pages). */
  openDueOn(dueOn: string, afterId: string, limit: number): Promise<FollowUpActionEntity[]> {
    return this.db.manager
      .createQueryBuilder(FollowUpActionEntity, 'a')
      .where('a.dueOn = :dueOn AND a.status IN (:...open) AND a.id > :afterId', {
        dueOn,
        open: [FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS],
        afterId,
      })
      .orderBy('a.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  findByIds(ids: readonly string[]): Promise<FollowUpActionEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.manager.findBy(FollowUpActionEntity, { id: In([...ids]) });
  }

  /** The actions of these meetings, earliest due first. */
  ofMeetings(meetingIds: readonly string[]): Promise<FollowUpActionEntity[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return this.db.manager.find(FollowUpActionEntity, {
      where: { meetingId: In([...meetingIds]) },
      order: { dueOn: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * Actions the user owns or that belong to a meeting they were in: overdue ones first (still
   * open, due before `today`), then the other open ones, then the closed ones; each by due date.
   * Reads meeting_participants for "was in" (one statement, ordered and limited in SQL).
   */
  async mine(userId: string, today: string, limit: number): Promise<FollowUpActionEntity[]> {
    const ids = (
      await this.db.sql<{ id: string }>(
        `SELECT a.id FROM follow_up_actions a
          WHERE a.owner_id = ? OR EXISTS (SELECT 1 FROM meeting_participants p WHERE p.meeting_id = a.meeting_id AND p.user_id = ?)
          ORDER BY CASE WHEN a.status IN ('OPEN', 'IN_PROGRESS') AND a.due_on < ? THEN 0
                        WHEN a.status IN ('OPEN', 'IN_PROGRESS') THEN 1 ELSE 2 END,
                   a.due_on, a.created_at, a.id
          LIMIT ?`,
        [userId, userId, today, limit],
      )
    ).rows.map((row) => row.id);
    if (ids.length === 0) return [];
    const byId = new Map((await this.db.manager.findBy(FollowUpActionEntity, { id: In(ids) })).map((a) => [a.id, a]));
    return ids.map((id) => byId.get(id)!);
  }

  updatesOf(actionIds: readonly string[]): Promise<FollowUpUpdateEntity[]> {
    if (actionIds.length === 0) return Promise.resolve([]);
    return this.db.manager.find(FollowUpUpdateEntity, {
      where: { actionId: In([...actionIds]) },
      order: { actionId: 'ASC', seq: 'ASC' },
    });
  }
}
