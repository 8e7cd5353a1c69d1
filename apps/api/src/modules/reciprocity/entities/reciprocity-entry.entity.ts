import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ExchangeKind } from '../reciprocity.enums';

/**
 * What one participant recorded about one held meeting (migration 1763900000900). The module reads
 * and writes it in SQL (reciprocity.repository.ts); this declaration keeps the drift check whole.
 */
@Index('reciprocity_entries_user', ['userId'])
@Entity({ name: 'reciprocity_entries' })
export class ReciprocityEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  meetingId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'simple-json' })
  gave: ExchangeKind[];

  @Column({ type: 'simple-json' })
  got: ExchangeKind[];

  /** The person's own preparation time, 0–120 (a CHECK in the migration). */
  @Column({ type: 'integer' })
  preparationMinutes: number;

  @Column()
  updatedAt: Date;
}
