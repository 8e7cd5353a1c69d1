import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere } from 'typeorm';
import { Database } from '../../core/database/database';
import { SessionProposalEntity } from './entities/session-proposal.entity';
import { ProposalStatus } from './events.enums';

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
}
