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
  async moveRun(id: string, from: ScheduleRunStatus, changes: Partial<ScheduleRunEntity> & { status: ScheduleRunStatus }, em: EntityManager): Promise<boolean> {
    const result = await em.createQueryBuilder().update(ScheduleRunEntity).set(changes).where('id = :id AND status = :from', { id, from }).execute();
    return (result.affected ?? 0) === 1;
  }

  async saveProgress(id: string, progress: string, em: EntityManager): Promise<void> {
    await this.db.sql(`UPDATE schedule_runs SET progress = ? WHERE id = ? AND status = 'RUNNING'`, [progress, id], em);
  }
}
