import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '../../core/graphql/request-context';
import { groupByKeys } from '../../core/graphql/request-loaders';
import { UserLoader } from '../accounts/accounts.loaders';
import { MeetingOutcomeReportEntity } from './entities/meeting-outcome-report.entity';
import { MeetingOutcomesService } from './meeting-outcomes.service';
import { ParticipantWithUser } from './meetings.repository';
import { MeetingsService } from './meetings.service';
import { lookAlikes } from './look-alike';
import { RegistrationsService } from './registrations.service';

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
            this.users.prime(
              ctx,
              rows.map((row) => row.user),
            );
            return groupByKeys(ids, rows, (row) => row.meetingId);
          }),
      )
      .load(meetingId);
  }
}

/** Whether a person registered for one of the caller's sessions (as organiser), one statement per request. */
@Injectable()
export class OrganisersPeopleLoader {
  constructor(private readonly registrations: RegistrationsService) {}

  load(ctx: RequestContext, userId: string): Promise<boolean> {
    const organiserId = ctx.actor?.id;
    if (!organiserId) return Promise.resolve(false);
    return ctx.loaders
      .get(
        OrganisersPeopleLoader,
        () =>
          new DataLoader(async (ids: readonly string[]) => {
            const theirs = new Set(await this.registrations.registeredWithOrganiser(organiserId, ids));
            return ids.map((id) => theirs.has(id));
          }),
      )
      .load(userId);
  }
}

/** Per session, the registered people whose display name looks like another's there (look-alike.ts), once per request. */
@Injectable()
export class LookAlikeLoader {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly users: UserLoader,
  ) {}

  load(ctx: RequestContext, sessionId: string): Promise<Set<string>> {
    return ctx.loaders
      .get(
        LookAlikeLoader,
        () =>
          new DataLoader(async (sessionIds: readonly string[]) =>
            Promise.all(
              sessionIds.map(async (id) => {
                const people = await this.users.people(
                  ctx,
                  (await this.registrations.allForSession(id)).map((r) => r.userId),
                );
                return lookAlikes(people.map((person) => ({ id: person.id, name: person.displayName })));
              }),
            ),
          ),
      )
      .load(sessionId);
  }
}

/** A meeting's outcome reports, one statement per request. */
@Injectable()
export class MeetingOutcomeReportsLoader {
  constructor(private readonly outcomes: MeetingOutcomesService) {}

  load(ctx: RequestContext, meetingId: string): Promise<MeetingOutcomeReportEntity[]> {
    return ctx.loaders
      .get(
        MeetingOutcomeReportsLoader,
        () =>
          new DataLoader(async (ids: readonly string[]) =>
            groupByKeys(ids, await this.outcomes.reportsOf(ids), (row) => row.meetingId),
          ),
      )
      .load(meetingId);
  }
}
