import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsString, IsUUID, Length } from 'class-validator';

@InputType()
export class MuteTrackInput {
  @Field(() => ID) @IsUUID()
  meetingId: string;

  /** The person whose track it is. */
  @Field(() => ID) @IsUUID()
  userId: string;

  /** The LiveKit track sid (from sessionLiveRooms … tracks). */
  @Field(() => ID) @IsString() @Length(1, 64)
  trackSid: string;

  @Field({ defaultValue: true }) @IsBoolean()
  muted: boolean;
}

@InputType()
export class RoomParticipantInput {
  @Field(() => ID) @IsUUID()
  meetingId: string;

  @Field(() => ID) @IsUUID()
  userId: string;
}
