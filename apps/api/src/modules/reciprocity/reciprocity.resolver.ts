import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../core/auth/auth.decorators';
import { Actor } from '../../core/auth/role';
import type { RequestContext } from '../../core/graphql/request-context';
import { UserLoader } from '../accounts/accounts.loaders';
import { Person } from '../accounts/models/person.model';
import { RecordExchangeInput } from './inputs/reciprocity.inputs';
import { MyReciprocity, ReciprocityEntry, ReciprocityTotals } from './models/reciprocity.models';
import { ReciprocityService } from './reciprocity.service';

@Resolver(() => ReciprocityEntry)
export class ReciprocityResolver {
  constructor(
    private readonly reciprocity: ReciprocityService,
    private readonly users: UserLoader,
  ) {}

  /** Rule: signed in; the caller's own ledger. */
  @Query(() => MyReciprocity)
  async myReciprocity(@CurrentUser() actor: Actor): Promise<MyReciprocity> {
    return MyReciprocity.from(await this.reciprocity.mine(actor));
  }

  /** Rule: an active participant of a held (COMPLETED) meeting; replaces their own earlier entry. */
  @Mutation(() => ReciprocityEntry)
  async recordExchange(
    @Args('input') input: RecordExchangeInput,
    @CurrentUser() actor: Actor,
  ): Promise<ReciprocityEntry> {
    return ReciprocityEntry.from(await this.reciprocity.record(actor, input));
  }

  /** Rule: signed in; the caller's own choice. Returns the new setting. */
  @Mutation(() => Boolean)
  showReciprocityOnProfile(@Args('show') show: boolean, @CurrentUser() actor: Actor): Promise<boolean> {
    return this.reciprocity.setShownOnProfile(actor, show);
  }

  @ResolveField(() => [Person], { description: 'The others in the meeting.' })
  withPeople(@Parent() entry: ReciprocityEntry, @Context() ctx: RequestContext): Promise<Person[]> {
    return this.users.people(ctx, entry.otherIds);
  }
}

/** Adds `reciprocity` to the accounts module's Person type. */
@Resolver(() => Person)
export class PersonReciprocityResolver {
  constructor(private readonly ledger: ReciprocityService) {}

  /** Rule: the person themselves, or any signed-in user when the person chose to show it; null otherwise. */
  @ResolveField(() => ReciprocityTotals, {
    nullable: true,
    description: 'Hours given and received in held meetings, when the person chose to show them.',
  })
  async reciprocity(@Parent() person: Person, @Context() ctx: RequestContext): Promise<ReciprocityTotals | null> {
    if (!ctx.actor) return null;
    const totals = await this.ledger.shownTotals(ctx.actor, person.id);
    return totals && ReciprocityTotals.from(totals);
  }
}
