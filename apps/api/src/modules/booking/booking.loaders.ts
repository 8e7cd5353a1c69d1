import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '../../core/graphql/request-context';
import { groupByKeys } from '../../core/graphql/request-loaders';
import { UserLoader } from '../accounts/accounts.loaders';
import { ParticipantWithUser } from './meetings.repository';
import { MeetingsService } from './meetings.service';

/** A meeting's active participants with their users, one statement per request; primes UserLoader. */
@Injectable()
export class MeetingParticipantsLoader {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly users: UserLoader,
  ) {}

  load(ctx: RequestContext, meetingId: string): Promise<ParticipantWithUser[]> {
    return ctx.loaders
      .get(
        MeetingParticipantsLoader,
        () =>
          new DataLoader(async (ids: readonly string[]) => {
            const rows = await this.meetings.participantsOf(ids);
            this.users.prime(ctx, rows.map((row) => row.user));
            return groupByKeys(ids, rows, (row) => row.meetingId);
          }),
      )
      .load(meetingId);
  }
}
