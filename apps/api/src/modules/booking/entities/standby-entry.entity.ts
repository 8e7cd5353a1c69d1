import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { StandbyStatus } from '../booking.enums';

/** One person on one full offer's standby list (migration 1763900000950). */
@Index('standby_one_live_per_person', ['offerId', 'userId'], {
  unique: true,
  where: "status IN ('WAITING', 'OFFERED')",
})
@Index('standby_queue', ['offerId', 'status', 'lineNo'])
@Index('standby_claim_until', ['status', 'claimUntil'])
@Index('standby_user', ['userId', 'sessionId'])
@Entity({ name: 'standby_entries' })
export class StandbyEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  offerId: string;

  @Column({ type: 'varchar', length: 36 })
  sessionId: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 12 })
  status: StandbyStatus;

  /** Order in the offer's line (joined earlier, lower). */
  @Column({ type: 'integer' })
  lineNo: number;

  @Column()
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  offeredAt: Date | null;

  /** While OFFERED: the seat is held for this person until then. */
  @Column({ type: Date, nullable: true })
  claimUntil: Date | null;

  @Column()
  updatedAt: Date;
}
