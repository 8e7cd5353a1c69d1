import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateTime } from 'luxon';
import { SESSION_ZONE } from '../../events/slot-grid';
import {
  AcceptPlacement,
  MeetingSource,
  MeetingStatus,
  OutcomeSource,
  ParticipantRole,
  RegistrationRole,
  RequestDirection,
  RequestStatus,
  ThirdPartyStatus,
} from '../booking.enums';
import { MeetingRequestEntity } from '../entities/meeting-request.entity';
import { MeetingEntity } from '../entities/meeting.entity';
import { RegistrationEntity } from '../entities/registration.entity';
import { OfferAvailability } from '../offers.repository';

registerEnumType(RegistrationRole, { name: 'RegistrationRole' });
registerEnumType(MeetingSource, { name: 'MeetingSource' });
registerEnumType(MeetingStatus, { name: 'MeetingStatus' });
registerEnumType(ParticipantRole, { name: 'ParticipantRole' });
registerEnumType(OutcomeSource, { name: 'OutcomeSource', description: 'How a meeting’s outcome was decided.' });
registerEnumType(RequestStatus, { name: 'RequestStatus' });
registerEnumType(ThirdPartyStatus, { name: 'ThirdPartyStatus' });
registerEnumType(AcceptPlacement, { name: 'AcceptPlacement' });
registerEnumType(RequestDirection, { name: 'RequestDirection' });

const london = (instant: Date) =>
  DateTime.fromJSDate(instant, { zone: SESSION_ZONE }).toISO({ suppressMilliseconds: true })!;

@ObjectType()
export class Registration {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  sessionId: string;

  @Field(() => RegistrationRole)
  role: RegistrationRole;

  @Field()
  registeredAt: Date;

  userId: string;

  static from(entity: RegistrationEntity): Registration {
    return Object.assign(new Registration(), {
      id: entity.id,
      sessionId: entity.sessionId,
      role: entity.role,
      registeredAt: entity.createdAt,
      userId: entity.userId,
    });
  }
}

@ObjectType()
export class Offer {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  sessionId: string;

  @Field(() => Int)
  seats: number;

  @Field(() => Int, { description: 'Seats still free; 0 when the host is held elsewhere in that slot.' })
  seatsLeft: number;

  slotId: string;
  hostId: string;

  static from({ offer, guests, hostBusyElsewhere }: OfferAvailability): Offer {
    return Object.assign(new Offer(), {
      id: offer.id,
      sessionId: offer.sessionId,
      seats: offer.seats,
      seatsLeft: hostBusyElsewhere ? 0 : Math.max(0, offer.seats - guests),
      slotId: offer.slotId,
      hostId: offer.hostId,
    });
  }
}

@ObjectType()
export class MeetingParticipant {
  @Field(() => ParticipantRole)
  role: ParticipantRole;

  @Field()
  confirmed: boolean;

  userId: string;
}

@ObjectType()
export class Meeting {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  sessionId: string;

  @Field(() => MeetingStatus)
  status: MeetingStatus;

  @Field(() => MeetingSource)
  source: MeetingSource;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field({ description: 'Start in Europe/London wall time, ISO 8601 with offset.' })
  startsAtLondon: string;

  @Field({ description: 'End in Europe/London wall time, ISO 8601 with offset.' })
  endsAtLondon: string;

  @Field(() => String, { nullable: true })
  cancelReason: string | null;

  @Field(() => ID, { nullable: true, description: 'The meeting this one replaced when it was rescheduled.' })
  rescheduledFromId: string | null;

  @Field(() => Int, { description: 'Increases on every change (calendar SEQUENCE).' })
  sequence: number;

  @Field(() => OutcomeSource, {
    nullable: true,
    description: 'How the outcome (COMPLETED / NO_SHOW) was decided; null while there is none.',
  })
  outcomeSource: OutcomeSource | null;

  @Field({ description: "Extra time: the meeting takes its slot and the next one (endsAt is the second slot's end)." })
  extraTime: boolean;

  slotId: string;
  hostId: string;

  static from(entity: MeetingEntity): Meeting {
    return Object.assign(new Meeting(), {
      id: entity.id,
      sessionId: entity.sessionId,
      status: entity.status,
      source: entity.source,
      startsAt: entity.startsAt,
      endsAt: entity.endsAt,
      extraTime: entity.extraSlotId !== null && entity.extraSlotId !== undefined,
      startsAtLondon: london(entity.startsAt),
      endsAtLondon: london(entity.endsAt),
      cancelReason: entity.cancelReason,
      rescheduledFromId: entity.rescheduledFromId,
      sequence: entity.sequence,
      outcomeSource: entity.outcomeSource ?? null,
      slotId: entity.slotId,
      hostId: entity.hostId,
    });
  }
}

@ObjectType({ description: 'A participant’s word on whether the meeting took place.' })
export class MeetingOutcomeReport {
  @Field({ description: 'true: "we met"; false: "it didn’t happen".' })
  happened: boolean;

  @Field()
  reportedAt: Date;

  userId: string;
}

@ObjectType()
export class MeetingRequest {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  sessionId: string;

  @Field()
  message: string;

  @Field(() => RequestStatus)
  status: RequestStatus;

  @Field(() => ThirdPartyStatus, { nullable: true })
  thirdPartyStatus: ThirdPartyStatus | null;

  @Field({ description: 'Accepted with the slot left to the organiser’s auto-schedule.' })
  awaitingSchedule: boolean;

  @Field({ description: 'The sender asked for extra time: the meeting takes two consecutive slots.' })
  extraTime: boolean;

  @Field(() => ID, { nullable: true })
  meetingId: string | null;

  @Field(() => String, { nullable: true })
  declineReason: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  respondedAt: Date | null;

  fromUserId: string;
  toUserId: string;
  thirdPartyId: string | null;

  static from(entity: MeetingRequestEntity): MeetingRequest {
    return Object.assign(new MeetingRequest(), {
      id: entity.id,
      sessionId: entity.sessionId,
      message: entity.message,
      status: entity.status,
      thirdPartyStatus: entity.thirdPartyStatus,
      awaitingSchedule: entity.awaitingSchedule,
      extraTime: entity.extraTime,
      meetingId: entity.meetingId,
      declineReason: entity.declineReason,
      createdAt: entity.createdAt,
      respondedAt: entity.respondedAt,
      fromUserId: entity.fromUserId,
      toUserId: entity.toUserId,
      thirdPartyId: entity.thirdPartyId,
    });
  }
}
