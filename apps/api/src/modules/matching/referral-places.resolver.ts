import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Profile } from '../profiles/models/profile.model';
import { ReferralCapacity } from './referral-capacity';

@Resolver(() => Profile)
export class ReferralPlacesResolver {
  constructor(private readonly capacity: ReferralCapacity) {}

  /** Rule: whoever may see the profile. */
  @ResolveField(() => Int, {
    nullable: true,
    description:
      'Link workers: referral places left this UK calendar month — the capacity per month less the referral routes agreed in meetings held this month; null without a stated capacity.',
  })
  async referralPlacesLeft(@Parent() profile: Profile): Promise<number | null> {
    const left = await this.capacity.leftThisMonth([
      { userId: profile.ownerId, referralCapacityPerMonth: profile.referralCapacityPerMonth },
    ]);
    return left.get(profile.ownerId) ?? null;
  }
}
