import { Injectable } from '@nestjs/common';
import { Actor } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { MeetingStatus } from '../booking/booking.enums';
import { MeetingInterpreterEntity } from './entities/meeting-interpreter.entity';
import { InterpretationRepository, InterpreterRow } from './interpretation.repository';
import { channelOf, InterpreterLanguage, languagesText, mayPublish, interpreterAttributes } from './interpretation';
import { LiveKitGateway } from './livekit.gateway';
import { MeetingsService } from '../booking/meetings.service';
import { RoomsError, RoomsErrorCode } from './rooms.errors';
import { RoomsService } from './rooms.service';

export interface AssignedInterpreter {
  meetingId: string;
  userId: string;
  displayName: string;
  languages: InterpreterLanguage[];
}

/**
 * Interpreters for meetings (docs/interpretation-and-access.md): a session's organisers assign a
 * person with the interpreter role to one of its meetings (one-to-one or group), into Welsh,
 * English or both. The assignment is what lets them into the room (RoomsService.join) with
 * server-set attributes saying so; it never makes them one of the meeting's people.
 */
@Injectable()
export class InterpretationService {
  constructor(
    private readonly db: Database,
    private readonly repo: InterpretationRepository,
    private readonly rooms: RoomsService,
    private readonly clock: Clock,
    private readonly meetings: MeetingsService,
    private readonly gateway: LiveKitGateway,
  ) {}

  /**
   * A track was published (LiveKit's track_published webhook, which names the participant but
   * carries none of their attributes): a channel track (`interp-*`) stays only when its publisher
   * is assigned to the room's meeting as interpreter into that language. Anything else is refused
   * (muted, and its publisher disconnected). True when refused.
   */
  async checkPublished(roomName: string, identity: string, trackName: string, trackSid: string): Promise<boolean> {
    if (channelOf(trackName) === null) return false;
    const found = await this.meetings.findByRoomName(roomName);
    const assigned = found ? await this.repo.one(found.meeting.id, identity) : null;
    const attributes = assigned ? interpreterAttributes(assigned.languages.split(',')) : undefined;
    if (mayPublish(trackName, attributes)) return false;
    await this.gateway.refuseTrack(roomName, identity, trackSid);
    return true;
  }

  /** Assigns (or re-assigns with other languages) an interpreter to the meeting. */
  async assign(
    actor: Actor,
    meetingId: string,
    userId: string,
    languages: InterpreterLanguage[],
  ): Promise<AssignedInterpreter> {
    const { meeting, participants } = await this.rooms.forOrganiser(actor, meetingId);
    const text = languagesText(languages);
    if (!text) throw CommonError.badInput('Choose at least one language.', { languages: ['required'] });
    if (meeting.status === MeetingStatus.CANCELLED || meeting.status === MeetingStatus.COMPLETED)
      throw new RoomsError(RoomsErrorCode.ENDED, 'This meeting has ended.', { meetingId, why: meeting.status });
    const person = await this.repo.interpreter(userId);
    if (!person)
      throw new RoomsError(RoomsErrorCode.NOT_AN_INTERPRETER, 'This person is not an interpreter.', { userId });
    if (participants.some((p) => p.userId === userId))
      throw new RoomsError(
        RoomsErrorCode.INTERPRETER_IS_PARTICIPANT,
        'One of the meeting’s own people cannot also interpret it.',
        { userId },
      );
    const row: MeetingInterpreterEntity = {
      meetingId,
      userId,
      languages: text,
      assignedById: actor.id,
      assignedAt: this.clock.now(),
    };
    await this.db.write((em) => this.repo.save(row, em));
    return { meetingId, userId, displayName: person.displayName, languages: text.split(',') as InterpreterLanguage[] };
  }

  async unassign(actor: Actor, meetingId: string, userId: string): Promise<boolean> {
    await this.rooms.forOrganiser(actor, meetingId);
    const removed = await this.db.write((em) => this.repo.remove(meetingId, userId, em));
    if (!removed)
      throw new RoomsError(RoomsErrorCode.NOT_ASSIGNED, 'This person is not an interpreter of the meeting.', {
        meetingId,
        userId,
      });
    return true;
  }

  /** The meeting's interpreters, for its session's organisers. */
  async ofMeeting(actor: Actor, meetingId: string): Promise<AssignedInterpreter[]> {
    await this.rooms.forOrganiser(actor, meetingId);
    const rows = await this.repo.assignedWithNames(meetingId);
    return rows.map((r) => ({ meetingId, ...r, languages: r.languages.split(',') as InterpreterLanguage[] }));
  }

  /** People with the interpreter role (organisers choose from them). */
  candidates(): Promise<InterpreterRow[]> {
    return this.repo.candidates();
  }
}
