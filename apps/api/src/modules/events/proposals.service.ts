import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, hasRole, Role } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { assertTransition } from '../../core/errors/state-machine';
import { Vocabulary } from '../profiles/profiles.enums';
import { TaxonomyService } from '../profiles/taxonomy.service';
import { ProfilesService } from '../profiles/profiles.service';
import { ProposalCommentEntity } from './entities/proposal-support.entity';
import { SessionProposalEntity } from './entities/session-proposal.entity';
import { ThemedSessionEntity } from './entities/themed-session.entity';
import { BackingKind, ProposalStatus } from './events.enums';
import { EventsError, EventsErrorCode } from './events.errors';
import { proposalIsFor } from './proposal-audience';
import { CreateSessionInput, ProposeSessionInput } from './inputs/session.inputs';
import { ProposalsRepository } from './proposals.repository';
import { SessionChangeListeners } from './session-change-listener';
import { PROPOSAL_TRANSITIONS } from './session-transitions';
import { SessionsService } from './sessions.service';

/** Comments one person may write on theme proposals in any hour. */
export const COMMENTS_PER_HOUR = 10;

/** Support for one proposal, as its readers see it. */
export interface ProposalSupport {
  attending: number;
  hosting: number;
  /** The caller's own backings. */
  mine: BackingKind[];
}

/**
 * Co-production: anyone proposes a theme; participants whose regions and conditions it concerns
 * back it ("I'd come", "I could host") and comment; an organiser, seeing that support, turns it
 * into a draft (optionally with the proposer as co-organiser) or declines it, and the proposer and
 * every backer hear of the decision.
 */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly db: Database,
    private readonly proposals: ProposalsRepository,
    private readonly sessions: SessionsService,
    private readonly taxonomy: TaxonomyService,
    private readonly listeners: SessionChangeListeners,
    private readonly clock: Clock,
    private readonly profiles: ProfilesService,
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

  /** Open (PENDING) proposals for the caller: all of them for organisers, else those for their regions and conditions, and their own. */
  async open(actor: Actor): Promise<SessionProposalEntity[]> {
    const pending = await this.proposals.list({ status: ProposalStatus.PENDING });
    if (hasRole(actor, Role.ORGANISER)) return pending;
    const scope = await this.scopeOf(actor.id);
    return pending.filter((p) => p.proposerId === actor.id || proposalIsFor(p, scope));
  }

  /** Backs an open proposal with `kind` (or withdraws that backing); NOT_FOUND unless it is shown to the caller. */
  async back(actor: Actor, proposalId: string, kind: BackingKind, backing: boolean): Promise<SessionProposalEntity> {
    const proposal = await this.openFor(actor, proposalId);
    await this.db.write(async (em) => {
      if (backing) await this.proposals.back({ proposalId, userId: actor.id, kind, createdAt: this.clock.now() }, em);
      else await this.proposals.unback(proposalId, actor.id, kind, em);
    });
    return proposal;
  }

  /** A short comment on an open proposal; at most COMMENTS_PER_HOUR a person (TOO_MANY_COMMENTS). */
  async comment(actor: Actor, proposalId: string, body: string): Promise<ProposalCommentEntity> {
    await this.openFor(actor, proposalId);
    const text = body.trim();
    if (text.length === 0) throw CommonError.badInput('A comment needs some words.', { body: ['empty'] });
    const now = this.clock.now();
    const comment: ProposalCommentEntity = {
      id: randomUUID(),
      proposalId,
      authorId: actor.id,
      body: text,
      createdAt: now,
    };
    await this.db.write(async (em) => {
      const lastHour = await this.proposals.commentsSince(actor.id, new Date(now.getTime() - 3_600_000), em);
      if (lastHour >= COMMENTS_PER_HOUR)
        throw new EventsError(
          EventsErrorCode.TOO_MANY_COMMENTS,
          `You can write ${COMMENTS_PER_HOUR} comments an hour; try again later.`,
          { perHour: COMMENTS_PER_HOUR },
        );
      await this.proposals.insertComment(comment, em);
    });
    return comment;
  }

  /** Backing counts per proposal, with the caller's own. */
  async support(proposalIds: readonly string[], actorId: string): Promise<Map<string, ProposalSupport>> {
    const result = new Map<string, ProposalSupport>(
      proposalIds.map((id) => [id, { attending: 0, hosting: 0, mine: [] }]),
    );
    for (const b of await this.proposals.backingsOf(proposalIds)) {
      const s = result.get(b.proposalId)!;
      if (b.kind === BackingKind.ATTEND) s.attending++;
      else s.hosting++;
      if (b.userId === actorId) s.mine.push(b.kind);
    }
    return result;
  }

  comments(proposalIds: readonly string[]): Promise<ProposalCommentEntity[]> {
    return this.proposals.commentsOf(proposalIds);
  }

  async accept(
    actor: Actor,
    proposalId: string,
    session: CreateSessionInput,
    coOrganiser = false,
  ): Promise<{ proposal: SessionProposalEntity; session: ThemedSessionEntity }> {
    const proposal = await this.pending(proposalId, ProposalStatus.ACCEPTED);
    const draft = await this.sessions.prepareDraft(actor, session);
    // The proposer may co-organise the session their theme became (not if they organise it themselves).
    if (coOrganiser && proposal.proposerId !== actor.id) draft.session.coOrganiserId = proposal.proposerId;
    const changes = {
      status: ProposalStatus.ACCEPTED,
      sessionId: draft.session.id,
      decidedById: actor.id,
      decidedAt: this.clock.now(),
    };
    await this.db.write(async (em) => {
      // The draft and the decision commit together: a proposal is accepted once, into one draft.
      await this.sessions.saveDraft(draft, em);
      if (!(await this.proposals.decide(proposal.id, changes, em))) {
        throw CommonError.invalidTransition('SessionProposal', 'decided', ProposalStatus.ACCEPTED);
      }
      await this.listeners.proposalDecided({ ...proposal, ...changes }, em, {
        backerIds: await this.backerIds(proposal, em),
        coOrganiser: draft.session.coOrganiserId !== null,
      });
    });
    return { proposal: { ...proposal, ...changes }, session: draft.session };
  }

  async decline(actor: Actor, proposalId: string, reason: string): Promise<SessionProposalEntity> {
    const proposal = await this.pending(proposalId, ProposalStatus.DECLINED);
    const changes = {
      status: ProposalStatus.DECLINED,
      declineReason: reason,
      decidedById: actor.id,
      decidedAt: this.clock.now(),
    };
    const declined = { ...proposal, ...changes };
    await this.db.write(async (em) => {
      if (!(await this.proposals.decide(proposal.id, changes, em)))
        throw CommonError.invalidTransition('SessionProposal', 'decided', ProposalStatus.DECLINED);
      // The proposer hears of it in the decision's transaction: no e-mail for a decision that did not commit.
      await this.listeners.proposalDecided(declined, em, { backerIds: await this.backerIds(proposal, em) });
    });
    return declined;
  }

  /** Everyone who backed the proposal, the proposer aside, in the order they first backed it. */
  private async backerIds(proposal: SessionProposalEntity, em: EntityManager): Promise<string[]> {
    const ids = (await this.proposals.backingsOf([proposal.id], em)).map((b) => b.userId);
    return [...new Set(ids)].filter((id) => id !== proposal.proposerId);
  }

  private async scopeOf(userId: string): Promise<{ regions: string[]; conditions: string[] }> {
    const profile = await this.profiles.getByUserId(userId);
    return { regions: profile?.regions ?? [], conditions: profile?.conditions ?? [] };
  }

  /** A PENDING proposal shown to the caller (NOT_FOUND if not shown to them, PROPOSAL_NOT_OPEN once decided). */
  private async openFor(actor: Actor, id: string): Promise<SessionProposalEntity> {
    const proposal = await this.proposals.findById(id);
    const shown =
      proposal &&
      (hasRole(actor, Role.ORGANISER) ||
        proposal.proposerId === actor.id ||
        proposalIsFor(proposal, await this.scopeOf(actor.id)));
    if (!proposal || !shown) throw CommonError.notFound('SessionProposal', id);
    if (proposal.status !== ProposalStatus.PENDING)
      throw new EventsError(EventsErrorCode.PROPOSAL_NOT_OPEN, 'That proposal has been decided.', {
        status: proposal.status,
      });
    return proposal;
  }

  private async pending(id: string, to: ProposalStatus): Promise<SessionProposalEntity> {
    const proposal = await this.proposals.findById(id);
    if (!proposal) throw CommonError.notFound('SessionProposal', id);
    assertTransition('SessionProposal', PROPOSAL_TRANSITIONS, proposal.status, to);
    return proposal;
  }
}
