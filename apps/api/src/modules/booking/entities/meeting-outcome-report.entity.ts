import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A participant's word on whether a meeting took place (one per person, the latest counts). */
@Entity({ name: 'meeting_outcome_reports' })
export class MeetingOutcomeReportEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  meetingId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'boolean' })
  happened: boolean;

  @Column()
  reportedAt: Date;
}
