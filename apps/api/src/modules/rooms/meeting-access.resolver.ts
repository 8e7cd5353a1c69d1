import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DomainError } from '../../core/errors/domain-error';
import { toGraphQLError } from '../../core/graphql/domain-error.filter';
import type { RequestContext } from '../../core/graphql/request-context';
import { AccessNeed } from '../access/access-needs';
import { PersonAccessNeeds } from '../access/access.models';
import { Meeting } from '../booking/models/booking.models';
import { MeetingAccessService } from './meeting-access.service';

/** Adds access needs to the booking module's Meeting type (docs/interpretation-and-access.md). */
@Resolver(() => Meeting)
export class MeetingAccessResolver {
  constructor(private readonly access: MeetingAccessService) {}

  /**
   * Rule: the session's organiser and co-organiser, admins, and the meeting's assigned
   * interpreter; anyone else gets ACCESS_NEEDS_PRIVATE on this field.
   */
  @ResolveField(() => [PersonAccessNeeds], {
    nullable: true,
    description: 'What each person asked for to take part (organisers and the assigned interpreter only).',
  })
  async accessNeeds(@Parent() meeting: Meeting, @Context() ctx: RequestContext): Promise<PersonAccessNeeds[]> {
    // Field resolvers do not pass through the exception filter: the typed error is made here.
    return this.access.needsFor(ctx.actor ?? null, meeting).catch((error: unknown) => {
      throw error instanceof DomainError ? toGraphQLError(error) : error;
    });
  }

  /** Rule: the caller's own needs for the meeting (null when none). */
  @ResolveField(() => [AccessNeed], { nullable: true, description: 'Your own access needs for this meeting.' })
  async myAccessNeeds(@Parent() meeting: Meeting, @Context() ctx: RequestContext): Promise<AccessNeed[] | null> {
    return ctx.actor ? this.access.mine(ctx.actor.id, meeting.id) : null;
  }

  /** Rule: whoever may see the meeting; says only that an interpreter is assigned, never who asked for one or why. */
  @ResolveField(() => Boolean, { description: 'An interpreter will join the meeting.' })
  async interpreterWillJoin(@Parent() meeting: Meeting, @Context() ctx: RequestContext): Promise<boolean> {
    return this.access.interpreterWillJoin(ctx, meeting.id);
  }
}
