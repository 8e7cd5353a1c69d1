import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { WaitingListStatus } from '../booking.enums';

/** One person waiting for a guest place in a capped session (migration 1763900001310). */
@Index('waiting_list_one_per_person', ['sessionId', 'userId'], { unique: true, where: "status = 'WAITING'" })
@Index('waiting_list_queue', ['sessionId', 'status', 'lineNo'])
@Index('waiting_list_user', ['userId'])
@Entity({ name: 'session_waiting_list' })
export class WaitingListEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  sessionId: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  /** The slots they said they are free in, registered with them when they get a place. */
  @Column({ type: 'simple-json' })
  availableSlotIds: string[];

  @Column({ type: 'integer' })
  lineNo: number;

  @Column({ type: 'varchar', length: 8 })
  status: WaitingListStatus;

  @Column()
  createdAt: Date;

  @Column()
  updatedAt: Date;
}
