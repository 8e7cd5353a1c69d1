import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { InterpreterLanguage } from '../interpretation';

@InputType()
export class MuteTrackInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  /** The person whose track it is. */
  @Field(() => ID)
  @IsUUID()
  userId: string;

  /** The LiveKit track sid (from sessionLiveRooms … tracks). */
  @Field(() => ID)
  @IsString()
  @Length(1, 64)
  trackSid: string;

  @Field({ defaultValue: true })
  @IsBoolean()
  muted: boolean;
}

@InputType()
export class RoomParticipantInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field(() => ID)
  @IsUUID()
  userId: string;
}

@InputType()
export class DisputeNoShowInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  /** Optional, for the organisers: why it was not a no-show. */
  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(500)
  reason: string;
}

@InputType()
export class AssignInterpreterInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  /** A person with the interpreter role, not one of the meeting's people. */
  @Field(() => ID)
  @IsUUID()
  userId: string;

  /** What they interpret into: the channels they publish (cy, en) and/or BSL (bsl, on video). */
  @Field(() => [InterpreterLanguage])
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsEnum(InterpreterLanguage, { each: true })
  languages: InterpreterLanguage[];
}
