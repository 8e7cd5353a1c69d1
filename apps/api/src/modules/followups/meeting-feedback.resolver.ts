import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { Actor, Role } from '../../core/auth/role';
import type { RequestContext } from '../../core/graphql/request-context';
import { UserLoader } from '../accounts/accounts.loaders';
import { Person } from '../accounts/models/person.model';
import { GiveMeetingFeedbackInput } from './inputs/followups.inputs';
import { MeetingFeedbackService } from './meeting-feedback.service';
import { MeetingFeedback } from './models/followups.models';

@Resolver(() => MeetingFeedback)
export class MeetingFeedbackResolver {
  constructor(
    private readonly feedback: MeetingFeedbackService,
    private readonly users: UserLoader,
  ) {}

  /** Rule: an active participant of a meeting under way or over, once; evidence with it: practitioners. */
  @Mutation(() => MeetingFeedback)
  async giveMeetingFeedback(
    @Args('input') input: GiveMeetingFeedbackInput,
    @CurrentUser() actor: Actor,
  ): Promise<MeetingFeedback> {
    return MeetingFeedback.from(await this.feedback.give(actor, input));
  }

  /** Rule: ORGANISER role and organiser of the meeting's session (or ADMIN): comments are theirs only. */
  @Roles(Role.ORGANISER)
  @Query(() => [MeetingFeedback])
  async meetingFeedback(
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @CurrentUser() actor: Actor,
  ): Promise<MeetingFeedback[]> {
    return (await this.feedback.ofMeeting(actor, meetingId)).map(MeetingFeedback.from);
  }

  @ResolveField(() => Person, { description: 'Who gave it.' })
  person(@Parent() feedback: MeetingFeedback, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, feedback.userId);
  }
}
