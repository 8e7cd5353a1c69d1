import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, hasRole, Role } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { assertTransition } from '../../core/errors/state-machine';
import { Vocabulary } from '../profiles/profiles.enums';
import { TaxonomyService } from '../profiles/taxonomy.service';
import { SessionProposalEntity } from './entities/session-proposal.entity';
import { ThemedSessionEntity } from './entities/themed-session.entity';
import { ProposalStatus } from './events.enums';
import { CreateSessionInput, ProposeSessionInput } from './inputs/session.inputs';
import { ProposalsRepository } from './proposals.repository';
import { PROPOSAL_TRANSITIONS } from './session-transitions';
import { SessionsService } from './sessions.service';

/** Co-production: anyone proposes a theme; an organiser turns it into a draft or declines it. */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly db: Database,
    private readonly proposals: ProposalsRepository,
    private readonly sessions: SessionsService,
    private readonly taxonomy: TaxonomyService,
    private readonly clock: Clock,
  ) {}

  async propose(actor: Actor, input: ProposeSessionInput): Promise<SessionProposalEntity> {
    const conditions = [...new Set(input.conditions)];
    await this.taxonomy.assertCodes(Vocabulary.CONDITION, conditions);
    if (input.region) await this.taxonomy.assertCodes(Vocabulary.REGION, [input.region]);
    const proposal: SessionProposalEntity = {
      id: randomUUID(),
      proposerId: actor.id,
      title: input.title.trim(),
      description: input.description,
      conditions,
      region: input.region ?? null,
      status: ProposalStatus.PENDING,
      declineReason: null,
      decidedById: null,
      sessionId: null,
      createdAt: this.clock.now(),
      decidedAt: null,
    };
    await this.db.write((em) => this.proposals.insert(proposal, em));
    return proposal;
  }

  /** Organisers see every proposal; anyone else sees their own. */
  list(actor: Actor, status: ProposalStatus | undefined): Promise<SessionProposalEntity[]> {
    const all = hasRole(actor, Role.ORGANISER);
    return this.proposals.list({ status, proposerId: all ? undefined : actor.id });
  }

  async accept(actor: Actor, proposalId: string, session: CreateSessionInput): Promise<{ proposal: SessionProposalEntity; session: ThemedSessionEntity }> {
    const proposal = await this.pending(proposalId, ProposalStatus.ACCEPTED);
    const draft = await this.sessions.prepareDraft(actor, session);
    const changes = { status: ProposalStatus.ACCEPTED, sessionId: draft.session.id, decidedById: actor.id, decidedAt: this.clock.now() };
    await this.db.write(async (em) => {
      // The draft and the decision commit together: a proposal is accepted once, into one draft.
      await this.sessions.saveDraft(draft, em);
      if (!(await this.proposals.decide(proposal.id, changes, em))) {
        throw CommonError.invalidTransition('SessionProposal', 'decided', ProposalStatus.ACCEPTED);
      }
    });
    return { proposal: { ...proposal, ...changes }, session: draft.session };
  }

  async decline(actor: Actor, proposalId: string, reason: string): Promise<SessionProposalEntity> {
    const proposal = await this.pending(proposalId, ProposalStatus.DECLINED);
    const changes = { status: ProposalStatus.DECLINED, declineReason: reason, decidedById: actor.id, decidedAt: this.clock.now() };
    const decided = await this.db.write((em) => this.proposals.decide(proposal.id, changes, em));
    if (!decided) throw CommonError.invalidTransition('SessionProposal', 'decided', ProposalStatus.DECLINED);
    return { ...proposal, ...changes };
  }

  private async pending(id: string, to: ProposalStatus): Promise<SessionProposalEntity> {
    const proposal = await this.proposals.findById(id);
    if (!proposal) throw CommonError.notFound('SessionProposal', id);
    assertTransition('SessionProposal', PROPOSAL_TRANSITIONS, proposal.status, to);
    return proposal;
  }
}
