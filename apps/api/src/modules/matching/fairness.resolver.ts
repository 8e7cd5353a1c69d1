import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { Actor, Role } from '../../core/auth/role';
import type { RequestContext } from '../../core/graphql/request-context';
import { UserLoader } from '../accounts/accounts.loaders';
import { Person } from '../accounts/models/person.model';
import {
  FairnessDimensionEnum,
  FairnessReasonEnum,
  FairnessReportModel,
  FairnessWithoutMeeting,
} from './fairness.models';
import { FairnessReportData, FairnessService } from './fairness.service';

export function reportModel(data: FairnessReportData): FairnessReportModel {
  const f = data.figures;
  return Object.assign(new FairnessReportModel(), {
    sessionId: data.sessionId,
    runId: data.runId,
    people: f.people,
    withMeeting: f.withMeeting,
    withoutMeeting: f.withoutMeeting,
    coverage: f.coverage,
    averageValue: f.averageValue,
    groups: f.groups.map((g) => ({ ...g, dimension: g.dimension as FairnessDimensionEnum })),
    reasons: f.reasons.map((r) => ({ reason: r.reason as FairnessReasonEnum, people: r.people })),
    withoutMeetingList: data.withoutMeeting.map((w) =>
      Object.assign(new FairnessWithoutMeeting(), { userId: w.userId, reason: w.reason as FairnessReasonEnum }),
    ),
  });
}

@Resolver(() => FairnessReportModel)
export class FairnessResolver {
  constructor(private readonly fairness: FairnessService) {}

  /** Rule: ORGANISER of the run's session (or ADMIN); a READY or PUBLISHED run. */
  @Roles(Role.ORGANISER)
  @Query(() => FairnessReportModel)
  async scheduleRunFairness(
    @Args('runId', { type: () => ID }) runId: string,
    @CurrentUser() actor: Actor,
  ): Promise<FairnessReportModel> {
    return reportModel(await this.fairness.forRun(actor, runId));
  }

  /** Rule: ORGANISER of the session (or ADMIN): the session as it stands. */
  @Roles(Role.ORGANISER)
  @Query(() => FairnessReportModel)
  async sessionFairness(
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @CurrentUser() actor: Actor,
  ): Promise<FairnessReportModel> {
    return reportModel(await this.fairness.forSession(actor, sessionId));
  }
}

@Resolver(() => FairnessWithoutMeeting)
export class FairnessWithoutMeetingResolver {
  constructor(private readonly users: UserLoader) {}

  @ResolveField(() => Person)
  person(@Parent() row: FairnessWithoutMeeting, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, row.userId);
  }
}
