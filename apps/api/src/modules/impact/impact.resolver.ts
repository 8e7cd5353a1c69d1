import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { Actor, Role } from '../../core/auth/role';
import { ImpactService } from './impact.service';
import { ImpactFilterInput } from './inputs/impact-filter.input';
import { ImpactDashboard } from './models/impact.models';

@Resolver()
export class ImpactResolver {
  constructor(private readonly impact: ImpactService) {}

  /** Rule: ORGANISER over their own sessions (another organiser's session: FORBIDDEN), ADMIN over all. */
  @Roles(Role.ORGANISER)
  @Query(() => ImpactDashboard)
  async impactDashboard(
    @CurrentUser() actor: Actor,
    // Typed as the class alone (no `| null`): a union would be emitted as Object, and the validation
    // pipe would let the filter through unchecked.
    @Args('filter', { type: () => ImpactFilterInput, nullable: true }) filter?: ImpactFilterInput,
  ): Promise<ImpactDashboard> {
    return this.impact.dashboard(actor, filter ?? new ImpactFilterInput());
  }

  /** Rule: signed in, and a participant of the session (registered or in one of its meetings), its organiser, or an ADMIN. */
  @Query(() => ImpactDashboard, {
    description: 'The session’s outcome summary: the dashboard’s figures for one session, suppressed the same way.',
  })
  async sessionOutcomeSummary(
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @CurrentUser() actor: Actor,
  ): Promise<ImpactDashboard> {
    return this.impact.sessionSummary(actor, sessionId);
  }
}
