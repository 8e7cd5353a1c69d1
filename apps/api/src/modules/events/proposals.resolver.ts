import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConfirmedEmail, CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { Actor, Role } from '../../core/auth/role';
import type { RequestContext } from '../../core/graphql/request-context';
import { UserLoader } from '../accounts/accounts.loaders';
import { Person } from '../accounts/models/person.model';
import { SessionProposalEntity } from './entities/session-proposal.entity';
import { ProposalStatus } from './events.enums';
import {
  BackProposalInput,
  CommentOnProposalInput,
  CreateSessionInput,
  DecideProposalInput,
  ProposeSessionInput,
} from './inputs/session.inputs';
import { ProposalComment, SessionProposal, ThemedSession } from './models/session.models';
import { ProposalsService } from './proposals.service';

@Resolver(() => SessionProposal)
export class ProposalsResolver {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly users: UserLoader,
  ) {}

  /** Rule: any signed-in user whose e-mail address is confirmed. */
  @ConfirmedEmail()
  @Mutation(() => SessionProposal)
  async proposeSession(
    @Args('input') input: ProposeSessionInput,
    @CurrentUser() actor: Actor,
  ): Promise<SessionProposal> {
    return (await this.withSupport([await this.proposals.propose(actor, input)], actor))[0]!;
  }

  /** Rule: organisers see all proposals; anyone else only their own. */
  @Query(() => [SessionProposal])
  async sessionProposals(
    @CurrentUser() actor: Actor,
    @Args('status', { type: () => ProposalStatus, nullable: true }) status?: ProposalStatus,
  ): Promise<SessionProposal[]> {
    return this.withSupport(await this.proposals.list(actor, status ?? undefined), actor);
  }

  /** Rule: signed in; the PENDING proposals for the caller's regions and conditions (all of them for organisers), with their own. */
  @Query(() => [SessionProposal])
  async openSessionProposals(@CurrentUser() actor: Actor): Promise<SessionProposal[]> {
    return this.withSupport(await this.proposals.open(actor), actor);
  }

  /** Rule: signed in, e-mail confirmed, and the proposal is one of openSessionProposals (else NOT_FOUND); PENDING only. */
  @ConfirmedEmail()
  @Mutation(() => SessionProposal)
  async backProposal(@Args('input') input: BackProposalInput, @CurrentUser() actor: Actor): Promise<SessionProposal> {
    const proposal = await this.proposals.back(actor, input.proposalId, input.kind, input.backing);
    return (await this.withSupport([proposal], actor))[0]!;
  }

  /** Rule: as backProposal; at most COMMENTS_PER_HOUR comments a person (TOO_MANY_COMMENTS). */
  @ConfirmedEmail()
  @Mutation(() => ProposalComment)
  async commentOnProposal(
    @Args('input') input: CommentOnProposalInput,
    @CurrentUser() actor: Actor,
  ): Promise<ProposalComment> {
    return ProposalComment.from(await this.proposals.comment(actor, input.proposalId, input.body));
  }

  /** Rule: ORGANISER; the new DRAFT session is theirs; with coOrganiser, its proposer co-organises it. */
  @Roles(Role.ORGANISER)
  @Mutation(() => ThemedSession)
  async acceptProposal(
    @Args('proposalId', { type: () => ID }) proposalId: string,
    @Args('session') session: CreateSessionInput,
    @CurrentUser() actor: Actor,
    @Args('coOrganiser', {
      type: () => Boolean,
      defaultValue: false,
      description: 'Make the proposer co-organiser: they may edit the texts and see the registrations of this session.',
    })
    coOrganiser: boolean,
  ): Promise<ThemedSession> {
    return ThemedSession.from((await this.proposals.accept(actor, proposalId, session, coOrganiser)).session);
  }

  /** Rule: ORGANISER; a reason is required and shown to the proposer. */
  @Roles(Role.ORGANISER)
  @Mutation(() => SessionProposal)
  async declineProposal(
    @Args('input') input: DecideProposalInput,
    @CurrentUser() actor: Actor,
  ): Promise<SessionProposal> {
    const declined = await this.proposals.decline(actor, input.proposalId, input.reason);
    return (await this.withSupport([declined], actor))[0]!;
  }

  @ResolveField(() => Person, { description: 'Who proposed it.' })
  proposer(@Parent() proposal: SessionProposal, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, proposal.proposerId);
  }

  /** Support and comments for a page of proposals in two reads. */
  private async withSupport(entities: SessionProposalEntity[], actor: Actor): Promise<SessionProposal[]> {
    const ids = entities.map((p) => p.id);
    const [support, comments] = await Promise.all([
      this.proposals.support(ids, actor.id),
      this.proposals.comments(ids),
    ]);
    return entities.map((entity) =>
      Object.assign(SessionProposal.from(entity), {
        support: support.get(entity.id),
        comments: comments.filter((c) => c.proposalId === entity.id).map(ProposalComment.from),
      }),
    );
  }
}

@Resolver(() => ProposalComment)
export class ProposalCommentResolver {
  constructor(private readonly users: UserLoader) {}

  @ResolveField(() => Person)
  author(@Parent() comment: ProposalComment, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, comment.authorId);
  }
}
