import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** A host's slot open for booking, with a number of seats (1 = one-to-one; N = a group). */
@Unique('offers_id_seats_key', ['id', 'seats'])
@Index('offers_one_per_host_slot', ['hostId', 'slotId'], { unique: true, where: 'withdrawn_at IS NULL' })
@Index('offers_session', ['sessionId', 'slotId'])
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
