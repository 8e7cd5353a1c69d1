import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ParticipantRole } from '../../booking/booking.enums';
import { Meeting } from '../../booking/models/booking.models';
import { AttendanceReportData, AttendanceReportMeetingRow, AttendanceReportPersonRow } from '../attendance-report';
import { ORGANISER_ROLE } from '../attendance.service';
import { joinWindow } from '../join-window';
import { NoShowState } from '../no-shows';
import { LiveTrack } from '../livekit.gateway';
import { RoomPresenceEvent } from '../rooms-live';
import { AttendeeView, JoinTicket, LiveRoomView } from '../rooms.service';

export enum RoomRole {
  HOST = 'HOST',
  GUEST = 'GUEST',
  THIRD_PARTY = 'THIRD_PARTY',
  /** One of the session's organisers looking in; not counted as attendance. */
  ORGANISER = 'ORGANISER',
}
registerEnumType(RoomRole, { name: 'RoomRole' });
registerEnumType(NoShowState, {
  name: 'NoShowState',
  description: 'Whether a participant’s absence counts as a no-show.',
});

const ROLES: Record<ParticipantRole | typeof ORGANISER_ROLE, RoomRole> = {
  [ParticipantRole.HOST]: RoomRole.HOST,
  [ParticipantRole.GUEST]: RoomRole.GUEST,
  [ParticipantRole.THIRD_PARTY]: RoomRole.THIRD_PARTY,
  [ORGANISER_ROLE]: RoomRole.ORGANISER,
};

@ObjectType({ description: 'What a browser needs to enter a meeting’s LiveKit room.' })
export class MeetingRoomTicket {
  @Field({ description: 'The LiveKit WebSocket URL.' })
  url: string;

  @Field({ description: 'A join token for this room only.' })
  token: string;

  @Field({ description: 'When the token stops working (at most 15 minutes; ask again for a new one).' })
  expiresAt: Date;

  @Field()
  roomName: string;

  @Field()
  roomAdmin: boolean;

  @Field()
  hidden: boolean;

  static from(ticket: JoinTicket): MeetingRoomTicket {
    return Object.assign(new MeetingRoomTicket(), ticket);
  }
}

@ObjectType()
export class RoomTrack {
  @Field(() => ID)
  sid: string;

  @Field()
  name: string;

  @Field({ description: 'AUDIO, VIDEO or DATA.' })
  kind: string;

  @Field({ description: 'CAMERA, MICROPHONE, SCREEN_SHARE, SCREEN_SHARE_AUDIO or UNKNOWN.' })
  source: string;

  @Field()
  muted: boolean;

  static from(track: LiveTrack): RoomTrack {
    return Object.assign(new RoomTrack(), track);
  }
}

@ObjectType({ description: 'A person of a live meeting (or an organiser looking in) and their attendance.' })
export class RoomAttendee {
  @Field(() => RoomRole)
  role: RoomRole;

  @Field({ description: 'In the room now.' })
  present: boolean;

  @Field(() => Date, { nullable: true, description: 'In the room since (while present).' })
  since: Date | null;

  @Field({ description: 'Has been in the room at some point.' })
  turnedUp: boolean;

  @Field(() => Date, { nullable: true })
  firstJoinedAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastLeftAt: Date | null;

  @Field(() => Int, { description: 'Seconds in the room over finished connections.' })
  totalSeconds: number;

  @Field({ description: 'Removed by an organiser: gets no new token.' })
  removed: boolean;

  userId: string;
  roomName: string;

  static from(view: AttendeeView): RoomAttendee {
    const a = view.attendance;
    return Object.assign(new RoomAttendee(), {
      role: ROLES[view.role],
      present: Boolean(a?.presentSince),
      since: a?.presentSince ?? null,
      turnedUp: Boolean(a && (a.firstJoinedAt || a.lastLeftAt || a.presentSince)),
      firstJoinedAt: a?.firstJoinedAt ?? null,
      lastLeftAt: a?.lastLeftAt ?? null,
      totalSeconds: a?.totalSeconds ?? 0,
      removed: view.removed,
      userId: view.userId,
      roomName: view.roomName,
    });
  }
}

@ObjectType({ description: 'A meeting whose room is open now (within its join window).' })
export class LiveRoom {
  @Field()
  roomName: string;

  @Field(() => Meeting)
  meeting: Meeting;

  @Field()
  joinOpensAt: Date;

  @Field()
  joinClosesAt: Date;

  @Field(() => [RoomAttendee], { description: 'The meeting’s people, then organisers who looked in.' })
  people: RoomAttendee[];

  static from(view: LiveRoomView): LiveRoom {
    const window = joinWindow(view.meeting);
    return Object.assign(new LiveRoom(), {
      roomName: view.meeting.roomName,
      meeting: Meeting.from(view.meeting),
      joinOpensAt: window.opensAt,
      joinClosesAt: window.closesAt,
      people: view.people.map(RoomAttendee.from),
    });
  }
}

@ObjectType()
export class RoomRemoval {
  @Field(() => ID)
  meetingId: string;

  @Field(() => ID)
  userId: string;

  @Field({ description: 'They were in the room and have been disconnected.' })
  disconnected: boolean;
}

@ObjectType({ description: 'Someone joined or left a meeting room of the session (organisers looking in included).' })
export class RoomPresenceChange {
  @Field(() => ID)
  sessionId: string;

  @Field(() => ID)
  meetingId: string;

  @Field({ description: 'In the room now.' })
  present: boolean;

  @Field({ description: 'When they came in (present) or last left.' })
  at: Date;

  userId: string;

  static from(event: RoomPresenceEvent): RoomPresenceChange {
    return Object.assign(new RoomPresenceChange(), { ...event, at: new Date(event.at) });
  }
}

@ObjectType({ description: 'A person of a meeting in the attendance report.' })
export class AttendanceReportPerson {
  @Field(() => ParticipantRole)
  role: ParticipantRole;

  @Field({ description: 'Was in the meeting’s video room.' })
  turnedUp: boolean;

  @Field(() => Int)
  minutesInRoom: number;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Their own word: true "we met", false "it didn’t happen", null if they said nothing.',
  })
  said: boolean | null;

  @Field(() => NoShowState, {
    description:
      'COUNTED: a no-show the room or an organiser recorded and they did not contradict; DISPUTED: they did.',
  })
  noShow: NoShowState;

  userId: string;

  static from(row: AttendanceReportPersonRow): AttendanceReportPerson {
    return Object.assign(new AttendanceReportPerson(), {
      role: row.role,
      turnedUp: row.turnedUp,
      minutesInRoom: row.minutesInRoom,
      said: row.said,
      noShow: row.noShow,
      userId: row.userId,
    });
  }
}

@ObjectType()
export class AttendanceReportMeeting {
  @Field(() => Meeting, {
    description: 'Its status and outcomeSource say whether it was held and how that was decided.',
  })
  meeting: Meeting;

  @Field({ description: 'Its people disagree on whether it took place (and no organiser has decided).' })
  disputed: boolean;

  @Field(() => [AttendanceReportPerson])
  people: AttendanceReportPerson[];

  static from(row: AttendanceReportMeetingRow): AttendanceReportMeeting {
    return Object.assign(new AttendanceReportMeeting(), {
      meeting: Meeting.from(row.meeting),
      disputed: row.disputed,
      people: row.people.map(AttendanceReportPerson.from),
    });
  }
}

@ObjectType({ description: 'Who met, who did not turn up, and how each outcome was decided, for one session.' })
export class SessionAttendanceReport {
  @Field(() => ID)
  sessionId: string;

  @Field(() => Int, { description: 'Meetings held (COMPLETED).' })
  held: number;

  @Field(() => Int, { description: 'Meetings not held (NO_SHOW).' })
  notHeld: number;

  @Field(() => Int, { description: 'Meetings still without an outcome.' })
  awaiting: number;

  @Field(() => Int)
  disputed: number;

  @Field(() => Int, { description: 'People in the meetings that have an outcome.' })
  peopleDue: number;

  @Field(() => Int, { description: 'Undisputed no-shows among them.' })
  noShows: number;

  @Field(() => Int, { description: 'No-shows the person said were not.' })
  noShowsDisputed: number;

  @Field(() => Float, { nullable: true, description: 'noShows ÷ peopleDue; null while no meeting has an outcome.' })
  noShowRate: number | null;

  @Field(() => [AttendanceReportMeeting])
  meetings: AttendanceReportMeeting[];

  static from(data: AttendanceReportData): SessionAttendanceReport {
    return Object.assign(new SessionAttendanceReport(), {
      ...data,
      noShowRate: data.peopleDue === 0 ? null : Math.round((data.noShows / data.peopleDue) * 1000) / 1000,
      meetings: data.meetings.map(AttendanceReportMeeting.from),
    });
  }
}
