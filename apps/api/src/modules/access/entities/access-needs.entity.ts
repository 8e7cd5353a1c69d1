import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person's access needs kept on their profile, with their consent (comma-separated AccessNeed values). */
@Entity({ name: 'access_need_profiles' })
export class AccessNeedProfileEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 200 })
  needs: string;

  @Column({ type: 'varchar', length: 280, nullable: true })
  note: string | null;

  @Column()
  consentedAt: Date;
}

/**
 * What one person asked for one meeting: given when booking (meetingId) or when sending or
 * accepting a request (requestId: the meeting is the one the request gets).
 */
@Index('meeting_access_needs_meeting', ['meetingId', 'userId'], { unique: true })
@Index('meeting_access_needs_request', ['requestId', 'userId'], { unique: true })
@Index('meeting_access_needs_user', ['userId'])
@Entity({ name: 'meeting_access_needs' })
export class MeetingAccessNeedsEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  meetingId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 200 })
  needs: string;

  @Column({ type: 'varchar', length: 280, nullable: true })
  note: string | null;

  @Column()
  consentedAt: Date;
}
