import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * How a practitioner evidences impact locally, in their own words. Shared ones form the evidence
 * library that anyone signed in can browse by condition and art form.
 */
@Index('evidence_methods_shared', ['shared', 'updatedAt'])
@Index('evidence_methods_owner', ['ownerId'])
@Entity({ name: 'evidence_methods' })
export class EvidenceMethodEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  ownerId: string;

  /** The meeting whose feedback it was described in, if any. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  meetingId: string | null;

  @Column({ type: 'varchar', length: 160 })
  title: string;

  @Column({ type: 'varchar', length: 2000 })
  description: string;

  /** CONDITION codes. */
  @Column({ type: 'simple-json' })
  conditions: string[];

  /** ART_FORM codes. */
  @Column({ type: 'simple-json' })
  artForms: string[];

  @Column({ type: 'boolean' })
  shared: boolean;

  @Column()
  createdAt: Date;

  @Column()
  updatedAt: Date;
}
