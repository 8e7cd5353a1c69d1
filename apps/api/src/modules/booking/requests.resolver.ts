import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConfirmedEmail, CurrentUser } from '../../core/auth/auth.decorators';
import { Actor } from '../../core/auth/role';
import type { RequestContext } from '../../core/graphql/request-context';
import { UserLoader } from '../accounts/accounts.loaders';
import { Person } from '../accounts/models/person.model';
import {
  AcceptMeetingRequestInput,
  DeclineMeetingRequestInput,
  MyRequestsArgs,
  SendMeetingRequestInput,
} from './inputs/booking.inputs';
import { MeetingRequest } from './models/booking.models';
import { RequestsService } from './requests.service';

@Resolver(() => MeetingRequest)
export class RequestsResolver {
  constructor(
    private readonly requests: RequestsService,
    private readonly users: UserLoader,
  ) {}

  /** Rule: signed in; the caller's requests in the given direction only. */
  @Query(() => [MeetingRequest])
  async myMeetingRequests(@Args() args: MyRequestsArgs, @CurrentUser() actor: Actor): Promise<MeetingRequest[]> {
    return (await this.requests.list(actor, args.direction, { sessionId: args.sessionId, status: args.status })).map(
      MeetingRequest.from,
    );
  }

  /** Rule: sender, receiver or invited third party. */
  @Query(() => MeetingRequest)
  async meetingRequest(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() actor: Actor,
  ): Promise<MeetingRequest> {
    return MeetingRequest.from(await this.requests.get(actor, id));
  }

  /** Rule: signed in, e-mail confirmed; sender, receiver and third party all registered for the session; before it starts. */
  @ConfirmedEmail()
  @Mutation(() => MeetingRequest)
  async sendMeetingRequest(
    @Args('input') input: SendMeetingRequestInput,
    @CurrentUser() actor: Actor,
  ): Promise<MeetingRequest> {
    return MeetingRequest.from(await this.requests.send(actor, input));
  }

  /** Rule: the receiver, while PENDING. */
  @Mutation(() => MeetingRequest)
  async acceptMeetingRequest(
    @Args('input') input: AcceptMeetingRequestInput,
    @CurrentUser() actor: Actor,
  ): Promise<MeetingRequest> {
    return MeetingRequest.from(
      await this.requests.accept(actor, input.requestId, input.placement, input.slotId, input.accessNeeds),
    );
  }

  /** Rule: the receiver, while PENDING. */
  @Mutation(() => MeetingRequest)
  async declineMeetingRequest(
    @Args('input') input: DeclineMeetingRequestInput,
    @CurrentUser() actor: Actor,
  ): Promise<MeetingRequest> {
    return MeetingRequest.from(await this.requests.decline(actor, input.requestId, input.reason));
  }

  /** Rule: the sender, while PENDING. */
  @Mutation(() => MeetingRequest)
  async withdrawMeetingRequest(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() actor: Actor,
  ): Promise<MeetingRequest> {
    return MeetingRequest.from(await this.requests.withdraw(actor, id));
  }

  /** Rule: the invited third party, once. */
  @Mutation(() => MeetingRequest)
  async respondToMeetingRequestAsThirdParty(
    @Args('id', { type: () => ID }) id: string,
    @Args('accept') accept: boolean,
    @CurrentUser() actor: Actor,
  ): Promise<MeetingRequest> {
    return MeetingRequest.from(await this.requests.respondAsThirdParty(actor, id, accept));
  }

  @ResolveField(() => Person)
  async from(@Parent() request: MeetingRequest, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, request.fromUserId);
  }

  @ResolveField(() => Person)
  async to(@Parent() request: MeetingRequest, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, request.toUserId);
  }

  @ResolveField(() => Person, { nullable: true })
  async thirdParty(@Parent() request: MeetingRequest, @Context() ctx: RequestContext): Promise<Person | null> {
    if (!request.thirdPartyId) return null;
    return this.users.person(ctx, request.thirdPartyId);
  }
}
