import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Actor } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { MeetingStatus, ParticipantRole } from '../booking/booking.enums';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import { MeetingOutcomesService } from '../booking/meeting-outcomes.service';
import { MeetingsService, MeetingWithPeople } from '../booking/meetings.service';
import { ThemedSessionEntity } from '../events/entities/themed-session.entity';
import { SessionsService } from '../events/sessions.service';
import { attendanceReport, AttendanceReportData } from './attendance-report';
import { ORGANISER_ROLE } from './attendance.service';
import { AttendanceEntity } from './entities/attendance.entity';
import { MeetingRoomEntity } from './entities/meeting-room.entity';
import { JOIN_CLOSES_AFTER_MS, JOIN_OPENS_BEFORE_MS, joinWindow, positionIn, tokenTtlSeconds } from './join-window';
import { InterpretationRepository } from './interpretation.repository';
import { interpreterAttributes, INTERPRETER_ATTRIBUTE_ROLE } from './interpretation';
import { LiveKitGateway } from './livekit.gateway';
import { RoomsError, RoomsErrorCode } from './rooms.errors';
import { RoomsRepository } from './rooms.repository';
import { roomRunning } from './room-state';

export interface JoinTicket {
  url: string;
  token: string;
  expiresAt: Date;
  roomName: string;
  roomAdmin: boolean;
  hidden: boolean;
}

/** Seats kept free in a room beyond the meeting's people, for organisers looking in. */
const ORGANISER_SEATS = 3;

export type AttendeeRole = ParticipantRole | typeof ORGANISER_ROLE;

export interface LiveRoomView {
  meeting: MeetingEntity;
  people: AttendeeView[];
}

export interface AttendeeView {
  meetingId: string;
  roomName: string;
  userId: string;
  role: AttendeeRole;
  attendance: AttendanceEntity | null;
  removed: boolean;
}

/** Join tokens and the organisers' view of live rooms (docs/architecture.md#video-rooms). */
@Injectable()
export class RoomsService {
  constructor(
    private readonly db: Database,
    private readonly meetings: MeetingsService,
    private readonly sessions: SessionsService,
    private readonly rooms: RoomsRepository,
    private readonly gateway: LiveKitGateway,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly outcomes: MeetingOutcomesService,
    private readonly interpreters: InterpretationRepository,
  ) {}

  /**
   * A token for the meeting's room, for its active participants and the session's organisers only,
   * for that room only, from 10 minutes before the meeting to 5 minutes after its (possibly
   * extended) end, living at most 15 minutes and never past that window. Organisers get roomAdmin
   * and may join hidden. The room is created on the server on the way. An interpreter assigned to
   * the meeting joins too, with server-set attributes (role INTERPRETER, the languages they
   * interpret into) that listeners' clients and the webhook check trust; they are not one of its people.
   */
  async join(actor: Actor, meetingId: string, hidden: boolean): Promise<JoinTicket> {
    const meeting = await this.meetings.find(meetingId);
    if (!meeting) throw CommonError.notFound('Meeting', meetingId);
    // Everything else depends only on the meeting: read it at once (one round trip, not four).
    const [participants, session, removed, room] = await Promise.all([
      this.meetings.activeParticipantsOf(meeting.id),
      this.sessions.require(meeting.sessionId),
      this.rooms.isRemoved(meeting.id, actor.id),
      this.rooms.room(meeting.id),
    ]);
    const organiser = this.sessions.isOrganiserOf(actor, session);
    const mine = participants.find((p) => p.userId === actor.id);
    // Only someone who is neither one of the meeting's people nor an organiser is looked up as its
    // interpreter: the token refresh of everyone else costs no extra read.
    const interpreting = mine || organiser ? null : await this.interpreters.one(meeting.id, actor.id);
    if (!mine && !organiser && !interpreting)
      throw new RoomsError(RoomsErrorCode.NOT_A_PARTICIPANT, 'You are not in this meeting.', { meetingId });
    if (hidden && !organiser) throw RoomsError.notSessionOrganiser(session.id);
    if ((mine || interpreting) && !organiser && removed) {
      throw new RoomsError(RoomsErrorCode.REMOVED, 'An organiser removed you from this meeting’s room.', { meetingId });
    }
    this.assertOpen(meeting, room);

    const now = this.clock.now();
    const window = joinWindow(meeting);
    if (!this.gateway.configured) throw RoomsError.videoUnavailable('not configured');
    // A room the server told us is running needs no create call (tokens are asked for again
    // every few minutes); a new, closed or never-started one is created with our limits.
    if (!roomRunning(room)) {
      await this.gateway.ensureRoom({
        name: meeting.roomName,
        emptyTimeoutSeconds: this.config.livekitEmptyTimeoutSeconds,
        departureTimeoutSeconds: this.config.livekitDepartureTimeoutSeconds,
        maxParticipants: participants.length + (await this.interpreters.assigned(meeting.id)).length + ORGANISER_SEATS,
      });
      if (!room) await this.db.write((em) => this.rooms.lockRoom(meeting.id, meeting.roomName, now, em));
    }
    const ttl = tokenTtlSeconds(window, now, this.config.livekitTokenTtlSeconds);
    const asOrganiser = organiser && !mine && !interpreting;
    const role = interpreting ? INTERPRETER_ATTRIBUTE_ROLE : asOrganiser ? ORGANISER_ROLE : mine!.role;
    const token = await this.gateway.mintToken({
      identity: actor.id,
      name: actor.displayName,
      room: meeting.roomName,
      ttlSeconds: ttl,
      roomAdmin: organiser,
      hidden: organiser && hidden,
      canPublish: !(organiser && hidden),
      metadata: { role, meetingId: meeting.id },
      attributes: interpreting ? interpreterAttributes(interpreting.languages.split(',')) : { role },
    });
    return {
      url: this.gateway.url,
      token,
      expiresAt: new Date(now.getTime() + ttl * 1000),
      roomName: meeting.roomName,
      roomAdmin: organiser,
      hidden: organiser && hidden,
    };
  }

  /**
   * The session's rooms that are open now (meetings CONFIRMED or IN_PROGRESS within their join
   * window): who is in and since when, who has been and left, who has not turned up.
   */
  async liveRooms(actor: Actor, sessionId: string): Promise<LiveRoomView[]> {
    const session = await this.organisedSession(actor, sessionId);
    const meetings = await this.meetings.inJoinWindow(
      this.clock.now(),
      JOIN_OPENS_BEFORE_MS,
      JOIN_CLOSES_AFTER_MS,
      session.id,
    );
    const ids = meetings.map((m) => m.id);
    const [participants, attendance, removals] = await Promise.all([
      this.meetings.participantsOf(ids),
      this.rooms.attendanceOf(ids),
      this.rooms.removalsOf(ids),
    ]);
    return meetings.map((meeting) => {
      const seen = new Map(attendance.filter((a) => a.meetingId === meeting.id).map((a) => [a.userId, a]));
      const removed = new Set(removals.filter((r) => r.meetingId === meeting.id).map((r) => r.userId));
      const people: AttendeeView[] = participants
        .filter((p) => p.meetingId === meeting.id)
        .map((p) => ({
          meetingId: meeting.id,
          roomName: meeting.roomName,
          userId: p.userId,
          role: p.role,
          attendance: seen.get(p.userId) ?? null,
          removed: removed.has(p.userId),
        }));
      for (const a of seen.values()) {
        if (a.organiser && !people.some((p) => p.userId === a.userId)) {
          people.push({
            meetingId: meeting.id,
            roomName: meeting.roomName,
            userId: a.userId,
            role: ORGANISER_ROLE,
            attendance: a,
            removed: false,
          });
        }
      }
      return { meeting, people };
    });
  }

  /**
   * Every meeting of the session that was not cancelled: its status and how it was decided (room,
   * participants, organiser), whether its people disagree, and per person whether they were in
   * the room and what they said.
   */
  async attendanceReport(actor: Actor, sessionId: string): Promise<AttendanceReportData> {
    const session = await this.organisedSession(actor, sessionId);
    const meetings = await this.meetings.notCancelledInSession(session.id);
    const ids = meetings.map((m) => m.id);
    const [participants, attendance, reports, disputes] = await Promise.all([
      this.meetings.participantsOf(ids),
      this.rooms.attendanceOf(ids),
      this.outcomes.reportsOf(ids),
      this.rooms.disputesOf(ids),
    ]);
    return attendanceReport(session.id, meetings, participants, attendance, reports, disputes);
  }

  /** The session, for one of its organisers (NOT_FOUND, NOT_SESSION_ORGANISER otherwise). */
  async organisedSession(actor: Actor, sessionId: string): Promise<ThemedSessionEntity> {
    const session = await this.sessions.require(sessionId);
    if (!this.sessions.canSee(actor, session)) throw CommonError.notFound('ThemedSession', sessionId);
    this.assertOrganiser(actor, session);
    return session;
  }

  /** The meeting, for one of its session's organisers (NOT_FOUND, NOT_SESSION_ORGANISER otherwise). */
  async forOrganiser(actor: Actor, meetingId: string): Promise<MeetingWithPeople & { session: ThemedSessionEntity }> {
    const found = await this.meetings.findWithPeople(meetingId);
    if (!found) throw CommonError.notFound('Meeting', meetingId);
    const session = await this.sessions.require(found.meeting.sessionId);
    this.assertOrganiser(actor, session);
    return { ...found, session };
  }

  /** For reminders: `meetingId:userId` of those in the room now or removed from the meeting. */
  inRoomOrRemoved(meetingIds: readonly string[]): Promise<Set<string>> {
    return this.rooms.inRoomOrRemoved(meetingIds);
  }

  /** Throws unless the meeting's room may be used now: confirmed, not over, within the join window. */
  async assertRoomOpen(meeting: MeetingEntity): Promise<void> {
    this.assertOpen(meeting, await this.rooms.room(meeting.id));
  }

  private assertOpen(meeting: MeetingEntity, room: MeetingRoomEntity | null): void {
    if (meeting.status === MeetingStatus.PROPOSED) {
      throw new RoomsError(RoomsErrorCode.NOT_CONFIRMED, 'Everyone has to confirm the meeting before its room opens.', {
        meetingId: meeting.id,
      });
    }
    if (meeting.status !== MeetingStatus.CONFIRMED && meeting.status !== MeetingStatus.IN_PROGRESS)
      throw ended(meeting, meeting.status);
    if (room?.endedAt) throw ended(meeting, 'ROOM_ENDED');
    const window = joinWindow(meeting);
    const position = positionIn(window, this.clock.now());
    if (position === 'BEFORE') {
      throw new RoomsError(RoomsErrorCode.TOO_EARLY, 'The meeting’s room opens 10 minutes before it starts.', {
        meetingId: meeting.id,
        opensAt: window.opensAt.toISOString(),
      });
    }
    if (position === 'AFTER') throw ended(meeting, 'PAST_END');
  }

  private assertOrganiser(actor: Actor, session: ThemedSessionEntity): void {
    if (!this.sessions.isOrganiserOf(actor, session)) throw RoomsError.notSessionOrganiser(session.id);
  }
}

function ended(meeting: MeetingEntity, why: string): RoomsError {
  return new RoomsError(RoomsErrorCode.ENDED, 'This meeting has ended.', {
    meetingId: meeting.id,
    why,
    endedAt: meeting.endsAt.toISOString(),
  });
}
