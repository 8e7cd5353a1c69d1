import { Column, Entity, PrimaryColumn } from 'typeorm';
import { MeetingSource, MeetingStatus } from '../booking.enums';

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

  /** Increases on every change (the .ics SEQUENCE). */
  @Column({ type: 'integer' })
  sequence: number;

  @Column()
  createdAt: Date;

  @Column()
  updatedAt: Date;
}
