import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere, In, MoreThan } from 'typeorm';
import { Database } from '../../core/database/database';
import { SessionProposalEntity } from './entities/session-proposal.entity';
import { ProposalBackingEntity, ProposalCommentEntity } from './entities/proposal-support.entity';
import { BackingKind, ProposalStatus } from './events.enums';

@Injectable()
export class ProposalsRepository {
  constructor(private readonly db: Database) {}

  findById(id: string, em: EntityManager = this.db.manager): Promise<SessionProposalEntity | null> {
    return em.findOneBy(SessionProposalEntity, { id });
  }

  list(filter: { status?: ProposalStatus; proposerId?: string }): Promise<SessionProposalEntity[]> {
    const where: FindOptionsWhere<SessionProposalEntity> = {};
    if (filter.status) where.status = filter.status;
    if (filter.proposerId) where.proposerId = filter.proposerId;
    return this.db.manager.find(SessionProposalEntity, { where, order: { createdAt: 'DESC' }, take: 200 });
  }

  async insert(proposal: SessionProposalEntity, em: EntityManager): Promise<void> {
    await em.insert(SessionProposalEntity, proposal);
  }

  /** Records the decision only if the proposal is still PENDING. */
  async decide(id: string, changes: Partial<SessionProposalEntity>, em: EntityManager): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(SessionProposalEntity)
      .set(changes)
      .where('id = :id AND status = :pending', { id, pending: ProposalStatus.PENDING })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async back(backing: ProposalBackingEntity, em: EntityManager): Promise<void> {
    const exists = await em.existsBy(ProposalBackingEntity, {
      proposalId: backing.proposalId,
      userId: backing.userId,
      kind: backing.kind,
    });
    if (!exists) await em.insert(ProposalBackingEntity, backing);
  }

  async unback(proposalId: string, userId: string, kind: BackingKind, em: EntityManager): Promise<void> {
    await em.delete(ProposalBackingEntity, { proposalId, userId, kind });
  }

  backingsOf(proposalIds: readonly string[], em: EntityManager = this.db.manager): Promise<ProposalBackingEntity[]> {
    if (proposalIds.length === 0) return Promise.resolve([]);
    return em.find(ProposalBackingEntity, { where: { proposalId: In([...proposalIds]) }, order: { createdAt: 'ASC' } });
  }

  commentsOf(proposalIds: readonly string[]): Promise<ProposalCommentEntity[]> {
    if (proposalIds.length === 0) return Promise.resolve([]);
    return this.db.manager.find(ProposalCommentEntity, {
      where: { proposalId: In([...proposalIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  commentsSince(authorId: string, since: Date, em: EntityManager): Promise<number> {
    return em.countBy(ProposalCommentEntity, { authorId, createdAt: MoreThan(since) });
  }

  async insertComment(comment: ProposalCommentEntity, em: EntityManager): Promise<void> {
    await em.insert(ProposalCommentEntity, comment);
  }
}
