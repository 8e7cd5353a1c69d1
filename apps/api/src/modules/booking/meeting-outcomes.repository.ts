import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Database } from '../../core/database/database';
import { MeetingOutcomeReportEntity } from './entities/meeting-outcome-report.entity';

@Injectable()
export class MeetingOutcomesRepository {
  constructor(private readonly db: Database) {}

  /** A participant's word; saying it again replaces what they said before. */
  async save(report: MeetingOutcomeReportEntity, em: EntityManager): Promise<void> {
    await this.db.sql(
      `INSERT INTO meeting_outcome_reports (meeting_id, user_id, happened, reported_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (meeting_id, user_id) DO UPDATE SET happened = excluded.happened, reported_at = excluded.reported_at`,
      [report.meetingId, report.userId, report.happened, this.db.instant(report.reportedAt)],
      em,
    );
  }

  /** The reports of many meetings, earliest first. */
  reportsOf(meetingIds: readonly string[], em: EntityManager = this.db.manager): Promise<MeetingOutcomeReportEntity[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return em.find(MeetingOutcomeReportEntity, {
      where: { meetingId: In([...meetingIds]) },
      order: { reportedAt: 'ASC', userId: 'ASC' },
    });
  }
}
