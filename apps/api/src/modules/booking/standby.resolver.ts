import { Args, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentUser } from '../../core/auth/auth.decorators';
import { Actor } from '../../core/auth/role';
import type { RequestContext } from '../../core/graphql/request-context';
import { LiveEvents } from '../../core/realtime/live-events';
import { SessionsService } from '../events/sessions.service';
import { BookingTopics, StandbyOfferedEvent } from './booking-live';
import { Meeting } from './models/booking.models';
import { StandbyPlace } from './models/standby.models';
import { StandbyService } from './standby.service';

@Resolver(() => StandbyPlace)
export class StandbyResolver {
  constructor(
    private readonly standby: StandbyService,
    private readonly sessions: SessionsService,
    private readonly live: LiveEvents,
  ) {}

  /** Rule: signed in; the caller's own places (WAITING or OFFERED) in a session they may see. */
  @Query(() => [StandbyPlace])
  async myStandby(
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @CurrentUser() actor: Actor,
  ): Promise<StandbyPlace[]> {
    await this.sessions.get(actor, sessionId);
    return (await this.standby.mine(actor, sessionId)).map(StandbyPlace.from);
  }

  /** Rule: registered for the session; the offer is full; not its host nor seated in it. */
  @Mutation(() => StandbyPlace)
  async joinStandby(
    @Args('offerId', { type: () => ID }) offerId: string,
    @CurrentUser() actor: Actor,
  ): Promise<StandbyPlace> {
    return StandbyPlace.from(await this.standby.join(actor, offerId));
  }

  /** Rule: your own place only. */
  @Mutation(() => Boolean)
  async leaveStandby(
    @Args('offerId', { type: () => ID }) offerId: string,
    @CurrentUser() actor: Actor,
  ): Promise<boolean> {
    await this.standby.leave(actor, offerId);
    return true;
  }

  /** Rule: a seat is being offered to you from this list and its claim window is open. */
  @Mutation(() => Meeting)
  async claimStandbySeat(
    @Args('offerId', { type: () => ID }) offerId: string,
    @CurrentUser() actor: Actor,
  ): Promise<Meeting> {
    return Meeting.from(await this.standby.claim(actor, offerId));
  }

  /** Rule: signed in; only the caller's own places, when a freed seat is held for them. */
  @Subscription(() => StandbyPlace, {
    nullable: true,
    resolve(this: StandbyResolver, event: StandbyOfferedEvent, _args: unknown, ctx: RequestContext) {
      return this.standby.place(ctx.actor!, event.offerId).then((row) => (row ? StandbyPlace.from(row) : null));
    },
  })
  standbySeatOffered(@CurrentUser() actor: Actor): Promise<AsyncIterableIterator<StandbyOfferedEvent>> {
    return this.live.subscribe(BookingTopics.standbyFor(actor.id));
  }
}
