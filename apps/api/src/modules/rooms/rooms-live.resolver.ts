import { Args, Context, ID, Parent, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { Actor, Role } from '../../core/auth/role';
import { type RequestContext, useEventLoaders } from '../../core/graphql/request-context';
import { LiveEvents } from '../../core/realtime/live-events';
import { UserLoader } from '../accounts/accounts.loaders';
import { Person } from '../accounts/models/person.model';
import { RoomPresenceChange } from './models/rooms.models';
import { RoomPresenceEvent, RoomsTopics } from './rooms-live';
import { RoomsService } from './rooms.service';

@Resolver(() => RoomPresenceChange)
export class RoomsLiveResolver {
  constructor(
    private readonly live: LiveEvents,
    private readonly rooms: RoomsService,
    private readonly users: UserLoader,
  ) {}

  /** Rule: ORGANISER role and organiser of that session (or ADMIN), as sessionLiveRooms. */
  @Roles(Role.ORGANISER)
  @Subscription(() => RoomPresenceChange, {
    description: 'Who joins or leaves the session’s meeting rooms, as LiveKit’s webhooks and the reconciler record it.',
    resolve: (event: RoomPresenceEvent, _args: unknown, ctx: RequestContext) => {
      useEventLoaders(ctx, event);
      return RoomPresenceChange.from(event);
    },
  })
  async roomPresenceChanged(
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @CurrentUser() actor: Actor,
  ): Promise<AsyncIterableIterator<RoomPresenceEvent>> {
    await this.rooms.organisedSession(actor, sessionId);
    return this.live.subscribe(RoomsTopics.presence(sessionId));
  }

  @ResolveField(() => Person)
  person(@Parent() change: RoomPresenceChange, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, change.userId);
  }
}
