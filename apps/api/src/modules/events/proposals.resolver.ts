import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { Actor, Role } from '../../core/auth/role';
import { ProposalStatus } from './events.enums';
import { CreateSessionInput, DecideProposalInput, ProposeSessionInput } from './inputs/session.inputs';
import { SessionProposal, ThemedSession } from './models/session.models';
import { ProposalsService } from './proposals.service';

@Resolver(() => SessionProposal)
export class ProposalsResolver {
  constructor(private readonly proposals: ProposalsService) {}

  /** Rule: any signed-in user. */
  @Mutation(() => SessionProposal)
  async proposeSession(@Args('input') input: ProposeSessionInput, @CurrentUser() actor: Actor): Promise<SessionProposal> {
    return SessionProposal.from(await this.proposals.propose(actor, input));
  }

  /** Rule: organisers see all proposals; anyone else only their own. */
  @Query(() => [SessionProposal])
  async sessionProposals(
    @CurrentUser() actor: Actor,
    @Args('status', { type: () => ProposalStatus, nullable: true }) status?: ProposalStatus,
  ): Promise<SessionProposal[]> {
    return (await this.proposals.list(actor, status ?? undefined)).map(SessionProposal.from);
  }

  /** Rule: ORGANISER; the new DRAFT session is theirs. */
  @Roles(Role.ORGANISER)
  @Mutation(() => ThemedSession)
  async acceptProposal(
    @Args('proposalId', { type: () => ID }) proposalId: string,
    @Args('session') session: CreateSessionInput,
    @CurrentUser() actor: Actor,
  ): Promise<ThemedSession> {
    return ThemedSession.from((await this.proposals.accept(actor, proposalId, session)).session);
  }

  /** Rule: ORGANISER; a reason is required and shown to the proposer. */
  @Roles(Role.ORGANISER)
  @Mutation(() => SessionProposal)
  async declineProposal(@Args('input') input: DecideProposalInput, @CurrentUser() actor: Actor): Promise<SessionProposal> {
    return SessionProposal.from(await this.proposals.decline(actor, input.proposalId, input.reason));
  }
}
