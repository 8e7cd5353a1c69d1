import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { Actor } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { CommonError } from '../../core/errors/common.errors';
import { MeetingStatus } from '../booking/booking.enums';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import { MeetingsService } from '../booking/meetings.service';
import { SESSION_ZONE } from '../events/slot-grid';
import { SessionsService } from '../events/sessions.service';
import { FollowupsError, FollowupsErrorCode } from './followups.errors';

/** A meeting that has taken place (or is taking place), with the ids of its active participants. */
export interface HeldMeeting {
  meeting: MeetingEntity;
  participantIds: ReadonlySet<string>;
}

/**
 * Who may do what with a meeting afterwards, read through the booking and events modules'
 * services: participants record actions and give feedback once the meeting has started;
 * participants (present or past) and the session's organisers see what was recorded.
 */
@Injectable()
export class MeetingAccess {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
  ) {}

  /** Today's date in Europe/London, YYYY-MM-DD: due dates are calendar days there. */
  today(): string {
    return DateTime.fromJSDate(this.clock.now(), { zone: SESSION_ZONE }).toISODate()!;
  }

  /**
   * The meeting, when the actor is one of its active participants and it is under way or over:
   * IN_PROGRESS, COMPLETED, or CONFIRMED once its start has passed. A former participant of a
   * cancelled meeting learns it was cancelled; anyone else that they are not in it.
   */
  async heldWithParticipant(actor: Actor, meetingId: string, em: EntityManager): Promise<HeldMeeting> {
    const found = await this.meetings.findWithPeople(meetingId, em);
    if (!found) throw CommonError.notFound('Meeting', meetingId);
    const { meeting } = found;
    const participantIds = new Set(found.participants.map((p) => p.userId));
    if (!participantIds.has(actor.id)) {
      const wasIn =
        meeting.status === MeetingStatus.CANCELLED &&
        (await this.meetings.everyoneEverIn([meeting.id])).some((p) => p.userId === actor.id);
      if (!wasIn) throw FollowupsError.notAParticipant(meeting.id);
    }
    this.assertHeld(meeting);
    return { meeting, participantIds };
  }

  private assertHeld(meeting: MeetingEntity): void {
    switch (meeting.status) {
      case MeetingStatus.CANCELLED:
        throw new FollowupsError(FollowupsErrorCode.MEETING_CANCELLED, 'This meeting was cancelled.', {
          meetingId: meeting.id,
        });
      case MeetingStatus.PROPOSED:
      case MeetingStatus.NO_SHOW:
        throw new FollowupsError(FollowupsErrorCode.MEETING_NOT_HELD, 'This meeting did not take place.', {
          meetingId: meeting.id,
          status: meeting.status,
        });
      case MeetingStatus.CONFIRMED:
        if (this.clock.now().getTime() < meeting.startsAt.getTime()) {
          throw new FollowupsError(FollowupsErrorCode.MEETING_NOT_STARTED, 'This meeting has not started yet.', {
            meetingId: meeting.id,
            startsAt: meeting.startsAt.toISOString(),
          });
        }
        return;
      case MeetingStatus.IN_PROGRESS:
      case MeetingStatus.COMPLETED:
        return;
    }
  }

  /** Active participants of a meeting (who may own its actions). */
  async participantIds(meetingId: string, em: EntityManager): Promise<Set<string>> {
    const found = await this.meetings.findWithPeople(meetingId, em);
    return new Set(found?.participants.map((p) => p.userId) ?? []);
  }

  /** Of these meetings, those whose follow-ups the actor may see. */
  visibleMeetings(actor: Actor, meetingIds: readonly string[]): Promise<Set<string>> {
    return this.meetings.visibleTo(actor, meetingIds);
  }

  async canSee(actor: Actor, meetingId: string): Promise<boolean> {
    return (await this.visibleMeetings(actor, [meetingId])).has(meetingId);
  }

  /** The meeting, for an organiser of its session (or an admin); NOT_SESSION_ORGANISER otherwise. */
  async forOrganiser(actor: Actor, meetingId: string): Promise<MeetingEntity> {
    const [meeting] = await this.meetings.findByIds([meetingId]);
    if (!meeting) throw CommonError.notFound('Meeting', meetingId);
    if (!this.sessions.isOrganiserOf(actor, await this.sessions.require(meeting.sessionId))) {
      throw new FollowupsError(
        FollowupsErrorCode.NOT_SESSION_ORGANISER,
        'Only the session’s organisers see feedback comments.',
        { sessionId: meeting.sessionId },
      );
    }
    return meeting;
  }
}
