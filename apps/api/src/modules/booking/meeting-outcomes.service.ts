import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { sourcesOf } from '../../core/errors/state-machine';
import { SessionsService } from '../events/sessions.service';
import { MeetingStatus, OutcomeSource } from './booking.enums';
import { BookingError, BookingErrorCode } from './booking.errors';
import { MEETING_TRANSITIONS } from './booking-transitions';
import { MeetingOutcomeReportEntity } from './entities/meeting-outcome-report.entity';
import { MeetingEntity } from './entities/meeting.entity';
import { verdictOf } from './meeting-outcomes';
import { MeetingOutcomesRepository } from './meeting-outcomes.repository';
import { MeetingsRepository } from './meetings.repository';

/** Statuses in which a meeting's outcome may be reported or set: it was on, or already has an outcome. */
const DECIDABLE: readonly MeetingStatus[] = [
  MeetingStatus.CONFIRMED,
  MeetingStatus.IN_PROGRESS,
  MeetingStatus.COMPLETED,
  MeetingStatus.NO_SHOW,
];

/**
 * Meetings held elsewhere (phone, in person, another tool): after the start each participant may
 * say "we met" or "it didn't happen". One "we met" with no contrary word makes the meeting
 * COMPLETED, only "it didn't happen" makes it NO_SHOW (both PARTICIPANTS, overriding what the room
 * decided); a disagreement changes nothing and is shown to everyone in the meeting and to the
 * organisers, who may mark the meeting held or not held (ORGANISER, final: later reports are kept
 * and shown but change nothing).
 */
@Injectable()
export class MeetingOutcomesService {
  constructor(
    private readonly db: Database,
    private readonly meetings: MeetingsRepository,
    private readonly outcomes: MeetingOutcomesRepository,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
  ) {}

  async report(actor: Actor, meetingId: string, happened: boolean): Promise<MeetingEntity> {
    return this.db.write(async (em) => {
      const meeting = await this.locked(meetingId, em);
      const participants = await this.meetings.activeParticipants(meeting.id, em);
      if (!participants.some((p) => p.userId === actor.id))
        throw new BookingError(BookingErrorCode.NOT_A_PARTICIPANT, 'You are not in this meeting.', { meetingId });
      this.assertDecidable(meeting);
      await this.outcomes.save({ meetingId: meeting.id, userId: actor.id, happened, reportedAt: this.clock.now() }, em);
      if (meeting.outcomeSource === OutcomeSource.ORGANISER) return meeting;
      const verdict = verdictOf(await this.outcomes.reportsOf([meeting.id], em));
      if (verdict === 'HELD' || verdict === 'NOT_HELD')
        return this.decide(meeting, verdict === 'HELD', OutcomeSource.PARTICIPANTS, em);
      return meeting;
    });
  }

  async set(actor: Actor, meetingId: string, held: boolean): Promise<MeetingEntity> {
    return this.db.write(async (em) => {
      const meeting = await this.locked(meetingId, em);
      await this.sessions.organisedBy(actor, meeting.sessionId, em);
      this.assertDecidable(meeting);
      return this.decide(meeting, held, OutcomeSource.ORGANISER, em);
    });
  }

  reportsOf(meetingIds: readonly string[]): Promise<MeetingOutcomeReportEntity[]> {
    return this.outcomes.reportsOf(meetingIds);
  }

  private async locked(meetingId: string, em: EntityManager): Promise<MeetingEntity> {
    const meeting = await this.meetings.lock(meetingId, em);
    if (!meeting) throw CommonError.notFound('Meeting', meetingId);
    return meeting;
  }

  /** Its outcome may be given now: it was on, and has started. */
  private assertDecidable(meeting: MeetingEntity): void {
    if (!DECIDABLE.includes(meeting.status))
      throw CommonError.invalidTransition('Meeting', meeting.status, 'an outcome');
    if (this.clock.now().getTime() < meeting.startsAt.getTime()) {
      throw new BookingError(
        BookingErrorCode.MEETING_NOT_STARTED,
        'A meeting’s outcome can be given once it has started.',
        { meetingId: meeting.id, startsAt: meeting.startsAt.toISOString() },
      );
    }
  }

  private async decide(
    meeting: MeetingEntity,
    held: boolean,
    source: OutcomeSource,
    em: EntityManager,
  ): Promise<MeetingEntity> {
    const to = held ? MeetingStatus.COMPLETED : MeetingStatus.NO_SHOW;
    const from = [...sourcesOf(MEETING_TRANSITIONS, to), to].filter((status) => DECIDABLE.includes(status));
    const changes = { status: to, outcomeSource: source, updatedAt: this.clock.now() };
    if (!(await this.meetings.transition(meeting.id, from, changes, em)))
      throw CommonError.invalidTransition('Meeting', meeting.status, to);
    return { ...meeting, ...changes, sequence: meeting.sequence + 1 };
  }
}
