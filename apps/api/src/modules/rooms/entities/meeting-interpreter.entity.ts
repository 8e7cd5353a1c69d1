import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An interpreter an organiser assigned to a meeting (one-to-one or group): they may join its room
 * and publish the interpretation channels for `languages` (the languages they interpret into,
 * comma-separated: "cy,en"). Not one of the meeting's participants: no say in its outcome.
 */
@Index('meeting_interpreters_user', ['userId'])
@Entity({ name: 'meeting_interpreters' })
export class MeetingInterpreterEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  meetingId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  languages: string;

  @Column({ type: 'varchar', length: 36 })
  assignedById: string;

  @Column()
  assignedAt: Date;
}
