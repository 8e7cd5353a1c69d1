import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import {
  ErasedPerson,
  ERASE_DEFAULT,
  exportedInstant,
  PersonalDataContributor,
  PersonalDataSource,
} from '../../core/privacy/personal-data';
import { ScheduleRunStatus } from './entities/schedule-run.entity';

/**
 * Auto-schedule runs. The export lists the runs a person (an organiser) started. Erasure discards
 * every draft still waiting to be published that plans a meeting with the person (drafts name
 * people by id), so publishing one cannot book the erased account; the organiser runs it again.
 */
@Injectable()
@PersonalDataSource()
export class MatchingPersonalData implements PersonalDataContributor {
  readonly section = 'autoSchedule';
  readonly eraseOrder = ERASE_DEFAULT;

  constructor(private readonly db: Database) {}

  async exportFor(userId: string): Promise<unknown> {
    const { rows } = await this.db.sql<Record<string, unknown>>(
      'SELECT id, session_id, status, error, created_at, finished_at FROM schedule_runs WHERE requested_by_id = ? ORDER BY created_at, id',
      [userId],
    );
    return {
      runsStarted: rows.map((r) => ({
        id: r.id,
        sessionId: r.session_id,
        status: r.status,
        error: r.error,
        createdAt: exportedInstant(this.db, r.created_at),
        finishedAt: exportedInstant(this.db, r.finished_at),
      })),
    };
  }

  async erase(person: ErasedPerson, em: EntityManager): Promise<void> {
    await this.db.sql(
      'UPDATE schedule_runs SET status = ?, draft = NULL, finished_at = ? WHERE status = ? AND draft LIKE ?',
      [ScheduleRunStatus.DISCARDED, this.db.instant(person.at), ScheduleRunStatus.READY, `%"${person.userId}"%`],
      em,
    );
  }
}
