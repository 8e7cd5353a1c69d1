import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConfirmedEmail, CurrentUser } from '../../core/auth/auth.decorators';
import { Actor } from '../../core/auth/role';
import type { RequestContext } from '../../core/graphql/request-context';
import { UserLoader } from '../accounts/accounts.loaders';
import { Person } from '../accounts/models/person.model';
import { AccessNeedsInput } from '../access/access.models';
import { EventsLoaders } from '../events/events.loaders';
import { Slot, ThemedSession } from '../events/models/session.models';
import { MeetingOutcomeReportsLoader, MeetingParticipantsLoader } from './booking.loaders';
import {
  AgendaArgs,
  CancelMeetingInput,
  LeaveSessionInput,
  ReportMeetingOutcomeInput,
  RescheduleMeetingInput,
  SetMeetingOutcomeInput,
} from './inputs/booking.inputs';
import { verdictOf } from './meeting-outcomes';
import { MeetingOutcomesService } from './meeting-outcomes.service';
import { Meeting, MeetingOutcomeReport, MeetingParticipant } from './models/booking.models';
import { MeetingsService } from './meetings.service';

@Resolver(() => Meeting)
export class MeetingsResolver {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly participantLoader: MeetingParticipantsLoader,
    private readonly events: EventsLoaders,
    private readonly outcomes: MeetingOutcomesService,
    private readonly reportsLoader: MeetingOutcomeReportsLoader,
  ) {}

  /** Rule: signed in; the caller's own meetings only, earliest first. */
  @Query(() => [Meeting])
  async myAgenda(
    @Args() args: AgendaArgs,
    @CurrentUser() actor: Actor,
    @Context() ctx: RequestContext,
  ): Promise<Meeting[]> {
    const rows = await this.meetings.agenda(actor, { from: args.from, includeCancelled: args.includeCancelled });
    this.events.primeSessions(
      ctx,
      rows.map((row) => row.session),
    );
    this.events.primeSlots(
      ctx,
      rows.map((row) => row.slot),
    );
    return rows.map(Meeting.from);
  }

  /** Rule: the meeting's participants (present or past) and the session's organiser. */
  @Query(() => Meeting)
  async meeting(@Args('id', { type: () => ID }) id: string, @CurrentUser() actor: Actor): Promise<Meeting> {
    return Meeting.from(await this.meetings.get(actor, id));
  }

  /** Rule: signed in, e-mail confirmed, and registered for the session; not your own offer. */
  @ConfirmedEmail()
  @Mutation(() => Meeting)
  async bookSlot(
    @Args('offerId', { type: () => ID }) offerId: string,
    @CurrentUser() actor: Actor,
    @Args('extraTime', {
      type: () => Boolean,
      defaultValue: false,
      description: 'Extra time: take this slot and the next one the host offers (NO_CONSECUTIVE_SLOT if not free).',
    })
    extraTime: boolean,
    @Args('accessNeeds', {
      type: () => AccessNeedsInput,
      nullable: true,
      description: 'Your access needs for this meeting (with consent); for the organisers and interpreter only.',
    })
    accessNeeds?: AccessNeedsInput | null,
  ): Promise<Meeting> {
    return Meeting.from(await this.meetings.book(actor, offerId, extraTime, accessNeeds));
  }

  /** Rule: a participant (a guest of a group or a third party leaves; others cancel for all) or the session's organiser. */
  @Mutation(() => Meeting)
  async cancelMeeting(@Args('input') input: CancelMeetingInput, @CurrentUser() actor: Actor): Promise<Meeting> {
    return Meeting.from(await this.meetings.cancel(actor, input.meetingId, input.reason));
  }

  /** Rule: the registered person themselves: out of the session, its upcoming meetings cancelled or left with notice. */
  @Mutation(() => Boolean)
  async leaveSession(@Args('input') input: LeaveSessionInput, @CurrentUser() actor: Actor): Promise<boolean> {
    await this.meetings.leaveSession(actor, input.sessionId, input.reason);
    return true;
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

  /** Rule: an active participant, once the meeting has started (MEETING_NOT_STARTED before). */
  @Mutation(() => Meeting, {
    description: 'Says "we met" (happened: true) or "it didn’t happen" (false), wherever the meeting was held.',
  })
  async reportMeetingOutcome(
    @Args('input') input: ReportMeetingOutcomeInput,
    @CurrentUser() actor: Actor,
  ): Promise<Meeting> {
    return Meeting.from(await this.outcomes.report(actor, input.meetingId, input.happened));
  }

  /** Rule: an organiser of the meeting's session, once it has started; final. */
  @Mutation(() => Meeting, { description: 'Marks the meeting held (COMPLETED) or not held (NO_SHOW).' })
  async setMeetingOutcome(@Args('input') input: SetMeetingOutcomeInput, @CurrentUser() actor: Actor): Promise<Meeting> {
    return Meeting.from(await this.outcomes.set(actor, input.meetingId, input.held));
  }

  @ResolveField(() => [MeetingOutcomeReport], {
    description: 'What each participant said about whether the meeting took place.',
  })
  async outcomeReports(@Parent() meeting: Meeting, @Context() ctx: RequestContext): Promise<MeetingOutcomeReport[]> {
    const rows = await this.reportsLoader.load(ctx, meeting.id);
    return rows.map((row) =>
      Object.assign(new MeetingOutcomeReport(), {
        happened: row.happened,
        reportedAt: row.reportedAt,
        userId: row.userId,
      }),
    );
  }

  @ResolveField(() => Boolean, { description: 'Participants disagree on whether the meeting took place.' })
  async outcomeDisputed(@Parent() meeting: Meeting, @Context() ctx: RequestContext): Promise<boolean> {
    return verdictOf(await this.reportsLoader.load(ctx, meeting.id)) === 'DISPUTED';
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
    return rows.map((row) =>
      Object.assign(new MeetingParticipant(), {
        role: row.role,
        confirmed: row.confirmedAt !== null,
        userId: row.userId,
      }),
    );
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

@Resolver(() => MeetingOutcomeReport)
export class MeetingOutcomeReportResolver {
  constructor(private readonly users: UserLoader) {}

  @ResolveField(() => Person)
  async person(@Parent() report: MeetingOutcomeReport, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, report.userId);
  }
}
