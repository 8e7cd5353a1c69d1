import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** Each weight in 0–10 (checked by the matching library: WEIGHT_OUT_OF_RANGE); omitted ones stay. */
@InputType()
export class ScheduleWeightsInput {
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() conditionOverlap?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() region?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() language?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() offersNeeds?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() novelty?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() equity?: number;
}

@InputType()
export class UpdateScheduleSettingsInput {
  @Field(() => ID)
  @IsUUID()
  sessionId: string;

  @Field(() => ScheduleWeightsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleWeightsInput)
  weights?: ScheduleWeightsInput;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  @ArrayMaxSize(7)
  underServedRegions?: string[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  recommendationsPerPerson?: number;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  lowerRepeatedNoShows?: boolean;
}

@ArgsType()
export class RecommendationsArgs {
  @Field(() => ID)
  @IsUUID()
  sessionId: string;

  @Field(() => Int, { defaultValue: 10 })
  @IsInt()
  @Min(1)
  @Max(50)
  limit: number;
}
