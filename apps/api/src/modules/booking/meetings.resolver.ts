import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../core/auth/auth.decorators';
import { Actor } from '../../core/auth/role';
import type { RequestContext } from '../../core/graphql/request-context';
import { UserLoader } from '../accounts/accounts.loaders';
import { Person } from '../accounts/models/person.model';
import { EventsLoaders } from '../events/events.loaders';
import { Slot, ThemedSession } from '../events/models/session.models';
import { MeetingParticipantsLoader } from './booking.loaders';
import { AgendaArgs, CancelMeetingInput, RescheduleMeetingInput } from './inputs/booking.inputs';
import { Meeting, MeetingParticipant } from './models/booking.models';
import { MeetingsService } from './meetings.service';

@Resolver(() => Meeting)
export class MeetingsResolver {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly participantLoader: MeetingParticipantsLoader,
    private readonly events: EventsLoaders,
  ) {}

  /** Rule: signed in; the caller's own meetings only, earliest first. */
  @Query(() => [Meeting])
  async myAgenda(@Args() args: AgendaArgs, @CurrentUser() actor: Actor, @Context() ctx: RequestContext): Promise<Meeting[]> {
    const rows = await this.meetings.agenda(actor, { from: args.from, includeCancelled: args.includeCancelled });
    this.events.primeSessions(ctx, rows.map((row) => row.session));
    this.events.primeSlots(ctx, rows.map((row) => row.slot));
    return rows.map(Meeting.from);
  }

  /** Rule: the meeting's participants (present or past) and the session's organiser. */
  @Query(() => Meeting)
  async meeting(@Args('id', { type: () => ID }) id: string, @CurrentUser() actor: Actor): Promise<Meeting> {
    return Meeting.from(await this.meetings.get(actor, id));
  }

  /** Rule: signed in and registered for the session; not your own offer. */
  @Mutation(() => Meeting)
  async bookSlot(@Args('offerId', { type: () => ID }) offerId: string, @CurrentUser() actor: Actor): Promise<Meeting> {
    return Meeting.from(await this.meetings.book(actor, offerId));
  }

  /** Rule: a participant (a guest of a group or a third party leaves; others cancel for all) or the session's organiser. */
  @Mutation(() => Meeting)
  async cancelMeeting(@Args('input') input: CancelMeetingInput, @CurrentUser() actor: Actor): Promise<Meeting> {
    return Meeting.from(await this.meetings.cancel(actor, input.meetingId, input.reason));
  }

  /** Rule: a participant or the session's organiser; returns the new meeting (the old one is kept, CANCELLED). */
  @Mutation(() => Meeting)
  async rescheduleMeeting(@Args('input') input: RescheduleMeetingInput, @CurrentUser() actor: Actor): Promise<Meeting> {
    return Meeting.from(await this.meetings.reschedule(actor, input.meetingId, input.slotId));
  }

  /** Rule: a participant of a PROPOSED meeting. */
  @Mutation(() => Meeting)
  async confirmMeeting(@Args('id', { type: () => ID }) id: string, @CurrentUser() actor: Actor): Promise<Meeting> {
    return Meeting.from(await this.meetings.confirm(actor, id));
  }

  @ResolveField(() => ThemedSession)
  async session(@Parent() meeting: Meeting, @Context() ctx: RequestContext): Promise<ThemedSession> {
    return ThemedSession.from((await this.events.session(ctx, meeting.sessionId))!);
  }

  @ResolveField(() => Slot)
  async slot(@Parent() meeting: Meeting, @Context() ctx: RequestContext): Promise<Slot> {
    return Slot.from((await this.events.slot(ctx, meeting.slotId))!);
  }

  @ResolveField(() => [MeetingParticipant], { description: 'People currently in the meeting (empty once cancelled).' })
  async participants(@Parent() meeting: Meeting, @Context() ctx: RequestContext): Promise<MeetingParticipant[]> {
    const rows = await this.participantLoader.load(ctx, meeting.id);
    return rows.map((row) => Object.assign(new MeetingParticipant(), { role: row.role, confirmed: row.confirmedAt !== null, userId: row.userId }));
  }
}

@Resolver(() => MeetingParticipant)
export class MeetingParticipantResolver {
  constructor(private readonly users: UserLoader) {}

  @ResolveField(() => Person)
  async person(@Parent() participant: MeetingParticipant, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, participant.userId);
  }
}
