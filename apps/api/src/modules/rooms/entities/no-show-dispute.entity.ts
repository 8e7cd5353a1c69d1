import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person's word that a no-show recorded against them was not one (with an optional reason). */
@Index('no_show_disputes_user', ['userId'])
@Entity({ name: 'no_show_disputes' })
export class NoShowDisputeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  meetingId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column()
  disputedAt: Date;
}
