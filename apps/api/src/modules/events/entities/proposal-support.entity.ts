import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BackingKind } from '../events.enums';

/** A participant backing a theme proposal: "I'd come" (ATTEND) or "I could host" (HOST); one row per kind. */
@Index('proposal_backings_user', ['userId'])
@Entity({ name: 'proposal_backings' })
export class ProposalBackingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  proposalId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  kind: BackingKind;

  @Column()
  createdAt: Date;
}

/** A short plain-text comment on a theme proposal. */
@Index('proposal_comments_proposal', ['proposalId', 'createdAt'])
@Index('proposal_comments_author', ['authorId', 'createdAt'])
@Entity({ name: 'proposal_comments' })
export class ProposalCommentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  proposalId: string;

  @Column({ type: 'varchar', length: 36 })
  authorId: string;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  @Column()
  createdAt: Date;
}
