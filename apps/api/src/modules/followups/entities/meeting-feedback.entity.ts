import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** One participant's light feedback on one meeting (UNIQUE meeting_id, user_id). */
@Unique('meeting_feedback_meeting_id_user_id_key', ['meetingId', 'userId'])
@Entity({ name: 'meeting_feedback' })
export class MeetingFeedbackEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  meetingId: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  /** 1–5. */
  @Column({ type: 'integer' })
  usefulness: number;

  /** Seen by the session's organisers only, never by the other participants. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment: string | null;

  @Column()
  createdAt: Date;
}
