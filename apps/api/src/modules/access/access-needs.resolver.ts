import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../core/auth/auth.decorators';
import { Actor } from '../../core/auth/role';
import { AccessNeeds, AccessNeedsInput } from './access.models';
import { AccessNeedsService } from './access-needs.service';

/** A person's own access needs on their profile (docs/interpretation-and-access.md). */
@Resolver()
export class AccessNeedsResolver {
  constructor(private readonly access: AccessNeedsService) {}

  /** Rule: signed in; the caller's own needs only (null when none are kept). */
  @Query(() => AccessNeeds, { nullable: true })
  async myAccessNeeds(@CurrentUser() actor: Actor): Promise<AccessNeeds | null> {
    return this.access.profile(actor);
  }

  /** Rule: signed in; the caller's own needs; kept only with consent (CONSENT_REQUIRED). */
  @Mutation(() => AccessNeeds, {
    nullable: true,
    description: 'Keeps access needs on your profile, with your consent; none asked for clears them (null).',
  })
  async saveMyAccessNeeds(
    @Args('input') input: AccessNeedsInput,
    @CurrentUser() actor: Actor,
  ): Promise<AccessNeeds | null> {
    return this.access.saveProfile(actor, input);
  }

  /** Rule: signed in; the caller's own needs. */
  @Mutation(() => Boolean, {
    description: 'Withdraws consent: deletes your access needs, on your profile and for every meeting.',
  })
  async withdrawAccessNeedsConsent(@CurrentUser() actor: Actor): Promise<boolean> {
    return this.access.withdraw(actor);
  }
}
