import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Public, Roles } from '../../core/auth/auth.decorators';
import { Actor, Role } from '../../core/auth/role';
import type { RequestContext } from '../../core/graphql/request-context';
import { UserLoader } from '../accounts/accounts.loaders';
import { Person } from '../accounts/models/person.model';
import { EventsLoaders } from './events.loaders';
import {
  CreateSessionInput,
  SessionFilterInput,
  SessionTextsInput,
  SlotGridInput,
  UpdateSessionInput,
} from './inputs/session.inputs';
import { SessionConnection, Slot, ThemedSession } from './models/session.models';
import { encodeCursor, SessionsService } from './sessions.service';

@Resolver(() => ThemedSession)
export class SessionsResolver {
  constructor(
    private readonly service: SessionsService,
    private readonly loaders: EventsLoaders,
    private readonly userLoader: UserLoader,
  ) {}

  /** Rule: anyone sees published, live, closed and cancelled sessions; drafts only their organiser (or an admin). */
  @Public()
  @Query(() => SessionConnection)
  async sessions(
    @Context() ctx: RequestContext,
    @Args('filter', { type: () => SessionFilterInput, defaultValue: {} }) filter: SessionFilterInput,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<SessionConnection> {
    const page = await this.service.list(ctx.actor ?? null, filter, first, after ?? undefined);
    this.loaders.primeSessions(ctx, page.sessions);
    const edges = page.sessions.map((session) => ({
      cursor: encodeCursor(session),
      node: ThemedSession.from(session),
    }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /** Rule: as `sessions`; a draft is NOT_FOUND for anyone but its organiser. */
  @Public()
  @Query(() => ThemedSession)
  async session(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<ThemedSession> {
    return ThemedSession.from(await this.service.get(ctx.actor ?? null, id));
  }

  /** Rule: ORGANISER. Computes the grid without saving. */
  @Roles(Role.ORGANISER)
  @Query(() => [Slot])
  previewSlotGrid(@Args('input') input: SlotGridInput): Slot[] {
    return this.service.previewGrid(input).map(Slot.from);
  }

  /** Rule: ORGANISER; the caller becomes the session's organiser. */
  @Roles(Role.ORGANISER)
  @Mutation(() => ThemedSession)
  async createSession(@Args('input') input: CreateSessionInput, @CurrentUser() actor: Actor): Promise<ThemedSession> {
    return ThemedSession.from(await this.service.create(actor, input));
  }

  /** Rule: ORGANISER who organises this session (or ADMIN). */
  @Roles(Role.ORGANISER)
  @Mutation(() => ThemedSession)
  async updateSession(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateSessionInput,
    @CurrentUser() actor: Actor,
  ): Promise<ThemedSession> {
    return ThemedSession.from(await this.service.update(actor, id, input));
  }

  /** Rule: the session's organiser, its co-organiser, or an ADMIN (else NOT_SESSION_ORGANISER; a draft is NOT_FOUND to others); DRAFT or PUBLISHED. */
  @Mutation(() => ThemedSession)
  async updateSessionTexts(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: SessionTextsInput,
    @CurrentUser() actor: Actor,
  ): Promise<ThemedSession> {
    return ThemedSession.from(await this.service.updateTexts(actor, id, input));
  }

  /** Rule: ORGANISER who organises this session (or ADMIN). Meetings move with their slots. */
  @Roles(Role.ORGANISER)
  @Mutation(() => ThemedSession)
  async moveSession(
    @Args('id', { type: () => ID }) id: string,
    @Args('startsAt') startsAt: Date,
    @CurrentUser() actor: Actor,
  ): Promise<ThemedSession> {
    return ThemedSession.from(await this.service.move(actor, id, startsAt));
  }

  /** Rule: ORGANISER who organises this session (or ADMIN). */
  @Roles(Role.ORGANISER)
  @Mutation(() => ThemedSession)
  async publishSession(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() actor: Actor,
  ): Promise<ThemedSession> {
    return ThemedSession.from(await this.service.publish(actor, id));
  }

  /** Rule: ORGANISER who organises this session (or ADMIN). Cancels its meetings and requests too. */
  @Roles(Role.ORGANISER)
  @Mutation(() => ThemedSession)
  async cancelSession(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String }) reason: string,
    @CurrentUser() actor: Actor,
  ): Promise<ThemedSession> {
    return ThemedSession.from(await this.service.cancel(actor, id, reason.slice(0, 500)));
  }

  @ResolveField(() => [Slot])
  async slots(@Parent() session: ThemedSession, @Context() ctx: RequestContext): Promise<Slot[]> {
    return (await this.loaders.slotsOfSession(ctx, session.id)).map(Slot.from);
  }

  @ResolveField(() => [String], {
    description: 'Condition codes (see taxonomy(vocabulary: CONDITION)); empty for OPEN sessions.',
  })
  conditionCodes(@Parent() session: ThemedSession, @Context() ctx: RequestContext): Promise<string[]> {
    return this.loaders.conditionCodes(ctx, session.id);
  }

  @ResolveField(() => Person)
  organiser(@Parent() session: ThemedSession, @Context() ctx: RequestContext): Promise<Person> {
    return this.userLoader.person(ctx, session.organiserId);
  }

  @ResolveField(() => Person, {
    nullable: true,
    description:
      'The proposer of the theme, when the organiser made them co-organiser: they edit its texts and see its registrations.',
  })
  coOrganiser(@Parent() session: ThemedSession, @Context() ctx: RequestContext): Promise<Person> | null {
    return session.coOrganiserId ? this.userLoader.person(ctx, session.coOrganiserId) : null;
  }
}
