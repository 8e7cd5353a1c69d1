import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import { ScheduleRunEntity, ScheduleRunStatus } from './entities/schedule-run.entity';
import { ScheduleSettingsEntity } from './entities/schedule-settings.entity';

@Injectable()
export class MatchingRepository {
  constructor(private readonly db: Database) {}

  settings(sessionId: string): Promise<ScheduleSettingsEntity | null> {
    return this.db.manager.findOneBy(ScheduleSettingsEntity, { sessionId });
  }

  async saveSettings(settings: ScheduleSettingsEntity, em: EntityManager): Promise<void> {
    await em.save(ScheduleSettingsEntity, settings);
  }

  run(id: string, em: EntityManager = this.db.manager): Promise<ScheduleRunEntity | null> {
    return em.findOneBy(ScheduleRunEntity, { id });
  }

  latestRuns(sessionId: string): Promise<ScheduleRunEntity[]> {
    return this.db.manager.find(ScheduleRunEntity, { where: { sessionId }, order: { createdAt: 'DESC' }, take: 10 });
  }

  async insertRun(run: ScheduleRunEntity, em: EntityManager): Promise<void> {
    await em.insert(ScheduleRunEntity, run);
  }

  /** Conditional status change; false when the run was not in `from`. */
  async moveRun(
    id: string,
    from: ScheduleRunStatus,
    changes: Partial<ScheduleRunEntity> & { status: ScheduleRunStatus },
    em: EntityManager,
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(ScheduleRunEntity)
      .set(changes)
      .where('id = :id AND status = :from', { id, from })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /**
   * Per user: referral routes agreed this month — REFERRAL_ROUTE follow-up actions not DROPPED of
   * meetings that took place (IN_PROGRESS, COMPLETED), starting in [from, to), the user was in.
   */
  async referralRoutesAgreed(
    userIds: readonly string[],
    from: Date,
    to: Date,
    em: EntityManager = this.db.manager,
  ): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const { rows } = await this.db.sql<{ user_id: string; n: unknown }>(
      `SELECT mp.user_id, COUNT(DISTINCT a.id) AS n
         FROM follow_up_actions a
         JOIN meetings m ON m.id = a.meeting_id
         JOIN meeting_participants mp ON mp.meeting_id = m.id AND mp.active
        WHERE mp.user_id IN (${userIds.map(() => '?').join(',')}) AND m.status IN ('IN_PROGRESS', 'COMPLETED')
          AND m.starts_at >= ? AND m.starts_at < ? AND a.kind = 'REFERRAL_ROUTE' AND a.status <> 'DROPPED'
        GROUP BY mp.user_id`,
      [...userIds, this.db.instant(from), this.db.instant(to)],
      em,
    );
    return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
  }

  async saveProgress(id: string, progress: string, em: EntityManager): Promise<void> {
    await this.db.sql(`UPDATE schedule_runs SET progress = ? WHERE id = ? AND status = 'RUNNING'`, [progress, id], em);
  }
}
