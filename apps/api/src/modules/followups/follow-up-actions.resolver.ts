import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../core/auth/auth.decorators';
import { Actor } from '../../core/auth/role';
import type { RequestContext } from '../../core/graphql/request-context';
import { UserLoader } from '../accounts/accounts.loaders';
import { Person } from '../accounts/models/person.model';
import { Meeting } from '../booking/models/booking.models';
import { FollowUpActionsService } from './follow-up-actions.service';
import { FollowupsLoaders } from './followups.loaders';
import {
  ChangeFollowUpStatusInput,
  MyFollowUpActionsArgs,
  ReassignFollowUpActionInput,
  RecordFollowUpActionInput,
} from './inputs/followups.inputs';
import { FollowUpAction, FollowUpUpdate, MeetingFeedback } from './models/followups.models';

@Resolver(() => FollowUpAction)
export class FollowUpActionsResolver {
  constructor(
    private readonly actions: FollowUpActionsService,
    private readonly loaders: FollowupsLoaders,
    private readonly users: UserLoader,
  ) {}

  /** Rule: signed in; actions the caller owns or from meetings they were in; overdue first, then by due date. */
  @Query(() => [FollowUpAction])
  async myFollowUpActions(@Args() args: MyFollowUpActionsArgs, @CurrentUser() actor: Actor): Promise<FollowUpAction[]> {
    const today = this.actions.today();
    return (await this.actions.mine(actor, args.first)).map((action) => FollowUpAction.from(action, today));
  }

  /** Rule: an active participant of a meeting under way or over; the owner is one of its participants. */
  @Mutation(() => FollowUpAction)
  async recordFollowUpAction(
    @Args('input') input: RecordFollowUpActionInput,
    @CurrentUser() actor: Actor,
  ): Promise<FollowUpAction> {
    return FollowUpAction.from(await this.actions.record(actor, input), this.actions.today());
  }

  /** Rule: the action's owner (others who may see it: NOT_ACTION_OWNER; anyone else: NOT_FOUND). */
  @Mutation(() => FollowUpAction)
  async changeFollowUpStatus(
    @Args('input') input: ChangeFollowUpStatusInput,
    @CurrentUser() actor: Actor,
  ): Promise<FollowUpAction> {
    return FollowUpAction.from(await this.actions.changeStatus(actor, input), this.actions.today());
  }

  /** Rule: the action's owner, while it is open; the new owner is an active participant of the meeting. */
  @Mutation(() => FollowUpAction)
  async reassignFollowUpAction(
    @Args('input') input: ReassignFollowUpActionInput,
    @CurrentUser() actor: Actor,
  ): Promise<FollowUpAction> {
    return FollowUpAction.from(await this.actions.reassign(actor, input), this.actions.today());
  }

  @ResolveField(() => Person)
  owner(@Parent() action: FollowUpAction, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, action.ownerId);
  }

  @ResolveField(() => Person)
  createdBy(@Parent() action: FollowUpAction, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, action.createdById);
  }

  @ResolveField(() => Meeting)
  async meeting(@Parent() action: FollowUpAction, @Context() ctx: RequestContext): Promise<Meeting> {
    return Meeting.from((await this.loaders.meeting(ctx, action.meetingId))!);
  }

  @ResolveField(() => [FollowUpUpdate], { description: 'The action’s history, oldest first.' })
  async history(@Parent() action: FollowUpAction, @Context() ctx: RequestContext): Promise<FollowUpUpdate[]> {
    return (await this.loaders.history(ctx, action.id)).map(FollowUpUpdate.from);
  }
}

@Resolver(() => FollowUpUpdate)
export class FollowUpUpdateResolver {
  constructor(private readonly users: UserLoader) {}

  @ResolveField(() => Person)
  author(@Parent() update: FollowUpUpdate, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, update.authorId);
  }
}

/** Adds the follow-up fields to the booking module's Meeting type. */
@Resolver(() => Meeting)
export class MeetingFollowUpsResolver {
  constructor(
    private readonly actions: FollowUpActionsService,
    private readonly loaders: FollowupsLoaders,
  ) {}

  /** Rule: the meeting's participants (present or past) and its session's organisers; empty for anyone else. */
  @ResolveField(() => [FollowUpAction], { description: 'Agreed next steps, earliest due first.' })
  async followUpActions(@Parent() meeting: Meeting, @Context() ctx: RequestContext): Promise<FollowUpAction[]> {
    if (!ctx.actor) return [];
    const today = this.actions.today();
    return (await this.loaders.actionsOfMeeting(ctx, meeting.id)).map((action) => FollowUpAction.from(action, today));
  }

  /** Rule: the caller's own feedback only (null if they gave none); others' feedback is never shown here. */
  @ResolveField(() => MeetingFeedback, { nullable: true })
  async myFeedback(@Parent() meeting: Meeting, @Context() ctx: RequestContext): Promise<MeetingFeedback | null> {
    if (!ctx.actor) return null;
    const feedback = await this.loaders.myFeedback(ctx, meeting.id);
    return feedback && MeetingFeedback.from(feedback);
  }
}
