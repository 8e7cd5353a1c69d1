import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../core/auth/auth.decorators';
import { Actor } from '../../core/auth/role';
import { ProfileInput } from './inputs/profile.input';
import { Profile } from './models/profile.model';
import { ProfileMapper } from './profile-mapper';
import { ProfilesService } from './profiles.service';

@Resolver(() => Profile)
export class ProfilesResolver {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly mapper: ProfileMapper,
  ) {}

  /** Rule: signed in; the caller's own profile, null until they first save one. */
  @Query(() => Profile, { nullable: true })
  async myProfile(@CurrentUser() actor: Actor): Promise<Profile | null> {
    const profile = await this.profiles.getByUserId(actor.id);
    return profile && this.mapper.toModel(profile);
  }

  /**
   * Rule: signed in; creates or changes only the caller's own profile. Omitted fields keep their
   * values. Codes must exist (UNKNOWN_TERM); referralCapacityPerMonth is for LINK_WORKERs only
   * (FIELD_NOT_FOR_ROLE).
   */
  @Mutation(() => Profile)
  async updateMyProfile(@Args('input') input: ProfileInput, @CurrentUser() actor: Actor): Promise<Profile> {
    return this.mapper.toModel(await this.profiles.upsertOwn(actor, input));
  }
}
