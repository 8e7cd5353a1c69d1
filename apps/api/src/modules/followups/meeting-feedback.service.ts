import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { MeetingFeedbackEntity } from './entities/meeting-feedback.entity';
import { EvidenceMethodsService } from './evidence-methods.service';
import { FollowupsError, FollowupsErrorCode } from './followups.errors';
import { GiveMeetingFeedbackInput } from './inputs/followups.inputs';
import { MeetingAccess } from './meeting-access';
import { MeetingFeedbackRepository } from './meeting-feedback.repository';

/**
 * Light feedback, once per participant per meeting. Comments are read by the session's
 * organisers only; a participant sees their own feedback, never anyone else's.
 */
@Injectable()
export class MeetingFeedbackService {
  constructor(
    private readonly db: Database,
    private readonly feedback: MeetingFeedbackRepository,
    private readonly evidence: EvidenceMethodsService,
    private readonly access: MeetingAccess,
    private readonly clock: Clock,
  ) {}

  /** Feedback (and optionally an evidence method) in one transaction: all stored, or nothing. */
  async give(actor: Actor, input: GiveMeetingFeedbackInput): Promise<MeetingFeedbackEntity> {
    if (input.evidence) await this.evidence.assertDescribable(actor, input.evidence);
    return this.db.write(async (em) => {
      const { meeting } = await this.access.heldWithParticipant(actor, input.meetingId, em);
      const text = input.comment?.trim();
      const row: MeetingFeedbackEntity = {
        id: randomUUID(),
        meetingId: meeting.id,
        userId: actor.id,
        usefulness: input.usefulness,
        comment: text ? text : null,
        createdAt: this.clock.now(),
      };
      if (!(await this.feedback.insertOnce(row, em))) {
        throw new FollowupsError(
          FollowupsErrorCode.FEEDBACK_ALREADY_GIVEN,
          'You have already given feedback on this meeting.',
          { meetingId: meeting.id },
        );
      }
      if (input.evidence) await this.evidence.insert(actor, input.evidence, meeting.id, em);
      return row;
    });
  }

  /** The actor's own feedback on these meetings. */
  mineFor(actor: Actor, meetingIds: readonly string[]): Promise<MeetingFeedbackEntity[]> {
    return this.feedback.ofUserFor(actor.id, meetingIds);
  }

  /** Everyone's feedback on a meeting, comments included: for the session's organisers (and admins). */
  async ofMeeting(actor: Actor, meetingId: string): Promise<MeetingFeedbackEntity[]> {
    const meeting = await this.access.forOrganiser(actor, meetingId);
    return this.feedback.ofMeeting(meeting.id);
  }
}
