import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { MeetingSource, MeetingStatus, OutcomeSource } from '../booking.enums';

@Unique('meetings_room_name_key', ['roomName'])
@Index('meetings_one_live_per_offer', ['offerId'], {
  unique: true,
  where: "offer_id IS NOT NULL AND status <> 'CANCELLED'",
})
@Index('meetings_session_slot', ['sessionId', 'slotId'])
@Entity({ name: 'meetings' })
export class MeetingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  sessionId: string;

  @Column({ type: 'varchar', length: 36 })
  slotId: string;

  /** The offer booked, for BOOKED meetings; null for requested and auto-scheduled ones. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  offerId: string | null;

  @Column({ type: 'varchar', length: 36 })
  hostId: string;

  @Column({ type: 'varchar', length: 16 })
  source: MeetingSource;

  @Column({ type: 'varchar', length: 12 })
  status: MeetingStatus;

  @Column()
  startsAt: Date;

  /** Extra time: the second, consecutive slot the meeting also takes (its people are held there too). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  extraSlotId: string | null;

  /** Usually the slot's end; later when the meeting is extended into the next slot. */
  @Column()
  endsAt: Date;

  @Column({ type: 'varchar', length: 64 })
  roomName: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  requestId: string | null;

  /** The meeting this one replaced when it was rescheduled (history is kept as a chain). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  rescheduledFromId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  cancelReason: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  cancelledById: string | null;

  /**
   * The iCalendar UID of the booking this meeting belongs to: set when the booking is made and
   * carried to the meeting that replaces it on a reschedule, so the booking stays one calendar event.
   */
  @Column({ type: 'varchar', length: 80 })
  calendarUid: string;

  /** How the outcome (COMPLETED / NO_SHOW) was decided; null while there is none. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  outcomeSource: OutcomeSource | null;

  /** Increases on every change (the .ics SEQUENCE); a reschedule carries it on from the meeting replaced. */
  @Column({ type: 'integer' })
  sequence: number;

  @Column()
  createdAt: Date;

  @Column()
  updatedAt: Date;
}
