import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OrganisationKind } from '../../accounts/accounts.enums';
import { FollowUpKind, FollowUpStatus } from '../followups.enums';
import { NameText } from '../../../core/graphql/name-text';

/** Not only blanks. */
const NOT_BLANK = /\S/;

@InputType()
export class RecordFollowUpActionInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field(() => FollowUpKind)
  @IsEnum(FollowUpKind)
  kind: FollowUpKind;

  @Field({ description: 'What will happen, in a sentence or two. No patient data.' })
  @IsString()
  @Length(1, 500)
  @Matches(NOT_BLANK)
  description: string;

  @Field(() => ID, { description: 'One of the meeting’s participants.' })
  @IsUUID()
  ownerId: string;

  @Field({ description: 'A calendar date in Europe/London, YYYY-MM-DD; today or later.' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dueOn: string;

  @Field(() => OrganisationKind, {
    nullable: true,
    description: 'REFERRAL_ROUTE only (required there): who will refer.',
  })
  @IsOptional()
  @IsEnum(OrganisationKind)
  referringOrganisationKind?: OrganisationKind;

  @Field(() => String, {
    nullable: true,
    description: 'REFERRAL_ROUTE only: the referring team, e.g. “discharge team”.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  @Matches(NOT_BLANK)
  referringTeam?: string;
}

@InputType()
export class ChangeFollowUpStatusInput {
  @Field(() => ID)
  @IsUUID()
  actionId: string;

  @Field(() => FollowUpStatus)
  @IsEnum(FollowUpStatus)
  status: FollowUpStatus;

  @Field(() => String, { nullable: true, description: 'A short note on the change. No patient data.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

@InputType()
export class ReassignFollowUpActionInput {
  @Field(() => ID)
  @IsUUID()
  actionId: string;

  @Field(() => ID, { description: 'Another of the meeting’s participants.' })
  @IsUUID()
  ownerId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

@InputType()
export class EvidenceMethodInput {
  @Field()
  @IsString()
  @Length(1, 160)
  @Matches(NOT_BLANK)
  @NameText()
  title: string;

  @Field({ description: 'How impact is evidenced locally, in the practitioner’s own words. No patient data.' })
  @IsString()
  @Length(1, 2000)
  @Matches(NOT_BLANK)
  description: string;

  @Field(() => [String], { defaultValue: [], description: 'CONDITION codes.' })
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  @ArrayMaxSize(30)
  conditionCodes: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'ART_FORM codes; omitted means the practitioner’s profile’s art forms.',
  })
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  @ArrayMaxSize(30)
  artFormCodes?: string[];

  @Field({ description: 'Shown in the evidence library to anyone signed in.' })
  @IsBoolean()
  shared: boolean;
}

@InputType()
export class GiveMeetingFeedbackInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field(() => Int, { description: '1 (not useful) to 5 (very useful).' })
  @IsInt()
  @Min(1)
  @Max(5)
  usefulness: number;

  @Field(() => String, { nullable: true, description: 'Seen by the session’s organisers only. No patient data.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;

  @Field(() => EvidenceMethodInput, {
    nullable: true,
    description: 'Practitioners: how they evidence impact, optionally.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => EvidenceMethodInput)
  evidence?: EvidenceMethodInput;
}

@ArgsType()
export class EvidenceLibraryArgs {
  @Field(() => String, { nullable: true, description: 'A CONDITION code.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  condition?: string;

  @Field(() => String, { nullable: true, description: 'An ART_FORM code.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  artForm?: string;

  @Field(() => Int, { defaultValue: 20 })
  @IsInt()
  @Min(1)
  @Max(50)
  first: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}

@ArgsType()
export class MyFollowUpActionsArgs {
  @Field(() => Int, { defaultValue: 100 })
  @IsInt()
  @Min(1)
  @Max(200)
  first: number;
}
