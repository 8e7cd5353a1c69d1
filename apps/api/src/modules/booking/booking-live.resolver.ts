import { Args, ArgsType, Field, ID, Resolver, Subscription } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { CurrentUser } from '../../core/auth/auth.decorators';
import { Actor } from '../../core/auth/role';
import { type RequestContext, useEventLoaders } from '../../core/graphql/request-context';
import { LiveEvents } from '../../core/realtime/live-events';
import { SessionsService } from '../events/sessions.service';
import { BookingTopics, RequestReceivedEvent, SlotsChangedEvent } from './booking-live';
import { MeetingRequest, Offer } from './models/booking.models';
import { SlotAvailabilityChange } from './models/live.models';
import { RegistrationsService } from './registrations.service';
import { RequestsService } from './requests.service';

@ArgsType()
class SessionIdArgs {
  @Field(() => ID)
  @IsUUID()
  sessionId: string;
}

/** Booking's subscriptions: each event is read back through the same rules as its query. */
@Resolver()
export class BookingLiveResolver {
  constructor(
    private readonly live: LiveEvents,
    private readonly sessions: SessionsService,
    private readonly registrations: RegistrationsService,
    private readonly requests: RequestsService,
  ) {}

  /** The offers of one event, read once however many subscribers this process has for it. */
  private readonly offersByEvent = new WeakMap<SlotsChangedEvent, Promise<Offer[]>>();

  /** Rule: any signed-in user who may see the session (as sessionOffers). */
  @Subscription(() => SlotAvailabilityChange, {
    resolve(this: BookingLiveResolver, event: SlotsChangedEvent, _args: unknown, ctx: RequestContext) {
      return this.slotChange(event, ctx);
    },
  })
  async slotAvailabilityChanged(
    @Args() args: SessionIdArgs,
    @CurrentUser() actor: Actor,
  ): Promise<AsyncIterableIterator<SlotsChangedEvent>> {
    await this.sessions.get(actor, args.sessionId);
    return this.live.subscribe(BookingTopics.slots(args.sessionId));
  }

  /** Rule: signed in; only requests addressed to the caller (as receiver or invited third party). */
  @Subscription(() => MeetingRequest, {
    resolve(this: BookingLiveResolver, event: RequestReceivedEvent, _args: unknown, ctx: RequestContext) {
      return this.receivedRequest(event, ctx);
    },
  })
  meetingRequestReceived(@CurrentUser() actor: Actor): Promise<AsyncIterableIterator<RequestReceivedEvent>> {
    return this.live.subscribe(BookingTopics.requestsFor(actor.id));
  }

  private async slotChange(event: SlotsChangedEvent, ctx: RequestContext): Promise<SlotAvailabilityChange> {
    useEventLoaders(ctx, event);
    let offers = this.offersByEvent.get(event);
    if (!offers) {
      offers = this.registrations
        .listOffersInSlots(event.sessionId, event.slotIds)
        .then((list) => list.map(Offer.from));
      this.offersByEvent.set(event, offers);
    }
    return Object.assign(new SlotAvailabilityChange(), {
      sessionId: event.sessionId,
      slotIds: event.slotIds,
      offers: await offers,
    });
  }

  private async receivedRequest(event: RequestReceivedEvent, ctx: RequestContext): Promise<MeetingRequest> {
    useEventLoaders(ctx, event);
    return MeetingRequest.from(await this.requests.get(ctx.actor!, event.requestId));
  }
}
