import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A host's slot open for booking, with a number of seats (1 = one-to-one; N = a group). */
@Entity({ name: 'offers' })
export class OfferEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  sessionId: string;

  @Column({ type: 'varchar', length: 36 })
  slotId: string;

  @Column({ type: 'varchar', length: 36 })
  hostId: string;

  @Column({ type: 'integer' })
  seats: number;

  @Column()
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  withdrawnAt: Date | null;
}
