import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One cell of a session's grid, generated in Europe/London wall time and stored in UTC. */
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
