import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '../../core/graphql/request-context';
import { Actor } from '../../core/auth/role';
import { AccessNeed } from '../access/access-needs';
import { AccessError } from '../access/access.errors';
import { AccessNeedsService } from '../access/access-needs.service';
import { SessionsService } from '../events/sessions.service';
import { InterpretationRepository } from './interpretation.repository';

/**
 * Who may read a meeting's access needs (health and disability information): the session's
 * organiser and co-organiser (who see its registrations), admins, and the meeting's assigned
 * interpreter. The meeting's own people, and everyone else, see only that an interpreter will join.
 */
@Injectable()
export class MeetingAccessService {
  constructor(
    private readonly access: AccessNeedsService,
    private readonly sessions: SessionsService,
    private readonly interpreters: InterpretationRepository,
  ) {}

  async mayRead(actor: Actor | null, meeting: { id: string; sessionId: string }): Promise<boolean> {
    if (!actor) return false;
    const session = await this.sessions.require(meeting.sessionId);
    if (this.sessions.isOrganiserOf(actor, session, { coOrganiser: true })) return true;
    return (await this.interpreters.one(meeting.id, actor.id)) !== null;
  }

  async needsFor(
    actor: Actor | null,
    meeting: { id: string; sessionId: string },
  ): Promise<{ userId: string; displayName: string; needs: AccessNeed[]; note: string | null }[]> {
    if (!(await this.mayRead(actor, meeting))) throw AccessError.private(meeting.id);
    return this.access.ofMeeting(meeting.id);
  }

  mine(userId: string, meetingId: string): Promise<AccessNeed[] | null> {
    return this.access.mineFor(userId, meetingId);
  }

  /** An interpreter will join the meeting (batched per request: an agenda lists many meetings). */
  interpreterWillJoin(ctx: RequestContext, meetingId: string): Promise<boolean> {
    return ctx.loaders
      .get(
        'interpreterWillJoin',
        () =>
          new DataLoader(async (ids: readonly string[]) => {
            const assigned = await this.interpreters.withInterpreter(ids);
            return ids.map((id) => assigned.has(id));
          }),
      )
      .load(meetingId);
  }
}
