import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Someone an organiser removed from a meeting's room: no new token for that meeting. */
@Entity({ name: 'room_removals' })
export class RoomRemovalEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  meetingId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 36 })
  removedById: string;

  @Column()
  removedAt: Date;
}
