import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ParticipantRole } from '../booking.enums';

/**
 * A person in a meeting, pinned to the meeting's slot. The database guarantees the booking
 * invariants on this table:
 * - UNIQUE (user_id, slot_id) WHERE active OR extra_hold: one live meeting per person per slot
 *   (an extra-time meeting holds its people in its second slot by hold rows: not active, extra_hold);
 * - UNIQUE (meeting_id, seat_no) WHERE active, CHECK seat_no BETWEEN 1 AND seats, and
 *   FOREIGN KEY (offer_id, seats) → offers (id, seats): never more guests than the offer's seats.
 */
@Index('meeting_participants_one_per_person_slot', ['userId', 'slotId'], {
  unique: true,
  where: 'active OR extra_hold',
})
@Index('meeting_participants_one_per_seat', ['meetingId', 'seatNo'], {
  unique: true,
  where: 'active AND seat_no IS NOT NULL',
})
@Index('meeting_participants_meeting', ['meetingId'])
@Index('meeting_participants_user', ['userId', 'active'])
@Entity({ name: 'meeting_participants' })
export class MeetingParticipantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  meetingId: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 36 })
  slotId: string;

  @Column({ type: 'varchar', length: 12 })
  role: ParticipantRole;

  @Column({ type: 'boolean' })
  active: boolean;

  /** A hold row: keeps the person in an extra-time meeting's second slot (active is FALSE; never a seat). */
  @Column({ type: 'boolean', default: false })
  extraHold: boolean;

  @Column({ type: 'varchar', length: 36, nullable: true })
  offerId: string | null;

  @Column({ type: 'integer', nullable: true })
  seats: number | null;

  @Column({ type: 'integer', nullable: true })
  seatNo: number | null;

  /** For PROPOSED meetings: when this person confirmed. */
  @Column({ type: Date, nullable: true })
  confirmedAt: Date | null;

  @Column()
  createdAt: Date;
}
