import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDate, IsOptional, IsString, MaxLength } from 'class-validator';

export const MAX_FILTER_SESSIONS = 100;

/** Which sessions the dashboard covers; every field narrows the set, omitted fields do not. */
@InputType()
export class ImpactFilterInput {
  @Field(() => [ID], { nullable: true, description: `At most ${MAX_FILTER_SESSIONS}.` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_SESSIONS)
  @IsString({ each: true })
  @MaxLength(36, { each: true })
  sessionIds?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'Sessions starting at or after this instant.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Sessions starting before this instant.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date | null;

  @Field(() => String, { nullable: true, description: 'REGION code: sessions held for that health board.' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'CONDITION code: sessions whose theme includes it.' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  condition?: string | null;
}
