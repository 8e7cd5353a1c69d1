import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsInt, IsUUID, Max, Min } from 'class-validator';
import { ExchangeKind, MAX_PREPARATION_MINUTES } from '../reciprocity.enums';

const KINDS = Object.values(ExchangeKind).length;

@InputType()
export class RecordExchangeInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field(() => [ExchangeKind], { description: 'What the caller gave (may be empty).' })
  @IsEnum(ExchangeKind, { each: true })
  @ArrayMaxSize(KINDS)
  gave: ExchangeKind[];

  @Field(() => [ExchangeKind], { description: 'What the caller got (may be empty).' })
  @IsEnum(ExchangeKind, { each: true })
  @ArrayMaxSize(KINDS)
  got: ExchangeKind[];

  @Field(() => Int, {
    description: `The caller's own time added to what they gave (preparation, writing up): 0–${MAX_PREPARATION_MINUTES} minutes.`,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_PREPARATION_MINUTES)
  preparationMinutes: number;
}
