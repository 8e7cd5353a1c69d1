import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { RequestStatus, ThirdPartyStatus } from '../booking.enums';

/** "I'd like to meet you": holds no slot until accepted. */
@Index('meeting_requests_one_pending_pair', ['sessionId', 'fromUserId', 'toUserId'], {
  unique: true,
  where: "status = 'PENDING'",
})
@Index('meeting_requests_to', ['toUserId', 'status'])
@Index('meeting_requests_from', ['fromUserId', 'status'])
@Index('meeting_requests_pending_expiry', ['expiresAt'], { where: "status = 'PENDING' AND expires_at IS NOT NULL" })
@Entity({ name: 'meeting_requests' })
export class MeetingRequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  sessionId: string;

  @Column({ type: 'varchar', length: 36 })
  fromUserId: string;

  @Column({ type: 'varchar', length: 36 })
  toUserId: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  thirdPartyId: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  thirdPartyStatus: ThirdPartyStatus | null;

  @Column({ type: 'varchar', length: 1000 })
  message: string;

  @Column({ type: 'varchar', length: 12 })
  status: RequestStatus;

  /** Accepted with the slot left to the organiser's auto-schedule. */
  @Column({ type: 'boolean' })
  awaitingSchedule: boolean;

  /** The sender asked for extra time: the meeting takes two consecutive slots wherever it is placed. */
  @Column({ type: 'boolean', default: false })
  extraTime: boolean;

  @Column({ type: 'varchar', length: 36, nullable: true })
  meetingId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  declineReason: string | null;

  @Column()
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  respondedAt: Date | null;

  /** When it expires unanswered (the session's request expiry hours after it was sent); null: at the session's start. */
  @Column({ type: Date, nullable: true })
  expiresAt: Date | null;
}
