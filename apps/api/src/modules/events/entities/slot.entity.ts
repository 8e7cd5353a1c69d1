import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** One cell of a session's grid, generated in Europe/London wall time and stored in UTC. */
@Unique('slots_session_id_idx_key', ['sessionId', 'idx'])
@Entity({ name: 'slots' })
export class SlotEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  sessionId: string;

  @Column({ type: 'integer' })
  idx: number;

  @Column()
  startsAt: Date;

  @Column()
  endsAt: Date;

  @Column({ type: 'boolean' })
  isBreak: boolean;
}
