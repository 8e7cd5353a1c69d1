import {
  Args,
  ArgsType,
  Context,
  Field,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ConfirmedEmail, CurrentUser } from '../../core/auth/auth.decorators';
import { Actor } from '../../core/auth/role';
import type { RequestContext } from '../../core/graphql/request-context';
import { UserLoader } from '../accounts/accounts.loaders';
import { Person } from '../accounts/models/person.model';
import { EventsLoaders } from '../events/events.loaders';
import { Slot, ThemedSession } from '../events/models/session.models';
import { SessionsService } from '../events/sessions.service';
import { LookAlikeLoader } from './booking.loaders';
import { RegistrationRole } from './booking.enums';
import { JoinWaitingListInput, OfferSlotsInput, RegisterInput, UpdateRegistrationInput } from './inputs/booking.inputs';
import { Offer, Registration } from './models/booking.models';
import { RegistrationsService } from './registrations.service';
import { WaitingListService } from './waiting-list.service';

@ArgsType()
class SessionPeopleArgs {
  @Field(() => ID)
  @IsUUID()
  sessionId: string;

  @Field(() => RegistrationRole, { nullable: true })
  @IsOptional()
  @IsEnum(RegistrationRole)
  role?: RegistrationRole;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@ArgsType()
class SessionOffersArgs {
  @Field(() => ID)
  @IsUUID()
  sessionId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  hostId?: string;
}

@Resolver(() => Registration)
export class RegistrationsResolver {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly sessions: SessionsService,
    private readonly users: UserLoader,
    private readonly events: EventsLoaders,
    private readonly lookAlikes: LookAlikeLoader,
    private readonly waitingList: WaitingListService,
  ) {}

  /** Rule: signed in, e-mail confirmed (registrants are shown to others and recommended); HOST needs the PRACTITIONER, COMMISSIONER or LINK_WORKER role; session PUBLISHED or LIVE. */
  @ConfirmedEmail()
  @Mutation(() => Registration)
  async registerForSession(@Args('input') input: RegisterInput, @CurrentUser() actor: Actor): Promise<Registration> {
    return Registration.from(
      await this.registrations.register(actor, input.sessionId, input.role, input.availableSlotIndexes),
    );
  }

  /** Rule: signed in, e-mail confirmed, as for registerForSession as a guest; the session full (SESSION_HAS_PLACES otherwise). */
  @ConfirmedEmail()
  @Mutation(() => Boolean, { description: 'Joins a full session’s waiting list; joining twice keeps one’s place.' })
  async joinSessionWaitingList(
    @Args('input') input: JoinWaitingListInput,
    @CurrentUser() actor: Actor,
  ): Promise<boolean> {
    await this.registrations.joinWaitingList(actor, input.sessionId, input.availableSlotIndexes);
    return true;
  }

  /** Rule: the waiting person themselves (NOT_ON_WAITING_LIST otherwise). */
  @Mutation(() => Boolean)
  async leaveSessionWaitingList(
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @CurrentUser() actor: Actor,
  ): Promise<boolean> {
    await this.waitingList.leave(actor, sessionId);
    return true;
  }

  /** Rule: the registered person themselves. */
  @Mutation(() => Registration)
  async updateRegistration(
    @Args('input') input: UpdateRegistrationInput,
    @CurrentUser() actor: Actor,
  ): Promise<Registration> {
    return Registration.from(
      await this.registrations.updateRegistration(actor, input.sessionId, {
        role: input.role,
        slotIndexes: input.availableSlotIndexes,
      }),
    );
  }

  /** Rule: signed in; who is coming to a session the caller can see ("see who is coming"). */
  @Query(() => [Registration])
  async sessionParticipants(@Args() args: SessionPeopleArgs, @CurrentUser() actor: Actor): Promise<Registration[]> {
    await this.sessions.get(actor, args.sessionId);
    return (await this.registrations.listForSession(args.sessionId, { role: args.role, search: args.search })).map(
      Registration.from,
    );
  }

  @ResolveField(() => Person)
  async person(@Parent() registration: Registration, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, registration.userId);
  }

  /**
   * Rule: the session's organiser, its co-organiser and admins; null for everyone else. True when this person's
   * display name looks like another registered person's (same skeleton, look-alike.ts): a warning
   * that one may be passing for the other.
   */
  @ResolveField(() => Boolean, { nullable: true })
  async looksLikeAnother(
    @Parent() registration: Registration,
    @Context() ctx: RequestContext,
  ): Promise<boolean | null> {
    const session = ctx.actor ? await this.events.session(ctx, registration.sessionId) : null;
    if (!ctx.actor || !session || !this.sessions.isOrganiserOf(ctx.actor, session, { coOrganiser: true })) return null;
    return (await this.lookAlikes.load(ctx, registration.sessionId)).has(registration.userId);
  }
}

@Resolver(() => Offer)
export class OffersResolver {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly sessions: SessionsService,
    private readonly events: EventsLoaders,
    private readonly users: UserLoader,
  ) {}

  /** Rule: any signed-in user, for a session they can see: the offered slots with seats left. */
  @Query(() => [Offer])
  async sessionOffers(@Args() args: SessionOffersArgs, @CurrentUser() actor: Actor): Promise<Offer[]> {
    await this.sessions.get(actor, args.sessionId);
    return (await this.registrations.listOffers(args.sessionId, args.hostId)).map(Offer.from);
  }

  /** Rule: a HOST registered for the session, e-mail confirmed, for their own slots. */
  @ConfirmedEmail()
  @Mutation(() => [Offer])
  async offerSlots(@Args('input') input: OfferSlotsInput, @CurrentUser() actor: Actor): Promise<Offer[]> {
    const offers = await this.registrations.offerSlots(actor, input.sessionId, input.slotIndexes, input.seats);
    return offers.map((offer) => Offer.from({ offer, guests: 0, hostBusyElsewhere: false }));
  }

  /** Rule: the offer's host, while nobody has booked it. */
  @Mutation(() => Boolean)
  async withdrawOffer(@Args('id', { type: () => ID }) id: string, @CurrentUser() actor: Actor): Promise<boolean> {
    await this.registrations.withdrawOffer(actor, id);
    return true;
  }

  @ResolveField(() => Slot)
  async slot(@Parent() offer: Offer, @Context() ctx: RequestContext): Promise<Slot> {
    return Slot.from((await this.events.slot(ctx, offer.slotId))!);
  }

  @ResolveField(() => Person)
  async host(@Parent() offer: Offer, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, offer.hostId);
  }
}

@Resolver(() => ThemedSession)
export class SessionRegistrationResolver {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly waitingList: WaitingListService,
  ) {}

  @ResolveField(() => Int, {
    nullable: true,
    description: 'Guest places left under the registration cap; null: no cap.',
  })
  async placesLeft(@Parent() session: ThemedSession): Promise<number | null> {
    return this.waitingList.placesLeft(session);
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: 'The caller’s place on the session’s waiting list (1 = next); null when not waiting.',
  })
  async myWaitingListPosition(
    @Parent() session: ThemedSession,
    @Context() ctx: RequestContext,
  ): Promise<number | null> {
    if (!ctx.actor) return null;
    return (await this.waitingList.place(session.id, ctx.actor.id))?.position ?? null;
  }

  @ResolveField(() => Registration, { nullable: true, description: 'The caller’s registration, if any.' })
  async myRegistration(@Parent() session: ThemedSession, @Context() ctx: RequestContext): Promise<Registration | null> {
    if (!ctx.actor) return null;
    const registration = await this.registrations.find(session.id, ctx.actor.id);
    return registration && Registration.from(registration);
  }
}
