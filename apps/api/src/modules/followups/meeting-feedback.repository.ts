import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Database } from '../../core/database/database';
import { MeetingFeedbackEntity } from './entities/meeting-feedback.entity';

@Injectable()
export class MeetingFeedbackRepository {
  constructor(private readonly db: Database) {}

  /**
   * Stores the feedback unless this person already gave some for the meeting: the UNIQUE
   * (meeting_id, user_id) constraint decides, so of two concurrent submissions exactly one is kept.
   */
  async insertOnce(feedback: MeetingFeedbackEntity, em: EntityManager): Promise<boolean> {
    const { rows } = await this.db.sql(
      `INSERT INTO meeting_feedback (id, meeting_id, user_id, usefulness, comment, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
      [
        feedback.id,
        feedback.meetingId,
        feedback.userId,
        feedback.usefulness,
        feedback.comment,
        this.db.instant(feedback.createdAt),
      ],
      em,
    );
    return rows.length === 1;
  }

  ofUserFor(userId: string, meetingIds: readonly string[]): Promise<MeetingFeedbackEntity[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return this.db.manager.findBy(MeetingFeedbackEntity, { userId, meetingId: In([...meetingIds]) });
  }

  ofMeeting(meetingId: string): Promise<MeetingFeedbackEntity[]> {
    return this.db.manager.find(MeetingFeedbackEntity, {
      where: { meetingId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }
}
