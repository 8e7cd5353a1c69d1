import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { AccessNeedsInput } from '../../access/access.models';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  ValidateNested,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsOmittable } from '../../../core/graphql/validators';
import { AcceptPlacement, RegistrationRole, RequestDirection, RequestStatus } from '../booking.enums';

@InputType()
export class RegisterInput {
  @Field(() => ID)
  @IsUUID()
  sessionId: string;

  @Field(() => RegistrationRole)
  @IsEnum(RegistrationRole)
  role: RegistrationRole;

  /** Slots the person is free in; omitted means every non-break slot. */
  @Field(() => [Int], { nullable: true })
  @IsOptional()
  @IsInt({ each: true })
  @ArrayMaxSize(400)
  availableSlotIndexes?: number[];
}

@InputType()
export class JoinWaitingListInput {
  @Field(() => ID)
  @IsUUID()
  sessionId: string;

  /** Slots the person is free in (registered with them when they get a place); omitted means every non-break slot. */
  @Field(() => [Int], { nullable: true })
  @IsOptional()
  @IsInt({ each: true })
  @ArrayMaxSize(400)
  availableSlotIndexes?: number[];
}

@InputType()
export class UpdateRegistrationInput {
  @Field(() => ID)
  @IsUUID()
  sessionId: string;

  @Field(() => RegistrationRole, { nullable: true })
  @IsOmittable()
  @IsEnum(RegistrationRole)
  role?: RegistrationRole;

  @Field(() => [Int], { nullable: true })
  @IsOmittable()
  @IsInt({ each: true })
  @ArrayMaxSize(400)
  availableSlotIndexes?: number[];
}

@InputType()
export class OfferSlotsInput {
  @Field(() => ID)
  @IsUUID()
  sessionId: string;

  @Field(() => [Int])
  @IsInt({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(400)
  slotIndexes: number[];

  /** 1 = one-to-one; more = a group consultation of up to this many guests. */
  @Field(() => Int, { defaultValue: 1 })
  @IsInt()
  @Min(1)
  @Max(50)
  seats: number;
}

@InputType()
export class SendMeetingRequestInput {
  @Field(() => ID)
  @IsUUID()
  sessionId: string;

  @Field(() => ID)
  @IsUUID()
  toUserId: string;

  /** Someone (typically a link worker) invited to join as a third party. */
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  thirdPartyId?: string;

  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(1000)
  message: string;

  @Field({ defaultValue: false, description: 'Extra time: the meeting takes two consecutive slots.' })
  @IsBoolean()
  extraTime: boolean;

  /** The sender's access needs for the meeting (pre-filled from their profile), with consent. */
  @Field(() => AccessNeedsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AccessNeedsInput)
  accessNeeds?: AccessNeedsInput | null;
}

@InputType()
export class AcceptMeetingRequestInput {
  @Field(() => ID)
  @IsUUID()
  requestId: string;

  @Field(() => AcceptPlacement)
  @IsEnum(AcceptPlacement)
  placement: AcceptPlacement;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  slotId?: string;

  /** The receiver's access needs for the meeting (pre-filled from their profile), with consent. */
  @Field(() => AccessNeedsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AccessNeedsInput)
  accessNeeds?: AccessNeedsInput | null;
}

@ArgsType()
export class MyRequestsArgs {
  @Field(() => RequestDirection)
  @IsEnum(RequestDirection)
  direction: RequestDirection;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  @Field(() => RequestStatus, { nullable: true })
  @IsOptional()
  @IsEnum(RequestStatus)
  status?: RequestStatus;
}

@ArgsType()
export class AgendaArgs {
  @Field({ nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @Field({ defaultValue: false })
  @IsBoolean()
  includeCancelled: boolean;
}

@InputType()
export class LeaveSessionInput {
  @Field(() => ID)
  @IsUUID()
  sessionId: string;

  /** Told to the others in the meetings that are cancelled or lose a guest. */
  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(500)
  reason: string;
}

@InputType()
export class CancelMeetingInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(500)
  reason: string;
}

@InputType()
export class ReportMeetingOutcomeInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  /** true: "we met" (anywhere: video, phone, in person); false: "it didn't happen". */
  @Field()
  @IsBoolean()
  happened: boolean;
}

@InputType()
export class SetMeetingOutcomeInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field()
  @IsBoolean()
  held: boolean;
}

@InputType()
export class RescheduleMeetingInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field(() => ID)
  @IsUUID()
  slotId: string;
}

@InputType()
export class DeclineMeetingRequestInput {
  @Field(() => ID)
  @IsUUID()
  requestId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  reason?: string;
}
