import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person × a meeting: when they were in its room, folded from their connections. */
@Entity({ name: 'attendance' })
export class AttendanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  meetingId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'boolean' })
  organiser: boolean;

  @Column({ type: Date, nullable: true })
  firstJoinedAt: Date | null;

  @Column({ type: Date, nullable: true })
  lastLeftAt: Date | null;

  /** Set while they are in the room: the start of their earliest open connection. */
  @Column({ type: Date, nullable: true })
  presentSince: Date | null;

  @Column({ type: 'integer' })
  totalSeconds: number;

  @Column()
  updatedAt: Date;
}
