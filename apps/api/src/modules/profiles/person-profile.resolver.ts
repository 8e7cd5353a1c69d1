import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../../core/graphql/request-context';
import { Person } from '../accounts/models/person.model';
import { Profile } from './models/profile.model';
import { ProfileMapper } from './profile-mapper';
import { ProfileLoader } from './profiles.loaders';

/** Adds `profile` to the accounts module's Person type. */
@Resolver(() => Person)
export class PersonProfileResolver {
  constructor(
    private readonly loader: ProfileLoader,
    private readonly mapper: ProfileMapper,
  ) {}

  /**
   * Rule: visible to any signed-in user, like the rest of a participant's card; null when signed
   * out or when the person has no profile yet; an unlisted referral listing only to its owner.
   * Batched per request (ProfileLoader).
   */
  @ResolveField(() => Profile, { nullable: true })
  async profile(@Parent() person: Person, @Context() ctx: RequestContext): Promise<Profile | null> {
    if (!ctx.actor) return null;
    const profile = await this.loader.load(ctx, person.id);
    if (!profile) return null;
    const model = await this.mapper.toModel(profile);
    return ctx.actor.id === person.id ? model : model.forOthers();
  }
}
