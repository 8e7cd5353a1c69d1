import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProposalStatus } from '../events.enums';

/** A theme any participant suggests; an organiser turns it into a draft session or declines it. */
@Entity({ name: 'session_proposals' })
export class SessionProposalEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  proposerId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'simple-json' })
  conditions: string[];

  @Column({ type: 'varchar', length: 60, nullable: true })
  region: string | null;

  @Column({ type: 'varchar', length: 12 })
  status: ProposalStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  declineReason: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  decidedById: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  sessionId: string | null;

  @Column()
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  decidedAt: Date | null;
}
