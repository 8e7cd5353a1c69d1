import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { Actor, Role } from '../../core/auth/role';
import type { RequestContext } from '../../core/graphql/request-context';
import { UserLoader } from '../accounts/accounts.loaders';
import { Person } from '../accounts/models/person.model';
import { Meeting } from '../booking/models/booking.models';
import { MuteTrackInput, RoomParticipantInput } from './inputs/rooms.inputs';
import { LiveKitGateway, LiveParticipant } from './livekit.gateway';
import {
  AttendanceReportPerson,
  LiveRoom,
  MeetingRoomTicket,
  RoomAttendee,
  RoomRemoval,
  RoomTrack,
  SessionAttendanceReport,
} from './models/rooms.models';
import { RoomsModeration } from './rooms-moderation.service';
import { RoomsService } from './rooms.service';

@Resolver()
export class RoomsResolver {
  constructor(
    private readonly rooms: RoomsService,
    private readonly moderation: RoomsModeration,
  ) {}

  /**
   * Rule: signed in; the meeting's active participants (not removed from its room) and its
   * session's organisers (and admins), who get roomAdmin and may join hidden. Only from 10 minutes
   * before the meeting to 5 minutes after its end.
   */
  @Mutation(() => MeetingRoomTicket)
  async joinMeeting(
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('hidden', {
      type: () => Boolean,
      defaultValue: false,
      description: 'Organisers only: join without being seen.',
    })
    hidden: boolean,
    @CurrentUser() actor: Actor,
  ): Promise<MeetingRoomTicket> {
    return MeetingRoomTicket.from(await this.rooms.join(actor, meetingId, hidden));
  }

  /** Rule: ORGANISER role and organiser of that session (or ADMIN). */
  @Roles(Role.ORGANISER)
  @Query(() => [LiveRoom], {
    description: 'The session’s meeting rooms open now: who is in, since when, who has not turned up.',
  })
  async sessionLiveRooms(
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @CurrentUser() actor: Actor,
  ): Promise<LiveRoom[]> {
    return (await this.rooms.liveRooms(actor, sessionId)).map(LiveRoom.from);
  }

  /** Rule: ORGANISER role and organiser of that session (or ADMIN). */
  @Roles(Role.ORGANISER)
  @Query(() => SessionAttendanceReport, {
    description:
      'Who met, who did not turn up, and how each meeting’s outcome was decided (room, participants, organiser).',
  })
  async sessionAttendanceReport(
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @CurrentUser() actor: Actor,
  ): Promise<SessionAttendanceReport> {
    return SessionAttendanceReport.from(await this.rooms.attendanceReport(actor, sessionId));
  }

  /** Rule: ORGANISER role and organiser of the meeting's session (or ADMIN). */
  @Roles(Role.ORGANISER)
  @Mutation(() => RoomTrack)
  async muteMeetingTrack(@Args('input') input: MuteTrackInput, @CurrentUser() actor: Actor): Promise<RoomTrack> {
    return RoomTrack.from(
      await this.moderation.muteTrack(actor, input.meetingId, input.userId, input.trackSid, input.muted),
    );
  }

  /** Rule: ORGANISER role and organiser of the meeting's session (or ADMIN); the person must be in the meeting. */
  @Roles(Role.ORGANISER)
  @Mutation(() => RoomRemoval)
  async removeFromMeetingRoom(
    @Args('input') input: RoomParticipantInput,
    @CurrentUser() actor: Actor,
  ): Promise<RoomRemoval> {
    const disconnected = await this.moderation.remove(actor, input.meetingId, input.userId);
    return Object.assign(new RoomRemoval(), { meetingId: input.meetingId, userId: input.userId, disconnected });
  }

  /** Rule: ORGANISER role and organiser of the meeting's session (or ADMIN); the person must have been removed. */
  @Roles(Role.ORGANISER)
  @Mutation(() => Meeting, {
    description: 'Undoes removeFromMeetingRoom: the person may join again and gets the meeting’s reminders.',
  })
  async restoreMeetingParticipant(
    @Args('input') input: RoomParticipantInput,
    @CurrentUser() actor: Actor,
  ): Promise<Meeting> {
    return Meeting.from(await this.moderation.restore(actor, input.meetingId, input.userId));
  }

  /** Rule: ORGANISER role and organiser of the meeting's session (or ADMIN); while its room is open. */
  @Roles(Role.ORGANISER)
  @Mutation(() => Meeting, {
    description:
      'Ends the meeting’s room for everyone; a meeting that has started gets its outcome (COMPLETED or NO_SHOW), one that has not keeps waiting for it.',
  })
  async endMeetingRoom(
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @CurrentUser() actor: Actor,
  ): Promise<Meeting> {
    return Meeting.from(await this.moderation.endRoom(actor, meetingId));
  }

  /** Rule: ORGANISER role and organiser of the meeting's session (or ADMIN); the next slot must be free for everyone in it. */
  @Roles(Role.ORGANISER)
  @Mutation(() => Meeting, {
    description: 'Extends a running meeting into the next slot (its end moves; tokens follow).',
  })
  async extendMeeting(
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @CurrentUser() actor: Actor,
  ): Promise<Meeting> {
    return Meeting.from(await this.moderation.extend(actor, meetingId));
  }
}

@Resolver(() => AttendanceReportPerson)
export class AttendanceReportPersonResolver {
  constructor(private readonly users: UserLoader) {}

  @ResolveField(() => Person)
  async person(@Parent() row: AttendanceReportPerson, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, row.userId);
  }
}

@Resolver(() => RoomAttendee)
export class RoomAttendeeResolver {
  constructor(
    private readonly users: UserLoader,
    private readonly gateway: LiveKitGateway,
  ) {}

  @ResolveField(() => Person)
  async person(@Parent() attendee: RoomAttendee, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, attendee.userId);
  }

  @ResolveField(() => [RoomTrack], {
    description: 'Their published tracks, asked from LiveKit (empty when not in the room or video is unavailable).',
  })
  async tracks(@Parent() attendee: RoomAttendee, @Context() ctx: RequestContext): Promise<RoomTrack[]> {
    if (!attendee.present) return [];
    const live = await this.liveParticipants(ctx).load(attendee.roomName);
    return live.filter((p) => p.identity === attendee.userId).flatMap((p) => p.tracks.map(RoomTrack.from));
  }

  /** One listParticipants per room per request. */
  private liveParticipants(ctx: RequestContext): DataLoader<string, LiveParticipant[]> {
    return ctx.loaders.get(
      RoomAttendeeResolver,
      () =>
        new DataLoader(async (rooms: readonly string[]) =>
          Promise.all(rooms.map((room) => this.gateway.activeParticipants(room).catch(() => [] as LiveParticipant[]))),
        ),
    );
  }
}
