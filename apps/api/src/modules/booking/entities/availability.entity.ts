import { Entity, PrimaryColumn } from 'typeorm';

/** A registered person is free in this slot. */
@Entity({ name: 'availability' })
export class AvailabilityEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  registrationId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  slotId: string;
}
