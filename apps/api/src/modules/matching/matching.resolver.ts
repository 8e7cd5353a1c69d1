import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { Actor, Role } from '../../core/auth/role';
import type { RequestContext } from '../../core/graphql/request-context';
import { UserLoader } from '../accounts/accounts.loaders';
import { Person } from '../accounts/models/person.model';
import { EventsLoaders } from '../events/events.loaders';
import { Slot } from '../events/models/session.models';
import { ScheduleRunEntity } from './entities/schedule-run.entity';
import { ScheduleSettingsEntity } from './entities/schedule-settings.entity';
import { RecommendationsArgs, UpdateScheduleSettingsInput } from './inputs/matching.inputs';
import { MatchingSettingsService } from './matching-settings.service';
import {
  DraftMeetingModel,
  DraftProposalChangeModel,
  DraftUnplacedModel,
  LowerPriorityPersonModel,
  PublishedScheduleModel,
  RecommendationModel,
  ScheduleDraftModel,
  ScheduleRunModel,
  ScheduleSettingsModel,
} from './models/matching.models';
import { RecommendationsService } from './recommendations.service';
import { ScheduleDraft } from './schedule-draft';
import { SchedulingService } from './scheduling.service';

function settingsModel(entity: ScheduleSettingsEntity): ScheduleSettingsModel {
  return Object.assign(new ScheduleSettingsModel(), {
    sessionId: entity.sessionId,
    weights: { ...entity.weights },
    underServedRegions: entity.underServedRegions,
    recommendationsPerPerson: entity.recommendationsPerPerson,
    lowerRepeatedNoShows: entity.lowerRepeatedNoShows,
  });
}

export function runModel(entity: ScheduleRunEntity): ScheduleRunModel {
  const progress = JSON.parse(entity.progress) as Record<string, unknown>;
  const draft = entity.draft ? (JSON.parse(entity.draft) as ScheduleDraft) : null;
  return Object.assign(new ScheduleRunModel(), {
    id: entity.id,
    sessionId: entity.sessionId,
    status: entity.status,
    progress: {
      phase: String(progress.phase ?? 'PREPARE'),
      fraction: Number(progress.fraction ?? 0),
      practitionersWithMeeting: (progress.practitionersWithMeeting as number | undefined) ?? null,
      assignedCount: (progress.assignedCount as number | undefined) ?? null,
      elapsedMs: progress.elapsedMs === undefined ? null : Math.round(Number(progress.elapsedMs)),
    },
    draft: draft && {
      meetings: draft.meetings.map((m) =>
        Object.assign(new DraftMeetingModel(), {
          ...m,
          willBe: m.tiers.every((t) => t === 'ACCEPTED') ? 'CONFIRMED' : 'PROPOSED',
          movesMeetingId: m.moves?.meetingId ?? null,
          movedFromSlotId: m.moves?.fromSlotId ?? null,
        }),
      ),
      moved: (draft.changes?.moved ?? []).map((c) => Object.assign(new DraftProposalChangeModel(), c)),
      dropped: (draft.changes?.dropped ?? []).map((c) => Object.assign(new DraftProposalChangeModel(), c)),
      keptProposals: draft.changes?.kept ?? 0,
      fixedMeetings: draft.changes?.fixed ?? 0,
      unplaced: draft.unplaced.map((u) => Object.assign(new DraftUnplacedModel(), u)),
      practitionersWithMeeting: draft.objective.practitionersWithMeeting,
      practitionersTotal: draft.objective.practitionersTotal,
      emptyReason: draft.emptyReason,
      lowerPriority: (draft.lowerPriority ?? []).map((p) => Object.assign(new LowerPriorityPersonModel(), p)),
      practitionersWithoutMeetingIds: draft.practitionersWithoutMeeting,
    },
    error: entity.error,
    createdAt: entity.createdAt,
    finishedAt: entity.finishedAt,
  });
}

@Resolver()
export class MatchingResolver {
  constructor(
    private readonly recommender: RecommendationsService,
    private readonly settings: MatchingSettingsService,
    private readonly scheduling: SchedulingService,
  ) {}

  /** Rule: signed in and registered for the session; practitioners see everyone worth meeting, others see practitioners. */
  @Query(() => [RecommendationModel])
  async recommendations(
    @Args() args: RecommendationsArgs,
    @CurrentUser() actor: Actor,
  ): Promise<RecommendationModel[]> {
    const ranked = await this.recommender.forViewer(actor, args.sessionId, args.limit);
    return ranked.map((r) =>
      Object.assign(new RecommendationModel(), {
        userId: r.userId,
        score: r.score,
        reasons: r.reasons.map(({ reason, textCy, textEn }) => ({
          code: reason.code,
          textCy,
          textEn,
          codes: 'codes' in reason.params ? (reason.params as { codes: string[] }).codes : [],
        })),
      }),
    );
  }

  /** Rule: ORGANISER of the session (or ADMIN). */
  @Roles(Role.ORGANISER)
  @Query(() => ScheduleSettingsModel)
  async scheduleSettings(
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @CurrentUser() actor: Actor,
  ): Promise<ScheduleSettingsModel> {
    await this.settings.ownedSession(actor, sessionId);
    return settingsModel(await this.settings.get(sessionId));
  }

  /** Rule: ORGANISER of the session (or ADMIN). */
  @Roles(Role.ORGANISER)
  @Mutation(() => ScheduleSettingsModel)
  async updateScheduleSettings(
    @Args('input') input: UpdateScheduleSettingsInput,
    @CurrentUser() actor: Actor,
  ): Promise<ScheduleSettingsModel> {
    return settingsModel(
      await this.settings.update(actor, input.sessionId, {
        weights: input.weights
          ? Object.fromEntries(Object.entries(input.weights).filter(([, v]) => v !== undefined && v !== null))
          : undefined,
        underServedRegions: input.underServedRegions,
        recommendationsPerPerson: input.recommendationsPerPerson,
        lowerRepeatedNoShows: input.lowerRepeatedNoShows ?? undefined,
      }),
    );
  }

  /** Rule: ORGANISER of the session (or ADMIN). Starts a run; poll scheduleRun for progress and the draft. */
  @Roles(Role.ORGANISER)
  @Mutation(() => ScheduleRunModel)
  async startAutoSchedule(
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @CurrentUser() actor: Actor,
  ): Promise<ScheduleRunModel> {
    return runModel(await this.scheduling.start(actor, sessionId));
  }

  /** Rule: ORGANISER of the run's session (or ADMIN). */
  @Roles(Role.ORGANISER)
  @Query(() => ScheduleRunModel)
  async scheduleRun(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() actor: Actor,
  ): Promise<ScheduleRunModel> {
    return runModel(await this.scheduling.get(actor, id));
  }

  /** Rule: ORGANISER of the session (or ADMIN): the latest runs, newest first. */
  @Roles(Role.ORGANISER)
  @Query(() => [ScheduleRunModel])
  async scheduleRuns(
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @CurrentUser() actor: Actor,
  ): Promise<ScheduleRunModel[]> {
    return (await this.scheduling.latest(actor, sessionId)).map(runModel);
  }

  /** Rule: ORGANISER of the run's session (or ADMIN); a RUNNING run only. */
  @Roles(Role.ORGANISER)
  @Mutation(() => ScheduleRunModel)
  async cancelAutoSchedule(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() actor: Actor,
  ): Promise<ScheduleRunModel> {
    return runModel(await this.scheduling.cancel(actor, id));
  }

  /** Rule: ORGANISER of the run's session (or ADMIN); a READY run: takes one planned meeting out of the draft. */
  @Roles(Role.ORGANISER)
  @Mutation(() => ScheduleRunModel)
  async removeDraftMeeting(
    @Args('id', { type: () => ID }) id: string,
    @Args('index', { type: () => Int, description: 'Position in draft.meetings' }) index: number,
    @CurrentUser() actor: Actor,
  ): Promise<ScheduleRunModel> {
    return runModel(await this.scheduling.removeDraftMeeting(actor, id, index));
  }

  /** Rule: ORGANISER of the run's session (or ADMIN); a READY run only. */
  @Roles(Role.ORGANISER)
  @Mutation(() => ScheduleRunModel)
  async discardAutoSchedule(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() actor: Actor,
  ): Promise<ScheduleRunModel> {
    return runModel(await this.scheduling.discard(actor, id));
  }

  /** Rule: ORGANISER of the run's session (or ADMIN); a READY run, published once, in one transaction. */
  @Roles(Role.ORGANISER)
  @Mutation(() => PublishedScheduleModel)
  async publishAutoSchedule(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() actor: Actor,
  ): Promise<PublishedScheduleModel> {
    const { run, meetingIds } = await this.scheduling.publish(actor, id);
    return Object.assign(new PublishedScheduleModel(), { run: runModel(run), meetingIds });
  }
}

@Resolver(() => RecommendationModel)
export class RecommendationFieldsResolver {
  constructor(private readonly users: UserLoader) {}

  @ResolveField(() => Person)
  async person(@Parent() r: RecommendationModel, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, r.userId);
  }
}

@Resolver(() => DraftMeetingModel)
export class DraftMeetingFieldsResolver {
  constructor(
    private readonly users: UserLoader,
    private readonly events: EventsLoaders,
  ) {}

  @ResolveField(() => Slot)
  async slot(@Parent() m: DraftMeetingModel, @Context() ctx: RequestContext): Promise<Slot> {
    return Slot.from((await this.events.slot(ctx, m.slotId))!);
  }

  @ResolveField(() => Person)
  async host(@Parent() m: DraftMeetingModel, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, m.hostId);
  }

  @ResolveField(() => [Person])
  async guests(@Parent() m: DraftMeetingModel, @Context() ctx: RequestContext): Promise<Person[]> {
    return this.users.people(ctx, m.guestIds);
  }

  @ResolveField(() => Person, { nullable: true })
  async thirdParty(@Parent() m: DraftMeetingModel, @Context() ctx: RequestContext): Promise<Person | null> {
    return m.thirdPartyId ? this.users.person(ctx, m.thirdPartyId) : null;
  }

  @ResolveField(() => Slot, { nullable: true, description: 'Where the proposal it moves was.' })
  async movedFrom(@Parent() m: DraftMeetingModel, @Context() ctx: RequestContext): Promise<Slot | null> {
    return m.movedFromSlotId ? Slot.from((await this.events.slot(ctx, m.movedFromSlotId))!) : null;
  }
}

@Resolver(() => DraftProposalChangeModel)
export class DraftProposalChangeResolver {
  constructor(
    private readonly users: UserLoader,
    private readonly events: EventsLoaders,
  ) {}

  @ResolveField(() => Slot)
  async from(@Parent() c: DraftProposalChangeModel, @Context() ctx: RequestContext): Promise<Slot> {
    return Slot.from((await this.events.slot(ctx, c.fromSlotId))!);
  }

  @ResolveField(() => Slot, { nullable: true, description: 'Null: dropped.' })
  async to(@Parent() c: DraftProposalChangeModel, @Context() ctx: RequestContext): Promise<Slot | null> {
    return c.toSlotId ? Slot.from((await this.events.slot(ctx, c.toSlotId))!) : null;
  }

  @ResolveField(() => Person)
  async host(@Parent() c: DraftProposalChangeModel, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, c.hostId);
  }

  @ResolveField(() => [Person])
  async guests(@Parent() c: DraftProposalChangeModel, @Context() ctx: RequestContext): Promise<Person[]> {
    return this.users.people(ctx, c.guestIds);
  }
}

@Resolver(() => DraftUnplacedModel)
export class DraftUnplacedFieldsResolver {
  constructor(private readonly users: UserLoader) {}

  @ResolveField(() => Person)
  async host(@Parent() u: DraftUnplacedModel, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, u.hostId);
  }

  @ResolveField(() => Person)
  async guest(@Parent() u: DraftUnplacedModel, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, u.guestId);
  }
}

@Resolver(() => ScheduleDraftModel)
export class ScheduleDraftFieldsResolver {
  constructor(private readonly users: UserLoader) {}

  @ResolveField(() => [Person], { description: 'Practitioners the draft gives no meeting: who got nothing.' })
  async practitionersWithoutMeeting(
    @Parent() d: ScheduleDraftModel,
    @Context() ctx: RequestContext,
  ): Promise<Person[]> {
    return this.users.people(ctx, d.practitionersWithoutMeetingIds);
  }
}

@Resolver(() => LowerPriorityPersonModel)
export class LowerPriorityPersonResolver {
  constructor(private readonly users: UserLoader) {}

  @ResolveField(() => Person)
  async person(@Parent() p: LowerPriorityPersonModel, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, p.userId);
  }
}
