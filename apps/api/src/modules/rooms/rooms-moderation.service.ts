import { Injectable, Logger } from '@nestjs/common';
import { Actor } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { MeetingStatus } from '../booking/booking.enums';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import { MeetingChangeListeners } from '../booking/meeting-change-listener';
import { MeetingsService, MeetingWithPeople } from '../booking/meetings.service';
import { AttendanceService } from './attendance.service';
import { LiveKitGateway, LiveTrack } from './livekit.gateway';
import { RoomsError, RoomsErrorCode } from './rooms.errors';
import { RoomsRepository } from './rooms.repository';
import { RoomsService } from './rooms.service';

/**
 * What a session's organisers can do to its meetings' rooms (docs/architecture.md#video-rooms), through LiveKit's
 * RoomServiceClient: mute a track, remove a person (who then gets no new token), end the room,
 * extend the meeting into the next slot.
 */
@Injectable()
export class RoomsModeration {
  private readonly logger = new Logger('RoomsModeration');

  constructor(
    private readonly db: Database,
    private readonly roomsService: RoomsService,
    private readonly rooms: RoomsRepository,
    private readonly meetings: MeetingsService,
    private readonly attendance: AttendanceService,
    private readonly gateway: LiveKitGateway,
    private readonly listeners: MeetingChangeListeners,
    private readonly clock: Clock,
  ) {}

  async muteTrack(
    actor: Actor,
    meetingId: string,
    userId: string,
    trackSid: string,
    muted: boolean,
  ): Promise<LiveTrack> {
    const { meeting } = await this.roomsService.forOrganiser(actor, meetingId);
    const track = await this.gateway.muteTrack(meeting.roomName, userId, trackSid, muted);
    if (!track) throw notInRoom(meeting, userId, trackSid);
    return track;
  }

  /**
   * Removes one of the meeting's people from its room: recorded first (no new token from now on),
   * then they are disconnected if the server has them. Returns whether they were disconnected.
   * Before the start it takes them out of the meeting: no reminders, and an e-mail tells them.
   */
  async remove(actor: Actor, meetingId: string, userId: string): Promise<boolean> {
    const found = await this.roomsService.forOrganiser(actor, meetingId);
    const { meeting } = found;
    const person = personIn(found, userId);
    const now = this.clock.now();
    await this.db.write(async (em) => {
      if (!(await this.rooms.addRemoval(meeting.id, userId, actor.id, now, em))) return;
      if (now.getTime() < meeting.startsAt.getTime()) {
        await this.listeners.emit({ kind: 'participantRemoved', meeting, people: [person], byUserId: actor.id }, em);
      }
    });
    if (!this.gateway.configured) return false;
    try {
      return await this.gateway.removeParticipant(meeting.roomName, userId);
    } catch (error) {
      if (error instanceof RoomsError) return false; // the server is away: they get no new token all the same
      throw error;
    }
  }

  /**
   * Undoes a removal: the person may join the room again and is reminded again; an e-mail tells
   * them (until the meeting has ended). NOT_REMOVED when they were not removed.
   */
  async restore(actor: Actor, meetingId: string, userId: string): Promise<MeetingEntity> {
    const found = await this.roomsService.forOrganiser(actor, meetingId);
    const { meeting } = found;
    const person = personIn(found, userId);
    const now = this.clock.now();
    await this.db.write(async (em) => {
      if (!(await this.rooms.deleteRemoval(meeting.id, userId, em))) {
        throw new RoomsError(RoomsErrorCode.NOT_REMOVED, 'That person was not removed from this meeting.', {
          meetingId,
          userId,
        });
      }
      if (now.getTime() < meeting.endsAt.getTime()) {
        await this.listeners.emit({ kind: 'participantRestored', meeting, people: [person], byUserId: actor.id }, em);
      }
    });
    return meeting;
  }

  /**
   * Ends the meeting's room for everyone: no more tokens, the meeting gets its outcome now
   * (COMPLETED when two or more turned up, NO_SHOW otherwise), and the server closes the room.
   */
  async endRoom(actor: Actor, meetingId: string): Promise<MeetingEntity> {
    const { meeting } = await this.roomsService.forOrganiser(actor, meetingId);
    await this.roomsService.assertRoomOpen(meeting);
    await this.attendance.endRoom(meeting, actor.id);
    if (this.gateway.configured) {
      await this.gateway
        .deleteRoom(meeting.roomName)
        .catch((error: unknown) => this.logger.warn(`could not close room ${meeting.roomName}: ${String(error)}`));
    }
    return (await this.meetings.findWithPeople(meeting.id))!.meeting;
  }

  /** Extends the meeting into the next slot when it is free for everyone in it; tokens follow the new end. */
  async extend(actor: Actor, meetingId: string): Promise<MeetingEntity> {
    const { meeting } = await this.roomsService.forOrganiser(actor, meetingId);
    const result = await this.meetings.extendIntoNextSlot(meeting.id);
    if ('extended' in result) return result.extended;
    switch (result.reason) {
      case 'NOT_FOUND':
        throw CommonError.notFound('Meeting', meetingId);
      case 'NOT_LIVE':
        if (result.status === MeetingStatus.PROPOSED)
          throw new RoomsError(RoomsErrorCode.NOT_CONFIRMED, 'Everyone has to confirm the meeting first.', {
            meetingId,
          });
        throw new RoomsError(RoomsErrorCode.ENDED, 'This meeting has ended.', { meetingId, why: result.status });
      case 'ENDED':
        throw new RoomsError(RoomsErrorCode.ENDED, 'This meeting has ended.', { meetingId, why: 'PAST_END' });
      case 'NOT_STARTED':
        throw new RoomsError(RoomsErrorCode.TOO_EARLY, 'A meeting can be extended once its last slot has started.', {
          meetingId,
          opensAt: result.heldSlotStartsAt.toISOString(),
        });
      case 'NO_NEXT_SLOT':
        throw new RoomsError(RoomsErrorCode.NO_NEXT_SLOT, 'There is no slot right after this meeting to extend into.', {
          meetingId,
        });
      case 'NOT_FREE':
        throw new RoomsError(
          RoomsErrorCode.NEXT_SLOT_TAKEN,
          'Someone in this meeting has another meeting in the next slot.',
          { meetingId, userIds: result.userIds },
        );
    }
  }

  /** Disconnects a removed person who came back with an older token (best effort). */
  async kickRemoved(roomName: string, identity: string): Promise<void> {
    try {
      if (await this.gateway.removeParticipant(roomName, identity))
        this.logger.log(`sent removed participant ${identity} out of ${roomName} again`);
    } catch {
      // gone already, or the server is away: the reconciler tries again
    }
  }
}

/** One of the meeting's active participants, or NOT_IN_MEETING. */
function personIn({ meeting, participants }: MeetingWithPeople, userId: string) {
  const person = participants.find((p) => p.userId === userId);
  if (!person)
    throw new RoomsError(RoomsErrorCode.NOT_IN_MEETING, 'That person is not in this meeting.', {
      meetingId: meeting.id,
      userId,
    });
  return { userId, role: person.role };
}

function notInRoom(meeting: MeetingEntity, userId: string, trackSid: string): RoomsError {
  return new RoomsError(RoomsErrorCode.NOT_IN_ROOM, 'That person or track is not in the room now.', {
    meetingId: meeting.id,
    userId,
    trackSid,
  });
}
