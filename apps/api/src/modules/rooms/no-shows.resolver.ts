import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../core/auth/auth.decorators';
import { Actor } from '../../core/auth/role';
import { DisputeNoShowInput } from './inputs/rooms.inputs';
import { NoShowRecord } from './models/no-shows.models';
import { NoShowsService } from './no-shows.service';

@Resolver()
export class NoShowsResolver {
  constructor(private readonly noShows: NoShowsService) {}

  /** Rule: signed in; one's own record only. */
  @Query(() => [NoShowRecord], {
    description: 'No-shows recorded against you in the last year, newest first (disputed ones too).',
  })
  async myNoShows(@CurrentUser() actor: Actor): Promise<NoShowRecord[]> {
    return (await this.noShows.mine(actor)).map(NoShowRecord.from);
  }

  /** Rule: signed in; only a no-show recorded against oneself. */
  @Mutation(() => NoShowRecord, { description: 'Says a no-show recorded against you was not one; it stops counting.' })
  async disputeNoShow(@Args('input') input: DisputeNoShowInput, @CurrentUser() actor: Actor): Promise<NoShowRecord> {
    return NoShowRecord.from(await this.noShows.dispute(actor, input.meetingId, input.reason));
  }
}
